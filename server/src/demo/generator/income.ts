/**
 * Income arithmetic of the generator (yen, integers). These are simplified, documented models whose only job is to
 * produce mutually consistent dummy figures; the authoritative premium rules live in shared/domain.
 *
 * Invariants of every generated person (tested):
 * - pensionAndOtherIncome = taxablePensionIncome + (totalIncome − pensionMiscIncome(taxablePensionIncome, aged65))
 *   i.e. 年金収入等 = 課税年金収入額 + その他の合計所得金額 (domain.md §3.2), where `aged65` is whether the person is
 *   65 or over on 31 December of the income year (the year before the fiscal year).
 * - residentTaxable ⇒ totalIncome > 450,000 (特別区の均等割非課税限度額, single person) and not on public assistance.
 * - !residentTaxable ⇒ totalIncome ≤ 1,350,000 (障害者・寡婦・ひとり親 limit; with dependants the limit of
 *   350,000 × (1 + dependants) + 310,000 also stays below it for up to 2 dependants).
 */

/** 非課税限度額 for a single person without dependants in a 1級地 (特別区), 合計所得金額. */
export const NON_TAXABLE_LIMIT_SINGLE = 450_000
/** 非課税限度額 for 障害者・未成年者・寡婦・ひとり親 (地方税法第295条第1項第2号), 合計所得金額. */
export const NON_TAXABLE_LIMIT_EXEMPT = 1_350_000

/**
 * The 年金収入等 boundary L of the national standard stages (介護保険法施行令第38条): 80万 (FY2024),
 * 80.9万 (FY2025), 82.65万 (FY2026 onward, 令和8年政令第68号). Used only to place dummy incomes on both sides of it.
 */
export function pensionIncomeBoundary(fiscalYear: number): number {
  if (fiscalYear >= 2026) return 826_500
  if (fiscalYear === 2025) return 809_000
  return 800_000
}

/** 合計所得金額 bands of the taxable stages 6–13 (lower bound inclusive, upper bound exclusive). */
export const TAXABLE_INCOME_BANDS: readonly (readonly [from: number, below: number])[] = [
  [NON_TAXABLE_LIMIT_SINGLE + 1, 1_200_000],
  [1_200_000, 2_100_000],
  [2_100_000, 3_200_000],
  [3_200_000, 4_200_000],
  [4_200_000, 5_200_000],
  [5_200_000, 6_200_000],
  [6_200_000, 7_200_000],
  [7_200_000, 40_000_000],
]

/**
 * 公的年金等に係る雑所得 (所得税法第35条, 令和2年分以降; 公的年金等以外の合計所得 ≤ 1,000万円 assumed):
 * 収入 − 公的年金等控除額, floored at 0. `aged65`: 65 or over on 31 December of the income year.
 */
export function pensionMiscIncome(pension: number, aged65: boolean): number {
  if (pension <= 0) return 0
  let income: number
  if (aged65) {
    if (pension <= 3_300_000) income = pension - 1_100_000
    else if (pension <= 4_100_000) income = Math.floor(pension * 0.75) - 275_000
    else if (pension <= 7_700_000) income = Math.floor(pension * 0.85) - 685_000
    else if (pension <= 10_000_000) income = Math.floor(pension * 0.95) - 1_455_000
    else income = pension - 1_955_000
  } else {
    if (pension <= 1_300_000) income = pension - 600_000
    else if (pension <= 4_100_000) income = Math.floor(pension * 0.75) - 275_000
    else if (pension <= 7_700_000) income = Math.floor(pension * 0.85) - 685_000
    else if (pension <= 10_000_000) income = Math.floor(pension * 0.95) - 1_455_000
    else income = pension - 1_955_000
  }
  return Math.max(0, income)
}

/** The largest pension income whose 雑所得 does not exceed `income` (pensionMiscIncome is non-decreasing). */
export function maxPensionForMiscIncome(income: number, aged65: boolean): number {
  let lo = 0
  let hi = 60_000_000
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2)
    if (pensionMiscIncome(mid, aged65) <= income) lo = mid
    else hi = mid - 1
  }
  return lo
}

export interface IncomeFigures {
  totalIncome: number
  taxablePensionIncome: number
  pensionAndOtherIncome: number
}

/** Figures from 課税年金収入額 and the other (non-pension) 所得, keeping the invariant above. */
export function incomeFigures(pension: number, otherIncome: number, aged65: boolean): IncomeFigures {
  const misc = pensionMiscIncome(pension, aged65)
  return {
    totalIncome: misc + otherIncome,
    taxablePensionIncome: pension,
    pensionAndOtherIncome: pension + otherIncome,
  }
}
