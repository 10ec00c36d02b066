/**
 * Income arithmetic of the generator (yen, integers). These are simplified, documented models whose only job is to
 * produce mutually consistent dummy figures; the authoritative premium rules live in shared/domain.
 *
 * Invariants of every generated person (tested):
 * - pensionAndOtherIncome = taxablePensionIncome + (totalIncome − pensionMiscIncome(taxablePensionIncome, aged65))
 *   i.e. 年金収入等 = 課税年金収入額 + その他の合計所得金額 (docs/sources/domain.md §3.2), where `aged65` is whether the person is
 *   65 or over on 31 December of the income year (the year before the fiscal year).
 * - residentTaxable ⇒ totalIncome > 450,000 (特別区の均等割非課税限度額, single person) and not on public assistance.
 * - !residentTaxable ⇒ totalIncome ≤ 1,350,000 (障害者・寡婦・ひとり親 limit; with dependants the limit of
 *   350,000 × (1 + dependants) + 310,000 also stays below it for up to 2 dependants).
 */
import {
  fiscalYearStart,
  NATIONAL_STANDARD_STAGES,
  PENSION_INCOME_BOUNDARY,
  valueAt,
  type IsoDate,
  type Versioned,
} from '../../../../shared/domain'

/** 非課税限度額 for a single person without dependants in a 1級地 (特別区), 合計所得金額. */
export const NON_TAXABLE_LIMIT_SINGLE = 450_000
/** 非課税限度額 for 障害者・未成年者・寡婦・ひとり親 (地方税法第295条第1項第2号), 合計所得金額. */
export const NON_TAXABLE_LIMIT_EXEMPT = 1_350_000

/**
 * The day whose version of a dated table describes a ward of `fiscalYear`: the start of that fiscal year, or the
 * first version's start when the ward is dated before the table (dummy data only: the figures as they first stood).
 */
function tableDay(table: readonly Versioned<unknown>[], fiscalYear: number): IsoDate {
  const first = table.reduce((a, b) => (b.from < a.from ? b : a)).from
  const start = fiscalYearStart(fiscalYear)
  return start < first ? first : start
}

/**
 * The 年金収入等 boundary L of the national standard stages in force in a fiscal year: shared/domain's dated table
 * (介護保険法施行令第38条; 80万 FY2024, 80.9万 FY2025, 82.65万 FY2026 onward). Used only to place dummy incomes on
 * both sides of it.
 */
export function pensionIncomeBoundary(fiscalYear: number): number {
  return valueAt(PENSION_INCOME_BOUNDARY, tableDay(PENSION_INCOME_BOUNDARY, fiscalYear), 'pension income boundary L')
}

/** The highest 合計所得金額 the generator draws (the open top band of stage 13 needs an end). */
const HIGHEST_TOTAL_INCOME = 40_000_000

/**
 * 合計所得金額 bands of the taxable stages of the national standard in force in a fiscal year (lower bound inclusive,
 * upper bound exclusive; shared/domain's NATIONAL_STANDARD_STAGES, 施行令第38条: 120万/210万/…/720万). The first band
 * starts above the 非課税限度額, the open top band ends at HIGHEST_TOTAL_INCOME.
 */
export function taxableIncomeBands(fiscalYear: number): readonly (readonly [from: number, below: number])[] {
  const day = tableDay(NATIONAL_STANDARD_STAGES, fiscalYear)
  const { selfTaxableBands } = valueAt(NATIONAL_STANDARD_STAGES, day, 'national standard stages')
  let from = NON_TAXABLE_LIMIT_SINGLE + 1
  return selfTaxableBands.map((band) => {
    const below = band.below ?? HIGHEST_TOTAL_INCOME
    const range = [from, below] as const
    from = below
    return range
  })
}

/**
 * The age from which the larger 公的年金等控除 applies, judged on 31 December of the income year (所得税法第35条第4項,
 * 租税特別措置法第41条の15の3, 所得税法第85条). A tax rule: equal to, but not the same law as, CATEGORY1_AGE.
 */
export const PENSION_DEDUCTION_ELDER_AGE = 65

/**
 * 公的年金等に係る雑所得 (所得税法第35条, 令和2年分以降; 公的年金等以外の合計所得 ≤ 1,000万円 assumed):
 * 収入 − 公的年金等控除額, floored at 0. `aged65`: PENSION_DEDUCTION_ELDER_AGE or over on 31 December of the income
 * year.
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
