/**
 * 利用者負担割合の判定 (docs/sources/domain.md §5.3): the 判定年度 (8/1〜7/31, from the previous year's income), the
 * judgement incomes of one person from a resident-tax record, and the CopayRateInput of a person from the members of
 * the household. The ratio itself is copayRate (./benefits).
 */
import { assertInteger } from './arith'
import type { CopayRateInput } from './benefits'
import { copayRate } from './benefits'
import type { IsoDate } from './dates'
import { addDays, assertIsoDate, parseIsoDate, toIsoDate } from './dates'
import { COPAY_INCOME_DEDUCTION } from './parameters/copay-determination'
import { valueAt } from './versioned'

/** A 判定年度: `year` 2026 = 2026-08-01〜2027-07-31. */
export interface CopayYear {
  readonly year: number
  readonly from: IsoDate
  readonly to: IsoDate
  /** The 住民税 fiscal year whose record holds the income judged (the income of the calendar year before `from`). */
  readonly taxFiscalYear: number
}

/**
 * The 判定年度 starting in `year`: 8/1 of `year` to 7/31 of the next year; judged on the previous calendar year's
 * income, i.e. the resident-tax record of fiscal year `year` (docs/sources/domain.md §5.3 "Valid 1 August to 31 July,
 * from the previous year's income").
 */
export function copayYear(year: number): CopayYear {
  assertInteger(year, 'year', 1)
  const from = toIsoDate(year, 8, 1)
  const { yearStartMonth } = valueAt(COPAY_INCOME_DEDUCTION, from, 'copay income deduction')
  const start = toIsoDate(year, yearStartMonth, 1)
  const to = addDays(toIsoDate(year + 1, yearStartMonth, 1), -1)
  return { year, from: start, to, taxFiscalYear: year }
}

/** The 判定年度 a date falls in (8/1〜7/31): 2026-07-31 → 2025, 2026-08-01 → 2026. */
export function copayYearOf(on: IsoDate): CopayYear {
  assertIsoDate(on, 'on')
  const d = parseIsoDate(on)
  const { yearStartMonth } = valueAt(COPAY_INCOME_DEDUCTION, on, 'copay income deduction')
  return copayYear(d.month >= yearStartMonth ? d.year : d.year - 1)
}

/** A person's income figures as the resident-tax record holds them. */
export interface CopayIncomeRecord {
  /** 合計所得金額 (after the special deductions on long- and short-term gains). */
  readonly totalIncome: number
  /** 公的年金等の収入金額. */
  readonly publicPensionIncome: number
  /** 公的年金等に係る雑所得. */
  readonly pensionMiscIncome: number
  /** 給与所得. */
  readonly salaryIncome: number
}

/**
 * The two figures of the judgement for one person (docs/sources/domain.md §5.3): 合計所得金額 less 10万円 from the
 * salary and public-pension income (at most their sum), never below 0; and 年金収入＋その他の合計所得金額, where other
 * income = 合計所得金額 − 公的年金等に係る雑所得 (less 10万円 when there is salary income, at most the salary).
 */
export function copayJudgementIncomes(
  r: CopayIncomeRecord,
  on: IsoDate,
): { totalIncome: number; pensionAndOtherIncome: number } {
  assertInteger(r.totalIncome, 'totalIncome')
  assertInteger(r.publicPensionIncome, 'publicPensionIncome', 0)
  assertInteger(r.pensionMiscIncome, 'pensionMiscIncome', 0)
  assertInteger(r.salaryIncome, 'salaryIncome', 0)
  const { salaryPensionDeduction } = valueAt(COPAY_INCOME_DEDUCTION, on, 'copay income deduction')
  const positive = (n: number) => Math.max(0, n)
  const totalIncome = positive(
    r.totalIncome - Math.min(salaryPensionDeduction, positive(r.salaryIncome) + positive(r.pensionMiscIncome)),
  )
  const other = positive(r.totalIncome - r.pensionMiscIncome - Math.min(salaryPensionDeduction, r.salaryIncome))
  return { totalIncome, pensionAndOtherIncome: r.publicPensionIncome + other }
}

/** One household member as the judgement sees them. */
export interface CopayHouseholdMember {
  readonly personId: number
  readonly category: 1 | 2 | null
  readonly onPublicAssistance: boolean
  readonly residentTaxExempt: boolean
  /** From copayJudgementIncomes. */
  readonly totalIncome: number
  readonly pensionAndOtherIncome: number
}

/**
 * The CopayRateInput of `personId` from the members of the household on the judging day: the 65+ persons counted are
 * the household's 第1号被保険者, the person included (docs/sources/domain.md §5.3).
 */
export function copayInputOf(personId: number, members: readonly CopayHouseholdMember[]): CopayRateInput {
  const self = members.find((m) => m.personId === personId)
  if (!self) throw new RangeError(`person ${personId} is not a member of the household given`)
  const over65 = members.filter((m) => m.category === 1 || m.personId === personId)
  return {
    category: self.category === 2 ? 2 : 1,
    onPublicAssistance: self.onPublicAssistance,
    residentTaxExempt: self.residentTaxExempt,
    totalIncome: self.totalIncome,
    over65InHousehold: over65.length,
    householdPensionAndOtherIncome: over65.reduce((s, m) => s + m.pensionAndOtherIncome, 0),
  }
}

/** The ratio of every person of a household (copayRate on the 判定年度's first day). */
export function householdCopayRates(
  personIds: readonly number[],
  members: readonly CopayHouseholdMember[],
  on: IsoDate,
): Map<number, { ratio: 1 | 2 | 3; input: CopayRateInput }> {
  const out = new Map<number, { ratio: 1 | 2 | 3; input: CopayRateInput }>()
  for (const id of personIds) {
    const input = copayInputOf(id, members)
    out.set(id, { ratio: copayRate(input, on), input })
  }
  return out
}
