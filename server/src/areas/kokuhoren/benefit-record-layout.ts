/**
 * The typed records of 給付実績情報 (国保連 → ward) — docs/interfaces/kokuhoren.md §1.7, after
 * docs/sources/interfaces.md §1. ⚠️ Reconstructed: the order of the items is that of the 2017 specification's item
 * lists, but where the lists are not explicit (the order of the before/after amounts, which 後_ values a 明細 has)
 * the choice is ours, and the H1 record comes to 95 fields where the source mentions 97 for exchange id 1115. Only
 * exchange ids 1115 and 1116 are laid out; other ids and record kinds are kept raw.
 */
import type { IsoDate } from '../../../../shared/domain'
import * as c from './codes'
import type { FieldSpec } from './layout'

export const typedBenefitExchangeIds: ReadonlySet<string> = new Set(['1115', '1116'])

/** The fields that open every 給付実績 data record (1–10): the lead and the key of the claim. */
export const benefitRecordLead: readonly FieldSpec[] = [
  { no: 1, key: 'recordKind', label: 'レコード種別', type: { kind: 'fixed', value: '2' } },
  { no: 2, key: 'recordNumber', label: 'レコード番号', type: { kind: 'digits' }, required: true },
  { no: 3, key: 'exchangeId', label: '交換情報識別番号', type: { kind: 'alnum', length: 4 }, required: true },
  { no: 4, key: 'inputId', label: '入力識別番号', type: { kind: 'alnum', length: 4 }, required: true },
  { no: 5, key: 'recordKindCode', label: 'レコード種別コード', type: { kind: 'alnum', length: 2 }, required: true },
  { no: 6, key: 'cardInsurerNumber', label: '証記載保険者番号', type: { kind: 'digits', length: 6 }, required: true },
  { no: 7, key: 'insuredNumber', label: '被保険者番号', type: { kind: 'alnum', length: 10 }, required: true },
  { no: 8, key: 'serviceMonth', label: 'サービス提供年月', type: { kind: 'yearMonth' }, required: true },
  { no: 9, key: 'providerNumber', label: '事業所番号', type: { kind: 'alnum', length: 10 }, required: true },
  { no: 10, key: 'serialNumber', label: '整理番号', type: { kind: 'alnum' } },
]

/** The key of a claim: the H1 it identifies is the parent of the D1…T1 records with the same key. */
export interface BenefitRecordKey {
  readonly exchangeId: string
  /** 入力識別番号: the claim form (7131 …). */
  readonly inputId: string
  readonly cardInsurerNumber: string
  readonly insuredNumber: string
  /** サービス提供年月 'YYYY-MM'. */
  readonly serviceMonth: string
  readonly providerNumber: string
  /** 整理番号 (blank → undefined). */
  readonly serialNumber?: string
}

export const payers = ['insurance', 'publicExpense1', 'publicExpense2', 'publicExpense3'] as const
export type Payer = (typeof payers)[number]
const payerLabels: Record<Payer, string> = {
  insurance: '保険',
  publicExpense1: '公費1',
  publicExpense2: '公費2',
  publicExpense3: '公費3',
}

/** The amounts of a claim for one payer (units and yen). */
export interface PayerAmounts {
  serviceUnits?: number
  claimAmount?: number
  /** 利用者負担額 (保険) / 本人負担額 (公費). */
  copayAmount?: number
  emergencyCareClaim?: number
  specialMedicalClaim?: number
  facilityReliefClaim?: number
}
const amountItems: readonly (readonly [keyof PayerAmounts, (p: Payer) => string])[] = [
  ['serviceUnits', () => 'サービス単位数'],
  ['claimAmount', () => '請求額'],
  ['copayAmount', (p) => (p === 'insurance' ? '利用者負担額' : '本人負担額')],
  ['emergencyCareClaim', () => '緊急時施設療養費請求額'],
  ['specialMedicalClaim', () => '特定診療費請求額'],
  ['facilityReliefClaim', () => '特定入所者介護サービス費等請求額'],
]

