import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  applyPayment,
  collectionEntries,
  installmentBalances,
  settleOverpayments,
  syncCharges,
} from '../../../../../server/src/areas/collection'
import type { DatabaseHandle } from '../../../../../server/src/core/db/connect'
import { databaseKinds, freshDatabase } from '../../../support/databases'
import { addAssessmentVersion, addLedgerPerson } from './ledger-support'

const now = new Date('2026-12-10T09:00:00+09:00')
const opts = { now, recordedBy: null }
const pick = (b: Awaited<ReturnType<typeof installmentBalances>>[number]) => ({
  seq: b.seq,
  charged: b.charged,
  paid: b.paid,
  offset: b.offset,
  refunded: b.refunded,
  balance: b.balance,
  lateCharged: b.lateCharged,
  lateChargeBalance: b.lateChargeBalance,
})

/**
 * The ledger core on the real databases: 調定 synced from the latest 賦課 version, payments allocated premium first
 * and then 延滞金, the overpayment offset oldest due first, a time-barred installment refused, keys applied once,
 * entries never changed. Expected yen by hand (docs/sources/domain.md §4.1, SHINJUKU_LATE_CHARGE_RATES 2026
 * 2.8 % / 9.1 %): 200,000 due 2026-08-31 paid 2026-12-09 (100 days) → base 200,000; 2026-09-01…11-30 = 91 days
 * at 2.8 %, 12-01…12-09 = 9 days at 9.1 %: (200,000×91×2.8 + 200,000×9×9.1) ÷ 100 ÷ 365 = 1,844.93 → 1,800 (100円未満切捨て).
 */
