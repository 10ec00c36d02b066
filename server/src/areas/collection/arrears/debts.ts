/**
 * The debts 滞納管理 works on, from the ledger's `installmentBalances` (collection/ledger): per installment the 調定,
 * 収納, 不納欠損 and 残高 with its 納期限, and its limitation end (介護保険法第200条) with the renewals the dunning
 * sub-area records (督促, 分納誓約, 一部納付).
 */
import type { Db, Tx } from '../../../core/db/connect'
import { installmentLimitations } from '../dunning'
import { installmentBalances } from '../ledger'

export interface Debt {
  personId: number
  fiscalYear: number
  method: 'withholding' | 'direct'
  installmentSeq: number
  dueDate: string
  charged: number
  paid: number
  writtenOff: number
  balance: number
  limitationEnd: string
}

const byDue = (a: Debt, b: Debt) =>
  a.dueDate.localeCompare(b.dueDate) ||
  a.personId - b.personId ||
  a.fiscalYear - b.fiscalYear ||
  a.method.localeCompare(b.method) ||
  a.installmentSeq - b.installmentSeq

/**
 * Every installment due before `dueBefore` with a balance or a 不納欠損, of the persons given (all when absent),
 * oldest due first. One grouped read of the ledger.
 */
export async function debtsOf(db: Db | Tx, q: { personIds?: readonly number[]; dueBefore: string }): Promise<Debt[]> {
  if (q.personIds !== undefined && q.personIds.length === 0) return []
  const limitations = await installmentLimitations(db, {
    ...(q.personIds ? { personIds: q.personIds } : {}),
    asOf: q.dueBefore,
  })
  return limitations
    .filter((l) => l.dueDate < q.dueBefore && (l.balance.balance > 0 || l.balance.writtenOff > 0))
    .map(({ balance: b, dueDate, limitationEnd }) => ({
      personId: b.personId,
      fiscalYear: b.fiscalYear,
      method: b.method,
      installmentSeq: b.seq,
      dueDate,
      charged: b.charged,
      paid: b.paid,
      writtenOff: b.writtenOff,
      balance: b.balance,
      limitationEnd,
    }))
    .sort(byDue)
}

/** What has been paid (収納 and 充当 into them) on the given installments of one person. */
export async function paidOn(
  db: Db | Tx,
  personId: number,
  keys: readonly { fiscalYear: number; method: string; installmentSeq: number }[],
): Promise<number> {
  if (keys.length === 0) return 0
  const wanted = new Set(keys.map((k) => `${k.fiscalYear}:${k.method}:${k.installmentSeq}`))
  const balances = await installmentBalances(db, { personIds: [personId] })
  return balances
    .filter((b) => wanted.has(`${b.fiscalYear}:${b.method}:${b.seq}`))
    .reduce((s, b) => s + b.paid + b.offsetIn, 0)
}

/** Per fiscal year of one person: 調定, and 収納 with 充当 into it. */
export async function yearTotals(
  db: Db | Tx,
  personId: number,
): Promise<{ fiscalYear: number; charged: number; paid: number }[]> {
  const totals = new Map<number, { fiscalYear: number; charged: number; paid: number }>()
  for (const b of await installmentBalances(db, { personIds: [personId] })) {
    const t = totals.get(b.fiscalYear) ?? { fiscalYear: b.fiscalYear, charged: 0, paid: 0 }
    t.charged += b.charged
    t.paid += b.paid + b.offsetIn
    totals.set(b.fiscalYear, t)
  }
  return [...totals.values()]
}
