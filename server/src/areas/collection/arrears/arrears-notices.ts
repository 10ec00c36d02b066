/**
 * The 催告書 and the 給付制限 notice (予告 / 決定) of a person's case, drawn on A4 with the premiums area's NoticePdf.
 * The content is built here as plain lines (also returned as `text`, so the screen and the tests can read it).
 * A 支援措置 person's address is printed only for the holders of person.revealProtectedAddress (otherwise 窓口で交付),
 * as the premium notices do.
 */
import { formatWareki } from '../../../../../shared/domain/wareki'
import {
  restrictionMeasureLabels,
  restrictionStepLabels,
  type ArrearsCase,
  type ArrearsNoticePdf,
} from '../../../../../shared/api/arrears'
import { NoticePdf, type AddressBlock, type NoticePageModel } from '../../premiums'

const yen = (n: number) => n.toLocaleString('ja-JP')

const articles = {
  reimbursementOnly: '介護保険法第66条',
  suspension: '介護保険法第67条',
  reduction: '介護保険法第69条',
} as const

/** The page of the notice asked for. Refuses a 給付制限 notice when no step has been taken. */
export function noticePage(
  notice: 'demandLetter' | 'restriction',
  c: ArrearsCase,
  address: AddressBlock,
  issuedOn: string,
): NoticePageModel | string {
  const issuer = [formatWareki(issuedOn), '新宿区長']
  const table = {
    head: ['年度', '期別', '納期限', '残高（円）'],
    rows: c.unpaid
      .filter((u) => u.balance > 0 && u.overdue)
      .map((u) => [`${u.fiscalYear}年度`, `第${u.installmentSeq}期`, formatWareki(u.dueDate), yen(u.balance)]),
    widths: [0.2, 0.2, 0.35, 0.25],
  }
  const rows: [string, string][] = [
    ['被保険者番号', c.person.insuredNumber ?? ''],
    ['氏名', c.person.name],
    ['滞納額（保険料）', `${yen(c.unpaidAmount)}円`],
  ]
  if (notice === 'demandLetter')
    return {
      address,
      issuer,
      title: '介護保険料催告書',
      lead: `あなたの介護保険料 ${yen(c.unpaidAmount)}円 が納期限を過ぎても納付されていません。至急納付してください。`,
      rows,
      table,
      sections: [
        {
          heading: '納付が困難なとき',
          text: '分納のご相談に応じます。介護保険課 収納係までご連絡ください。',
        },
        {
          heading: '滞納が続くと',
          text: '要介護・要支援認定を受けたとき、保険給付の支払方法の変更・一時差止・給付額の減額（介護保険法第66条〜第69条）を受けることがあります。',
        },
      ],
    }
  const step = [...c.restriction.steps].reverse().find((s) => s.step === 'notice' || s.step === 'decision')
  if (!step) return '給付制限の予告・決定がまだありません'
  const measure = restrictionMeasureLabels[step.measure]
  const decided = step.step === 'decision'
  return {
    address,
    issuer,
    title: `介護保険 ${measure}${decided ? '決定' : '予告'}通知書`,
    lead: decided
      ? `${articles[step.measure]}により、${formatWareki(step.stepOn)}から${measure}を行うことを決定しました。`
      : `保険料の滞納が続いているため、${articles[step.measure]}により${measure}を行う予定です。`,
    rows: [
      ...rows,
      ['措置', measure],
      ['手続', restrictionStepLabels[step.step]],
      ...(decided
        ? step.reductionMonths !== null
          ? ([['減額期間', `${step.reductionMonths}か月（${step.untilOn ? formatWareki(step.untilOn) : ''}まで）`]] as [
              string,
              string,
            ][])
          : []
        : ([['弁明書の提出期限', step.untilOn ? formatWareki(step.untilOn) : '']] as [string, string][])),
    ],
    table,
    sections: [
      {
        heading: decided ? '解除について' : '弁明書について',
        text: decided
          ? '滞納している保険料を完納したとき、または分納誓約を履行しているときは解除します（給付額の減額を除く）。'
          : '特別な事情（災害、生計維持者の死亡・失業等）があるときは、期限までに弁明書を提出してください。',
      },
    ],
  }
}

export async function noticePdf(page: NoticePageModel, fileName: string): Promise<ArrearsNoticePdf> {
  const pdf = await NoticePdf.create(page.title)
  pdf.addNoticePage(page)
  const bytes = await pdf.save()
  return {
    fileName,
    contentBase64: Buffer.from(bytes).toString('base64'),
    text: [
      page.title,
      page.lead,
      ...page.rows.map(([k, v]) => `${k} ${v}`),
      ...page.table.rows.map((r) => r.join(' ')),
    ],
  }
}
