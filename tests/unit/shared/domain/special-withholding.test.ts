import { describe, expect, it } from 'vitest'
import {
  canWithholdIn,
  directPaymentSchedule,
  pensionPaymentSchedule,
  planCollection,
  provisionalWithholding,
  specialWithholdingStatus,
  type CollectionInput,
  type PlannedInstallment,
  type WithholdingTarget,
} from '../../../../shared/domain'

// Figures: 特別徴収 from an annual pension of 180,000円 (以上; 介護保険法施行令第41条, docs/sources/domain.md §3.6);
// pension payments April … February on the 15th; 仮徴収 = the previous February's amount (法140条); 本徴収 = (年額 −
// 仮徴収) ÷ 3 in 100-yen units with the remainder in October (SHINJUKU_FINAL_WITHHOLDING ⚠️); 平準化: August =
// (年額 − 4月 − 6月) ÷ 4 ([S33]) from a difference of 1,000円 (SHINJUKU_WITHHOLDING ⚠️); 普通徴収 9 納期 July–March
// at month end, 100-yen units, remainder in the first (SHINJUKU_DIRECT_PAYMENT ⚠️). Every expected yen is by hand.

const target = (over: Partial<WithholdingTarget> = {}): WithholdingTarget => ({
  personId: 1,
  annualPension: 1_200_000,
  insurerCode: '001',
  pensionCode: '1150',
  firstPaymentMonth: '2026-04',
  stoppedFrom: null,
  ...over,
})
const unit100 = { unit: 100, remainderTo: 'first' as const }
const leveling = { enabled: true, threshold: 1_000 }
const noLeveling = { enabled: false, threshold: 1_000 }
const pay = (seq: number, month: string, amount: number): PlannedInstallment => ({
  seq,
  month,
  dueDate: `${month}-15`,
  amount,
})
/** 仮徴収 of 8,000 in April, June and August (the previous February's amount). */
const provisional8000 = [pay(1, '2026-04', 8_000), pay(2, '2026-06', 8_000), pay(3, '2026-08', 8_000)]
const input = (over: Partial<CollectionInput>): CollectionInput => ({
  fiscalYear: 2026,
  amount: 95_040,
  target: target(),
  settings: { leveling: noLeveling, provisionalWithoutFebruary: 'previousAnnualSixth' },
  finalRule: unit100,
  directRule: unit100,
  directSchedule: directPaymentSchedule(2026),
  previousDirect: [],
  previousWithholding: provisional8000,
  previousAmount: null,
  insuredUntilMonth: null,
  today: '2026-07-10',
  kind: 'final',
  ...over,
})
const byMonth = (items: readonly PlannedInstallment[]) => items.map((i) => [i.month, i.amount])
const sum = (items: readonly PlannedInstallment[]) => items.reduce((s, i) => s + i.amount, 0)

describe('who is 特別徴収: an annual pension of 180,000円 or more (施行令第41条, docs/sources/domain.md §3.6)', () => {
  it('withholds from 180,000 and not from 179,999', () => {
    expect(specialWithholdingStatus(target({ annualPension: 180_000 }), 2026).withheld).toBe(true)
    const below = specialWithholdingStatus(target({ annualPension: 179_999 }), 2026)
    expect(below.withheld).toBe(false)
    expect(below.reason).toBe('年金額 179,999円 が 180,000円 未満のため普通徴収（介護保険法施行令第41条）')
  })

  it('a person not in the 特別徴収対象者情報 is 普通徴収', () => {
    expect(specialWithholdingStatus(null, 2026)).toEqual({
      withheld: false,
      reason: '特別徴収対象者情報に記載がないため普通徴収',
    })
  })

  it('puts a pension of 179,999 entirely on 普通徴収 in the 本算定', () => {
    // 95,040 over 9 納期: 10,560 → 10,500; July = 95,040 − 8 × 10,500 = 11,040
    const plan = planCollection(input({ target: target({ annualPension: 179_999 }), previousWithholding: [] }))
    expect(plan.withholding).toEqual([])
    expect(plan.direct.map((d) => d.amount)).toEqual([11_040, ...Array(8).fill(10_500)])
  })
})

describe('the pension payments: April, June, August 仮徴収; October, December, February 本徴収 (法135条・140条)', () => {
  it('lists the six payments of FY2026 on the 15th', () => {
    expect(pensionPaymentSchedule(2026).map((s) => [s.seq, s.dueDate, s.phase])).toEqual([
      [1, '2026-04-15', 'provisional'],
      [2, '2026-06-15', 'provisional'],
      [3, '2026-08-15', 'provisional'],
      [4, '2026-10-15', 'final'],
      [5, '2026-12-15', 'final'],
      [6, '2027-02-15', 'final'],
    ])
  })
})

