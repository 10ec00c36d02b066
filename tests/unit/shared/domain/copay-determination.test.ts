import { describe, expect, it } from 'vitest'
import {
  copayInputOf,
  copayJudgementIncomes,
  copayRate,
  copayYear,
  copayYearOf,
  type CopayHouseholdMember,
} from '../../../../shared/domain'

// docs/sources/domain.md §5.3: valid 1 August to 31 July, from the previous year's income.
describe('copayYear / copayYearOf — the 判定年度 runs 8/1〜7/31', () => {
  it('2026 is 2026-08-01〜2027-07-31, judged on the 令和8年度 resident tax (2025 income)', () => {
    expect(copayYear(2026)).toEqual({ year: 2026, from: '2026-08-01', to: '2027-07-31', taxFiscalYear: 2026 })
  })
  it('31 July still belongs to the year before, 1 August starts the next', () => {
    expect(copayYearOf('2026-07-31').year).toBe(2025)
    expect(copayYearOf('2026-08-01').year).toBe(2026)
  })
})

// docs/sources/domain.md §5.3: 10万円 deducted from salary and public-pension income (令和3年8月〜).
describe('copayJudgementIncomes — the two figures of the judgement', () => {
  it('deducts 100,000 from 合計所得 when there is pension income, and other income excludes the pension 雑所得', () => {
    // 1,700,000 − min(100,000, 200,000) = 1,600,000; 1,300,000 + (1,700,000 − 200,000) = 2,800,000
    expect(
      copayJudgementIncomes(
        { totalIncome: 1_700_000, publicPensionIncome: 1_300_000, pensionMiscIncome: 200_000, salaryIncome: 0 },
        '2026-08-01',
      ),
    ).toEqual({ totalIncome: 1_600_000, pensionAndOtherIncome: 2_800_000 })
  })
  it('deducts at most the salary and pension income (50,000 of pension 雑所得 → 50,000)', () => {
    // 1,000,000 − 50,000 = 950,000; other = 1,000,000 − 50,000 = 950,000, + 1,150,000 pension = 2,100,000
    expect(
      copayJudgementIncomes(
        { totalIncome: 1_000_000, publicPensionIncome: 1_150_000, pensionMiscIncome: 50_000, salaryIncome: 0 },
        '2026-08-01',
      ),
    ).toEqual({ totalIncome: 950_000, pensionAndOtherIncome: 2_100_000 })
  })
  it('deducts nothing before 2021-08-01', () => {
    expect(
      copayJudgementIncomes(
        { totalIncome: 1_700_000, publicPensionIncome: 1_300_000, pensionMiscIncome: 200_000, salaryIncome: 0 },
        '2021-07-31',
      ),
    ).toEqual({ totalIncome: 1_700_000, pensionAndOtherIncome: 2_800_000 })
  })
})

const member = (personId: number, over: Partial<CopayHouseholdMember> = {}): CopayHouseholdMember => ({
  personId,
  category: 1,
  onPublicAssistance: false,
  residentTaxExempt: false,
  totalIncome: 0,
  pensionAndOtherIncome: 0,
  ...over,
})

// docs/sources/domain.md §5.3: single 2,800,000 / two or more 3,460,000 for 20 %.
describe('copayInputOf — the household counts its 第1号被保険者', () => {
  it('a couple both 65+: the household figure is the sum; 3,460,000 is 2割, 3,459,999 is 1割', () => {
    const at = (spouse: number) =>
      copayRate(
        copayInputOf(1, [
          member(1, { totalIncome: 1_600_000, pensionAndOtherIncome: 2_000_000 }),
          member(2, { pensionAndOtherIncome: spouse }),
        ]),
        '2026-08-01',
      )
    expect(at(1_460_000)).toBe(2)
    expect(at(1_459_999)).toBe(1)
  })
  it('a member under 65 (no category) is not counted', () => {
    const input = copayInputOf(1, [member(1), member(2, { category: null, pensionAndOtherIncome: 5_000_000 })])
    expect(input.over65InHousehold).toBe(1)
    expect(input.householdPensionAndOtherIncome).toBe(0)
  })
})
