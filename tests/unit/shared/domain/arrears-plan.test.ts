import { describe, expect, it } from 'vitest'
import {
  monthlySchedule,
  nextStepAllowed,
  planProblems,
  planProgress,
  restrictionMeasure,
  type PlanRules,
} from '../../../../shared/domain/arrears-plan'

// The ward's 分納 rules as the tests assume them (shared/domain/arrears-plan.ts SHINJUKU_PLAN_RULES ⚠️).
const rules: PlanRules = { brokenAfterDays: 30, maxMonths: 24 }
const three = [
  { dueOn: '2026-10-31', amount: 10_000 },
  { dueOn: '2026-11-30', amount: 10_000 },
  { dueOn: '2026-12-31', amount: 10_000 },
]

describe('a 分納計画 must add up to the debt it covers', () => {
  it('accepts 3 × 10,000 for a debt of 30,000', () => {
    expect(planProblems({ debt: 30_000, agreedOn: '2026-10-01', instalments: three, rules })).toEqual([])
  })
  it('refuses 3 × 10,000 for a debt of 30,001, naming both sums', () => {
    expect(planProblems({ debt: 30_001, agreedOn: '2026-10-01', instalments: three, rules })).toEqual([
      '分納額の合計 30,000円 が対象の滞納額 30,001円 と一致しません',
    ])
  })
  it('refuses dates out of order and before the agreement', () => {
    const problems = planProblems({
      debt: 20_000,
      agreedOn: '2026-11-01',
      instalments: [
        { dueOn: '2026-10-31', amount: 10_000 },
        { dueOn: '2026-10-31', amount: 10_000 },
      ],
      rules,
    })
    expect(problems).toContain('第1回（2026-10-31）: 納付予定日が誓約日（2026-11-01）より前です')
    expect(problems).toContain('第2回（2026-10-31）: 納付予定日が前回（2026-10-31）以前です')
  })
  it('keeps the plan within 24 months: agreed 2026-10-01 → last day 2028-10-01 (民法143条), 2028-10-02 refused', () => {
    const at = (dueOn: string) =>
      planProblems({ debt: 1, agreedOn: '2026-10-01', instalments: [{ dueOn, amount: 1 }], rules })
    expect(at('2028-10-01')).toEqual([])
    expect(at('2028-10-02')).toHaveLength(1)
  })
})

describe('a plan is broken when an instalment is unpaid 30 days after its date', () => {
  // 第2回 2026-11-30 unpaid: late 2026-12-01 … 2026-12-30 (30 days), broken from 2026-12-31.
  it('is late, not broken, on the 30th day after the date', () => {
    const p = planProgress({ instalments: three, paidSinceAgreement: 10_000, asOf: '2026-12-30', rules })
    expect(p.instalments.map((i) => i.state)).toEqual(['paid', 'late', 'pending'])
    expect(p.broken).toBe(false)
  })
  it('is broken on the 31st day', () => {
    const p = planProgress({ instalments: three, paidSinceAgreement: 10_000, asOf: '2026-12-31', rules })
    expect(p).toMatchObject({ broken: true, brokenSince: '2026-12-31', completed: false })
  })
  it('covers the instalments in date order and completes on the full sum', () => {
    expect(
      planProgress({ instalments: three, paidSinceAgreement: 15_000, asOf: '2026-11-15', rules }).instalments[1],
    ).toMatchObject({ covered: 5_000, state: 'pending' })
    expect(planProgress({ instalments: three, paidSinceAgreement: 30_000, asOf: '2027-06-01', rules }).completed).toBe(
      true,
    )
  })
})

describe('the measure of 給付制限 by the length of arrears (docs/sources/domain.md §4.3)', () => {
  // Due 2025-07-31: 1 year from 2025-08-01 ends 2026-07-31 → 償還払い化 from 2026-08-01 (法第66条);
  // 1 year 6 months ends 2027-01-31 → 一時差止 from 2027-02-01 (法第67条).
  const m = (asOf: string, oldest = '2025-07-31', timeBarredAmount = 0) =>
    restrictionMeasure({ oldestUnpaidDueDate: oldest, timeBarredAmount, asOf })
  it('1 year', () => {
    expect(m('2026-07-31')).toBeNull()
    expect(m('2026-08-01')).toBe('reimbursementOnly')
  })
  it('1 year 6 months', () => {
    expect(m('2027-01-31')).toBe('reimbursementOnly')
    expect(m('2027-02-01')).toBe('suspension')
  })
  // Due 2024-07-31: limitation ends 2026-07-31 (法第200条) → 減額 from 2026-08-01 when an amount is time-barred.
  it('2 years with time-barred premiums', () => {
    expect(m('2026-07-31', '2024-07-31', 5_000)).toBe('suspension')
    expect(m('2026-08-01', '2024-07-31', 5_000)).toBe('reduction')
    expect(m('2026-08-01', '2024-07-31', 0)).toBe('suspension')
  })
  it('nothing unpaid: no measure', () => {
    expect(restrictionMeasure({ oldestUnpaidDueDate: null, timeBarredAmount: 0, asOf: '2026-08-01' })).toBeNull()
  })
})

describe('the steps of a restriction follow in order', () => {
  it('予告 → 弁明 → 決定 → 証への記載; 解除 after any step', () => {
    expect(nextStepAllowed(null, 'notice')).toBe(true)
    expect(nextStepAllowed(null, 'decision')).toBe(false)
    expect(nextStepAllowed('notice', 'explanation')).toBe(true)
    expect(nextStepAllowed('notice', 'decision')).toBe(false)
    expect(nextStepAllowed('explanation', 'decision')).toBe(true)
    expect(nextStepAllowed('decision', 'cardNote')).toBe(true)
    expect(nextStepAllowed(null, 'release')).toBe(false)
    expect(nextStepAllowed('decision', 'release')).toBe(true)
  })
})

describe('a monthly schedule adds up to the debt', () => {
  it('10,000 in 3: 3,334 then 2 × 3,333, month ends kept (1/31 → 2/28 → 3/31)', () => {
    expect(monthlySchedule(10_000, 3, '2027-01-31')).toEqual([
      { dueOn: '2027-01-31', amount: 3_334 },
      { dueOn: '2027-02-28', amount: 3_333 },
      { dueOn: '2027-03-31', amount: 3_333 },
    ])
  })
  it('crosses the year: 2026-11-30 in 3 → 2026-12-30, 2027-01-30', () => {
    expect(monthlySchedule(9_000, 3, '2026-11-30').map((i) => i.dueOn)).toEqual([
      '2026-11-30',
      '2026-12-30',
      '2027-01-30',
    ])
  })
})
