/**
 * Figures of the 利用者負担割合 judgement beyond the thresholds (COPAY_THRESHOLDS in ./benefits): the deduction of
 * 10万円 from the salary and public-pension income in the 合計所得金額 and "other income" used by the judgement
 * (docs/sources/domain.md §5.3; 介護保険法施行令第22条の2, 令和3年8月〜 ⚠️ the start date as given by the source).
 */
import type { Versioned } from '../versioned'

export interface CopayIncomeDeduction {
  /** Deducted from (給与所得 + 公的年金等に係る雑所得), at most their sum. */
  readonly salaryPensionDeduction: number
  /** First month of the 判定年度 (8 = August): the year runs 8/1〜7/31. */
  readonly yearStartMonth: number
}

export const COPAY_INCOME_DEDUCTION: readonly Versioned<CopayIncomeDeduction>[] = [
  {
    from: '2018-08-01',
    to: '2021-07-31',
    source: '介護保険法施行令第22条の2 (平成30年8月〜) docs/sources/domain.md §5.3 [S21]',
    value: { salaryPensionDeduction: 0, yearStartMonth: 8 },
  },
  {
    from: '2021-08-01',
    source:
      '介護保険法施行令第22条の2 (令和3年8月〜: 給与所得・公的年金等の合計から10万円) docs/sources/domain.md §5.3 [S21][S47]',
    unverified: true,
    value: { salaryPensionDeduction: 100_000, yearStartMonth: 8 },
  },
]