/** H1 基本情報. */
export interface BenefitBasicRecord extends BenefitRecordKey {
  readonly kind: 'H1'
  readonly line: number
  /** 給付実績情報作成区分コード: 1 新規 / 2 修正 / 3 取消. */
  createKind: '1' | '2' | '3'
  /** 給付実績区分コード: 1 現物 / 2 償還. */
  benefitKind: '1' | '2'
  publicExpense: { payerNumber?: string; recipientNumber?: string }[]
  birthDate?: IsoDate
  sex?: '1' | '2'
  careLevel?: string
  formerMeasureSpecialCase?: string
  certificationStart?: IsoDate
  certificationEnd?: IsoDate
  elderlyHealthMunicipalityNumber?: string
  elderlyHealthRecipientNumber?: string
  lateElderlyInsurerNumber?: string
  lateElderlyInsuredNumber?: string
  nhiInsurerNumber?: string
  nhiCardNumber?: string
  residentCode?: string
  carePlanKind?: string
  carePlanProviderNumber?: string
  serviceStartedOn?: IsoDate
  serviceEndedOn?: IsoDate
  discontinuationReason?: string
  admittedOn?: IsoDate
  dischargedOn?: IsoDate
  admissionDays?: number
  overnightLeaveDays?: number
  stateAfterDischarge?: string
  /** 給付率 (percent) by payer. */
  benefitRate: Partial<Record<Payer, number>>
  /** 前: as claimed. */
  before: Record<Payer, PayerAmounts>
  /** 後: after review (審査・再審査・過誤). */
  after: Record<Payer, PayerAmounts>
  warningKind?: '1' | '2'
  /** 審査年月 'YYYY-MM'. */
  reviewMonth?: string
}

/** The counts and units of a 明細 for one side (前 or 後). */
export interface DetailFigures {
  unitValue?: number
  daysOrTimes?: number
  publicExpenseDaysOrTimes: (number | undefined)[]
  serviceUnits?: number
  publicExpenseServiceUnits: (number | undefined)[]
}

/** D1 明細情報. */
export interface BenefitDetailRecord extends BenefitRecordKey {
  readonly kind: 'D1'
  readonly line: number
  serviceType: string
  serviceItem: string
  before: DetailFigures
  remarks?: string
  after: DetailFigures
  reReviewCount?: number
  errorCorrectionCount?: number
  reviewMonth?: string
}

const date = { kind: 'date' } as const
const digits = { kind: 'digits' } as const
const count = { kind: 'integer', maxDigits: 3 } as const
const amount = { kind: 'integer', maxDigits: 9, signed: true } as const
const rate = { kind: 'integer', maxDigits: 3, max: 100 } as const
const unverifiedCode = { kind: 'alnum', maxLength: 2 } as const

function numbered<T extends Omit<FieldSpec, 'no'>>(from: number, specs: readonly T[]): FieldSpec[] {
  return specs.map((s, i) => ({ ...s, no: from + i }))
}

const amountBlock = (side: 'before' | 'after', sideLabel: string) =>
  payers.flatMap((p) =>
    amountItems.map(([item, label]) => ({
      key: `${side}.${p}.${item}`,
      label: `${sideLabel}${payerLabels[p]}${label(p)}`,
      type: amount,
    })),
  )

