/**
 * 保険料通知書 contract (docs/interfaces/notices.md): the 介護保険料額決定通知書（兼 特別徴収開始通知書・納入通知書）
 * of an assessment version, the 介護保険料額変更通知書 of a later version, the 納付書 of its 普通徴収 installments, a
 * batch of them as one PDF with a cover page, and the issuance ledger (who, when, which version, which kind, which
 * address).
 */
import { z } from 'zod'
import { IdempotencyKey$, IsoDate$, RecordId$ } from './primitives'

export const noticeKinds = ['decision', 'change', 'paymentSlip'] as const
export type NoticeKind = (typeof noticeKinds)[number]
export const noticeKindLabels: Record<NoticeKind, string> = {
  decision: '介護保険料額決定通知書',
  change: '介護保険料額変更通知書',
  paymentSlip: '納付書',
}

/** Where the notice was addressed: the 送付先 in force, the 住民票 address, or nowhere (支援措置: 窓口で交付). */
export const noticeAddressSources = ['mailingAddress', 'residence', 'withheld'] as const
export type NoticeAddressSource = (typeof noticeAddressSources)[number]

/**
 * At most this many assessment versions per batch print (one PDF per request): with up to nine 納付書 each, about a
 * thousand pages, so that the answer stays well inside what the client accepts in one response (8 MB).
 */
export const NOTICE_BATCH_LIMIT = 100

export const IssueNoticeRequest$ = z
  .object({
    assessmentId: RecordId$,
    /**
     * 'notice': the 決定通知書 for version 1, the 変更通知書 for a later version (with its 納付書 when `withSlips`);
     * 'paymentSlips': only the 納付書 of the 普通徴収 installments (再発行).
     */
    what: z.enum(['notice', 'paymentSlips']).default('notice'),
    withSlips: z.boolean().default(true),
    /**
     * The 期 (普通徴収 installment seq) whose 納付書 to print, e.g. a reprint of one lost slip; the others stay out of
     * the PDF and the ledger. Omitted: every 納期 of the version.
     */
    installmentSeqs: z
      .array(z.number().int().min(1, '期は1以上です').max(14, '期は14以下です'))
      .min(1, '印刷する期を1つ以上選んでください')
      .max(14)
      .refine((seqs) => new Set(seqs).size === seqs.length, '同じ期が重複しています')
      .optional(),
    idempotencyKey: IdempotencyKey$,
  })
  .strict()
export type IssueNoticeRequest = z.input<typeof IssueNoticeRequest$>

export const NoticeIssuance$ = z
  .object({
    id: z.number().int(),
    personId: z.number().int(),
    assessmentId: z.number().int(),
    fiscalYear: z.number().int(),
    version: z.number().int(),
    kind: z.enum(noticeKinds),
    /** The 期 of a 納付書, null for the 通知書. */
    installmentSeq: z.number().int().nullable(),
    /** The batch print it belongs to, null for a single issuance. */
    batchId: z.string().nullable(),
    addressSource: z.enum(noticeAddressSources),
    mailingAddressId: z.number().int().nullable(),
    recipientName: z.string(),
    postalCode: z.string().nullable(),
    address: z.string().nullable(),
    issuedOn: IsoDate$,
    issuedAt: z.string(),
    issuedBy: z.number().int().nullable(),
  })
  .strict()
export type NoticeIssuance = z.infer<typeof NoticeIssuance$>

export const IssuedNotice$ = z
  .object({
    issuances: z.array(NoticeIssuance$),
    pages: z.number().int(),
    fileName: z.string(),
    pdfBase64: z.string(),
  })
  .strict()
export type IssuedNotice = z.infer<typeof IssuedNotice$>

export const IssueNoticeBatchRequest$ = z
  .object({
    /** The versions to print, in this order … */
    assessmentIds: z
      .array(RecordId$)
      .min(1, '対象の賦課を1件以上指定してください')
      .max(NOTICE_BATCH_LIMIT, `一度に印刷できるのは${NOTICE_BATCH_LIMIT}件までです`)
      .optional(),
    /** … or every version a committed 賦課バッチ wrote, NOTICE_BATCH_LIMIT per `page` (in person order). */
    runId: RecordId$.optional(),
    page: z.number().int().min(1).default(1),
    withSlips: z.boolean().default(true),
    /** Count only: nothing is printed or recorded. */
    dryRun: z.boolean().default(false),
    idempotencyKey: IdempotencyKey$,
  })
  .strict()
  .refine((r) => (r.assessmentIds === undefined) !== (r.runId === undefined), {
    message: '対象の賦課（assessmentIds）か賦課バッチ（runId）のどちらか一方を指定してください',
    path: ['assessmentIds'],
  })
export type IssueNoticeBatchRequest = z.input<typeof IssueNoticeBatchRequest$>

export const NoticeBatchCounts$ = z
  .object({
    persons: z.number().int(),
    decision: z.number().int(),
    change: z.number().int(),
    paymentSlip: z.number().int(),
    /** Notices addressed to a 送付先. */
    toMailingAddress: z.number().int(),
    /** 支援措置: printed without an address, handed over at the counter. */
    withheld: z.number().int(),
  })
  .strict()
export type NoticeBatchCounts = z.infer<typeof NoticeBatchCounts$>

export const IssuedNoticeBatch$ = z
  .object({
    dryRun: z.boolean(),
    batchId: z.string().nullable(),
    counts: NoticeBatchCounts$,
    /** Pages of the PDF including the cover (0 for a dry run). */
    pages: z.number().int(),
    fileName: z.string().nullable(),
    pdfBase64: z.string().nullable(),
    /** For a run: the next page to print, null when this was the last. */
    nextPage: z.number().int().nullable(),
  })
  .strict()
export type IssuedNoticeBatch = z.infer<typeof IssuedNoticeBatch$>

export const NoticeIssuancesQuery$ = z.object({ personId: RecordId$ }).strict()
export type NoticeIssuancesQuery = z.input<typeof NoticeIssuancesQuery$>

export const NoticeIssuances$ = z.object({ personId: z.number().int(), issuances: z.array(NoticeIssuance$) }).strict()
export type NoticeIssuances = z.infer<typeof NoticeIssuances$>