describe('when withholding can happen: from the first payment allowed, until a stop or the loss (docs/sources/domain.md §3.6)', () => {
  it('a new 65-year-old allowed from October is not withheld in August, and is in October', () => {
    const t = target({ firstPaymentMonth: '2026-10' })
    expect(canWithholdIn(t, '2026-08', null)).toBe(false)
    expect(canWithholdIn(t, '2026-10', null)).toBe(true)
  })

  it('a withholding stopped from December is withheld in October, not in December', () => {
    const t = target({ stoppedFrom: '2026-12' })
    expect(canWithholdIn(t, '2026-10', null)).toBe(true)
    expect(canWithholdIn(t, '2026-12', null)).toBe(false)
  })

  it('a loss on 2026-07-01 (death 6/30) allows June and not August', () => {
    expect(canWithholdIn(target(), '2026-06', '2026-07')).toBe(true)
    expect(canWithholdIn(target(), '2026-08', '2026-07')).toBe(false)
  })
})

describe('仮算定: 仮徴収 = the previous February amount (法140条第1項)', () => {
  const base = {
    fiscalYear: 2026,
    target: target(),
    februaryAmount: 8_000,
    previousAnnual: 95_040,
    settings: { leveling, provisionalWithoutFebruary: 'previousAnnualSixth' as const },
    finalRule: unit100,
    insuredUntilMonth: null,
  }

  it('withholds the February amount in April, June and August', () => {
    expect(byMonth(provisionalWithholding(base).installments)).toEqual([
      ['2026-04', 8_000],
      ['2026-06', 8_000],
      ['2026-08', 8_000],
    ])
  })

  it('without a February amount, 1/6 of last year’s amount truncated to 100 yen (the ward rule)', () => {
    // 95,040 ÷ 6 = 15,840 → 15,800
    const plan = provisionalWithholding({ ...base, februaryAmount: null })
    expect(plan.installments.map((i) => i.amount)).toEqual([15_800, 15_800, 15_800])
  })

  it('without a February amount and the rule "direct", no 仮徴収 (普通徴収 until the 本算定)', () => {
    const plan = provisionalWithholding({
      ...base,
      februaryAmount: null,
      settings: { leveling, provisionalWithoutFebruary: 'direct' },
    })
    expect(plan.installments).toEqual([])
  })

  it('starts at the first payment allowed (June)', () => {
    const plan = provisionalWithholding({ ...base, target: target({ firstPaymentMonth: '2026-06' }) })
    expect(plan.installments.map((i) => i.month)).toEqual(['2026-06', '2026-08'])
  })

  it('withholds 30,000 from a pension of 180,000 (30,000 a payment) but not 30,001', () => {
    const t = target({ annualPension: 180_000 })
    expect(provisionalWithholding({ ...base, target: t, februaryAmount: 30_000 }).installments).toHaveLength(3)
    expect(provisionalWithholding({ ...base, target: t, februaryAmount: 30_001 }).installments).toEqual([])
  })

  it('none below the pension threshold', () => {
    expect(provisionalWithholding({ ...base, target: target({ annualPension: 179_999 }) }).installments).toEqual([])
  })
})

