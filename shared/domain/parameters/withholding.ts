/**
 * 特別徴収 (withholding from the pension) parameters: who is withheld from, when the pension is paid, and the ward
 * defaults of 新宿区 for 平準化 and for the 仮徴収 of a person without a February withholding.
 * Dated rows are keyed by the first day of the fiscal year (YYYY-04-01).
 */
import type { Versioned } from '../versioned'

/**
 * The lower limit of the annual pension for 特別徴収: a person whose 老齢・退職、障害又は遺族年金 is 18万円 a year or
 * more is withheld from (介護保険法第134条第1項, 介護保険法施行令第41条第1項; docs/sources/domain.md §3.6 [S10][S23]).
 * Inclusive (以上): 180,000 is withheld, 179,999 is 普通徴収.
 */
export const SPECIAL_WITHHOLDING_PENSION_THRESHOLD: readonly Versioned<number>[] = [
  { from: '2000-04-01', value: 180_000, source: '介護保険法施行令第41条第1項（年額18万円以上） [S10][S23]' },
]

/**
 * The pension payment months (年金の定期払い 年6回: 国民年金法第18条第3項, 厚生年金保険法第36条第3項), in fiscal-year
 * order. April, June and August are 仮徴収 (介護保険法第140条), October, December and February 本徴収 (第135条)
 * (docs/sources/domain.md §3.6).
 */
export const PENSION_PAYMENT_MONTHS: readonly number[] = [4, 6, 8, 10, 12, 2]

/**
 * The pension payment day: the 15th of the payment month (the 定期支払日 of the pension insurers; ⚠️ the legal article
 * is not cited in docs/sources/domain.md). ⚠️ The move to the previous business day when the 15th is a holiday is not applied: the installment's date is the
 * nominal payment day, which is what the 特別徴収依頼 names.
 */
export const PENSION_PAYMENT_DAY = 15

/** The payment months in which withholding can start for a new target (docs/sources/domain.md §3.6 [S10]). */
export const WITHHOLDING_START_MONTHS: readonly number[] = [4, 6, 8, 10]

/** The number of pension payments in a year (the per-payment pension = annual ÷ 6). */
export const PENSION_PAYMENTS_PER_YEAR = 6

/**
 * How the 仮徴収 is set for a 特別徴収 target without a withholding in the previous February (介護保険法第140条第1項
 * names only "前年度の2月の特別徴収額"; the rest is the ward's rule 🔧):
 * - 'previousAnnualSixth': 1/6 of the previous fiscal year's annual amount, truncated to the 本徴収 unit;
 * - 'direct': no 仮徴収; the person pays 普通徴収 until the 本算定 decides the 本徴収.
 */
export type ProvisionalWithoutFebruary = 'previousAnnualSixth' | 'direct'

/** The ward's 特別徴収 settings besides the 本徴収 split (which is `finalWithholding`: unit and remainder). */
export interface WithholdingSettings {
  /**
   * 平準化 (介護保険法第140条第2項; docs/sources/domain.md §3.6 [S33]): when enabled and the 本徴収 per payment would
   * differ from the August 仮徴収 by `threshold` yen or more, August becomes (年額 − 4月分 − 6月分) ÷ 4.
   */
  readonly leveling: { readonly enabled: boolean; readonly threshold: number }
  readonly provisionalWithoutFebruary: ProvisionalWithoutFebruary
}

/**
 * ⚠️ Default for 新宿区 (not verified against the ward's 規則): 平準化 on, applied when the 本徴収 per payment differs from
 * the August 仮徴収 by 1,000円 or more; 仮徴収 without a February amount = 1/6 of the previous year's amount.
 */
export const SHINJUKU_WITHHOLDING: WithholdingSettings = {
  leveling: { enabled: true, threshold: 1_000 },
  provisionalWithoutFebruary: 'previousAnnualSixth',
}
