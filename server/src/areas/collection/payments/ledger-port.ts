/**
 * What the 消込 needs from the collection ledger (collection/ledger): the 調定 brought up to the latest 賦課, the 残高
 * of installments, and payments applied through the one allocation (premium first, then 延滞金; 過誤納 beyond).
 */
import type { Db, Tx } from '../../../core/db/connect'
import type { InstallmentKey } from '../../../../../shared/domain/collection-ledger'
import type { IsoDate } from '../../../../../shared/domain/dates'
import type { LedgerSnapshot } from '../ledger'

export interface PaymentToApply extends InstallmentKey {
  amount: number
  paidOn: string
  channel: 'bank' | 'convenience' | 'counter' | 'pension'
  /** 'intake file 12 line 34', 'work item 5'. */
  source: string
  idempotencyKey: string
  batchId: string | null
}

/** The ledger channel of a staged line's channel (bank, convenience, pension). */
export const paymentChannelOf = (channel: string): PaymentToApply['channel'] =>
  channel === 'bank' || channel === 'pension' ? channel : 'convenience'

/**
 * The ledger as one import saw it, read once inside its transaction (the persons locked, 調定 synced): the 残高 the
 * lines are matched against, the installments time-barred on each 納付日, and the same figures handed back to
 * applyPayments so that it does not read them again.
 */
export interface PreparedLedger {
  /** Premium 残高 per installment (installmentKeyString). */
  readonly balances: ReadonlyMap<string, number>
  /** The installments time-barred on a day of the file (installmentKeyString → the Japanese reason). */
  barredOn(day: IsoDate): ReadonlyMap<string, string>
  readonly snapshot: LedgerSnapshot
}

export interface LedgerPort {
  /** Lock the persons, bring their 調定 up to the latest 賦課, read their balances and 時効 on the days given. */
  prepare(db: Db | Tx, personIds: readonly number[], days: readonly IsoDate[], now: Date): Promise<PreparedLedger>
  syncCharges(db: Db | Tx, personIds: readonly number[], now: Date): Promise<void>
  /** Premium 残高 per installment (installmentKeyString), of the persons' installments that have a 調定. */
  balances(db: Db | Tx, personIds: readonly number[]): Promise<Map<string, number>>
  applyPayments(
    db: Db | Tx,
    payments: readonly PaymentToApply[],
    ctx: { userId: number | null; now: Date },
    prepared?: PreparedLedger,
  ): Promise<void>
  /** The persons' installments time-barred on `asOf` (installmentKeyString → the Japanese reason). */
  timeBarred(db: Db | Tx, personIds: readonly number[], asOf: IsoDate): Promise<Map<string, string>>
}
