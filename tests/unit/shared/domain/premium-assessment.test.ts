import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  assessPremiumYear,
  assessmentRightEndDate,
  assessmentRightStartingPoint,
  directPaymentSchedule,
  liableMonthOffsets,
  planInstallments,
  premiumIncomes,
  shinjukuProvisionalStageTable,
  type PremiumIncomes,
} from '../../../../shared/domain'

// Figures: 新宿区 第9期 基準額 年79,200円 [S22]; national standard rates (施行令38条, docs/sources/domain.md §3.2);
// FY2026 boundary L = 826,500 [S1][S3]; rounding floor10 (SHINJUKU_PREMIUM_ROUNDING ⚠️).
const table = shinjukuProvisionalStageTable(2026)

describe('income for premiums: the 10万円 deduction (施行令38条4項, docs/sources/domain.md §3.2)', () => {
  it('deducts up to 100,000 yen of 年金所得 from 合計所得, and counts public pension income in full for 年金収入等', () => {
    // 合計所得 1,000,000 (all 年金雑所得) → 1,000,000 − 100,000 = 900,000; other = 1,000,000 − 1,000,000 = 0
    const i = premiumIncomes(2026, {
      totalIncome: 1_000_000,
      publicPensionIncome: 2_100_000,
      pensionMiscIncome: 1_000_000,
      salaryIncome: 0,
    })
    expect([i.totalIncome, i.pensionAndOtherIncome]).toEqual([900_000, 2_100_000])
  })

  it('caps the deduction at the salary and pension income actually there', () => {
    // 給与 50,000 + 年金雑所得 30,000 = 80,000 < 100,000 → 合計所得 80,000 − 80,000 = 0;
    // other = 80,000 − 30,000 − min(100,000, 50,000) = 0 → 年金収入等 = 140,000
    const i = premiumIncomes(2026, {
      totalIncome: 80_000,
      publicPensionIncome: 140_000,
      pensionMiscIncome: 30_000,
      salaryIncome: 50_000,
    })
    expect([i.totalIncome, i.pensionAndOtherIncome]).toEqual([0, 140_000])
  })

  it('deducts at most 100,000 yen of 給与所得 from the other income', () => {
    // 給与 150,000: 合計所得 150,000 − 100,000 = 50,000; other 150,000 − 0 − 100,000 = 50,000
    const i = premiumIncomes(2026, {
      totalIncome: 150_000,
      publicPensionIncome: 0,
      pensionMiscIncome: 0,
      salaryIncome: 150_000,
    })
    expect([i.totalIncome, i.pensionAndOtherIncome]).toEqual([50_000, 50_000])
  })

  it('counts a negative 合計所得金額 as 0', () => {
    const i = premiumIncomes(2026, {
      totalIncome: -200_000,
      publicPensionIncome: 0,
      pensionMiscIncome: 0,
      salaryIncome: 0,
    })
    expect([i.totalIncome, i.pensionAndOtherIncome]).toEqual([0, 0])
  })
})

describe('liable months: from the month of acquisition to the month before the month of loss (docs/sources/domain.md §3.4)', () => {
  it('acquiring on 2026-10-20 gives October–March: 6 months', () => {
    expect(liableMonthOffsets(2026, [{ from: '2026-10-20', lostOn: null }])).toEqual([6, 7, 8, 9, 10, 11])
  })
  it('a death on 2026-06-30 (loss 2026-07-01) leaves April–June: 3 months', () => {
    expect(liableMonthOffsets(2026, [{ from: '2014-12-11', lostOn: '2026-07-01' }])).toEqual([0, 1, 2])
  })
  it('boundaries: acquiring on 4/1 counts 12, on 3/31 counts March only; loss on 4/1 counts 0, on 5/1 April only', () => {
    expect(liableMonthOffsets(2026, [{ from: '2026-04-01', lostOn: null }])).toHaveLength(12)
    expect(liableMonthOffsets(2026, [{ from: '2027-03-31', lostOn: null }])).toEqual([11])
    expect(liableMonthOffsets(2026, [{ from: '2000-04-01', lostOn: '2026-04-01' }])).toEqual([])
    expect(liableMonthOffsets(2026, [{ from: '2000-04-01', lostOn: '2026-05-01' }])).toEqual([0])
    expect(liableMonthOffsets(2026, [{ from: '2027-04-01', lostOn: null }])).toEqual([])
  })
  it('counts a month once when a loss and a new acquisition meet in it', () => {
    // lost 2026-06-15 (up to May), acquired again 2026-06-20 (from June): every month once
    const periods = [
      { from: '2020-01-01', lostOn: '2026-06-15' },
      { from: '2026-06-20', lostOn: null },
    ]
    expect(liableMonthOffsets(2026, periods)).toHaveLength(12)
  })
})

