import type { ApiInput, ApiOutput } from '../../../shared/api/routes'
import type { PrintRequest } from '../../../shared/api/print'
import type { ArrearsPassThrough, PrintArrearsNoticeRequest, PrintedArrearsNotice } from '../../../shared/ipc/arrears'
import type { BackendClient } from '../backend/backend-client'
import type { AuthService } from './auth-service'

/**
 * 滞納管理・給付制限: the work list, the case and its records go to the server as they are, with the in-memory session
 * token — the server checks the permission, the person's area, four eyes and the step-up, and audits. The 催告書 and
 * 給付制限 notices are fetched here and handed to the print control (C-28): the PDF never reaches the renderer, nor
 * the terminal's disk.
 */
export class ArrearsService {
  constructor(
    private readonly backend: Pick<BackendClient, 'call'>,
    private readonly auth: Pick<AuthService, 'authenticated'>,
    private readonly printing: { print(req: PrintRequest): Promise<{ ok: true }> },
  ) {}

  call<K extends ArrearsPassThrough>(route: K, request: ApiInput<K>): Promise<ApiOutput<K>> {
    return this.auth.authenticated((token) => this.backend.call(route, request, token))
  }

  async printNotice(request: PrintArrearsNoticeRequest): Promise<PrintedArrearsNotice> {
    const { printer, ...notice } = request
    const pdf = await this.auth.authenticated((token) => this.backend.call('arrears.noticePdf', notice, token))
    const title = pdf.text[0] ?? '催告書'
    await this.printing.print({
      form: title,
      printer,
      personIds: [notice.personId],
      document: { kind: 'pdf', base64: pdf.contentBase64 },
    })
    return { title, printer, text: pdf.text }
  }
}
