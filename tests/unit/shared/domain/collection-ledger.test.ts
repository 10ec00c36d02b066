import { describe, expect, it } from 'vitest'
import {
  allocatePayment,
  chargeAdjustments,
  invariantGap,
  planOffsets,
  summarizeEntries,
  type OpenInstallment,
} from '../../../../shared/domain/collection-ledger'
import { SHINJUKU_LATE_CHARGE_RATES } from '../../../../shared/domain/parameters/shinjuku'

const inst = (
  seq: number,
  dueDate: string,
  balance: number,
  extra: Partial<OpenInstallment> = {},
): OpenInstallment => ({
  personId: 1,
  fiscalYear: 2026,
  method: 'direct',
  seq,
  dueDate,
  balance,
  lateChargeBalance: 0,
  ...extra,
})
const rates = SHINJUKU_LATE_CHARGE_RATES

describe('sign convention: 残高 = Σ entries, 調定 − 収納 + 還付 − 充当 − 不納欠損 = 残高 (docs/collection.md §1)', () => {
  it('sums each kind into its figure', () => {
    const k = { personId: 1, fiscalYear: 2026, method: 'direct' as const, seq: 1 }
    const s = summarizeEntries([
      { ...k, kind: 'charge', amount: 10_000 },
      { ...k, kind: 'payment', amount: -12_000 },
      { ...k, kind: 'offset', amount: 1_500 },
      { ...k, kind: 'refund', amount: 500 },
      { ...k, kind: 'lateCharge', amount: 1_000 },
      { ...k, kind: 'lateChargePayment', amount: -1_000 },
    ]).get('1:2026:direct:1')!
    // 10,000 − 12,000 + 500 − (−1,500) − 0 = 0
    expect([s.charged, s.paid, s.refunded, s.offset, s.writtenOff, s.balance]).toEqual([
      10_000, 12_000, 500, -1_500, 0, 0,
    ])
    expect(s.lateChargeBalance).toBe(0)
    expect(invariantGap(s)).toEqual({ premium: 0, lateCharge: 0 })
  })
})

describe('調定 follows the latest 賦課 version (chargeAdjustments)', () => {
  const k = (seq: number, amount: number) => ({ personId: 1, fiscalYear: 2026, method: 'direct' as const, seq, amount })
  it('adds nothing when equal, the difference when changed, a negative for an installment dropped', () => {
    expect(chargeAdjustments([k(1, 5_000)], [k(1, 5_000)])).toEqual([])
    expect(chargeAdjustments([k(1, 5_001)], [k(1, 5_000)]).map((e) => e.amount)).toEqual([1])
    expect(chargeAdjustments([], [k(2, 4_000)]).map((e) => [e.seq, e.amount])).toEqual([[2, -4_000]])
  })
})

