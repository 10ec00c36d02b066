/** The ledger port of the 消込, on the collection ledger (server/src/areas/collection/ledger). */
import { installmentKeyString } from '../../../../../shared/domain/collection-ledger'
import { timeBarredLookup } from '../dunning'
import {
  applyPayments,
  installmentBalances,
  lockPersons,
  readLedgerSnapshot,
  syncCharges,
  type TimeBarredLookup,
} from '../ledger'
import type { LedgerPort } from './ledger-port'

/**
 * The ledger as the 消込 uses it; 時効 (介護保険法第200条) with the renewals the dunning sub-area records (督促, 分納誓約,
 * partial payments) unless another lookup is given.
 */
export function collectionLedger(options: { timeBarred?: TimeBarredLookup } = {}): LedgerPort {
  const timeBarred = options.timeBarred ?? timeBarredLookup
  return {
    async prepare(db, personIds, days, now) {
      await lockPersons(db, personIds)
      if (personIds.length > 0) await syncCharges(db, personIds, { now, recordedBy: null })
      const snapshot = await readLedgerSnapshot(db, personIds, days, timeBarred)
      const balances = new Map(
        snapshot.balances.filter((r) => r.dueDate !== null).map((r) => [installmentKeyString(r), r.balance]),
      )
      const byDay = new Map<string, Map<string, string>>()
      for (const [dayKey, reason] of snapshot.barred) {
        const day = dayKey.slice(0, 10)
        let m = byDay.get(day)
        if (!m) byDay.set(day, (m = new Map()))
        m.set(dayKey.slice(11), reason)
      }
      return { balances, barredOn: (day) => byDay.get(day) ?? new Map(), snapshot }
    },
    async timeBarred(db, personIds, asOf) {
      return personIds.length === 0 ? new Map() : timeBarred(db, { personIds, asOf })
    },
    async syncCharges(db, personIds, now) {
      if (personIds.length > 0) await syncCharges(db, personIds, { now, recordedBy: null })
    },
    async balances(db, personIds) {
      if (personIds.length === 0) return new Map()
      const rows = await installmentBalances(db, { personIds })
      return new Map(rows.filter((r) => r.dueDate !== null).map((r) => [installmentKeyString(r), r.balance]))
    },
    async applyPayments(db, payments, ctx, prepared) {
      await applyPayments(
        db,
        payments.map((p) => ({
          personId: p.personId,
          target: { fiscalYear: p.fiscalYear, method: p.method, seq: p.seq },
          amount: p.amount,
          paidOn: p.paidOn,
          channel: p.channel,
          source: p.source,
          idempotencyKey: p.idempotencyKey,
          batchId: p.batchId,
        })),
        { now: ctx.now, recordedBy: ctx.userId, timeBarred, ...(prepared ? { snapshot: prepared.snapshot } : {}) },
      )
    },
  }
}