describe('本算定: 本徴収 = (年額 − 仮徴収) ÷ 3 with the remainder rule (法135条)', () => {
  it('puts the remainder in October by default', () => {
    // 95,040 − 3 × 8,000 = 71,040; ÷ 3 = 23,680 → 23,600; October = 71,040 − 2 × 23,600 = 23,840
    const plan = planCollection(input({}))
    expect(byMonth(plan.withholding)).toEqual([
      ['2026-04', 8_000],
      ['2026-06', 8_000],
      ['2026-08', 8_000],
      ['2026-10', 23_840],
      ['2026-12', 23_600],
      ['2027-02', 23_600],
    ])
    expect(plan.direct).toEqual([])
    expect(sum(plan.withholding)).toBe(95_040)
  })

  it('puts the remainder in February when the ward says "last"', () => {
    const plan = planCollection(input({ finalRule: { unit: 100, remainderTo: 'last' } }))
    expect(plan.withholding.slice(3).map((w) => w.amount)).toEqual([23_600, 23_600, 23_840])
  })

  it('with nothing left after the 仮徴収 (24,000 = 3 × 8,000) there is no 本徴収 and no 普通徴収', () => {
    const plan = planCollection(input({ amount: 24_000 }))
    expect(byMonth(plan.withholding)).toEqual(byMonth(provisional8000))
    expect(plan.direct).toEqual([])
    expect(plan.overpaid).toBe(0)
  })

  it('when the 仮徴収 would exceed the year (20,000), the August 仮徴収 stops and the 本徴収 take the rest', () => {
    // April + June = 16,000 stay; 20,000 − 16,000 = 4,000 ÷ 3 = 1,333 → 1,300; October = 4,000 − 2 × 1,300 = 1,400
    const plan = planCollection(input({ amount: 20_000 }))
    expect(byMonth(plan.withholding)).toEqual([
      ['2026-04', 8_000],
      ['2026-06', 8_000],
      ['2026-10', 1_400],
      ['2026-12', 1_300],
      ['2027-02', 1_300],
    ])
    expect(plan.direct).toEqual([])
  })

  it('when even the 仮徴収 already paid exceed the year (15,000 < 16,000), the excess is 過誤納', () => {
    const plan = planCollection(input({ amount: 15_000 }))
    expect(plan.withholding.map((w) => w.month)).toEqual(['2026-04', '2026-06'])
    expect(plan.direct).toEqual([])
    expect(plan.overpaid).toBe(1_000)
  })

  it('withholds a 本徴収 equal to the pension of a payment (30,000 of 180,000) and not one above it', () => {
    const t = target({ annualPension: 180_000 })
    // 24,000 + 3 × 30,000 = 114,000 → 30,000 each, withheld
    expect(planCollection(input({ target: t, amount: 114_000 })).withholding).toHaveLength(6)
    // 24,000 + 90,300 = 114,300 → 30,100 each > 30,000: the 90,300 go to 普通徴収: 10,033 → 10,000; July 10,300
    const above = planCollection(input({ target: t, amount: 114_300 }))
    expect(above.withholding).toHaveLength(3)
    expect(above.direct.map((d) => d.amount)).toEqual([10_300, ...Array(8).fill(10_000)])
  })
})

describe('平準化: August = (年額 − 4月 − 6月) ÷ 4 from a difference of 1,000円 (法140条第2項, [S33])', () => {
  const on = { leveling, provisionalWithoutFebruary: 'previousAnnualSixth' as const }

  it('levels the halves of 95,040', () => {
    // unleveled 本徴収 23,680 vs August 8,000: difference ≥ 1,000 → August = (95,040 − 16,000) ÷ 4 = 19,760 → 19,700;
    // 本徴収 = 79,040 − 19,700 = 59,340 ÷ 3 = 19,780 → 19,700; October = 59,340 − 2 × 19,700 = 19,940
    const plan = planCollection(input({ settings: on }))
    expect(plan.withholding.map((w) => w.amount)).toEqual([8_000, 8_000, 19_700, 19_940, 19_700, 19_700])
    expect(sum(plan.withholding)).toBe(95_040)
  })

  it('levels at a difference of exactly 1,000 (51,000: 本徴収 9,000 vs 8,000)', () => {
    // August = (51,000 − 16,000) ÷ 4 = 8,750 → 8,700; 本徴収 = 26,300 ÷ 3 = 8,766 → 8,700; October 26,300 − 17,400 = 8,900
    const plan = planCollection(input({ settings: on, amount: 51_000 }))
    expect(plan.withholding.map((w) => w.amount)).toEqual([8_000, 8_000, 8_700, 8_900, 8_700, 8_700])
  })

  it('does not level at a difference of 999 (50,997: 本徴収 8,999 vs 8,000)', () => {
    // 26,997 ÷ 3 = 8,999 → 8,900; October = 26,997 − 17,800 = 9,197
    const plan = planCollection(input({ settings: on, amount: 50_997 }))
    expect(plan.withholding.map((w) => w.amount)).toEqual([8_000, 8_000, 8_000, 9_197, 8_900, 8_900])
  })

  it('levels downwards too (45,000: 本徴収 7,000 vs 8,000)', () => {
    // August = (45,000 − 16,000) ÷ 4 = 7,250 → 7,200; 本徴収 = 21,800 ÷ 3 = 7,266 → 7,200; October 7,400
    const plan = planCollection(input({ settings: on, amount: 45_000 }))
    expect(plan.withholding.map((w) => w.amount)).toEqual([8_000, 8_000, 7_200, 7_400, 7_200, 7_200])
  })

  it('does not level when August is already paid', () => {
    const plan = planCollection(input({ settings: on, today: '2026-09-01' }))
    expect(plan.withholding.map((w) => w.amount)).toEqual([8_000, 8_000, 8_000, 23_840, 23_600, 23_600])
  })
})

