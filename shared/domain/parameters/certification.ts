/**
 * Certification (要介護認定) figures.
 */
import type { Versioned } from '../versioned'

/** Limits of the validity period in months (介護保険法施行規則第38条・第41条). */
export interface ValidityLimits {
  readonly minimum: number
  readonly new: number
  readonly levelChange: number
  /** 更新 with the same level as before. */
  readonly renewalSameLevel: number
  /** 更新 with a different level. */
  readonly renewalDifferentLevel: number
}

/** Applications from 2021-04-01 (R3.4.1): renewal with the same level up to 48 months ✅[S55][S56]. */
export const VALIDITY_LIMITS: readonly Versioned<ValidityLimits>[] = [
  {
    from: '2021-04-01',
    source: '介護保険法施行規則第38条・第41条 (令和3年4月1日以降の申請) [S55][S56]',
    value: { minimum: 3, new: 12, levelChange: 12, renewalSameLevel: 48, renewalDifferentLevel: 36 },
  },
]

/** 更新申請は有効期間満了日の60日前から (介護保険法第28条第2項; 同法施行規則). */
export const RENEWAL_APPLICATION_DAYS_BEFORE = 60

/** 処分は申請日から30日以内 (介護保険法第27条第11項). Counted from the next day (民法140条). */
export const DECISION_DAYS = 30

/** Care level of a first-stage decision. */
export type CareLevel = 'notApplicable' | 'support1' | 'support2' | 'care1' | 'care2' | 'care3' | 'care4' | 'care5'

/**
 * 要介護認定等基準時間 bands (minutes, lower limit inclusive): 要介護認定等基準時間の推計の方法 (平成12年厚生省告示第91号); 要介護認定等に係る介護認定審査会による審査及び判定の基準等に関する省令
 * (平成11年厚生省令第58号) 第1条・第2条 ✅[S3][S57]. The 32–50 band is split between support2 and care1.
 */
export const CARE_MINUTE_BANDS: readonly { readonly from: number; readonly level: CareLevel | 'support2OrCare1' }[] = [
  { from: 0, level: 'notApplicable' },
  { from: 25, level: 'support1' },
  { from: 32, level: 'support2OrCare1' },
  { from: 50, level: 'care2' },
  { from: 70, level: 'care3' },
  { from: 90, level: 'care4' },
  { from: 110, level: 'care5' },
]

/** 認知症自立度Ⅱ以上の蓋然性: ≥ 50 % → 要介護1 (docs/sources/domain.md §6.3, [S59]). In percent. */
export const DEMENTIA_PROBABILITY_THRESHOLD_PERCENT = 50

/**
 * 基本チェックリスト criteria (地域支援事業実施要綱 様式第一; docs/sources/domain.md §7 ✅[S62][S63][S64]). Items answered いいえ that
 * count (the rest count when はい), and the criteria ①–⑦ as (items, minimum count).
 */
export const CHECKLIST_ITEM_COUNT = 25
export const CHECKLIST_NO_COUNTS: readonly number[] = [1, 2, 3, 4, 5, 6, 7, 8, 16, 19]
export const CHECKLIST_BMI_ITEM = 12
export const CHECKLIST_CRITERIA: readonly {
  readonly id: string
  readonly items: readonly number[]
  readonly atLeast: number
  readonly depression?: true
}[] = [
  { id: '①', items: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20], atLeast: 10 },
  { id: '②', items: [6, 7, 8, 9, 10], atLeast: 3 },
  { id: '③', items: [11, 12], atLeast: 2 },
  { id: '④', items: [13, 14, 15], atLeast: 2 },
  { id: '⑤', items: [16], atLeast: 1 },
  { id: '⑥', items: [18, 19, 20], atLeast: 1 },
  { id: '⑦', items: [21, 22, 23, 24, 25], atLeast: 2, depression: true },
]

/** Item 12 counts when BMI < 18.5, held as 37/2 (docs/sources/domain.md §7). */
export const BMI_UNDERWEIGHT_BELOW = { numerator: 37, denominator: 2 } as const
