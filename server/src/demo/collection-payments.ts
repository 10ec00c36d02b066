/**
 * Demo payments (dummy data only): for the persons who have a 賦課, the ledger's 調定 is synced and a deterministic
 * part of the ward pays — 特別徴収 always on its pension day; 普通徴収 by person: two in five pay every installment due
 * by `asOf` on its 納期限, one in five pays half of each (rounded down to 100 yen, from 口座振替), the others pay
 * nothing — so that the 収納 tab shows paid, partly paid and unpaid installments. Written through the ledger
 * (syncCharges, applyPayments: premium first, idempotency keys 'demo:<person>:<期>'), so a second run adds nothing.
 * A fresh demo has no 賦課 until the 本算定 batch has run: the seeder then finds nothing to pay.
 */
import { applyPayments, installmentBalances, syncCharges, type PaymentInput } from '../areas/collection'
import type { Db } from '../core/db/connect'
import type { IsoDate } from '../../../shared/domain/dates'

export async function seedDemoPayments(
  db: Db,
  options: { asOf: IsoDate; now: Date },
): Promise<{ installments: number; payments: number }> {
  return db.transaction(async (tx) => {
    await syncCharges(tx, undefined, { now: options.now, recordedBy: null, batchId: 'demo' })
    const balances = await installmentBalances(tx)
    const payments: PaymentInput[] = []
    for (const b of balances) {
      if (b.balance <= 0 || !b.dueDate || b.dueDate > options.asOf) continue
      const band = b.personId % 5
      const amount =
        b.method === 'withholding' || band < 2 ? b.balance : band === 2 ? Math.floor(b.balance / 2 / 100) * 100 : 0
      if (amount <= 0) continue
      payments.push({
        personId: b.personId,
        target: { fiscalYear: b.fiscalYear, method: b.method, seq: b.seq },
        amount,
        paidOn: b.dueDate,
        channel: b.method === 'withholding' ? 'pension' : band === 2 ? 'directDebit' : 'bank',
        source: 'デモデータ',
        idempotencyKey: `demo:${b.personId}:${b.fiscalYear}:${b.method}:${b.seq}`,
        batchId: 'demo',
      })
    }
    for (let i = 0; i < payments.length; i += 5_000)
      await applyPayments(tx, payments.slice(i, i + 5_000), { now: options.now, recordedBy: null })
    return { installments: balances.length, payments: payments.length }
  })
}