const incomesOf = (totalIncome: number, pensionAndOtherIncome: number): PremiumIncomes => ({
  totalIncome,
  pensionAndOtherIncome,
  steps: [],
})
const all12 = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]
const base = {
  fiscalYear: 2026,
  table,
  liableMonths: all12,
  selfTaxable: false,
  householdTaxable: false,
  incomes: incomesOf(0, 0),
  publicAssistance: [],
  oldAgeWelfarePension: [],
}

describe('the year’s amount: stage, annual amount, months (docs/sources/domain.md §3.2–3.4)', () => {
  it('stage 6 for 12 months is the annual amount 79,200 × 1.2 = 95,040', () => {
    const a = assessPremiumYear({ ...base, selfTaxable: true, incomes: incomesOf(1_199_999, 0) })
    expect(a).toMatchObject({ amount: 95_040, liableMonths: 12 })
    expect(a.intervals).toEqual([
      { stage: 6, fromMonth: '2026-04', toMonth: '2027-03', months: 12, annualAmount: 95_040, amount: 95_040 },
    ])
  })
  it('stage 8 at 合計所得 2,100,000 (以上): 79,200 × 1.5 = 118,800', () => {
    expect(assessPremiumYear({ ...base, selfTaxable: true, incomes: incomesOf(2_100_000, 0) }).amount).toBe(118_800)
    expect(assessPremiumYear({ ...base, selfTaxable: true, incomes: incomesOf(2_099_999, 0) }).amount).toBe(102_960) // stage 7: 79,200 × 1.3
  })
  it('prorates by months: stage 6 for 6 months = 95,040 × 6/12 = 47,520; for 3 months = 23,760', () => {
    const six = assessPremiumYear({
      ...base,
      selfTaxable: true,
      incomes: incomesOf(0, 0),
      liableMonths: [6, 7, 8, 9, 10, 11],
    })
    expect(six.amount).toBe(47_520)
    const three = assessPremiumYear({ ...base, selfTaxable: true, incomes: incomesOf(0, 0), liableMonths: [0, 1, 2] })
    expect(three.amount).toBe(23_760)
  })
  it('生活保護 from October splits the year: stage 4 April–September, stage 1 October–March', () => {
    // stage 4: 79,200 × 0.9 = 71,280 × 6/12 = 35,640; stage 1: 79,200 × 0.285 = 22,572 → 22,570 × 6/12 = 11,285 → 11,280
    const a = assessPremiumYear({
      ...base,
      householdTaxable: true,
      incomes: incomesOf(0, 826_500),
      publicAssistance: [{ from: '2026-10-05', to: null }],
    })
    expect(a.intervals.map((i) => [i.stage, i.fromMonth, i.toMonth, i.amount])).toEqual([
      [4, '2026-04', '2026-09', 35_640],
      [1, '2026-10', '2027-03', 11_280],
    ])
    expect(a.amount).toBe(46_920)
  })
  it('生活保護 ending on 2026-08-31 gives stage 1 through August and the tax stage from September', () => {
    // stage 1: 22,570 × 5/12 = 9,404.1 → 9,400; stage 4: 71,280 × 7/12 = 41,580
    const a = assessPremiumYear({
      ...base,
      householdTaxable: true,
      incomes: incomesOf(0, 826_500),
      publicAssistance: [{ from: '2020-01-01', to: '2026-08-31' }],
    })
    expect(a.intervals.map((i) => [i.stage, i.months, i.amount])).toEqual([
      [1, 5, 9_400],
      [4, 7, 41_580],
    ])
  })
})

const schedule = directPaymentSchedule(2026)
const nine = [11_040, 10_500, 10_500, 10_500, 10_500, 10_500, 10_500, 10_500, 10_500]
const previousNine = schedule.map((s, i) => ({ ...s, amount: nine[i]! }))