export const benefitBasicLayout: readonly FieldSpec[] = [
  ...benefitRecordLead,
  ...numbered(11, [
    {
      key: 'createKind',
      label: '給付実績情報作成区分コード',
      type: { kind: 'code', table: c.benefitRecordCreateKinds },
      required: true,
    },
    { key: 'benefitKind', label: '給付実績区分コード', type: { kind: 'code', table: c.benefitKinds }, required: true },
    ...[1, 2, 3].flatMap((n) => [
      { key: `publicExpense.${n - 1}.payerNumber`, label: `公費${n}負担者番号`, type: digits },
      { key: `publicExpense.${n - 1}.recipientNumber`, label: `公費${n}受給者番号`, type: digits },
    ]),
    { key: 'birthDate', label: '生年月日', type: date },
    { key: 'sex', label: '性別コード', type: { kind: 'code', table: c.sexes } },
    { key: 'careLevel', label: '要介護状態区分コード', type: { kind: 'code', table: c.careLevels } },
    { key: 'formerMeasureSpecialCase', label: '旧措置入所者特例コード', type: unverifiedCode },
    { key: 'certificationStart', label: '認定有効期間開始年月日', type: date },
    { key: 'certificationEnd', label: '認定有効期間終了年月日', type: date },
    { key: 'elderlyHealthMunicipalityNumber', label: '老人保健市町村番号', type: digits },
    { key: 'elderlyHealthRecipientNumber', label: '老人保健受給者番号', type: digits },
    { key: 'lateElderlyInsurerNumber', label: '後期高齢者医療保険者番号', type: digits },
    { key: 'lateElderlyInsuredNumber', label: '後期高齢者医療被保険者番号', type: digits },
    { key: 'nhiInsurerNumber', label: '国民健康保険保険者番号', type: digits },
    { key: 'nhiCardNumber', label: '国民健康保険被保険者証番号', type: { kind: 'text' } },
    { key: 'residentCode', label: '宛名番号', type: { kind: 'alnum' } },
    { key: 'carePlanKind', label: '居宅サービス計画作成区分コード', type: { kind: 'code', table: c.carePlanKinds } },
    { key: 'carePlanProviderNumber', label: '居宅介護支援事業所番号', type: { kind: 'alnum', length: 10 } },
    { key: 'serviceStartedOn', label: '開始年月日', type: date },
    { key: 'serviceEndedOn', label: '中止年月日', type: date },
    { key: 'discontinuationReason', label: '中止理由・入所（院）前の状況コード', type: unverifiedCode },
    { key: 'admittedOn', label: '入所（院）年月日', type: date },
    { key: 'dischargedOn', label: '退所（院）年月日', type: date },
    { key: 'admissionDays', label: '入所（院）実日数', type: count },
    { key: 'overnightLeaveDays', label: '外泊日数', type: count },
    { key: 'stateAfterDischarge', label: '退所（院）後の状態コード', type: unverifiedCode },
    ...payers.map((p) => ({ key: `benefitRate.${p}`, label: `${payerLabels[p]}給付率`, type: rate })),
    ...amountBlock('before', ''),
    ...amountBlock('after', '後_'),
    { key: 'warningKind', label: '警告区分コード', type: { kind: 'code', table: c.warningKinds } },
    { key: 'reviewMonth', label: '審査年月', type: { kind: 'yearMonth' } },
  ]),
]

const detailFigures = (side: 'before' | 'after', sideLabel: string) => [
  { key: `${side}.unitValue`, label: `${sideLabel}単位数`, type: amount },
  { key: `${side}.daysOrTimes`, label: `${sideLabel}日数・回数`, type: amount },
  ...[1, 2, 3].map((n) => ({
    key: `${side}.publicExpenseDaysOrTimes.${n - 1}`,
    label: `${sideLabel}公費${n}対象日数・回数`,
    type: amount,
  })),
  { key: `${side}.serviceUnits`, label: `${sideLabel}サービス単位数`, type: amount },
  ...[1, 2, 3].map((n) => ({
    key: `${side}.publicExpenseServiceUnits.${n - 1}`,
    label: `${sideLabel}公費${n}対象サービス単位数`,
    type: amount,
  })),
]

export const benefitDetailLayout: readonly FieldSpec[] = [
  ...benefitRecordLead,
  ...numbered(11, [
    { key: 'serviceType', label: 'サービス種類コード', type: { kind: 'alnum', length: 2 }, required: true },
    { key: 'serviceItem', label: 'サービス項目コード', type: { kind: 'alnum', length: 4 }, required: true },
    ...detailFigures('before', ''),
    { key: 'remarks', label: '摘要', type: { kind: 'text' } },
    ...detailFigures('after', '後_'),
    { key: 'reReviewCount', label: '再審査回数', type: count },
    { key: 'errorCorrectionCount', label: '過誤回数', type: count },
    { key: 'reviewMonth', label: '審査年月', type: { kind: 'yearMonth' } },
  ]),
]
