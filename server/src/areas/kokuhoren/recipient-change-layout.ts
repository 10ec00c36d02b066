/**
 * The 79 fields of 受給者異動連絡票情報 (data kind 531, exchange id 5311) — docs/interfaces/kokuhoren.md §1.4, after
 * docs/sources/interfaces.md §1. The order is that of the 2017 specification (✅); lengths are only enforced where the
 * item is a known number (insurer 6, insured 10, provider 10 digits); the other lengths are ⚠️ unknown.
 */
import type { IsoDate } from '../../../../shared/domain'
import * as c from './codes'
import type { FieldSpec } from './layout'

/** One 受給者異動連絡票: the recipient's whole state on the change date (blank = undefined). */
export interface RecipientChangeNotice {
  /** 4 異動年月日 */
  changedOn: IsoDate
  /** 5 異動区分コード: 1 新規 / 2 変更 / 3 終了 */
  changeKind: '1' | '2' | '3'
  /** 6 異動事由: 01 / 02 / 03 / 04 / 99 */
  changeReason: '01' | '02' | '03' | '04' | '99'
  /** 7 証記載保険者番号 */
  cardInsurerNumber: string
  /** 8 被保険者番号 */
  insuredNumber: string
  /** 9 被保険者氏名（カナ） */
  nameKana?: string
  /** 10 生年月日 */
  birthDate: IsoDate
  /** 11 性別コード */
  sex: '1' | '2'
  acquiredOn?: IsoDate
  lostOn?: IsoDate
  elderlyHealthMunicipalityNumber?: string
  elderlyHealthRecipientNumber?: string
  wideAreaInsurerNumber?: string
  applicationKind?: '1' | '2' | '3' | '4'
  levelChangeApplicationStatus?: '1' | '2' | '3'
  appliedOn?: IsoDate
  /** 20 みなし要介護区分コード (⚠️ code values unknown: 2 digits, not checked against a list) */
  deemedCareLevel?: string
  /** 21 要介護状態区分コード */
  careLevel?: '01' | '06' | '11' | '12' | '13' | '21' | '22' | '23' | '24' | '25'
  certificationStart?: IsoDate
  certificationEnd?: IsoDate
  carePlanKind?: '1' | '2' | '3' | '4'
  carePlanProviderNumber?: string
  carePlanStart?: IsoDate
  carePlanEnd?: IsoDate
  /** 28 訪問通所サービス 支給限度基準額 (units) */
  monthlyBenefitCap?: number
  monthlyBenefitCapStart?: IsoDate
  monthlyBenefitCapEnd?: IsoDate
  shortStayCap?: number
  shortStayCapStart?: IsoDate
  shortStayCapEnd?: IsoDate
  publicExpenseCapReduction?: '1' | '2'
  reimbursementOnlyStart?: IsoDate
  reimbursementOnlyEnd?: IsoDate
  benefitReductionStart?: IsoDate
  benefitReductionEnd?: IsoDate
  copayReductionApplicationStatus?: '1' | '2' | '3'
  copayReductionKind?: '1' | '2'
  /** 41 給付率 (percent, e.g. 90; ⚠️ the written form, 90 or 090, is unverified) */
  copayReductionBenefitRate?: number
  copayReductionStart?: IsoDate
  copayReductionEnd?: IsoDate
  standardBurdenKind?: '1' | '2'
  standardBurdenAmount?: number
  standardBurdenStart?: IsoDate
  standardBurdenEnd?: IsoDate
  facilityReliefApplicationStatus?: '1' | '2' | '3'
  facilityReliefKind?: '1' | '2'
  taxedHouseholdSpecialReduction?: '1' | '2'
  /** 51 食費負担限度額 (yen a day) */
  foodDailyLimit?: number
  unitPrivateRoomDailyLimit?: number
  unitSemiPrivateRoomDailyLimit?: number
  conventionalPrivateRoomNursingHomeDailyLimit?: number
  conventionalPrivateRoomOtherDailyLimit?: number
  multiBedRoomDailyLimit?: number
  reliefStart?: IsoDate
  reliefEnd?: IsoDate
  /** 59 社会福祉法人軽減 軽減率 (percent; ⚠️ the written form is unverified) */
  socialWelfareReductionRate?: number
  socialWelfareReductionStart?: IsoDate
  socialWelfareReductionEnd?: IsoDate
  smallMultifunctionalPriorServiceUse?: '1' | '2'
  lateElderlyInsurerNumber?: string
  lateElderlyInsuredNumber?: string
  nhiInsurerNumber?: string
  nhiCardNumber?: string
  nhiPersonalNumber?: string
  secondaryPreventionKind?: '1' | '2'
  secondaryPreventionStart?: IsoDate
  secondaryPreventionEnd?: IsoDate
  /** 71 住所地特例対象者区分コード (⚠️ code values unknown: 1 digit, not checked against a list) */
  residenceExceptionKind?: string
  facilityInsurerNumber?: string
  residenceExceptionStart?: IsoDate
  residenceExceptionEnd?: IsoDate
  new1DailyLimit?: number
  new2DailyLimit?: number
  new3DailyLimit?: number
  /** 78–79 二割負担 適用期間 */
  twoTenthsCopayStart?: IsoDate
  twoTenthsCopayEnd?: IsoDate
}

