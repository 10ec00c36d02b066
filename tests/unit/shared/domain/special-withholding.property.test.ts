import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  addDays,
  directPaymentSchedule,
  pensionPerPayment,
  planCollection,
  provisionalWithholding,
  type CollectionInput,
  type CollectionPlan,
  type PlannedInstallment,
  type WithholdingTarget,
} from '../../../../shared/domain'

// The year's 期割 through 仮算定 → 本算定 → 異動賦課 for generated persons: whatever the pension, the start and stop of
// the withholding, the loss month, the ward's rules and the days of the runs, the installments (特別徴収 + 普通徴収)
// minus the 過誤納 are the year's amount, no installment is negative, nothing already due is rewritten, and running
// the same computation again changes nothing (docs/sources/domain.md §3.6).

const paymentMonths = ['2026-04', '2026-06', '2026-08', '2026-10', '2026-12', '2027-02']
const sum = (items: readonly PlannedInstallment[]) => items.reduce((s, i) => s + i.amount, 0)
const key = (items: readonly PlannedInstallment[]) => items.map((i) => `${i.seq}:${i.dueDate}:${i.amount}`).join(',')

const person = fc.record({
  annualPension: fc.integer({ min: 0, max: 900_000 }),
  firstPaymentMonth: fc.constantFrom(...paymentMonths),
  stoppedFrom: fc.option(fc.constantFrom(...paymentMonths), { nil: null }),
  februaryAmount: fc.option(fc.integer({ min: 0, max: 40_000 }), { nil: null }),
  previousAnnual: fc.option(fc.integer({ min: 0, max: 300_000 }), { nil: null }),
  finalAmount: fc.integer({ min: 0, max: 400_000 }),
  changedAmount: fc.integer({ min: 0, max: 400_000 }),
  insuredUntilMonth: fc.option(fc.constantFrom('2026-07', '2026-09', '2026-11', '2027-01', '2027-03'), {
    nil: null,
  }),
  levelingEnabled: fc.boolean(),
  threshold: fc.integer({ min: 0, max: 5_000 }),
  provisionalWithoutFebruary: fc.constantFrom('previousAnnualSixth' as const, 'direct' as const),
  finalUnit: fc.constantFrom(1, 10, 100, 1_000),
  finalRemainder: fc.constantFrom('first' as const, 'last' as const),
  directUnit: fc.constantFrom(1, 10, 100),
  directRemainder: fc.constantFrom('first' as const, 'last' as const),
  // 本算定 between 2026-04-01 and 2026-09-30; 異動賦課 up to 2027-04-30 (after the last 納期: a 随時期)
  finalDay: fc.integer({ min: 0, max: 182 }),
  changeAfter: fc.integer({ min: 0, max: 390 }),
})

function check(plan: CollectionPlan, amount: number, previous: readonly PlannedInstallment[], today: string) {
  expect(sum(plan.withholding) + sum(plan.direct) - plan.overpaid).toBe(amount)
  expect(plan.overpaid).toBeGreaterThanOrEqual(0)
  for (const i of [...plan.withholding, ...plan.direct]) expect(i.amount).toBeGreaterThanOrEqual(0)
  const now = [...plan.withholding, ...plan.direct]
  for (const due of previous.filter((p) => p.dueDate < today))
    expect(now.some((i) => i.seq === due.seq && i.dueDate === due.dueDate && i.amount === due.amount)).toBe(true)
}

describe('Σ 期割 − 過誤納 = the year’s amount through 仮算定, 本算定 and 異動賦課 (property)', () => {
  it('holds for generated persons and runs, and a second run changes nothing', () => {
    fc.assert(
      fc.property(person, (p) => {
        const target: WithholdingTarget = {
          personId: 1,
          annualPension: p.annualPension,
          insurerCode: '001',
          pensionCode: '1150',
          firstPaymentMonth: p.firstPaymentMonth,
          stoppedFrom: p.stoppedFrom,
        }
        const settings = {
          leveling: { enabled: p.levelingEnabled, threshold: p.threshold },
          provisionalWithoutFebruary: p.provisionalWithoutFebruary,
        }
        const finalRule = { unit: p.finalUnit, remainderTo: p.finalRemainder }
        const directRule = { unit: p.directUnit, remainderTo: p.directRemainder }

        const provisional = provisionalWithholding({
          fiscalYear: 2026,
          target,
          februaryAmount: p.februaryAmount,
          previousAnnual: p.previousAnnual,
          settings,
          finalRule,
          insuredUntilMonth: null,
        })
        for (const i of provisional.installments) expect(i.amount).toBeLessThanOrEqual(pensionPerPayment(target))

        const finalDay = addDays('2026-04-01', p.finalDay)
        const base: CollectionInput = {
          fiscalYear: 2026,
          amount: p.finalAmount,
          target,
          settings,
          finalRule,
          directRule,
          directSchedule: directPaymentSchedule(2026),
          previousDirect: [],
          previousWithholding: provisional.installments,
          previousAmount: null,
          insuredUntilMonth: null,
          today: finalDay,
          kind: 'final',
        }
        const final = planCollection(base)
        check(final, p.finalAmount, provisional.installments, finalDay)
        const again = planCollection({
          ...base,
          previousWithholding: final.withholding,
          previousDirect: final.direct,
        })
        expect([key(again.withholding), key(again.direct), again.overpaid]).toEqual([
          key(final.withholding),
          key(final.direct),
          final.overpaid,
        ])

        const changeDay = addDays(finalDay, p.changeAfter)
        const changeInput: CollectionInput = {
          ...base,
          amount: p.changedAmount,
          previousWithholding: final.withholding,
          previousDirect: final.direct,
          previousAmount: p.finalAmount,
          insuredUntilMonth: p.insuredUntilMonth,
          today: changeDay,
          kind: 'change',
        }
        const change = planCollection(changeInput)
        check(change, p.changedAmount, [...final.withholding, ...final.direct], changeDay)
        const changeAgain = planCollection({
          ...changeInput,
          previousWithholding: change.withholding,
          previousDirect: change.direct,
          previousAmount: p.changedAmount,
        })
        expect([key(changeAgain.withholding), key(changeAgain.direct), changeAgain.overpaid]).toEqual([
          key(change.withholding),
          key(change.direct),
          change.overpaid,
        ])
      }),
      { numRuns: 1_000 },
    )
  }, 60_000)
})
