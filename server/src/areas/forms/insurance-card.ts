/**
 * 介護保険被保険者証 (介護保険法施行規則 様式第一号) as PDF, its three faces one page each, printed from the records:
 * - 表面: 被保険者番号, 住所, フリガナ, 氏名, 生年月日, 性別, 交付年月日, 被保険者区分, 資格取得年月日, 保険者番号・名称
 *   (dates in 和暦);
 * - 中面 (認定): 要介護状態区分等, 認定年月日, 認定の有効期間, 区分支給限度基準額 (the masters' 区分支給限度基準額 of the
 *   level, per month, with its period), 認定審査会の意見及びサービスの種類の指定 — from the 受給者台帳 of the certification
 *   area; blank with a note while there is no certification in force (never invented);
 * - 裏面: 給付制限 (内容・期間), 居宅介護支援事業者・介護予防支援事業者 (名称・届出年月日), 介護保険施設等 (種類・名称・
 *   入所等年月日・退所等年月日) — empty until the arrears and benefits areas fill them.
 * IPAexゴシック embedded as a subset (server/assets/fonts). Layout per ward setting `forms.insuranceCardLayout`:
 * 'card' (the folded card, one face per page) or 'a4'.
 */
import { PDFDocument } from 'pdf-lib'
import { formatWareki } from '../../../../shared/domain'
import type { CardLayout } from '../../../../shared/forms/contract'
import { renderFormPdf } from './form-pdf'

export type { CardLayout }

/** The certification in force, as the card prints it. */
export interface CardCertification {
  /** 要介護状態区分等 as printed (要介護2 …). */
  levelLabel: string
  decidedOn: string
  validFrom: string
  validTo: string
  /** 区分支給限度基準額 in 単位 per month (居宅サービス等). */
  monthlyCapUnits: number
  boardOpinion: string
  serviceTypes: readonly string[]
}

export interface CardBenefitRestriction {
  content: string
  from: string
  to: string | null
}

export interface CardCarePlanProvider {
  name: string
  notifiedOn: string
}

export interface CardFacility {
  kind: string
  name: string
  admittedOn: string
  dischargedOn: string | null
}

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
  /** The certification in force on the issue date (受給者台帳); absent = none. */
  certification?: CardCertification | null
  benefitRestrictions?: readonly CardBenefitRestriction[]
  carePlanProvider?: CardCarePlanProvider | null
  facilities?: readonly CardFacility[]
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

const span = (from: string, to: string | null) => `${formatWareki(from)}〜${to ? formatWareki(to) : ''}`

/** 中面: the certification items (blank without a certification in force). */
export function certificationRows(c: CardCertification | null | undefined): [string, string][] {
  const opinion = c
    ? [c.boardOpinion, c.serviceTypes.length ? `サービスの種類の指定：${c.serviceTypes.join('、')}` : '']
        .filter((s) => s !== '')
        .join('　')
    : ''
  return [
    ['要介護状態区分等', c?.levelLabel ?? ''],
    ['認定年月日', c ? formatWareki(c.decidedOn) : ''],
    ['認定の有効期間', c ? span(c.validFrom, c.validTo) : ''],
    [
      '区分支給限度基準額',
      c ? `${span(c.validFrom, c.validTo)}\u30001月当たり ${c.monthlyCapUnits.toLocaleString('ja-JP')}単位` : '',
    ],
    ['うち種類支給限度基準額', ''],
    ['認定審査会の意見及びサービスの種類の指定', opinion],
  ]
}

/** 裏面: 給付制限, 居宅介護支援事業者, 介護保険施設等 (empty rows when nothing is recorded). */
export function backRows(data: InsuranceCardData): [string, string][] {
  const restrictions = data.benefitRestrictions ?? []
  const facilities = data.facilities ?? []
  const provider = data.carePlanProvider
  return [
    ...(restrictions.length
      ? restrictions.map((r): [string, string] => ['給付制限', `${r.content}\u3000${span(r.from, r.to)}`])
      : [['給付制限', ''] as [string, string]]),
    ['居宅介護支援事業者等の名称', provider?.name ?? ''],
    ['届出年月日', provider ? formatWareki(provider.notifiedOn) : ''],
    ...(facilities.length
      ? facilities.map((f): [string, string] => [
          '介護保険施設等',
          `${f.kind}\u3000${f.name}\u3000入所等 ${formatWareki(f.admittedOn)}${f.dischargedOn ? `\u3000退所等 ${formatWareki(f.dischargedOn)}` : ''}`,
        ])
      : [
          ['介護保険施設等（種類・名称）', ''] as [string, string],
          ['入所等年月日・退所等年月日', ''] as [string, string],
        ]),
  ]
}

export async function renderInsuranceCard(data: InsuranceCardData, layout: CardLayout = 'a4'): Promise<Uint8Array> {
  const title = '介護保険被保険者証'
  const faces = await Promise.all([
    renderFormPdf({ title, rows: personRows(data), notes: data.reissue ? [reissueNote(data.reissue)] : [] }, layout),
    renderFormPdf(
      {
        title: `${title}（認定）`,
        rows: certificationRows(data.certification),
        notes: data.certification ? [] : ['※ 要介護認定等の記載欄は、認定の結果が出た後に記載します。'],
      },
      layout,
    ),
    renderFormPdf({ title: `${title}（給付制限・事業者・施設）`, rows: backRows(data), notes: [] }, layout),
  ])
  const doc = await PDFDocument.create()
  doc.setTitle(title)
  doc.setCreator('kaigo-desk')
  doc.setProducer('kaigo-desk')
  for (const bytes of faces) {
    const face = await PDFDocument.load(bytes)
    for (const page of await doc.copyPages(face, face.getPageIndices())) doc.addPage(page)
  }
  return doc.save({ useObjectStreams: true })
}