describe('普通徴収: 9 納期 July–March, due at month end ⚠️ (docs/sources/domain.md §3.6)', () => {
  it('has the nine month ends of July 2026 … March 2027', () => {
    expect(schedule.map((s) => s.dueDate)).toEqual([
      '2026-07-31',
      '2026-08-31',
      '2026-09-30',
      '2026-10-31',
      '2026-11-30',
      '2026-12-31',
      '2027-01-31',
      '2027-02-28',
      '2027-03-31',
    ])
  })
  it('splits 95,040 into 9 in 100-yen units with the remainder first: 11,040 + 8 × 10,500', () => {
    // 95,040 ÷ 9 = 10,560 → 10,500; 95,040 − 8 × 10,500 = 11,040
    const plan = planInstallments(95_040, schedule, [], '2026-07-01')
    expect(plan.installments.map((i) => i.amount)).toEqual(nine)
  })
  it('gives an acquisition of 2026-10-20 the six 納期 from October', () => {
    // 47,520 ÷ 6 = 7,920 → 7,900; 47,520 − 5 × 7,900 = 8,020
    const plan = planInstallments(47_520, schedule, [], '2026-10-26')
    expect(plan.installments.map((i) => [i.month, i.amount])).toEqual([
      ['2026-10', 8_020],
      ['2026-11', 7_900],
      ['2026-12', 7_900],
      ['2027-01', 7_900],
      ['2027-02', 7_900],
      ['2027-03', 7_900],
    ])
  })
  it('spreads a January correction to 118,800 over January–March, keeping July–December', () => {
    // kept 11,040 + 5 × 10,500 = 63,540; 118,800 − 63,540 = 55,260 ÷ 3 = 18,420 → 18,400; first 18,460
    const plan = planInstallments(118_800, schedule, previousNine, '2027-01-15')
    expect(plan.installments.map((i) => i.amount)).toEqual([...nine.slice(0, 6), 18_460, 18_400, 18_400])
    expect(plan.overpaid).toBe(0)
  })
  it('treats a 納期 as remaining on its due date and as passed the day after', () => {
    // on 2027-01-31 January is still open: as above, 18,460 + 18,400 + 18,400
    const onDue = planInstallments(118_800, schedule, previousNine, '2027-01-31').installments
    expect(onDue.slice(6).map((i) => [i.month, i.amount])).toEqual([
      ['2027-01', 18_460],
      ['2027-02', 18_400],
      ['2027-03', 18_400],
    ])
    // on 2027-02-01 January (10,500) stays: 118,800 − 74,040 = 44,760 ÷ 2 = 22,380 → 22,300; February 22,460
    const after = planInstallments(118_800, schedule, previousNine, '2027-02-01').installments
    expect(after.slice(6).map((i) => [i.month, i.amount])).toEqual([
      ['2027-01', 10_500],
      ['2027-02', 22_460],
      ['2027-03', 22_300],
    ])
  })
  it('reports an 過誤納 when the installments already due exceed the corrected amount', () => {
    // kept July–December 63,540 > 47,520 → overpaid 16,020, nothing left to pay
    const plan = planInstallments(47_520, schedule, previousNine, '2027-01-15')
    expect(plan.installments).toHaveLength(6)
    expect(plan.overpaid).toBe(16_020)
  })
  it('adds one 随時期 at the end of the next month when the year’s 納期 are all past', () => {
    // all nine kept (95,040); 118,800 − 95,040 = 23,760 due 2027-05-31
    const plan = planInstallments(118_800, schedule, previousNine, '2027-04-10')
    expect(plan.installments[9]).toEqual({ seq: 10, month: '2027-05', dueDate: '2027-05-31', amount: 23_760 })
  })
  it('keeps a 随時期 not yet due as a 納期: computing again gives the same 期割 (no second 随時期)', () => {
    const first = planInstallments(118_800, schedule, previousNine, '2027-04-10')
    const again = planInstallments(118_800, schedule, first.installments, '2027-04-20')
    expect(again.installments).toEqual(first.installments)
    // a further increase of 1,000 goes to the same 随時期: 24,760
    const more = planInstallments(119_800, schedule, first.installments, '2027-04-20')
    expect(more.installments[9]).toEqual({ seq: 10, month: '2027-05', dueDate: '2027-05-31', amount: 24_760 })
    expect(more.installments).toHaveLength(10)
  })
  it('reports no 過誤納 (0, not −0) when what is due equals the amount', () => {
    // all nine kept: 95,040 = the amount
    expect(Object.is(planInstallments(95_040, schedule, previousNine, '2027-04-10').overpaid, 0)).toBe(true)
  })
  it('always gives Σ installments − 過誤納 = the amount', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2_000_000 }),
        fc.integer({ min: 0, max: 2_000_000 }),
        fc.integer({ min: 0, max: 400 }),
        (first, second, day) => {
          const today = new Date(Date.UTC(2026, 5, 1) + day * 86_400_000).toISOString().slice(0, 10)
          const before = planInstallments(first, schedule, [], '2026-06-01').installments
          const plan = planInstallments(second, schedule, before, today)
          const sum = plan.installments.reduce((s, i) => s + i.amount, 0)
          expect(sum - plan.overpaid).toBe(second)
          expect(plan.installments.every((i) => i.amount >= 0)).toBe(true)
        },
      ),
    )
  })
})

describe('賦課権: 2 years from the day after the first due date (法200条の2, docs/sources/domain.md §3.4 [S32])', () => {
  it('ends on 2026-07-31 for a first due date of 2024-07-31', () => {
    expect(assessmentRightEndDate('2024-07-31')).toBe('2026-07-31')
  })
  it('runs from the acquisition for someone insured during the year', () => {
    expect(assessmentRightStartingPoint(2024, '2024-07-31', '2024-10-20')).toBe('2024-10-20')
    expect(assessmentRightEndDate('2024-10-20')).toBe('2026-10-20')
    expect(assessmentRightStartingPoint(2024, '2024-07-31', '2024-04-01')).toBe('2024-07-31')
    expect(assessmentRightStartingPoint(2024, '2024-07-31', null)).toBe('2024-07-31')
  })
})
