import { randomUUID } from 'node:crypto'
import { basename, join } from 'node:path'
import { MIGRATION_CHUNK_BYTES, type MigrationExtract } from '../../../shared/api/migration'
import type { ApiInput, ApiOutput } from '../../../shared/api/routes'
import type { MigrationPassThrough, MigrationUpload } from '../../../shared/ipc/migration'
import { ExtractManifest$, MANIFEST_FILE_NAME } from '../../../shared/migration/manifest'
import { BackendError, type BackendClient } from '../backend/backend-client'
import type { AuthService } from './auth-service'

/** What the service needs of the platform: the folder dialog (opened by main, never the renderer) and a file reader. */
export interface MigrationExtractSource {
  /** The folder the 移行担当 chose in the OS dialog, or null when cancelled. */
  chooseFolder(): Promise<string | null>
  readFile(path: string): Promise<Uint8Array>
}

interface PendingUpload {
  folderName: string
  /** Every chunk still to send, in order, with the idempotency key it keeps when sent again. */
  chunks: { fileName: string; index: number; bytes: Uint8Array; idempotencyKey: string }[]
  sent: number
  sentBytes: number
  totalBytes: number
  finishKey: string
}

/**
 * データ移行 section 1: main reads the legacy extract (manifest.json and the CSV files it lists) from the folder
 * chosen in its own dialog, begins the extract on the server and sends the files in chunks of MIGRATION_CHUNK_BYTES,
 * one chunk per call so the renderer can show the progress; a chunk sent again keeps its idempotency key. The bytes
 * stay in memory only until the extract is finished (or the user logs out). The report, the list, the acceptance
 * and the 外字 workbench go to the server as they are, with the in-memory session token.
 */
export class MigrationService {
  private readonly pending = new Map<number, PendingUpload>()

  constructor(
    private readonly backend: Pick<BackendClient, 'call'>,
    private readonly auth: Pick<AuthService, 'authenticated'>,
    private readonly source: MigrationExtractSource,
  ) {}

  call<K extends MigrationPassThrough>(route: K, request: ApiInput<K>): Promise<ApiOutput<K>> {
    return this.auth.authenticated((token) => this.backend.call(route, request, token))
  }

  /** Opens the folder dialog, reads the extract and begins it on the server. */
  async openExtract(): Promise<MigrationUpload> {
    const folder = await this.source.chooseFolder()
    if (!folder) throw new BackendError('invalidRequest', 'フォルダが選択されなかったため中止しました')
    let manifestText: string
    try {
      manifestText = new TextDecoder('utf-8', { fatal: true }).decode(
        await this.source.readFile(join(folder, MANIFEST_FILE_NAME)),
      )
    } catch {
      throw new BackendError('invalidRequest', `選択したフォルダに ${MANIFEST_FILE_NAME} が読めません`)
    }
    let parsed: unknown
    try {
      parsed = JSON.parse(manifestText)
    } catch {
      throw new BackendError('invalidRequest', `${MANIFEST_FILE_NAME} の形式が正しくありません`)
    }
    const manifest = ExtractManifest$.safeParse(parsed)
    if (!manifest.success) throw new BackendError('invalidRequest', `${MANIFEST_FILE_NAME} の形式が正しくありません`)
    const chunks: PendingUpload['chunks'] = []
    let totalBytes = 0
    for (const file of manifest.data.files) {
      if (basename(file.fileName) !== file.fileName)
        throw new BackendError('invalidRequest', `ファイル名が正しくありません: ${file.fileName}`)
      let bytes: Uint8Array
      try {
        bytes = await this.source.readFile(join(folder, file.fileName))
      } catch {
        throw new BackendError('invalidRequest', `${file.fileName} が読めません`)
      }
      totalBytes += bytes.length
      for (let index = 0; index * MIGRATION_CHUNK_BYTES < bytes.length; index++)
        chunks.push({
          fileName: file.fileName,
          index,
          bytes: bytes.subarray(index * MIGRATION_CHUNK_BYTES, (index + 1) * MIGRATION_CHUNK_BYTES),
          idempotencyKey: randomUUID(),
        })
    }
    const beginKey = randomUUID()
    const extract = await this.auth.authenticated((token) =>
      this.backend.call('migration.beginExtract', { manifest: manifestText, idempotencyKey: beginKey }, token),
    )
    const upload: PendingUpload = {
      folderName: basename(folder),
      chunks,
      sent: 0,
      sentBytes: 0,
      totalBytes,
      finishKey: randomUUID(),
    }
    this.pending.set(extract.id, upload)
    return this.view(extract, upload)
  }

  /** Sends the next chunk of an extract opened on this terminal. */
  async sendNextChunk(extractId: number): Promise<MigrationUpload> {
    const upload = this.upload(extractId)
    const chunk = upload.chunks[upload.sent]
    if (!chunk) throw new BackendError('invalidRequest', 'すべてのファイルを送信済みです')
    const extract = await this.auth.authenticated((token) =>
      this.backend.call(
        'migration.uploadChunk',
        {
          extractId,
          fileName: chunk.fileName,
          index: chunk.index,
          contentBase64: Buffer.from(chunk.bytes).toString('base64'),
          idempotencyKey: chunk.idempotencyKey,
        },
        token,
      ),
    )
    upload.sent++
    upload.sentBytes += chunk.bytes.length
    return this.view(extract, upload)
  }

  /** Finishes the extract: the server assembles, scans and validates it; main forgets the bytes. */
  async finishExtract(extractId: number): Promise<MigrationExtract> {
    const upload = this.upload(extractId)
    if (upload.sent < upload.chunks.length)
      throw new BackendError('invalidRequest', 'まだ送信していないファイルがあります')
    const extract = await this.auth.authenticated((token) =>
      this.backend.call('migration.finishExtract', { extractId, idempotencyKey: upload.finishKey }, token),
    )
    this.pending.delete(extractId)
    return extract
  }

  /** Forgets every extract being sent (logout). */
  clear(): void {
    this.pending.clear()
  }

  private upload(extractId: number): PendingUpload {
    const upload = this.pending.get(extractId)
    if (!upload)
      throw new BackendError('invalidRequest', 'この抽出データはこの端末で読み込まれていません。読み込み直してください')
    return upload
  }

  private view(extract: MigrationExtract, upload: PendingUpload): MigrationUpload {
    return {
      extract,
      folderName: upload.folderName,
      sentBytes: upload.sentBytes,
      totalBytes: upload.totalBytes,
      complete: upload.sent >= upload.chunks.length,
    }
  }
}