type Key = keyof RecipientChangeNotice | 'recordKind' | 'recordNumber' | 'exchangeId'

const date = { kind: 'date' } as const
const digits = (length?: number) => ({ kind: 'digits', length }) as const
const code = (table: c.CodeTable) => ({ kind: 'code', table }) as const
const units = { kind: 'integer', maxDigits: 6 } as const
const yen = { kind: 'integer', maxDigits: 6 } as const
const percent = { kind: 'integer', maxDigits: 3, max: 100 } as const
const text = { kind: 'text' } as const

export const RECIPIENT_CHANGE_EXCHANGE_ID = '5311'

export const recipientChangeLayout = [
  { no: 1, key: 'recordKind', label: 'レコード種別', type: { kind: 'fixed', value: '2' } },
  { no: 2, key: 'recordNumber', label: 'レコード番号', type: digits(), required: true },
  { no: 3, key: 'exchangeId', label: '交換情報識別番号', type: { kind: 'fixed', value: RECIPIENT_CHANGE_EXCHANGE_ID } },
  { no: 4, key: 'changedOn', label: '異動年月日', type: date, required: true },
  { no: 5, key: 'changeKind', label: '異動区分コード', type: code(c.changeKinds), required: true },
  { no: 6, key: 'changeReason', label: '異動事由', type: code(c.changeReasons), required: true },
  { no: 7, key: 'cardInsurerNumber', label: '証記載保険者番号', type: digits(6), required: true },
  { no: 8, key: 'insuredNumber', label: '被保険者番号', type: digits(10), required: true },
  { no: 9, key: 'nameKana', label: '被保険者氏名（カナ）', type: { kind: 'kana' } },
  { no: 10, key: 'birthDate', label: '生年月日', type: date, required: true },
  { no: 11, key: 'sex', label: '性別コード', type: code(c.sexes), required: true },
  { no: 12, key: 'acquiredOn', label: '資格取得年月日', type: date },
  { no: 13, key: 'lostOn', label: '資格喪失年月日', type: date },
  { no: 14, key: 'elderlyHealthMunicipalityNumber', label: '老人保健市町村番号', type: digits() },
  { no: 15, key: 'elderlyHealthRecipientNumber', label: '老人保健受給者番号', type: digits() },
  { no: 16, key: 'wideAreaInsurerNumber', label: '広域連合（政令市）保険者番号', type: digits(6) },
  { no: 17, key: 'applicationKind', label: '申請種別コード', type: code(c.applicationKinds) },
  { no: 18, key: 'levelChangeApplicationStatus', label: '変更申請中区分コード', type: code(c.applicationStatuses) },
  { no: 19, key: 'appliedOn', label: '申請年月日', type: date },
  { no: 20, key: 'deemedCareLevel', label: 'みなし要介護区分コード', type: digits(2) },
  { no: 21, key: 'careLevel', label: '要介護状態区分コード', type: code(c.careLevels) },
  { no: 22, key: 'certificationStart', label: '認定有効期間（開始年月日）', type: date },
  { no: 23, key: 'certificationEnd', label: '認定有効期間（終了年月日）', type: date },
  { no: 24, key: 'carePlanKind', label: '居宅サービス計画作成区分コード', type: code(c.carePlanKinds) },
  { no: 25, key: 'carePlanProviderNumber', label: '居宅介護支援事業所番号', type: digits(10) },
  { no: 26, key: 'carePlanStart', label: '居宅サービス計画適用開始年月日', type: date },
  { no: 27, key: 'carePlanEnd', label: '居宅サービス計画適用終了年月日', type: date },
  { no: 28, key: 'monthlyBenefitCap', label: '訪問通所サービス支給限度基準額', type: units },
  { no: 29, key: 'monthlyBenefitCapStart', label: '訪問通所サービス上限管理適用期間開始年月日', type: date },
  { no: 30, key: 'monthlyBenefitCapEnd', label: '訪問通所サービス上限管理適用期間終了年月日', type: date },
  { no: 31, key: 'shortStayCap', label: '短期入所サービス支給限度基準額', type: units },
  { no: 32, key: 'shortStayCapStart', label: '短期入所サービス上限管理適用期間開始年月日', type: date },
  { no: 33, key: 'shortStayCapEnd', label: '短期入所サービス上限管理適用期間終了年月日', type: date },
  { no: 34, key: 'publicExpenseCapReduction', label: '公費負担上限額減額の有無', type: code(c.absentPresent) },
  { no: 35, key: 'reimbursementOnlyStart', label: '償還払化開始年月日', type: date },
  { no: 36, key: 'reimbursementOnlyEnd', label: '償還払化終了年月日', type: date },
  { no: 37, key: 'benefitReductionStart', label: '給付率引下げ開始年月日', type: date },
  { no: 38, key: 'benefitReductionEnd', label: '給付率引下げ終了年月日', type: date },
  { no: 39, key: 'copayReductionApplicationStatus', label: '減免申請中区分コード', type: code(c.applicationStatuses) },
  { no: 40, key: 'copayReductionKind', label: '利用者負担区分コード', type: code(c.copayReliefKinds) },
  { no: 41, key: 'copayReductionBenefitRate', label: '給付率', type: percent },
  { no: 42, key: 'copayReductionStart', label: '利用者負担減免適用開始年月日', type: date },
  { no: 43, key: 'copayReductionEnd', label: '利用者負担減免適用終了年月日', type: date },
  { no: 44, key: 'standardBurdenKind', label: '標準負担区分コード', type: code(c.standardBurdenKinds) },
  { no: 45, key: 'standardBurdenAmount', label: '標準負担額', type: yen },
  { no: 46, key: 'standardBurdenStart', label: '標準負担適用開始年月日', type: date },
  { no: 47, key: 'standardBurdenEnd', label: '標準負担適用終了年月日', type: date },
  {
    no: 48,
    key: 'facilityReliefApplicationStatus',
    label: '特定入所者認定申請中区分コード',
    type: code(c.applicationStatuses),
  },
  { no: 49, key: 'facilityReliefKind', label: '特定入所者介護サービス区分コード', type: code(c.facilityReliefKinds) },
  {
    no: 50,
    key: 'taxedHouseholdSpecialReduction',
    label: '課税層の特例減額措置対象',
    type: code(c.notApplicableApplicable),
  },
  { no: 51, key: 'foodDailyLimit', label: '食費負担限度額', type: yen },
  { no: 52, key: 'unitPrivateRoomDailyLimit', label: '居住費ユニット型個室負担限度額', type: yen },
  { no: 53, key: 'unitSemiPrivateRoomDailyLimit', label: '居住費ユニット型準個室負担限度額', type: yen },
  {
    no: 54,
    key: 'conventionalPrivateRoomNursingHomeDailyLimit',
    label: '居住費従来型個室（特養等）負担限度額',
    type: yen,
  },
  {
    no: 55,
    key: 'conventionalPrivateRoomOtherDailyLimit',
    label: '居住費従来型個室（老健・療養等）負担限度額',
    type: yen,
  },
  { no: 56, key: 'multiBedRoomDailyLimit', label: '居住費多床室負担限度額', type: yen },
  { no: 57, key: 'reliefStart', label: '負担限度額適用開始年月日', type: date },
  { no: 58, key: 'reliefEnd', label: '負担限度額適用終了年月日', type: date },
  { no: 59, key: 'socialWelfareReductionRate', label: '社会福祉法人軽減軽減率', type: percent },
  { no: 60, key: 'socialWelfareReductionStart', label: '社会福祉法人軽減適用開始年月日', type: date },
  { no: 61, key: 'socialWelfareReductionEnd', label: '社会福祉法人軽減適用終了年月日', type: date },
  {
    no: 62,
    key: 'smallMultifunctionalPriorServiceUse',
    label: '小規模多機能型居宅介護の利用開始月における居宅サービス等の利用の有無',
    type: code(c.notUsedUsed),
  },
  { no: 63, key: 'lateElderlyInsurerNumber', label: '後期高齢者医療保険者番号', type: digits() },
  { no: 64, key: 'lateElderlyInsuredNumber', label: '後期高齢者医療被保険者番号', type: digits() },
  { no: 65, key: 'nhiInsurerNumber', label: '国民健康保険保険者番号', type: digits() },
  { no: 66, key: 'nhiCardNumber', label: '国民健康保険被保険者証番号', type: text },
  { no: 67, key: 'nhiPersonalNumber', label: '国民健康保険個人番号', type: text },
  { no: 68, key: 'secondaryPreventionKind', label: '二次予防事業区分コード', type: code(c.secondaryPreventionKinds) },
  { no: 69, key: 'secondaryPreventionStart', label: '二次予防事業有効期間開始年月日', type: date },
  { no: 70, key: 'secondaryPreventionEnd', label: '二次予防事業有効期間終了年月日', type: date },
  { no: 71, key: 'residenceExceptionKind', label: '住所地特例対象者区分コード', type: digits(1) },
  { no: 72, key: 'facilityInsurerNumber', label: '施設所在保険者番号', type: digits(6) },
  { no: 73, key: 'residenceExceptionStart', label: '住所地特例適用開始年月日', type: date },
  { no: 74, key: 'residenceExceptionEnd', label: '住所地特例適用終了年月日', type: date },
  { no: 75, key: 'new1DailyLimit', label: '居住費（新１）負担限度額', type: yen },
  { no: 76, key: 'new2DailyLimit', label: '居住費（新２）負担限度額', type: yen },
  { no: 77, key: 'new3DailyLimit', label: '居住費（新３）負担限度額', type: yen },
  { no: 78, key: 'twoTenthsCopayStart', label: '二割負担適用開始年月日', type: date },
  { no: 79, key: 'twoTenthsCopayEnd', label: '二割負担適用終了年月日', type: date },
] as const satisfies readonly FieldSpec<Key>[]

