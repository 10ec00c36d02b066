import { noticeKindLabels } from '../../../shared/api/certification-decisions'
import type { PrintRequest } from '../../../shared/api/print'
import type { ApiInput, ApiOutput } from '../../../shared/api/routes'
import type {
  CertificationDecisionPassThrough,
  PrintDecisionNoticeRequest,
  PrintedCertificationDocument,
  PrintMeetingDocumentRequest,
} from '../../../shared/ipc/certification-decisions'
import type { BackendClient } from '../backend/backend-client'
import type { AuthService } from './auth-service'

/**
 * 要介護認定 decision: the 審査会事務局 work, the 二次判定 and the 法第36条 decision are passed to the server as they are,
 * with the in-memory session token (the server checks the permission and audits). The 通知書, the 審査会資料 and the
 * 議事録 are fetched here and handed to the print control (C-28): the PDF never reaches the renderer, nor the disk.
 */
export class CertificationDecisionService {
  constructor(
    private readonly backend: Pick<BackendClient, 'call'>,
    private readonly auth: Pick<AuthService, 'authenticated'>,
    private readonly printing: { print(req: PrintRequest): Promise<{ ok: true }> },
  ) {}

  call<K extends CertificationDecisionPassThrough>(route: K, request: ApiInput<K>): Promise<ApiOutput<K>> {
    return this.auth.authenticated((token) => this.backend.call(route, request, token))
  }

  /** A notice of a case (認定結果通知書, 却下通知書, 延期通知書): issued and recorded by the server, then printed. */
  async printNotice(request: PrintDecisionNoticeRequest): Promise<PrintedCertificationDocument> {
    const { printer, ...issue } = request
    const issued = await this.auth.authenticated((token) =>
      this.backend.call('certification.issueDecisionNotice', issue, token),
    )
    const form = noticeKindLabels[issued.noticeKind]
    // The print row names the person whose notice it is (C-28), as the server's issuance audit does (C-08).
    await this.printing.print({
      form,
      printer,
      personIds: [issued.personId],
      document: { kind: 'pdf', base64: issued.pdfBase64 },
    })
    return { title: form, printer, number: issued.number }
  }

  /** The masked 審査会資料 of a meeting (no names), printed. */
  async printBoardPacket(request: PrintMeetingDocumentRequest): Promise<PrintedCertificationDocument> {
    const { printer, meetingId } = request
    const doc = await this.auth.authenticated((token) =>
      this.backend.call('certification.boardPacket', { meetingId }, token),
    )
    // The packet is masked (no names); the server's audit row of the packet names the persons (C-08).
    await this.printing.print({
      form: '介護認定審査会資料',
      printer,
      personIds: [],
      document: { kind: 'pdf', base64: doc.pdfBase64 },
    })
    return { title: '介護認定審査会資料', printer, number: null }
  }

  /** The 議事録 of a meeting, printed. */
  async printMinutes(request: PrintMeetingDocumentRequest): Promise<PrintedCertificationDocument> {
    const { printer, meetingId } = request
    const doc = await this.auth.authenticated((token) =>
      this.backend.call('certification.minutes', { meetingId }, token),
    )
    await this.printing.print({
      form: '介護認定審査会議事録',
      printer,
      personIds: [],
      document: { kind: 'pdf', base64: doc.pdfBase64 },
    })
    return { title: '介護認定審査会議事録', printer, number: null }
  }
}