describe('allocation: premium first, oldest due first, then 延滞金, the rest 過誤納 (docs/sources/domain.md §4.1)', () => {
  it('pays the oldest due first without a target', () => {
    const a = allocatePayment({
      amount: 15_000,
      paidOn: '2026-07-31',
      installments: [inst(2, '2026-08-31', 10_000), inst(1, '2026-07-31', 10_000)],
      rates,
    })
    expect(a.entries.map((e) => [e.seq, e.kind, e.amount])).toEqual([
      [1, 'payment', -10_000],
      [2, 'payment', -5_000],
    ])
    expect(a.overpaid).toBe(0)
  })

  it('fixes no 延滞金 when paid on the due date, and one the day after only above the thresholds', () => {
    // 10,000 paid one day late: 10,000 × 1 × 2.8 % ÷ 365 = 0.77 → under 1,000 → 0
    expect(
      allocatePayment({ amount: 10_000, paidOn: '2026-08-01', installments: [inst(1, '2026-07-31', 10_000)], rates })
        .lateCharge,
    ).toBe(0)
    // 200,000 due 2026-08-31 paid 2026-12-09: (200,000×91×2.8 + 200,000×9×9.1) ÷ 36,500 = 1,844.93 → 1,800
    const late = allocatePayment({
      amount: 201_800,
      paidOn: '2026-12-09',
      installments: [inst(1, '2026-08-31', 200_000)],
      rates,
    })
    expect(late.entries.map((e) => [e.kind, e.amount])).toEqual([
      ['payment', -200_000],
      ['lateCharge', 1_800],
      ['lateChargePayment', -1_800],
    ])
  })

  it('leaves 延滞金 unpaid when the money covers only the premium', () => {
    const a = allocatePayment({
      amount: 200_000,
      paidOn: '2026-12-09',
      installments: [inst(1, '2026-08-31', 200_000)],
      rates,
    })
    expect(a.lateCharge).toBe(1_800)
    expect(a.entries.some((e) => e.kind === 'lateChargePayment')).toBe(false)
  })

  it('keeps the rest as 過誤納 on the target', () => {
    const a = allocatePayment({
      amount: 12_000,
      paidOn: '2026-07-31',
      installments: [inst(1, '2026-07-31', 10_000), inst(2, '2026-08-31', 10_000)],
      target: { personId: 1, fiscalYear: 2026, method: 'direct', seq: 1 },
      rates,
    })
    expect(a.entries.map((e) => [e.seq, e.amount])).toEqual([[1, -12_000]])
    expect(a).toMatchObject({ overpaid: 2_000, overpaidOn: { seq: 1 } })
  })

  it('refuses a time-barred target with its reason and skips a time-barred installment otherwise', () => {
    const barred = inst(1, '2024-07-31', 5_000, { fiscalYear: 2024, timeBarred: '時効により消滅' })
    expect(() =>
      allocatePayment({ amount: 5_000, paidOn: '2026-08-01', installments: [barred], target: barred, rates }),
    ).toThrow('時効により消滅')
    const a = allocatePayment({
      amount: 3_000,
      paidOn: '2026-08-01',
      installments: [barred, inst(2, '2026-08-31', 3_000)],
      rates,
    })
    expect(a.entries.map((e) => [e.seq, e.amount])).toEqual([[2, -3_000]])
  })

  it('refuses zero and fractions of a yen', () => {
    expect(() =>
      allocatePayment({ amount: 0, paidOn: '2026-07-31', installments: [inst(1, '2026-07-31', 1)], rates }),
    ).toThrow('1円以上')
    expect(() =>
      allocatePayment({ amount: 1.5, paidOn: '2026-07-31', installments: [inst(1, '2026-07-31', 1)], rates }),
    ).toThrow('1円以上')
  })
})

describe('過誤納 → 充当, oldest due first; the rest is refundable (docs/collection.md §3)', () => {
  it('offsets the oldest unpaid first and leaves the rest for 還付', () => {
    const plan = planOffsets([
      inst(3, '2026-09-30', -5_000),
      inst(2, '2026-08-31', 1_000),
      inst(1, '2026-07-31', 3_000),
    ])
    expect(plan.entries.map((e) => [e.seq, e.kind, e.amount])).toEqual([
      [3, 'offset', 3_000],
      [1, 'offsetIn', -3_000],
      [3, 'offset', 1_000],
      [2, 'offsetIn', -1_000],
    ])
    expect(plan.refundable).toEqual([{ personId: 1, fiscalYear: 2026, method: 'direct', seq: 3, amount: 1_000 }])
  })

  it('never offsets into a time-barred installment (介護保険法第200条)', () => {
    const plan = planOffsets([
      inst(1, '2024-07-31', 2_000, { fiscalYear: 2024, timeBarred: '時効' }),
      inst(2, '2026-08-31', -2_000),
    ])
    expect(plan.entries).toEqual([])
    expect(plan.refundable.map((r) => r.amount)).toEqual([2_000])
  })
})
