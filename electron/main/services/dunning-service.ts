import type { ApiInput, ApiOutput } from '../../../shared/api/routes'
import type { PrintRequest } from '../../../shared/api/print'
import type { DunningPassThrough, PrintDemandNoticesRequest, PrintedDemandNotices } from '../../../shared/ipc/dunning'
import type { BackendClient } from '../backend/backend-client'
import type { AuthService } from './auth-service'

/** The form name (print row, printer job title) of a run's 督促状. */
export const DEMAND_NOTICES_FORM = '介護保険料督促状（一括）'

/**
 * 督促・不納欠損: the runs (dry run, the 監督者's sign-off, the commit) and the 延滞金 quote go to the server as they
 * are, with the in-memory session token: the server checks the permission, four eyes and the step-up, and audits.
 * The 督促状 of a committed run are fetched here as one PDF and handed to the print control (C-28) as PremiumService
 * does with its batch print: the PDF never reaches the renderer, nor the terminal's disk.
 */
export class DunningService {
  constructor(
    private readonly backend: Pick<BackendClient, 'call'>,
    private readonly auth: Pick<AuthService, 'authenticated'>,
    private readonly printing: { print(req: PrintRequest): Promise<{ ok: true }> },
  ) {}

  call<K extends DunningPassThrough>(route: K, request: ApiInput<K>): Promise<ApiOutput<K>> {
    return this.auth.authenticated((token) => this.backend.call(route, request, token))
  }

  async printNotices(request: PrintDemandNoticesRequest): Promise<PrintedDemandNotices> {
    const { runId, printer } = request
    const res = await this.auth.authenticated((token) => this.backend.call('dunning.notices', { runId }, token))
    // The persons are named by the server's audit row of the print (C-08); the print row records form and printer.
    await this.printing.print({
      form: DEMAND_NOTICES_FORM,
      printer,
      personIds: [],
      document: { kind: 'pdf', base64: res.pdfBase64 },
    })
    return {
      title: `${DEMAND_NOTICES_FORM}（督促 第${runId}号）`,
      printer,
      runId,
      notices: res.notices,
      withheld: res.withheld,
      pages: res.pages,
    }
  }
}
