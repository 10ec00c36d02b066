/**
 * A person's ledger as the 収納 tab shows it (docs/collection.md §4): per fiscal year and installment the figures of
 * installmentBalances, the entries, the 延滞金 if the 残高 were paid today (shared/domain lateCharge, not fixed) and
 * the limitation date (with its renewals when a LimitationLookup is given, else shared/domain limitationEndDate),
 * and the person's 還付 proposals.
 */
import { asc, eq } from 'drizzle-orm'
import type { LedgerInstallment, PersonLedger } from '../../../../../shared/api/collection'
import { lateCharge, limitationEndDate } from '../../../../../shared/domain/collection'
import { installmentKeyString, type InstallmentKey } from '../../../../../shared/domain/collection-ledger'
import type { IsoDate } from '../../../../../shared/domain/dates'
import { SHINJUKU_LATE_CHARGE_RATES } from '../../../../../shared/domain/parameters/shinjuku'
import { installmentBalances, type LedgerDb } from './ledger'
import { readRefundProposals } from './refunds'
import { collectionEntries } from './schema'

/** 延滞金 today, or 0 when the rates of a year are not in the table yet (the quote of a payment refuses that). */
export function lateChargeToday(balance: number, dueDate: IsoDate | null, today: IsoDate): number {
  if (!dueDate || balance <= 0) return 0
  try {
    return lateCharge({ amount: balance, dueDate, paidOn: today }, SHINJUKU_LATE_CHARGE_RATES)
  } catch {
    return 0
  }
}

/**
 * The limitation of installments with its renewals (督促, 分納誓約: the dunning sub-area's installmentLimitations),
 * injected by the composition root; without it the 2 years count from the 納期限 (limitationEndDate).
 */
export type LimitationLookup = (
  db: LedgerDb,
  query: { personIds?: readonly number[]; asOf: IsoDate },
) => Promise<readonly { balance: InstallmentKey; limitationEnd: IsoDate; timeBarred: boolean }[]>

export async function readPersonLedger(
  db: LedgerDb,
  person: { id: number; name: string; insuredNumber: string | null },
  today: IsoDate,
  limitations?: LimitationLookup,
): Promise<PersonLedger> {
  const balances = await installmentBalances(db, { personIds: [person.id] })
  const renewed = limitations
    ? new Map(
        (await limitations(db, { personIds: [person.id], asOf: today })).map((l) => [
          installmentKeyString(l.balance),
          l,
        ]),
      )
    : null
  const entries = await db
    .select()
    .from(collectionEntries)
    .where(eq(collectionEntries.personId, person.id))
    .orderBy(asc(collectionEntries.occurredOn), asc(collectionEntries.id))
  const byKey = new Map<string, LedgerInstallment['entries']>()
  for (const e of entries) {
    const key = installmentKeyString({ ...e, seq: e.installmentSeq })
    let list = byKey.get(key)
    if (!list) byKey.set(key, (list = []))
    list.push({
      id: e.id,
      kind: e.kind,
      amount: e.amount,
      occurredOn: e.occurredOn,
      receivedOn: e.receivedOn,
      channel: e.channel,
      source: e.source,
      batchId: e.batchId,
    })
  }
  const years = new Map<number, PersonLedger['years'][number]>()
  let overpaid = 0
  for (const b of balances) {
    const known = renewed?.get(installmentKeyString(b))
    const limitationEnd = known ? known.limitationEnd : b.dueDate ? limitationEndDate(b.dueDate) : null
    const timeBarred = limitationEnd !== null && today > limitationEnd && b.balance > 0
    const installment: LedgerInstallment = {
      fiscalYear: b.fiscalYear,
      method: b.method,
      seq: b.seq,
      dueDate: b.dueDate,
      charged: b.charged,
      paid: b.paid,
      refunded: b.refunded,
      offset: b.offset,
      writtenOff: b.writtenOff,
      balance: b.balance,
      lateChargeBalance: b.lateChargeBalance,
      lateChargeToday: timeBarred ? 0 : lateChargeToday(b.balance, b.dueDate, today),
      limitationEnd,
      timeBarred,
      entries: byKey.get(installmentKeyString(b)) ?? [],
    }
    if (b.balance < 0) overpaid -= b.balance
    let year = years.get(b.fiscalYear)
    if (!year)
      years.set(
        b.fiscalYear,
        (year = { fiscalYear: b.fiscalYear, charged: 0, paid: 0, balance: 0, lateChargeToday: 0, installments: [] }),
      )
    year.charged += b.charged
    year.paid += b.paid
    year.balance += b.balance
    year.lateChargeToday += installment.lateChargeToday
    year.installments.push(installment)
  }
  return {
    personId: person.id,
    person: { name: person.name, insuredNumber: person.insuredNumber },
    asOf: today,
    years: [...years.values()].sort((a, b) => b.fiscalYear - a.fiscalYear),
    overpaid,
    refunds: await readRefundProposals(db, { personIds: [person.id] }, today),
  }
}