describe('withholding starting during the year: 普通徴収 until the first payment (docs/sources/domain.md §3.6 [S10])', () => {
  it('a new target from October shares 95,040 between July–September 普通徴収 and the three 本徴収', () => {
    // 6 shares: 95,040 ÷ 6 = 15,840 → 15,800; July = 95,040 − 5 × 15,800 = 16,040
    const plan = planCollection(input({ target: target({ firstPaymentMonth: '2026-10' }), previousWithholding: [] }))
    expect(plan.direct.map((d) => [d.month, d.amount])).toEqual([
      ['2026-07', 16_040],
      ['2026-08', 15_800],
      ['2026-09', 15_800],
    ])
    expect(byMonth(plan.withholding)).toEqual([
      ['2026-10', 15_800],
      ['2026-12', 15_800],
      ['2027-02', 15_800],
    ])
  })
})

describe('異動賦課: the difference over what is not yet due; a decrease stops the withholding (docs/sources/domain.md §3.6)', () => {
  // The 本算定 version: 95,040 as 8,000 × 3 + 23,840 + 23,600 + 23,600.
  const decided = [...provisional8000, pay(4, '2026-10', 23_840), pay(5, '2026-12', 23_600), pay(6, '2027-02', 23_600)]
  const change = (over: Partial<CollectionInput>) =>
    planCollection(
      input({ kind: 'change', previousWithholding: decided, previousAmount: 95_040, today: '2027-01-15', ...over }),
    )

  it('an increase to 118,800 in January keeps the February 本徴収 and puts 23,760 on January–March 普通徴収', () => {
    // 23,760 ÷ 3 = 7,920 → 7,900; January = 23,760 − 2 × 7,900 = 7,960
    const plan = change({ amount: 118_800 })
    expect(byMonth(plan.withholding)).toEqual(byMonth(decided))
    expect(plan.direct.map((d) => [d.month, d.amount])).toEqual([
      ['2027-01', 7_960],
      ['2027-02', 7_900],
      ['2027-03', 7_900],
    ])
  })

  it('a decrease to 80,000 stops February and puts the rest on 普通徴収', () => {
    // paid April–December: 24,000 + 23,840 + 23,600 = 71,440; 80,000 − 71,440 = 8,560 ÷ 3 = 2,853 → 2,800; Jan 2,960
    const plan = change({ amount: 80_000 })
    expect(plan.withholding.map((w) => w.month)).toEqual(['2026-04', '2026-06', '2026-08', '2026-10', '2026-12'])
    expect(plan.direct.map((d) => d.amount)).toEqual([2_960, 2_800, 2_800])
    expect(plan.overpaid).toBe(0)
  })

  it('a decrease to 71,280, below the 71,440 already withheld, is 過誤納 of 160', () => {
    const plan = change({ amount: 71_280 })
    expect(plan.direct).toEqual([])
    expect(plan.overpaid).toBe(160)
    expect(sum(plan.withholding) - plan.overpaid).toBe(71_280)
  })

  it('a withholding stopped by the insurer from February moves February’s share to 普通徴収', () => {
    // same amount; 95,040 − 71,440 = 23,600 ÷ 3 = 7,866 → 7,800; January = 23,600 − 15,600 = 8,000
    const plan = change({ target: target({ stoppedFrom: '2027-02' }) })
    expect(plan.withholding).toHaveLength(5)
    expect(plan.direct.map((d) => d.amount)).toEqual([8_000, 7_800, 7_800])
  })

  it('a death on 2026-11-30 (loss 12-01) stops December and February', () => {
    // 8 months at stage 6: 95,040 × 8/12 = 63,360; paid April–October 47,840; 15,520 over December–March:
    // 3,880 → 3,800; December = 15,520 − 3 × 3,800 = 4,120
    const plan = change({ amount: 63_360, insuredUntilMonth: '2026-12', today: '2026-12-10' })
    expect(plan.withholding.map((w) => w.month)).toEqual(['2026-04', '2026-06', '2026-08', '2026-10'])
    expect(plan.direct.map((d) => [d.month, d.amount])).toEqual([
      ['2026-12', 4_120],
      ['2027-01', 3_800],
      ['2027-02', 3_800],
      ['2027-03', 3_800],
    ])
  })

  it('the same amount changes nothing', () => {
    const plan = change({})
    expect(byMonth(plan.withholding)).toEqual(byMonth(decided))
    expect(plan.direct).toEqual([])
  })
})
