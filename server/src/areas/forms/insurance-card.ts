/**
 * 介護保険被保険者証 (介護保険法施行規則 様式第一号) as PDF: the items of the front page (被保険者番号, 住所, フリガナ,
 * 氏名, 生年月日, 性別, 交付年月日, 保険者番号・名称) with dates in 和暦, and the certification items left blank until
 * the certification area exists (never invented). IPAexゴシック embedded as a subset (server/assets/fonts).
 * Layout per ward setting (ward parameter `forms.insuranceCardLayout`): 'card' (the folded card) or 'a4'.
 */
import { formatWareki } from '../../../../shared/domain'
import type { CardLayout } from '../../../../shared/forms/contract'
import { renderFormPdf } from './form-pdf'

export type { CardLayout }

export interface InsuranceCardData {
  insuredNumber: string
  name: string
  nameKana: string
  birthDate: string
  sex: 'male' | 'female'
  /** null for a protected person whose address is not printed here (issued at the counter). */
  address: string | null
  issuedOn: string
  insurerNumber: string
  insurerName: string
  category: 1 | 2
  acquiredOn: string | null
  /** 再交付: the running count and the reason, printed in the margin. */
  reissue?: { count: number; reason: string }
}

/** The person items both forms print first (様式第一号の表面), dates in 和暦. */
export function personRows(data: InsuranceCardData): [string, string][] {
  return [
    ['被保険者番号', data.insuredNumber],
    ['住所', data.address ?? '（窓口で記入）'],
    ['フリガナ', data.nameKana],
    ['氏名', data.name],
    ['生年月日', formatWareki(data.birthDate)],
    ['性別', data.sex === 'male' ? '男' : '女'],
    ['交付年月日', formatWareki(data.issuedOn)],
    ['被保険者区分', `${data.category === 1 ? '第1号' : '第2号'}被保険者`],
    ['資格取得年月日', data.acquiredOn ? formatWareki(data.acquiredOn) : ''],
    ['保険者番号並びに保険者の名称', `${data.insurerNumber}\u3000${data.insurerName}`],
  ]
}

export const reissueNote = (reissue: { count: number; reason: string }) =>
  `再交付（${reissue.count}回目）\u3000理由：${reissue.reason}`

export async function renderInsuranceCard(data: InsuranceCardData, layout: CardLayout = 'a4'): Promise<Uint8Array> {
  return renderFormPdf(
    {
      title: '介護保険被保険者証',
      rows: [...personRows(data), ['要介護状態区分等', ''], ['認定年月日', ''], ['認定の有効期間', '']],
      notes: [
        '※ 要介護認定等の記載欄は、認定の結果が出た後に記載します。',
        ...(data.reissue ? [reissueNote(data.reissue)] : []),
      ],
    },
    layout,
  )
}
