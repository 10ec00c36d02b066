import type { ApiInput, ApiOutput } from '../../../shared/api/routes'
import { noticeKindLabels, type NoticeIssuance } from '../../../shared/api/notices'
import type { PrintRequest } from '../../../shared/api/print'
import type {
  NoticeBatchCount,
  NoticeBatchCountRequest,
  PremiumPassThrough,
  PrintedNotice,
  PrintedNoticeBatch,
  PrintNoticeBatchRequest,
  PrintNoticeRequest,
} from '../../../shared/ipc/premiums'
import { BackendError } from '../backend/backend-client'
import type { BackendClient } from '../backend/backend-client'
import type { AuthService } from './auth-service'

/** The form name (print row, printer job title) of a batch print of a committed 賦課バッチ. */
export const NOTICE_BATCH_FORM = '保険料通知書（一括）'

/** The form of a single print: the 通知書 it holds, or 納付書 when only the slips were printed. */
function noticeForm(issuances: readonly NoticeIssuance[]): string {
  const notice = issuances.find((i) => i.kind !== 'paymentSlip')
  return noticeKindLabels[notice?.kind ?? 'paymentSlip']
}

const personsOf = (issuances: readonly NoticeIssuance[]) => [...new Set(issuances.map((i) => i.personId))]

/**
 * 賦課 (premiums): the 住民税課税情報 intake, a person's assessments (an audited personal-data read on the server), the
 * (re)assessment of a person's year and the batches — dry run, the 監督者's sign-off, the commit in chunks. Every
 * call goes to the server as it is, with the in-memory session token: the server checks the permission, 支援措置,
 * four eyes and the step-up, and audits. Nothing of it is kept on the terminal (no cache, no file).
 *
 * The 保険料通知書 (決定・変更通知書, 納付書) are fetched here and handed to the print control (C-28) as RetentionService
 * does with its report: the PDF never reaches the renderer, nor the terminal's disk.
 */
export class PremiumService {
  constructor(
    private readonly backend: Pick<BackendClient, 'call'>,
    private readonly auth: Pick<AuthService, 'authenticated'>,
    private readonly printing: { print(req: PrintRequest): Promise<{ ok: true }> },
  ) {}

  call<K extends PremiumPassThrough | 'premiums.noticeIssuances'>(
    route: K,
    request: ApiInput<K>,
  ): Promise<ApiOutput<K>> {
    return this.auth.authenticated((token) => this.backend.call(route, request, token))
  }

  /** One version's 通知書 (with its 納付書) or only its 納付書: issued (and recorded) by the server, then printed. */
  async printNotice(request: PrintNoticeRequest): Promise<PrintedNotice> {
    const { printer, ...issue } = request
    const issued = await this.auth.authenticated((token) => this.backend.call('premiums.issueNotice', issue, token))
    const form = noticeForm(issued.issuances)
    // The print row names the person whose notice it is (C-28), as the server's issuance audit does (C-08).
    await this.printing.print({
      form,
      printer,
      personIds: personsOf(issued.issuances),
      document: { kind: 'pdf', base64: issued.pdfBase64 },
    })
    const first = issued.issuances[0]
    const of = first ? `（${first.fiscalYear}年度 第${first.version}版）` : ''
    return { title: `${form}${of}`, printer, pages: issued.pages, issuances: issued.issuances }
  }

  /** The dry run of a committed run's batch print: what would be printed; nothing is printed or recorded. */
  async noticeBatchCount(request: NoticeBatchCountRequest): Promise<NoticeBatchCount> {
    const { runId, withSlips, idempotencyKey } = request
    const res = await this.auth.authenticated((token) =>
      this.backend.call('premiums.issueNoticeBatch', { runId, withSlips, idempotencyKey, dryRun: true }, token),
    )
    return { runId, counts: res.counts }
  }

  /** One page of a committed run's notices: issued as one PDF (cover page first) by the server, then printed. */
  async printNoticeBatch(request: PrintNoticeBatchRequest): Promise<PrintedNoticeBatch> {
    const { printer, runId, page = 1, withSlips, idempotencyKey } = request
    const res = await this.auth.authenticated((token) =>
      this.backend.call('premiums.issueNoticeBatch', { runId, page, withSlips, idempotencyKey, dryRun: false }, token),
    )
    if (res.pdfBase64 === null) throw new BackendError('conflict', '印刷する通知書がありません')
    // The persons of a batch are named by the server's audit row of the issuance (C-08, every person of the page)
    // and by the issuance ledger (batch id); the answer carries no person id, so the print row (C-28) records the
    // form and the printer only — as the 消去報告書 does.
    await this.printing.print({
      form: NOTICE_BATCH_FORM,
      printer,
      personIds: [],
      document: { kind: 'pdf', base64: res.pdfBase64 },
    })
    return {
      title: `${NOTICE_BATCH_FORM}（第${runId}号 ${page}回目）`,
      printer,
      runId,
      page,
      batchId: res.batchId,
      counts: res.counts,
      pages: res.pages,
      nextPage: res.nextPage,
    }
  }
}
