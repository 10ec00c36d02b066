/**
 * What the 消込 needs from the collection ledger (collection/ledger): the 調定 brought up to the latest 賦課, the 残高
 * of installments, and payments applied through the one allocation (premium first, then 延滞金; 過誤納 beyond).
 */
import type { Db, Tx } from '../../../core/db/connect'
import type { InstallmentKey } from '../../../../../shared/domain/collection-ledger'
import type { IsoDate } from '../../../../../shared/domain/dates'

export interface PaymentToApply extends InstallmentKey {
  amount: number
  paidOn: string
  channel: 'bank' | 'convenience' | 'counter'
  /** 'intake file 12 line 34', 'work item 5'. */
  source: string
  idempotencyKey: string
  batchId: string | null
}

export interface LedgerPort {
  syncCharges(db: Db | Tx, personIds: readonly number[], now: Date): Promise<void>
  /** Premium 残高 per installment (installmentKeyString), of the persons' installments that have a 調定. */
  balances(db: Db | Tx, personIds: readonly number[]): Promise<Map<string, number>>
  applyPayments(
    db: Db | Tx,
    payments: readonly PaymentToApply[],
    ctx: { userId: number | null; now: Date },
  ): Promise<void>
  /** The persons' installments time-barred on `asOf` (installmentKeyString → the Japanese reason). */
  timeBarred(db: Db | Tx, personIds: readonly number[], asOf: IsoDate): Promise<Map<string, string>>
}
