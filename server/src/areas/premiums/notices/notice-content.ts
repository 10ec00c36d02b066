/**
 * What each notice says (pure): the 介護保険料額決定通知書（兼 特別徴収開始通知書・納入通知書） of an assessment
 * version, the 介護保険料額変更通知書 of a later version against the one before, and the 納付書 of each 普通徴収
 * installment — dates in 和暦, yen with separators, every sentence from the 文言マスタ (ref.noticeTexts, the wording
 * in force on the issue date).
 */
import { assessmentReasonLabels, type AssessmentVersion, type Installment } from '../../../../../shared/api/premiums'
import { formatWareki, type IsoDate } from '../../../../../shared/domain'
import { noticeTextOn, renderNoticeText, type MasterReader } from '../../../../../shared/masters/engine'
import type { WardNoticeSettings } from '../../../../../shared/masters/ward-parameters'
import { slipBarcode, type SlipBarcode } from './barcode'
import type { AddressBlock, NoticePageModel, NoticeSection, SlipPageModel } from './notice-pdf'

export const yen = (n: number) => `${n < 0 ? '−' : ''}${String(Math.abs(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`
/** 'YYYY-MM' as 令和8年7月. */
export const warekiMonth = (period: string) => formatWareki(`${period}-01` as IsoDate).replace(/1日$/, '')

export const methodLabel = (m: Installment['method']) => (m === 'withholding' ? '特別徴収' : '普通徴収')

/** Whom the notice is addressed to: a 送付先 or the 住民票 address, or nobody (支援措置: handed at the counter). */
export type NoticeRecipient =
  | { kind: 'address'; postalCode: string; address: string; recipientName: string; careOf: string | null }
  | { kind: 'withheld'; personName: string }

export function addressBlock(r: NoticeRecipient): AddressBlock {
  if (r.kind === 'withheld') return { postalCode: null, lines: ['（窓口で交付）'], recipient: r.personName }
  return { postalCode: r.postalCode, lines: [r.address, ...(r.careOf ? [r.careOf] : [])], recipient: r.recipientName }
}

export interface NoticeContext {
  texts: MasterReader
  issuedOn: IsoDate
  insurerName: string
  insuredNumber: string
  personName: string
  recipient: NoticeRecipient
}

const text = (ctx: NoticeContext, id: string, values: Record<string, string | number> = {}) => {
  const t = noticeTextOn(ctx.texts, id, ctx.issuedOn)
  return { heading: t.title, text: renderNoticeText(t, values) }
}

const stageText = (a: AssessmentVersion) =>
  a.intervals.length === 0
    ? '（賦課なし）'
    : a.intervals
        .map((i) => `第${i.stage}段階（${warekiMonth(i.fromMonth)}〜${warekiMonth(i.toMonth)}、${i.months}か月）`)
        .join('・')

const installmentRows = (a: AssessmentVersion) =>
  a.installments.map((i) => [
    `第${i.seq}期`,
    methodLabel(i.method),
    warekiMonth(i.period),
    `${yen(i.amount)}円`,
    i.method === 'withholding' ? `${warekiMonth(i.period)}の年金支払日` : formatWareki(i.dueDate),
  ])

const TABLE_HEAD = ['期別', '徴収方法', '年月', '保険料額', '納期限']
const TABLE_WIDTHS = [20, 26, 34, 34, 60]

