import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { installmentBalances, verifyLedger } from '../../../../../server/src/areas/collection'
import type { DatabaseHandle } from '../../../../../server/src/core/db/connect'
import { seedDemoPayments } from '../../../../../server/src/demo/collection-payments'
import { databaseKinds, freshDatabase } from '../../../support/databases'
import { addAssessmentVersion, addLedgerPerson } from './ledger-support'

/**
 * The demo payments (server/src/demo/collection-payments.ts) for the persons who have a 賦課: 特別徴収 paid, 普通徴収
 * paid in full (person id mod 5 = 0, 1), half paid in 100-yen units (mod 5 = 2) or unpaid; only installments due by
 * the day given; a second run adds nothing, and the ledger check finds nothing.
 */
describe.each(databaseKinds)('demo payments on %s', (kind) => {
  let h: DatabaseHandle
  const persons: number[] = []
  beforeAll(async () => {
    h = await freshDatabase(kind)
    for (let i = 0; i < 5; i++) {
      const p = await addLedgerPerson(h.db)
      persons.push(p)
      await addAssessmentVersion(h.db, p, 2026, [
        { method: 'withholding', seq: 1, amount: 7_000, dueDate: '2026-04-15' },
        { seq: 1, amount: 10_050, dueDate: '2026-07-31' },
        { seq: 2, amount: 10_000, dueDate: '2026-08-31' },
      ])
    }
  })
  afterAll(async () => {
    await h?.close()
  })

  it('pays part of the ward as its band says, up to the day given, once', async () => {
    const first = await seedDemoPayments(h.db, { asOf: '2026-07-31', now: new Date('2026-08-01T09:00:00+09:00') })
    await seedDemoPayments(h.db, { asOf: '2026-07-31', now: new Date('2026-08-01T09:00:00+09:00') })
    const balances = await installmentBalances(h.db, { personIds: persons })
    for (const p of persons) {
      const mine = balances.filter((b) => b.personId === p)
      const band = p % 5
      // 特徴 always paid; 普徴 期1 (due 2026-07-31): full, half (10,050 ÷ 2 = 5,025 → 5,000 in 100-yen units) or none
      expect(mine.find((b) => b.method === 'withholding')!.paid).toBe(7_000)
      expect(mine.find((b) => b.method === 'direct' && b.seq === 1)!.paid).toBe(
        band < 2 ? 10_050 : band === 2 ? 5_000 : 0,
      )
      // 期2 is due after the day given
      expect(mine.find((b) => b.method === 'direct' && b.seq === 2)!.paid).toBe(0)
    }
    expect(first.payments).toBeGreaterThanOrEqual(5)
    expect((await installmentBalances(h.db, { personIds: persons })).map((b) => b.paid)).toEqual(
      balances.map((b) => b.paid),
    )
    expect((await verifyLedger(h.db)).ok).toBe(true)
  })
})
