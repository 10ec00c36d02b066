import { describe, expect, it } from 'vitest'
import {
  applyReliefs,
  computeReduction,
  deferralProblem,
  installmentsConcerned,
  reliefRate,
  SHINJUKU_RELIEF_TABLE,
  type ReliefTable,
} from '../../../../shared/domain/premium-reduction'
import { valueAt } from '../../../../shared/domain/versioned'
import type { PlannedInstallment } from '../../../../shared/domain/premium-assessment'

// The 新宿区 default table ⚠️ (shared/domain/parameters/premium-reduction.ts; 介護保険法第142条, docs/sources/domain.md
// §3.6 🔧): 災害 損害 5割以上 → 全額, 3割以上 → 1/2; 収入の減少 5割以上 → 1/2, 3割以上 → 1/4; 拘禁 → 全額; 猶予 6か月以内.
const table = valueAt(SHINJUKU_RELIEF_TABLE, '2026-04-01', 'relief table')

// Nine 納期 July–March at month end (新宿区 [S10]), as a year of 95,040 yen splits them (first 11,040, then 10,500).
const year: PlannedInstallment[] = [
  ['2026-07', '2026-07-31', 11_040],
  ['2026-08', '2026-08-31', 10_500],
  ['2026-09', '2026-09-30', 10_500],
  ['2026-10', '2026-10-31', 10_500],
  ['2026-11', '2026-11-30', 10_500],
  ['2026-12', '2026-12-31', 10_500],
  ['2027-01', '2027-01-31', 10_500],
  ['2027-02', '2027-02-28', 10_500],
  ['2027-03', '2027-03-31', 10_500],
].map(([month, dueDate, amount], i) => ({
  seq: i + 1,
  month: month as string,
  dueDate: dueDate as string,
  amount: amount as number,
}))

describe('災害: the damage ratio against the ward’s bands (5割 → 全額, 3割 → 1/2)', () => {
  const rate = (damagePercent: number) => reliefRate('disaster', { damagePercent }, table)
  it('50 % damage reduces in full, 49 % by half', () => {
    expect(rate(50)).toMatchObject({ kind: 'rate', rate: 10_000 })
    expect(rate(49)).toMatchObject({ kind: 'rate', rate: 5_000 })
  })
  it('30 % damage reduces by half, 29 % is not eligible (the reason says the threshold)', () => {
    expect(rate(30)).toMatchObject({ kind: 'rate', rate: 5_000 })
    const below = rate(29)
    expect(below.kind).toBe('notEligible')
    expect(below.kind === 'notEligible' && below.reason).toContain('30%以上')
  })
  it('100 % is the most; the damage ratio is required', () => {
    expect(rate(100)).toMatchObject({ kind: 'rate', rate: 10_000 })
    expect(reliefRate('disaster', { damagePercent: 101 }, table).kind).toBe('notEligible')
    expect(reliefRate('disaster', {}, table)).toEqual({ kind: 'notEligible', reason: '災害には損害割合が必要です' })
  })
})

describe('収入の著しい減少 and 失業・事業の休廃止: the drop of the expected income (5割 → 1/2, 3割 → 1/4)', () => {
  const rate = (previousIncome: number, expectedIncome: number) =>
    reliefRate('incomeDrop', { previousIncome, expectedIncome }, table)
  it('a drop of exactly 50 % halves, 49.99 % quarters', () => {
    // (2,000,000 − 1,000,000) ÷ 2,000,000 = 50 %; (2,000,000 − 1,000,200) ÷ 2,000,000 = 49.99 %
    expect(rate(2_000_000, 1_000_000)).toMatchObject({ kind: 'rate', rate: 5_000 })
    expect(rate(2_000_000, 1_000_200)).toMatchObject({ kind: 'rate', rate: 2_500 })
  })
  it('a drop of exactly 30 % quarters, 29.99 % is not eligible (truncated, never rounded up)', () => {
    // (1,000,000 − 700,000) ÷ 1,000,000 = 30 %; (1,000,000 − 700,001) ÷ 1,000,000 = 29.9999 % → 29.99 %
    expect(rate(1_000_000, 700_000)).toMatchObject({ kind: 'rate', rate: 2_500 })
    expect(rate(1_000_000, 700_001).kind).toBe('notEligible')
  })
  it('a negative expected income counts as 0 (a drop of 100 %); no previous income cannot be compared', () => {
    expect(rate(1_000_000, -50_000)).toMatchObject({ kind: 'rate', rate: 5_000 })
    expect(rate(0, 0).kind).toBe('notEligible')
    expect(reliefRate('unemployment', { previousIncome: 1_000_000 }, table).kind).toBe('notEligible')
  })
  it('失業・事業の休廃止 uses the same bands by default', () => {
    expect(reliefRate('unemployment', { previousIncome: 1_000_000, expectedIncome: 500_000 }, table)).toMatchObject({
      rate: 5_000,
    })
  })
})

describe('拘禁: the 納期 concerned in full', () => {
  it('needs no figure', () => {
    expect(reliefRate('detention', {}, table)).toMatchObject({ kind: 'rate', rate: 10_000 })
  })
})

describe('the table is the ward’s: another table gives other reductions', () => {
  it('a ward paying 8割 from 2割 damage', () => {
    const other: ReliefTable = {
      ...table,
      reasons: { ...table.reasons, disaster: { kind: 'damageRatio', bands: [{ minRatio: 2_000, rate: 8_000 }] } },
    }
    expect(reliefRate('disaster', { damagePercent: 20 }, other)).toMatchObject({ rate: 8_000 })
    expect(reliefRate('disaster', { damagePercent: 19 }, other).kind).toBe('notEligible')
  })
})

