import { randomUUID } from 'node:crypto'
import { basename } from 'node:path'
import type { ApiInput, ApiOutput } from '../../../shared/api/routes'
import {
  PENSION_FILE_MAX_BYTES,
  pensionExchangeRoutes,
  type PensionExchangePassThrough,
  type PensionFileSaved,
  type PensionResultsFileImport,
  type PensionResultsFileImported,
  type PensionTargetsFileImport,
  type PensionTargetsFileImported,
} from '../../../shared/ipc/pension-exchange'
import { BackendError, type BackendClient } from '../backend/backend-client'
import type { AuthService } from './auth-service'
import { saveApprovedFile, type ApprovedFileSaveDeps } from './export/save-approved-file'

type RouteOf<K extends PensionExchangePassThrough> = (typeof pensionExchangeRoutes)[K]

/** Which file the 特別徴収 screen asks main to open: the 対象者情報 (Z11) or the 結果 (Z14). */
export type PensionFileKind = 'targets' | 'results'

/** What the service needs of the platform: the file dialog (opened by main, never the renderer) and a reader. */
export interface PensionFileSource {
  /** The file the clerk chose in the OS dialog, or null when cancelled. */
  chooseFile(kind: PensionFileKind): Promise<string | null>
  readFile(path: string): Promise<Uint8Array>
}

/** What the service needs of the export control (C-21): the policy, the save dialog, the OS check, the writer. */
export type PensionFileSaveDeps = ApprovedFileSaveDeps

const KIND_NAMES: Record<PensionFileKind, string> = { targets: '特別徴収対象者情報', results: '特別徴収結果' }

/**
 * 年金特別徴収 with the pension insurers: the list of files, the 依頼 / 各種異動 file and its 監督者's sign-off go to the
 * server as they are, with the in-memory session token — it checks the permission, four eyes and the step-up, and
 * audits every answer naming persons.
 *
 * A 対象者情報 or 結果 file is chosen in main's own file dialog and read by main: the renderer never holds its bytes,
 * and nothing of it is kept on the terminal after the request. The server scans it (C-05), validates the whole file
 * and answers with the Japanese line report when it refuses it.
 *
 * An approved 依頼 file leaves through the export control (C-21) as the 口座振替依頼 file does: the terminal policy must
 * allow export, the destination comes from the save dialog and is refused on a removable or network drive unless the
 * policy allows it, then the file is fetched from the server (an audited read: only an approved file is given) and
 * written as a new file. The bytes are the 経由機関's 500-byte format and go unchanged; the renderer learns only the
 * name, destination and SHA-256.
 */
export class PensionExchangeService {
  constructor(
    private readonly backend: Pick<BackendClient, 'call'>,
    private readonly auth: Pick<AuthService, 'authenticated'>,
    private readonly source: PensionFileSource,
    private readonly files: PensionFileSaveDeps,
  ) {}

  call<K extends PensionExchangePassThrough>(
    channel: K,
    request: ApiInput<RouteOf<K>>,
  ): Promise<ApiOutput<RouteOf<K>>> {
    const route: RouteOf<K> = pensionExchangeRoutes[channel]
    return this.auth.authenticated((token) => this.backend.call(route, request, token))
  }

  /** Opens the file dialog, reads the 対象者情報 file and imports it (or validates it only, on a dry run). */
  async importTargets(request: PensionTargetsFileImport): Promise<PensionTargetsFileImported> {
    const file = await this.read('targets')
    const result = await this.auth.authenticated((token) =>
      this.backend.call(
        'premiums.importWithholdingTargets',
        {
          fiscalYear: request.fiscalYear,
          fileName: file.fileName,
          contentBase64: file.contentBase64,
          dryRun: request.dryRun ?? false,
          idempotencyKey: randomUUID(),
        },
        token,
      ),
    )
    return { ...result, fileName: file.fileName }
  }

  /** Opens the file dialog, reads the 結果 file and imports it (or validates it only, on a dry run). */
  async importResults(request: PensionResultsFileImport): Promise<PensionResultsFileImported> {
    const file = await this.read('results')
    const result = await this.auth.authenticated((token) =>
      this.backend.call(
        'premiums.importWithholdingResults',
        {
          fileName: file.fileName,
          contentBase64: file.contentBase64,
          dryRun: request.dryRun ?? false,
          idempotencyKey: randomUUID(),
        },
        token,
      ),
    )
    return { ...result, fileName: file.fileName }
  }

  /** Saves an approved 依頼 / 各種異動 file where the user chooses, if the export control allows it there. */
  async saveFile(fileId: number): Promise<PensionFileSaved> {
    const saved = await saveApprovedFile(this.files, {
      what: 'pensionWithholding',
      requestId: fileId,
      policyMessage: 'この端末からは特別徴収の送付ファイルを保存できません（端末ポリシー）',
      fetch: () =>
        this.auth.authenticated((token) => this.backend.call('premiums.withholdingFileDownload', { fileId }, token)),
    })
    return {
      fileId: saved.file.fileId,
      fileName: saved.fileName,
      destination: saved.destination,
      fileSha256: saved.fileSha256,
      records: saved.file.records,
    }
  }

  private async read(kind: PensionFileKind): Promise<{ fileName: string; contentBase64: string }> {
    const path = await this.source.chooseFile(kind)
    if (!path) throw new BackendError('invalidRequest', 'ファイルが選択されなかったため中止しました')
    const fileName = basename(path)
    let bytes: Uint8Array
    try {
      bytes = await this.source.readFile(path)
    } catch {
      throw new BackendError('invalidRequest', `${KIND_NAMES[kind]}ファイル「${fileName}」が読めません`)
    }
    if (bytes.length === 0)
      throw new BackendError('invalidRequest', `${KIND_NAMES[kind]}ファイル「${fileName}」が空です`)
    if (bytes.length > PENSION_FILE_MAX_BYTES)
      throw new BackendError(
        'invalidRequest',
        `${KIND_NAMES[kind]}ファイル「${fileName}」が大きすぎます（上限 ${PENSION_FILE_MAX_BYTES / 1_000_000}MB）`,
      )
    return { fileName, contentBase64: Buffer.from(bytes).toString('base64') }
  }
}
