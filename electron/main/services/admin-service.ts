import type { ApiInput, ApiOutput } from '../../../shared/api/routes'
import type { PrintAuditReportRequest, PrintedAuditReport } from '../../../shared/ipc/admin'
import type { PrintRequest } from '../../../shared/api/print'
import type { BackendClient } from '../backend/backend-client'
import type { AuthService } from './auth-service'

/** The routes the administration screens call as they are: the server decides, checks the permission and audits. */
export type AdminPassThrough =
  | 'user.list'
  | 'user.create'
  | 'user.lock'
  | 'user.unlock'
  | 'user.totpResetRequests'
  | 'user.requestTotpReset'
  | 'user.decideTotpReset'
  | 'designation.list'
  | 'designation.create'
  | 'designation.correct'
  | 'audit.report'
  | 'security.events'

/**
 * Administration (accounts and second-factor resets C-06, designations C-25, the audit analysis C-08, terminal
 * security events C-01). Nothing is kept on the terminal. The committee's PDF never reaches the renderer: main
 * fetches it and hands it to the print control (C-28: allowlisted printers only, recorded on the server first).
 */
export class AdminService {
  constructor(
    private readonly backend: Pick<BackendClient, 'call'>,
    private readonly auth: Pick<AuthService, 'authenticated'>,
    private readonly printing: { print(req: PrintRequest): Promise<{ ok: true }> },
  ) {}

  call<K extends AdminPassThrough>(route: K, request: ApiInput<K>): Promise<ApiOutput<K>> {
    return this.auth.authenticated((token) => this.backend.call(route, request, token))
  }

  async printAuditReport(request: PrintAuditReportRequest): Promise<PrintedAuditReport> {
    const { printer, ...period } = request
    const pdf = await this.auth.authenticated((token) => this.backend.call('audit.reportPdf', period, token))
    // The print row names the persons on the printout: the protected persons the PDF lists by internal id.
    await this.printing.print({
      form: pdf.title,
      printer,
      personIds: pdf.personIds.slice(0, 1_000),
      document: { kind: 'pdf', base64: pdf.pdfBase64 },
    })
    return { title: pdf.title, printer, rows: pdf.rows }
  }
}