describe('the reduction never exceeds the 納期 concerned not yet due', () => {
  it('only 納期 due on or after today count: on 2026-10-31 the October 納期 still counts, September not', () => {
    expect(installmentsConcerned(year, [], '2026-10-31').map((i) => i.seq)).toEqual([4, 5, 6, 7, 8, 9])
    expect(installmentsConcerned(year, [], '2026-11-01').map((i) => i.seq)).toEqual([5, 6, 7, 8, 9])
    expect(installmentsConcerned(year, [3, 4, 5], '2026-10-01').map((i) => i.seq)).toEqual([4, 5])
  })
  it('全額 of the remaining six 納期 on 2026-10-01 is their sum 63,000', () => {
    // 6 × 10,500 = 63,000
    const r = computeReduction({
      reason: 'disaster',
      figures: { damagePercent: 60 },
      table,
      installments: year,
      seqs: [],
      today: '2026-10-01',
    })
    expect(r).toMatchObject({ base: 63_000, amount: 63_000 })
  })
  it('1/2 of 第1期 (11,040) is 5,520; 1/4 of 第2期 (10,500) is 2,625', () => {
    const half = computeReduction({
      reason: 'disaster',
      figures: { damagePercent: 30 },
      table,
      installments: year,
      seqs: [1],
      today: '2026-07-01',
    })
    expect(half).toMatchObject({ base: 11_040, amount: 5_520 })
    const quarter = computeReduction({
      reason: 'incomeDrop',
      figures: { previousIncome: 1_000_000, expectedIncome: 600_000 },
      table,
      installments: year,
      seqs: [2],
      today: '2026-07-01',
    })
    expect(quarter).toMatchObject({ base: 10_500, amount: 2_625 })
  })
  it('a fraction of a yen is truncated: 1/4 of 10,502 is 2,625', () => {
    const odd = [{ seq: 1, month: '2026-07', dueDate: '2026-07-31', amount: 10_502 }]
    const r = computeReduction({
      reason: 'incomeDrop',
      figures: { previousIncome: 100, expectedIncome: 60 },
      table,
      installments: odd,
      seqs: [],
      today: '2026-07-01',
    })
    expect(r).toMatchObject({ amount: 2_625 })
  })
  it('nothing left to reduce when every 納期 concerned is due', () => {
    expect(
      computeReduction({
        reason: 'detention',
        figures: {},
        table,
        installments: year,
        seqs: [1, 2],
        today: '2026-09-01',
      }),
    ).toEqual({
      notEligible: '対象の納期はすべて納期限を過ぎているため、減免できません',
    })
  })
})

describe('徴収猶予: after the due dates concerned, at most the ward’s 6 months from the earliest', () => {
  const concerned = installmentsConcerned(year, [3, 4], '2026-09-01') // due 2026-09-30 and 2026-10-31
  it('6 months counted from the day after 2026-09-30 end on 2027-03-31 (民法143条); one day later is refused', () => {
    expect(deferralProblem(concerned, '2027-03-31', table)).toBeNull()
    expect(deferralProblem(concerned, '2027-04-01', table)).toContain('6か月以内（2027-03-31まで）')
  })
  it('the 猶予期限 must be after the latest due date concerned', () => {
    expect(deferralProblem(concerned, '2026-10-31', table)).toContain('2026-10-31')
    expect(deferralProblem(concerned, '2026-11-02', table)).toBeNull()
  })
  it('the 猶予期限 is a day the ward’s offices are open: Sunday 2027-01-31 is refused naming Monday 2027-02-01', () => {
    expect(deferralProblem(concerned, '2027-01-31', table)).toContain('2027-02-01')
    expect(deferralProblem(concerned, '2027-02-01', table)).toBeNull()
  })
})

describe('applyReliefs: the reduced annual amount and the moved 納期', () => {
  const schedule = year.map(({ amount: _a, ...slot }) => slot)
  it('no relief: unchanged', () => {
    expect(applyReliefs(95_040, schedule, [])).toEqual({ amount: 95_040, reduction: 0, schedule, steps: [] })
  })
  it('減免 subtracts from the annual amount, never below 0', () => {
    const one = applyReliefs(95_040, schedule, [{ id: 1, kind: 'reduction', reason: 'disaster', amount: 63_000 }])
    expect(one).toMatchObject({ amount: 32_040, reduction: 63_000 })
    expect(one.steps).toContain('減免前年額 95,040円 − 減免額 63,000円 = 確定年額 32,040円')
    const over = applyReliefs(10_000, schedule, [{ id: 1, kind: 'reduction', reason: 'detention', amount: 12_000 }])
    expect(over).toMatchObject({ amount: 0, reduction: 10_000 })
  })
  it('徴収猶予 moves only the 納期 it names, only later', () => {
    const moved = applyReliefs(95_040, schedule, [
      { id: 2, kind: 'deferral', reason: 'unemployment', seqs: [3, 4], deferredUntil: '2027-01-29' },
    ])
    expect(moved.amount).toBe(95_040)
    expect(moved.schedule.map((s) => s.dueDate)).toEqual([
      '2026-07-31',
      '2026-08-31',
      '2027-01-29',
      '2027-01-29',
      '2026-11-30',
      '2026-12-31',
      '2027-01-31',
      '2027-02-28',
      '2027-03-31',
    ])
  })
})
