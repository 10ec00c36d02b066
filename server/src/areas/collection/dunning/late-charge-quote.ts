/**
 * The 延滞金 quote the counter shows before a payment is taken (docs/sources/domain.md §4.1): for each installment of
 * the person with something owed, the 延滞金 if the whole balance were paid on `asOf` (shared/domain lateCharge, the
 * ward's dated rates) plus the 延滞金 already fixed by earlier partial payments, and the limitation with its renewals.
 * A time-barred installment can no longer be paid: it is listed with 延滞金 0. The payment itself is allocated by
 * the ledger (premium first, then 延滞金).
 */
import type { LateChargeQuote } from '../../../../../shared/api/dunning'
import { lateCharge, type IsoDate } from '../../../../../shared/domain'
import { SHINJUKU_LATE_CHARGE_RATES } from '../../../../../shared/domain/parameters/shinjuku'
import type { Db, Tx } from '../../../core/db/connect'
import { HttpProblem } from '../../../core/http/problem'
import { installmentLimitations } from './limitation'

export async function lateChargeQuote(db: Db | Tx, personId: number, asOf: IsoDate): Promise<LateChargeQuote> {
  const rows: LateChargeQuote['rows'] = []
  for (const l of await installmentLimitations(db, { personIds: [personId], asOf })) {
    const b = l.balance
    if (b.balance <= 0 && b.lateChargeBalance <= 0) continue
    let charge = 0
    if (!l.timeBarred) {
      try {
        charge =
          lateCharge({ amount: Math.max(0, b.balance), dueDate: l.dueDate, paidOn: asOf }, SHINJUKU_LATE_CHARGE_RATES) +
          Math.max(0, b.lateChargeBalance)
      } catch (error) {
        if (error instanceof RangeError)
          throw new HttpProblem(409, 'conflict', `${asOf} の延滞金の割合が登録されていないため計算できません`)
        throw error
      }
    }
    rows.push({
      fiscalYear: b.fiscalYear,
      method: b.method,
      installmentSeq: b.seq,
      dueDate: l.dueDate,
      balance: b.balance,
      lateCharge: charge,
      limitationEnd: l.limitationEnd,
      timeBarred: l.timeBarred,
      renewals: l.renewals,
    })
  }
  return {
    personId,
    asOf,
    rows,
    totalBalance: rows.filter((r) => !r.timeBarred).reduce((s, r) => s + r.balance, 0),
    totalLateCharge: rows.reduce((s, r) => s + r.lateCharge, 0),
  }
}
