import type { ApiInput, ApiOutput } from '../../../shared/api/routes'
import type { PrintRequest } from '../../../shared/api/print'
import type {
  CollectionPassThrough,
  PrintedCollectionDocument,
  PrintRefundNoticeRequest,
  PrintStatusReportRequest,
} from '../../../shared/ipc/collection'
import type { BackendClient } from '../backend/backend-client'
import type { AuthService } from './auth-service'

export const REFUND_NOTICE_FORM = '介護保険料還付通知書'
export const STATUS_REPORT_FORM = '介護保険料収納状況'

/**
 * 収納台帳: a person's ledger, the 窓口 quote and payment, the 充当 run, the 還付 queue and decision, the 収納状況 go to
 * the server as they are, with the in-memory session token — it checks the permission, 支援措置, four eyes and the
 * step-up, and audits. The 還付通知書 and the 収納状況 PDF are fetched here and handed to the print control (C-28): the
 * PDF never reaches the renderer, nor the terminal's disk.
 */
export class CollectionService {
  constructor(
    private readonly backend: Pick<BackendClient, 'call'>,
    private readonly auth: Pick<AuthService, 'authenticated'>,
    private readonly printing: { print(req: PrintRequest): Promise<{ ok: true }> },
  ) {}

  call<K extends CollectionPassThrough>(route: K, request: ApiInput<K>): Promise<ApiOutput<K>> {
    return this.auth.authenticated((token) => this.backend.call(route, request, token))
  }

  async printRefundNotice(request: PrintRefundNoticeRequest): Promise<PrintedCollectionDocument> {
    const { proposalId, printer } = request
    const file = await this.auth.authenticated((token) =>
      this.backend.call('collection.refundNotice', { proposalId }, token),
    )
    await this.printing.print({
      form: REFUND_NOTICE_FORM,
      printer,
      personIds: file.personIds,
      document: { kind: 'pdf', base64: file.contentBase64 },
    })
    return { title: `${REFUND_NOTICE_FORM}（還付 #${proposalId}）`, printer }
  }

  async printStatusReport(request: PrintStatusReportRequest): Promise<PrintedCollectionDocument> {
    const { printer, fiscalYear, asOf } = request
    const file = await this.auth.authenticated((token) =>
      this.backend.call('collection.statusReportFile', { fiscalYear, asOf: asOf ?? null, format: 'pdf' }, token),
    )
    await this.printing.print({
      form: STATUS_REPORT_FORM,
      printer,
      personIds: [],
      document: { kind: 'pdf', base64: file.contentBase64 },
    })
    return { title: `${STATUS_REPORT_FORM}（${fiscalYear}年度）`, printer }
  }
}
