import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  allocatePayment,
  chargeAdjustments,
  installmentKeyString,
  invariantGap,
  planOffsets,
  summarizeEntries,
  type InstallmentKey,
  type LedgerEntryAmount,
  type OpenInstallment,
} from '../../../../shared/domain/collection-ledger'
import { SHINJUKU_LATE_CHARGE_RATES } from '../../../../shared/domain/parameters/shinjuku'

// Any sequence of 賦課, 更正, payments, refunds and offsets on a small ledger of two persons: after every operation
// 調定 − 収納 + 還付 − 充当 − 不納欠損 = 残高 holds for every installment, every 残高 is the sum of its entries, the
// ledger's 調定 equals the latest 賦課, a payment lands yen for yen, and 充当 moves money without creating any
// (docs/collection.md §1, docs/sources/domain.md §4).

const slots = [
  { method: 'withholding' as const, seq: 1, dueDate: '2026-04-15' },
  { method: 'withholding' as const, seq: 2, dueDate: '2026-06-15' },
  { method: 'direct' as const, seq: 1, dueDate: '2026-07-31' },
  { method: 'direct' as const, seq: 2, dueDate: '2026-08-31' },
  { method: 'direct' as const, seq: 3, dueDate: '2026-09-30' },
]
const persons = [1, 2]

const op = fc.oneof(
  fc.record({
    kind: fc.constant('assess' as const),
    person: fc.constantFrom(...persons),
    amounts: fc.array(fc.integer({ min: 0, max: 300_000 }), { minLength: slots.length, maxLength: slots.length }),
  }),
  fc.record({
    kind: fc.constant('pay' as const),
    person: fc.constantFrom(...persons),
    amount: fc.integer({ min: 1, max: 400_000 }),
    target: fc.option(fc.integer({ min: 0, max: slots.length - 1 }), { nil: null }),
    paidOn: fc.constantFrom('2026-04-15', '2026-08-31', '2026-12-09', '2026-12-31'),
  }),
  fc.record({ kind: fc.constant('offset' as const), person: fc.constantFrom(...persons) }),
  fc.record({
    kind: fc.constant('refund' as const),
    person: fc.constantFrom(...persons),
    share: fc.integer({ min: 1, max: 100 }),
  }),
)

interface Model {
  entries: LedgerEntryAmount[]
  assessed: Map<string, number>
}

const keyOf = (person: number, i: number): InstallmentKey => ({
  personId: person,
  fiscalYear: 2026,
  method: slots[i]!.method,
  seq: slots[i]!.seq,
})
const sumOf = (entries: readonly LedgerEntryAmount[]) => entries.reduce((s, e) => s + e.amount, 0)

function open(model: Model, person: number): OpenInstallment[] {
  const summaries = summarizeEntries(model.entries)
  return slots.flatMap((slot, i) => {
    const s = summaries.get(installmentKeyString(keyOf(person, i)))
    return s
      ? [{ ...keyOf(person, i), dueDate: slot.dueDate, balance: s.balance, lateChargeBalance: s.lateChargeBalance }]
      : []
  })
}

function apply(
  model: Model,
  o:
    | { kind: 'assess'; person: number; amounts: number[] }
    | { kind: 'pay'; person: number; amount: number; target: number | null; paidOn: string }
    | { kind: 'offset'; person: number }
    | { kind: 'refund'; person: number; share: number },
): void {
  if (o.kind === 'assess') {
    const target = o.amounts.map((amount, i) => ({ ...keyOf(o.person, i), amount }))
    const charged = [...summarizeEntries(model.entries).values()]
      .filter((s) => s.personId === o.person)
      .map((s) => ({ ...s, amount: s.charged }))
    const adjustments = chargeAdjustments(target, charged)
    model.entries.push(...adjustments)
    for (const t of target) model.assessed.set(installmentKeyString(t), t.amount)
    return
  }
  const mine = open(model, o.person)
  if (o.kind === 'pay') {
    if (mine.length === 0) return
    const target = o.target === null ? null : keyOf(o.person, o.target)
    if (target && !mine.some((m) => installmentKeyString(m) === installmentKeyString(target))) return
    const before = sumOf(model.entries.filter((e) => e.kind === 'payment' || e.kind === 'lateChargePayment'))
    const allocation = allocatePayment({
      amount: o.amount,
      paidOn: o.paidOn,
      installments: mine,
      target,
      rates: SHINJUKU_LATE_CHARGE_RATES,
    })
    model.entries.push(...allocation.entries)
    const after = sumOf(model.entries.filter((e) => e.kind === 'payment' || e.kind === 'lateChargePayment'))
    // the money lands yen for yen
    expect(before - after).toBe(o.amount)
    return
  }
  if (o.kind === 'offset') {
    const before = sumOf(model.entries.filter((e) => e.personId === o.person))
    const plan = planOffsets(mine)
    model.entries.push(...plan.entries)
    // 充当 moves money between a person's installments, it creates none
    expect(sumOf(model.entries.filter((e) => e.personId === o.person))).toBe(before)
    for (const e of plan.entries) expect(e.amount).not.toBe(0)
    return
  }
  const { refundable } = planOffsets(mine.map((m) => ({ ...m, balance: Math.min(m.balance, 0) })))
  for (const r of refundable) {
    const amount = Math.max(1, Math.floor((r.amount * o.share) / 100))
    model.entries.push({ ...r, kind: 'refund', amount })
    // a refund never pays back more than was overpaid
    expect(summarizeEntries(model.entries).get(installmentKeyString(r))!.balance).toBeLessThanOrEqual(0)
  }
}

describe('収納台帳の不変条件 over random sequences of 賦課, 更正, payments, refunds and offsets', () => {
  it('holds after every operation', () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 40 }), (ops) => {
        const model: Model = { entries: [], assessed: new Map() }
        for (const o of ops) {
          apply(model, o)
          const summaries = summarizeEntries(model.entries)
          for (const [key, s] of summaries) {
            expect(invariantGap(s)).toEqual({ premium: 0, lateCharge: 0 })
            const own = model.entries.filter((e) => installmentKeyString(e) === key)
            const premium = own.filter((e) => !e.kind.startsWith('lateCharge'))
            expect(s.balance).toBe(sumOf(premium))
            expect(s.lateChargeBalance).toBe(sumOf(own) - sumOf(premium))
            expect(s.charged).toBe(model.assessed.get(key) ?? 0)
            expect(s.lateChargeBalance).toBeGreaterThanOrEqual(0)
          }
        }
      }),
      { numRuns: 300 },
    )
  })
})
