import type { ApiInput, ApiOutput } from '../../../shared/api/routes'
import type { PrintRequest } from '../../../shared/api/print'
import type { PrintedErasureReport, PrintErasureReportRequest } from '../../../shared/ipc/retention'
import type { BackendClient } from '../backend/backend-client'
import type { AuthService } from './auth-service'

/** The retention routes the screen calls as they are: the server decides, checks four eyes and the step-up, audits. */
export type RetentionPassThrough =
  'retention.runs' | 'retention.prepare' | 'retention.runPersons' | 'retention.approve' | 'retention.erase'

/** The form name of the print row and the printer's job title (shared/api/print.ts PrintForm$). */
export const ERASURE_REPORT_FORM = '消去報告書'

/**
 * Retention and erasure (control C-20): the dry run, the persons of a run, the 監督者's sign-off, the erasure, and the
 * 消去報告書. Nothing is kept on the terminal. The report's PDF never reaches the renderer: main fetches it and hands
 * it to the print control (C-28: allowlisted printers only, recorded on the server first).
 */
export class RetentionService {
  constructor(
    private readonly backend: Pick<BackendClient, 'call'>,
    private readonly auth: Pick<AuthService, 'authenticated'>,
    private readonly printing: { print(req: PrintRequest): Promise<{ ok: true }> },
  ) {}

  call<K extends RetentionPassThrough>(route: K, request: ApiInput<K>): Promise<ApiOutput<K>> {
    return this.auth.authenticated((token) => this.backend.call(route, request, token))
  }

  async printReport(request: PrintErasureReportRequest): Promise<PrintedErasureReport> {
    const { printer, runId } = request
    const pdf = await this.auth.authenticated((token) => this.backend.call('retention.report', { runId }, token))
    // The report names no resident (counts, dates and staff only): the print row lists no person.
    await this.printing.print({
      form: ERASURE_REPORT_FORM,
      printer,
      personIds: [],
      document: { kind: 'pdf', base64: pdf.pdfBase64 },
    })
    return { title: `${ERASURE_REPORT_FORM}（第${runId}号）`, printer, runId }
  }
}