describe.each(databaseKinds)('収納台帳 core on %s', (kind) => {
  let h: DatabaseHandle
  beforeAll(async () => {
    h = await freshDatabase(kind)
  })
  afterAll(async () => {
    await h?.close()
  })

  it('syncs 調定 from the latest 賦課 version once, and a downward 更正 as a negative adjustment', async () => {
    const p = await addLedgerPerson(h.db)
    await addAssessmentVersion(h.db, p, 2026, [
      { seq: 1, amount: 11_040, dueDate: '2026-07-31' },
      { seq: 2, amount: 10_500, dueDate: '2026-08-31' },
    ])
    const first = await syncCharges(h.db, [p], opts)
    expect(first.entries.map((e) => e.amount)).toEqual([11_040, 10_500])
    expect((await syncCharges(h.db, [p], opts)).entries).toEqual([])
    // 更正: 期1 9,000, 期2 dropped, 特別徴収 期1 2,000 new
    await addAssessmentVersion(h.db, p, 2026, [
      { seq: 1, amount: 9_000, dueDate: '2026-07-31' },
      { method: 'withholding', seq: 1, amount: 2_000, dueDate: '2026-10-15' },
    ])
    const second = await syncCharges(h.db, [p], opts)
    expect(second.entries.map((e) => [e.method, e.seq, e.amount])).toEqual([
      ['direct', 1, -2_040],
      ['direct', 2, -10_500],
      ['withholding', 1, 2_000],
    ])
    const balances = await installmentBalances(h.db, { personIds: [p] })
    expect(balances.map((b) => [b.method, b.seq, b.charged, b.balance, b.dueDate])).toEqual([
      ['direct', 1, 9_000, 9_000, '2026-07-31'],
      ['direct', 2, 0, 0, '2026-08-31'],
      ['withholding', 1, 2_000, 2_000, '2026-10-15'],
    ])
  })

  it('takes the premium first, then the 延滞金 it fixes; the rest is 過誤納, offset to the oldest unpaid installment', async () => {
    const p = await addLedgerPerson(h.db)
    await addAssessmentVersion(h.db, p, 2026, [
      { seq: 1, amount: 200_000, dueDate: '2026-08-31' },
      { seq: 2, amount: 50_000, dueDate: '2026-09-30' },
    ])
    await syncCharges(h.db, [p], opts)
    const paid = await applyPayment(
      h.db,
      {
        personId: p,
        target: { fiscalYear: 2026, method: 'direct', seq: 1 },
        amount: 202_000,
        paidOn: '2026-12-09',
        channel: 'counter',
        source: '窓口',
        idempotencyKey: `test-${p}-1`,
      },
      opts,
    )
    expect(paid).toMatchObject({
      applied: true,
      premiumPaid: 200_000,
      lateCharge: 1_800,
      lateChargePaid: 1_800,
      overpaid: 200,
    })
    expect(paid.entries.map((e) => [e.kind, e.amount])).toEqual([
      ['payment', -200_200],
      ['lateCharge', 1_800],
      ['lateChargePayment', -1_800],
    ])
    const again = await applyPayment(
      h.db,
      {
        personId: p,
        target: { fiscalYear: 2026, method: 'direct', seq: 1 },
        amount: 202_000,
        paidOn: '2026-12-09',
        channel: 'counter',
        source: '窓口',
        idempotencyKey: `test-${p}-1`,
      },
      opts,
    )
    expect(again.applied).toBe(false)
    const settled = await settleOverpayments(h.db, [p], { ...opts, on: '2026-12-10', idempotencyKey: `settle-${p}-1` })
    expect(settled.entries.map((e) => [e.seq, e.kind, e.amount])).toEqual([
      [1, 'offset', 200],
      [2, 'offsetIn', -200],
    ])
    expect(settled.refundable).toEqual([])
    expect((await installmentBalances(h.db, { personIds: [p] })).map(pick)).toEqual([
      {
        seq: 1,
        charged: 200_000,
        paid: 200_200,
        offset: -200,
        refunded: 0,
        balance: 0,
        lateCharged: 1_800,
        lateChargeBalance: 0,
      },
      {
        seq: 2,
        charged: 50_000,
        paid: 0,
        offset: 200,
        refunded: 0,
        balance: 49_800,
        lateCharged: 0,
        lateChargeBalance: 0,
      },
    ])
    // 更正 downwards: 期1 200,000 → 150,000 leaves 50,000 過誤納; 49,800 pays 期2, 200 is refundable
    await addAssessmentVersion(h.db, p, 2026, [
      { seq: 1, amount: 150_000, dueDate: '2026-08-31' },
      { seq: 2, amount: 50_000, dueDate: '2026-09-30' },
    ])
    await syncCharges(h.db, [p], opts)
    const second = await settleOverpayments(h.db, [p], { ...opts, on: '2026-12-10', idempotencyKey: `settle-${p}-2` })
    expect(second.entries.map((e) => [e.seq, e.kind, e.amount])).toEqual([
      [1, 'offset', 49_800],
      [2, 'offsetIn', -49_800],
    ])
    expect(second.refundable).toEqual([{ personId: p, fiscalYear: 2026, method: 'direct', seq: 1, amount: 200 }])
  })

  it('takes the 過誤納 of a 更正 (overpaid_amount) off the installments already due, latest due first', async () => {
    const p = await addLedgerPerson(h.db)
    await addAssessmentVersion(h.db, p, 2026, [
      { seq: 1, amount: 10_000, dueDate: '2026-07-31' },
      { seq: 2, amount: 10_000, dueDate: '2026-08-31' },
    ])
    await syncCharges(h.db, [p], opts)
    for (const seq of [1, 2])
      await applyPayment(
        h.db,
        {
          personId: p,
          target: { fiscalYear: 2026, method: 'direct', seq },
          amount: 10_000,
          paidOn: seq === 1 ? '2026-07-31' : '2026-08-31',
          channel: 'bank',
          source: '口座振替',
          idempotencyKey: `overpaid-${p}-${seq}`,
        },
        opts,
      )
    // 更正 on 2026-09-10 to 15,000 a year: both 期 are due and keep their 10,000; overpaid_amount 5,000
    // (Σ installments 20,000 − 5,000 = 15,000) lowers 期2 (the latest due) to 5,000
    await addAssessmentVersion(
      h.db,
      p,
      2026,
      [
        { seq: 1, amount: 10_000, dueDate: '2026-07-31' },
        { seq: 2, amount: 10_000, dueDate: '2026-08-31' },
      ],
      { assessedOn: '2026-09-10', overpaidAmount: 5_000 },
    )
    const synced = await syncCharges(h.db, [p], opts)
    expect(synced.entries.map((e) => [e.seq, e.amount])).toEqual([[2, -5_000]])
    const settled = await settleOverpayments(h.db, [p], { ...opts, on: '2026-09-10', idempotencyKey: `op-${p}` })
    expect(settled.refundable).toEqual([{ personId: p, fiscalYear: 2026, method: 'direct', seq: 2, amount: 5_000 }])
  })

  it('without a target pays the oldest due first', async () => {
    const p = await addLedgerPerson(h.db)
    await addAssessmentVersion(h.db, p, 2026, [
      { seq: 2, amount: 10_000, dueDate: '2026-08-31' },
      { seq: 1, amount: 10_000, dueDate: '2026-07-31' },
    ])
    await syncCharges(h.db, [p], opts)
    const paid = await applyPayment(
      h.db,
      {
        personId: p,
        amount: 15_000,
        paidOn: '2026-07-31',
        channel: 'counter',
        source: '窓口',
        idempotencyKey: `t-${p}`,
      },
      opts,
    )
    expect(paid.entries.map((e) => [e.seq, e.kind, e.amount])).toEqual([
      [1, 'payment', -10_000],
      [2, 'payment', -5_000],
    ])
  })

  describe('a time-barred installment cannot be paid (介護保険法第200条: due 2024-07-31 → right ends 2026-07-31)', () => {
    it('is paid on 2026-07-31 and refused on 2026-08-01', async () => {
      const p = await addLedgerPerson(h.db)
      await addAssessmentVersion(h.db, p, 2024, [{ seq: 1, amount: 3_800, dueDate: '2024-07-31' }], {
        assessedOn: '2024-07-01',
      })
      await syncCharges(h.db, [p], opts)
      const payment = (paidOn: string, key: string, amount: number) =>
        applyPayment(
          h.db,
          {
            personId: p,
            target: { fiscalYear: 2024, method: 'direct', seq: 1 },
            amount,
            paidOn,
            channel: 'counter',
            source: '窓口',
            idempotencyKey: key,
          },
          opts,
        )
      // 1,900 yen: below 2,000, no 延滞金 (docs/sources/domain.md §4.1)
      expect((await payment('2026-07-31', `tb-${p}-1`, 1_900)).premiumPaid).toBe(1_900)
      await expect(payment('2026-08-01', `tb-${p}-2`, 1_900)).rejects.toThrow(/時効/)
    })
  })

  it('refuses to change or delete an entry (append-only)', async () => {
    await expect(h.db.execute(sql`update ${collectionEntries} set amount = 1`)).rejects.toThrow()
    await expect(h.db.execute(sql`delete from ${collectionEntries}`)).rejects.toThrow()
  })

  it('keeps 調定 − 収納 + 還付 − 充当 − 不納欠損 = 残高 for every installment', async () => {
    const all = await installmentBalances(h.db)
    expect(all.length).toBeGreaterThan(5)
    for (const b of all) expect(b.charged - b.paid + b.refunded - b.offset - b.writtenOff).toBe(b.balance)
  })
})
