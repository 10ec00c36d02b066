import { randomUUID } from 'node:crypto'
import { basename } from 'node:path'
import type { ApiInput, ApiOutput } from '../../../shared/api/routes'
import {
  UPDATE_RESULT_FILE_MAX_BYTES,
  type KokuhorenPassThrough,
  type KokuhorenSendFileSaved,
  type UpdateResultImported,
} from '../../../shared/ipc/kokuhoren'
import { BackendError, type BackendClient } from '../backend/backend-client'
import type { AuthService } from './auth-service'
import { saveApprovedFile, type ApprovedFileSaveDeps } from './export/save-approved-file'

/** What the service needs of the export control (C-21): the policy, the save dialog, the OS check, the writer. */
export type KokuhorenFileSaveDeps = ApprovedFileSaveDeps

/** What the service needs of the platform to read an 更新結果 file: main's file dialog (never the renderer's) and a reader. */
export interface UpdateResultSource {
  /** The file the 給付担当 chose in the OS dialog, or null when cancelled. */
  chooseFile(): Promise<string | null>
  readFile(path: string): Promise<Uint8Array>
}

/**
 * 国保連連携: the monthly 受給者異動連絡票 (531) send — dry run, detail, list, the 監督者's sign-off (the server checks
 * the step-up and that the 監督者 is not the preparer) or rejection, commit — and the 更新結果 work list with its
 * resolution go to the server as they are, with the in-memory session token.
 *
 * The committed 531 file leaves through the export control (C-21) as the 口座振替依頼 file does: the terminal policy
 * must allow export, the file is fetched from the server (an audited read, refused before the commit), the
 * destination comes from the save dialog and is refused on a removable or network drive unless the policy allows it,
 * and the bytes are written unchanged as a new file (no ZIP: the 国保連's transmission reads the CP932 CSV). The
 * renderer learns only the name, destination and SHA-256.
 *
 * The 受給者情報更新結果情報 file is chosen in main's file dialog and read by main; its bytes pass through memory to
 * the server (which scans it, C-05) and are not kept.
 */
export class KokuhorenService {
  constructor(
    private readonly backend: Pick<BackendClient, 'call'>,
    private readonly auth: Pick<AuthService, 'authenticated'>,
    private readonly files: KokuhorenFileSaveDeps,
    private readonly source: UpdateResultSource,
  ) {}

  call<K extends KokuhorenPassThrough>(route: K, request: ApiInput<K>): Promise<ApiOutput<K>> {
    return this.auth.authenticated((token) => this.backend.call(route, request, token))
  }

  /** Saves a committed send's 531 file where the user chooses, if the export control allows it there. */
  async saveSendFile(sendId: number): Promise<KokuhorenSendFileSaved> {
    const saved = await saveApprovedFile(this.files, {
      what: 'kokuhoren:send',
      // The refusal names the send (no 持出申請: the 監督者 signed the send itself off).
      requestId: sendId,
      policyMessage: 'この端末からは受給者異動連絡票のファイルを保存できません（端末ポリシー）',
      fetch: () => this.auth.authenticated((token) => this.backend.call('kokuhoren.sendFile', { sendId }, token)),
    })
    if (saved.fileSha256 !== saved.file.sha256)
      throw new BackendError('internal', '保存したファイルのSHA-256がサーバの記録と一致しません。保存し直してください')
    return {
      sendId: saved.file.sendId,
      fileName: saved.fileName,
      destination: saved.destination,
      fileSha256: saved.fileSha256,
      serverSha256: saved.file.sha256,
      records: saved.file.records,
    }
  }

  /** Opens the file dialog, reads the 更新結果 file and imports it (one idempotency key per file read). */
  async importUpdateResults(): Promise<UpdateResultImported> {
    const path = await this.source.chooseFile()
    if (!path) throw new BackendError('invalidRequest', 'ファイルが選択されなかったため中止しました')
    const fileName = basename(path)
    let bytes: Uint8Array
    try {
      bytes = await this.source.readFile(path)
    } catch {
      throw new BackendError('invalidRequest', `${fileName} が読めません`)
    }
    if (bytes.length === 0) throw new BackendError('invalidRequest', `${fileName} は空のファイルです`)
    if (bytes.length > UPDATE_RESULT_FILE_MAX_BYTES)
      throw new BackendError(
        'invalidRequest',
        `${fileName} は大きすぎます（${UPDATE_RESULT_FILE_MAX_BYTES.toLocaleString('ja-JP')} バイトまで）`,
      )
    const result = await this.auth.authenticated((token) =>
      this.backend.call(
        'kokuhoren.importUpdateResults',
        { fileName, contentBase64: Buffer.from(bytes).toString('base64'), idempotencyKey: randomUUID() },
        token,
      ),
    )
    return { fileName, result }
  }
}