// Every property of RecipientChangeNotice has its row (a compile error otherwise).
type Covered = (typeof recipientChangeLayout)[number]['key']
const everyKeyCovered: Exclude<keyof RecipientChangeNotice, Covered> extends never ? true : never = true
void everyKeyCovered

/** Date pairs that must not run backwards (start ≤ end when both are given). */
export const recipientChangePeriods: readonly (readonly [keyof RecipientChangeNotice, keyof RecipientChangeNotice])[] =
  [
    ['certificationStart', 'certificationEnd'],
    ['carePlanStart', 'carePlanEnd'],
    ['monthlyBenefitCapStart', 'monthlyBenefitCapEnd'],
    ['shortStayCapStart', 'shortStayCapEnd'],
    ['reimbursementOnlyStart', 'reimbursementOnlyEnd'],
    ['benefitReductionStart', 'benefitReductionEnd'],
    ['copayReductionStart', 'copayReductionEnd'],
    ['standardBurdenStart', 'standardBurdenEnd'],
    ['reliefStart', 'reliefEnd'],
    ['socialWelfareReductionStart', 'socialWelfareReductionEnd'],
    ['secondaryPreventionStart', 'secondaryPreventionEnd'],
    ['residenceExceptionStart', 'residenceExceptionEnd'],
    ['twoTenthsCopayStart', 'twoTenthsCopayEnd'],
    ['acquiredOn', 'lostOn'],
  ]
