import { createHash } from 'node:crypto'
import { basename } from 'node:path'
import type { ApiInput, ApiOutput } from '../../../shared/api/routes'
import {
  premiumRecordsRoutes,
  type DirectDebitSaved,
  type PremiumRecordsPassThrough,
} from '../../../shared/ipc/premium-records'
import { BackendError, type BackendClient } from '../backend/backend-client'
import type { AuthService } from './auth-service'
import { checkDestination } from './export/destination'
import type { ExportServiceDeps } from './export/export-service'

type RouteOf<K extends PremiumRecordsPassThrough> = (typeof premiumRecordsRoutes)[K]

/** What the service needs of the export control (C-21): the policy, the save dialog, the OS check, the writer. */
export type DirectDebitSaveDeps = Pick<
  ExportServiceDeps,
  'policy' | 'chooseDestination' | 'classify' | 'writeFile' | 'onRefused'
>

/** Server answers that mean "this file may not leave" (as opposed to a network failure). */
const SERVER_REFUSALS = new Set(['forbidden', 'conflict', 'notFound', 'notAuthenticated', 'stepUpRequired'])

/**
 * 口座・口座振替 and 減免・徴収猶予: every call goes to the server as it is, with the in-memory session token — the
 * server checks the permission, 支援措置, four eyes (the 監督者 is never the preparer or recorder) and the step-up,
 * and audits every read. Nothing is kept on the terminal.
 *
 * The 口座振替依頼 file leaves through the export control (C-21) as other files do: the terminal policy must allow
 * export, the destination comes from the save dialog and is refused on a removable or network drive unless the policy
 * allows it, then the approved file is fetched from the server (an audited read: only an approved file is given) and
 * written as a new file. The bytes are the bank's 全銀協 format and go unchanged (no ZIP: the bank reads them); the
 * renderer learns only the name, destination and SHA-256.
 */
export class PremiumRecordsService {
  constructor(
    private readonly backend: Pick<BackendClient, 'call'>,
    private readonly auth: Pick<AuthService, 'authenticated'>,
    private readonly files: DirectDebitSaveDeps,
  ) {}

  call<K extends PremiumRecordsPassThrough>(channel: K, request: ApiInput<RouteOf<K>>): Promise<ApiOutput<RouteOf<K>>> {
    const route: RouteOf<K> = premiumRecordsRoutes[channel]
    return this.auth.authenticated((token) => this.backend.call(route, request, token))
  }

  /** Saves an approved 口座振替依頼 file where the user chooses, if the export control allows it there. */
  async saveDirectDebitFile(requestId: number): Promise<DirectDebitSaved> {
    const refuse = (reason: string, message: string) => {
      this.files.onRefused?.({ requestId, reason: `directDebit:${reason}`, message })
      return new BackendError('forbidden', message)
    }
    if (!this.files.policy.exportAllowed)
      throw refuse('policy', 'この端末からは口座振替依頼データを保存できません（端末ポリシー）')
    let file: ApiOutput<'premiums.directDebitDownload'>
    try {
      file = await this.auth.authenticated((token) =>
        this.backend.call('premiums.directDebitDownload', { requestId }, token),
      )
    } catch (error) {
      if (error instanceof BackendError && SERVER_REFUSALS.has(error.code))
        this.files.onRefused?.({ requestId, reason: `directDebit:server:${error.code}`, message: error.message })
      throw error
    }
    const destination = await this.files.chooseDestination(file.fileName)
    if (!destination) throw new BackendError('invalidRequest', '保存先が選択されなかったため中止しました')
    const verdict = checkDestination(await this.files.classify(destination), this.files.policy)
    if (!verdict.ok) throw refuse(`destination:${verdict.kind}`, verdict.message)
    const bytes = Buffer.from(file.contentBase64, 'base64')
    await this.files.writeFile(destination, bytes)
    return {
      requestId: file.requestId,
      transferDate: file.transferDate,
      fileName: basename(destination),
      destination,
      fileSha256: createHash('sha256').update(bytes).digest('hex'),
      count: file.count,
      total: file.total,
    }
  }
}