/** The 決定通知書 (version 1) or the 変更通知書 (a later version, against `previous`). */
export function noticePage(
  ctx: NoticeContext,
  a: AssessmentVersion,
  previous: AssessmentVersion | null,
): { kind: 'decision' | 'change'; page: NoticePageModel } {
  const kind = previous ? ('change' as const) : ('decision' as const)
  const values = {
    fiscalYear: a.fiscalYear,
    stage: a.intervals.map((i) => i.stage).join('・') || '―',
    annualPremium: yen(a.annualAmount),
  }
  const lead = previous
    ? renderNoticeText(noticeTextOn(ctx.texts, 'premium.change', ctx.issuedOn), {
        ...values,
        reason: assessmentReasonLabels[a.reason],
      })
    : renderNoticeText(noticeTextOn(ctx.texts, 'premium.decision', ctx.issuedOn), values)
  const title = noticeTextOn(ctx.texts, previous ? 'premium.change' : 'premium.decision', ctx.issuedOn).title
  const sections: NoticeSection[] = []
  if (previous)
    sections.push(
      text(ctx, 'premium.change.difference', {
        oldAmount: yen(previous.annualAmount),
        newAmount: yen(a.annualAmount),
        difference: yen(a.annualAmount - previous.annualAmount),
      }),
    )
  if (a.overpaidAmount > 0) sections.push(text(ctx, 'premium.overpaid.note', { overpaid: yen(a.overpaidAmount) }))
  sections.push(
    text(ctx, 'premium.decision.calculation', {
      fiscalYear: a.fiscalYear,
      basePremium: yen(a.explanation.table.basePremium),
      months: a.liableMonths,
    }),
  )
  const withheld = a.installments.filter((i) => i.method === 'withholding')
  if (withheld.length > 0)
    sections.push(text(ctx, 'premium.decision.withholding', { firstPeriod: warekiMonth(withheld[0]!.period) }))
  if (a.installments.some((i) => i.method === 'direct')) sections.push(text(ctx, 'premium.decision.direct'))
  sections.push(text(ctx, 'appeal.instruction'))
  sections.push(text(ctx, 'premium.notice.inquiry', { insurerName: ctx.insurerName }))
  const rows: [string, string][] = [
    ['被保険者番号', ctx.insuredNumber],
    ['被保険者氏名', ctx.personName],
    ['賦課年度', `${a.fiscalYear}年度（${formatWareki(`${a.fiscalYear}-04-01` as IsoDate).replace(/4月1日$/, '')}度）`],
    ['保険料段階', stageText(a)],
    ['資格のある月数', `${a.liableMonths}か月`],
    ['年額保険料', `${yen(a.annualAmount)}円`],
  ]
  if (previous) rows.push(['変更前の年額', `${yen(previous.annualAmount)}円（第${previous.version}版）`])
  rows.push(['変更理由・版', `${assessmentReasonLabels[a.reason]}（第${a.version}版）`])
  return {
    kind,
    page: {
      address: addressBlock(ctx.recipient),
      issuer: [formatWareki(ctx.issuedOn), `${ctx.insurerName}長`],
      title,
      lead,
      rows,
      table: { head: TABLE_HEAD, rows: installmentRows(a), widths: TABLE_WIDTHS },
      sections,
    },
  }
}

/** One 納付書 per 普通徴収 installment of the version, with the barcode data where the ward prints it. */
export function slipPages(
  ctx: NoticeContext,
  a: AssessmentVersion,
  settings: WardNoticeSettings,
  /** 再発行区分 of the 期: how many times its 納付書 was printed before. */
  reissueOf: (seq: number) => number,
): { seq: number; page: Omit<SlipPageModel, 'barcode'>; barcode: SlipBarcode | null }[] {
  return a.installments
    .filter((i) => i.method === 'direct' && i.amount > 0)
    .map((i) => {
      const barcode = settings.printConvenienceBarcode
        ? slipBarcode({
            billerCode: settings.billerCode,
            fiscalYear: a.fiscalYear,
            insuredNumber: ctx.insuredNumber,
            seq: i.seq,
            version: a.version,
            reissue: reissueOf(i.seq),
            deadline: i.dueDate,
            amount: i.amount,
          })
        : null
      const slip = noticeTextOn(ctx.texts, 'directPayment.slip', ctx.issuedOn)
      const figures = [
        `被保険者番号 ${ctx.insuredNumber}`,
        `${a.fiscalYear}年度 第${i.seq}期`,
        `納付額 ${yen(i.amount)}円`,
        `納期限 ${formatWareki(i.dueDate)}`,
        ...(barcode ? [`納付番号 ${barcode.paymentNumber}`, `確認番号 ${barcode.confirmationNumber}`] : []),
      ]
      const notes = [
        renderNoticeText(slip, { installment: i.seq, dueDate: formatWareki(i.dueDate), amount: yen(i.amount) }),
        barcode
          ? renderNoticeText(noticeTextOn(ctx.texts, 'directPayment.slip.convenience', ctx.issuedOn), {
              agent: settings.collectionAgentName,
              deadline: formatWareki(i.dueDate),
            })
          : renderNoticeText(noticeTextOn(ctx.texts, 'directPayment.slip.bankOnly', ctx.issuedOn), {}),
      ]
      return {
        seq: i.seq,
        barcode,
        page: {
          address: addressBlock(ctx.recipient),
          title: `${slip.title}（第${i.seq}期）`,
          rows: [
            ['被保険者番号', ctx.insuredNumber],
            ['氏名', ctx.personName],
            ['年度・期別', `${a.fiscalYear}年度 第${i.seq}期（${warekiMonth(i.period)}）`],
            ['納付額', `${yen(i.amount)}円`],
            ['納期限', formatWareki(i.dueDate)],
          ],
          notes,
          parts: [
            { title: '領収証書', lines: [...figures, `${ctx.insurerName}`] },
            { title: '納付済通知書', lines: [...figures, '（収納機関保管）'] },
            { title: '領収控', lines: [...figures, '（納付者保管）'] },
          ],
        },
      }
    })
}
