import type { ApiInput, ApiOutput } from '../../../shared/api/routes'
import {
  premiumRecordsRoutes,
  type DirectDebitSaved,
  type PremiumRecordsPassThrough,
} from '../../../shared/ipc/premium-records'
import type { BackendClient } from '../backend/backend-client'
import type { AuthService } from './auth-service'
import { saveApprovedFile, type ApprovedFileSaveDeps } from './export/save-approved-file'

type RouteOf<K extends PremiumRecordsPassThrough> = (typeof premiumRecordsRoutes)[K]

/** What the service needs of the export control (C-21): the policy, the save dialog, the OS check, the writer. */
export type DirectDebitSaveDeps = ApprovedFileSaveDeps

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
    const saved = await saveApprovedFile(this.files, {
      what: 'directDebit',
      requestId,
      policyMessage: 'この端末からは口座振替依頼データを保存できません（端末ポリシー）',
      fetch: () =>
        this.auth.authenticated((token) => this.backend.call('premiums.directDebitDownload', { requestId }, token)),
    })
    return {
      requestId: saved.file.requestId,
      transferDate: saved.file.transferDate,
      fileName: saved.fileName,
      destination: saved.destination,
      fileSha256: saved.fileSha256,
      count: saved.file.count,
      total: saved.file.total,
    }
  }
}
