import {
  NOTICE_BATCH_LIMIT,
  noticeKindLabels,
  type NoticeAddressSource,
  type NoticeBatchCounts,
  type NoticeIssuance,
  type NoticeKind,
} from '../../../../../shared/api/notices'
import type { AssessmentVersion } from '../../../../../shared/api/premiums'

/** The notice of a version: version 1 of a person's year gets the 決定通知書, every later one the 変更通知書. */
export const noticeKindOf = (version: Pick<AssessmentVersion, 'version'>): Exclude<NoticeKind, 'paymentSlip'> =>
  version.version === 1 ? 'decision' : 'change'

/** The button of a version: 「決定通知書を発行」 or 「変更通知書を発行」. */
export const noticeButtonLabel = (version: Pick<AssessmentVersion, 'version'>): string =>
  noticeKindOf(version) === 'decision' ? '決定通知書を発行' : '変更通知書を発行'

/** The 普通徴収 期 that get a 納付書 (amount above 0), in 期 order. */
export const directInstallments = (version: Pick<AssessmentVersion, 'installments'>) =>
  version.installments.filter((i) => i.method === 'direct' && i.amount > 0).sort((a, b) => a.seq - b.seq)

export const addressSourceLabels: Record<NoticeAddressSource, string> = {
  mailingAddress: '送付先',
  residence: '住民票の住所',
  withheld: '窓口で交付（支援措置）',
}

/** What an issuance was: the 帳票 and, for a 納付書, its 期. */
export const issuanceLabel = (i: Pick<NoticeIssuance, 'kind' | 'installmentSeq'>): string =>
  i.kind === 'paymentSlip' && i.installmentSeq !== null
    ? `${noticeKindLabels.paymentSlip}（第${i.installmentSeq}期）`
    : noticeKindLabels[i.kind]

/** The issuance history, newest first (the instant, then the ledger id). */
export const newestFirst = (issuances: readonly NoticeIssuance[]): NoticeIssuance[] =>
  [...issuances].sort((a, b) => (a.issuedAt === b.issuedAt ? b.id - a.id : a.issuedAt < b.issuedAt ? 1 : -1))

/** The print requests a run's notices take: NOTICE_BATCH_LIMIT versions each (one 通知書 per version). */
export const batchPrintRequests = (counts: Pick<NoticeBatchCounts, 'decision' | 'change'>): number =>
  Math.ceil((counts.decision + counts.change) / NOTICE_BATCH_LIMIT)

const n = (v: number) => v.toLocaleString('ja-JP')

/** The dry run in one sentence, for the confirmation before the batch print. */
export const batchCountsText = (c: NoticeBatchCounts): string =>
  `対象 ${n(c.persons)}人: 決定通知書 ${n(c.decision)}件・変更通知書 ${n(c.change)}件・納付書 ${n(c.paymentSlip)}枚` +
  `（送付先あて ${n(c.toMailingAddress)}件・窓口で交付 ${n(c.withheld)}件）`
