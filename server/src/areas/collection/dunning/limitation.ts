/**
 * 時効 (介護保険法第200条; docs/sources/domain.md §4.2) of the ledger's installments: the renewal events (督促 and
 * 分納誓約 recorded here, every partial payment read from the ledger), the limitation's last day of each installment
 * (shared/domain/limitation-renewal.ts), the installments time-barred on a day — the lookup the ledger's payment path
 * takes (TimeBarredLookup: a time-barred amount can no longer be paid) — and the recording of renewals, set-based in
 * the caller's transaction.
 */
import { sql } from 'drizzle-orm'
import { formatWareki, type IsoDate } from '../../../../../shared/domain'
import { installmentKeyString } from '../../../../../shared/domain/collection-ledger'
import {
  isTimeBarred,
  renewalDate,
  renewedLimitationEndDate,
  type LimitationRenewalKind,
} from '../../../../../shared/domain/limitation-renewal'
import type { CollectionMethod } from '../../../../../shared/api/premiums'
import { bulkInsertJson } from '../../../core/db/bulk-insert'
import type { Db, Tx } from '../../../core/db/connect'
import { installmentBalances, type InstallmentBalance } from '../ledger'
import { limitationRenewals } from './schema'

export interface InstallmentRef {
  personId: number
  fiscalYear: number
  method: CollectionMethod
  installmentSeq: number
}

export interface LimitationRenewalInput extends InstallmentRef {
  kind: LimitationRenewalKind
  /** 督促状の発付日 / 誓約日 / 納付日. */
  occurredOn: IsoDate
  source: string
  /** Unique per event and installment: a repeat inserts nothing. */
  idempotencyKey: string
  recordedBy: number | null
}

/**
 * Records renewal events (督促, 分納誓約 …) set-based with ON CONFLICT (idempotency_key) DO NOTHING; the day the
 * limitation runs again from is computed by the rule (督促: 発付日 + 10日). Returns the number inserted.
 */
export async function recordLimitationRenewal(
  db: Db | Tx,
  renewals: readonly LimitationRenewalInput[],
  now: Date,
): Promise<number> {
  if (renewals.length === 0) return 0
  const rows = await bulkInsertJson(
    db,
    limitationRenewals,
    renewals.map((r) => ({
      personId: r.personId,
      fiscalYear: r.fiscalYear,
      method: r.method,
      installmentSeq: r.installmentSeq,
      kind: r.kind,
      occurredOn: r.occurredOn,
      renewedOn: renewalDate(r.kind, r.occurredOn),
      source: r.source,
      idempotencyKey: r.idempotencyKey,
      recordedAt: now,
      recordedBy: r.recordedBy,
    })),
    { returning: ['id'], onConflictDoNothing: true },
  )
  return rows.length
}

export interface RenewalEvent {
  kind: LimitationRenewalKind
  occurredOn: IsoDate
  renewedOn: IsoDate
}

const keyOf = (r: { personId: number; fiscalYear: number; method: string; seq: number }) =>
  installmentKeyString({ ...r, method: r.method as CollectionMethod })

const intArray = (values: readonly number[]) => sql`${`{${values.join(',')}}`}::int[]`

/**
 * The renewal events of the persons' installments (all persons when omitted): the recorded ones and every partial
 * payment of the ledger (a payment that left something owed is an acknowledgement, 民法第152条), by installment key.
 */
export async function renewalEvents(db: Db | Tx, personIds?: readonly number[]): Promise<Map<string, RenewalEvent[]>> {
  const renewalFilter = personIds ? sql`r.person_id = any(${intArray(personIds)})` : sql`true`
  const entryFilter = personIds ? sql`e.person_id = any(${intArray(personIds)})` : sql`true`
  const result = (await db.execute(sql`
    select r.person_id as "personId", r.fiscal_year as "fiscalYear", r.method, r.installment_seq as seq, r.kind,
      r.occurred_on::text as "occurredOn", r.renewed_on::text as "renewedOn"
    from collection_limitation_renewals r where ${renewalFilter}
    union all
    select e.person_id, e.fiscal_year, e.method, e.installment_seq, 'partialPayment', e.occurred_on::text,
      e.occurred_on::text
    from collection_entries e where e.kind = 'payment' and e.amount < 0 and ${entryFilter}
    order by 6`)) as unknown as { rows: Record<string, unknown>[] }
  const out = new Map<string, RenewalEvent[]>()
  for (const r of result.rows) {
    const key = keyOf({
      personId: Number(r.personId),
      fiscalYear: Number(r.fiscalYear),
      method: String(r.method),
      seq: Number(r.seq),
    })
    let list = out.get(key)
    if (!list) out.set(key, (list = []))
    list.push({
      kind: r.kind as LimitationRenewalKind,
      occurredOn: String(r.occurredOn),
      renewedOn: String(r.renewedOn),
    })
  }
  return out
}

export interface InstallmentLimitation {
  balance: InstallmentBalance
  dueDate: IsoDate
  renewals: RenewalEvent[]
  limitationEnd: IsoDate
  timeBarred: boolean
}

/** Every installment of the ledger (of the persons, or all) with a 納期限, its renewals and its limitation on `asOf`. */
export async function installmentLimitations(
  db: Db | Tx,
  query: { personIds?: readonly number[]; asOf: IsoDate; balances?: readonly InstallmentBalance[] | undefined },
): Promise<InstallmentLimitation[]> {
  const balances =
    query.balances ?? (await installmentBalances(db, query.personIds ? { personIds: query.personIds } : {}))
  const renewals = await renewalEvents(db, query.personIds)
  const out: InstallmentLimitation[] = []
  for (const b of balances) {
    if (b.dueDate === null) continue
    const events = renewals.get(installmentKeyString(b)) ?? []
    const limitationEnd = renewedLimitationEndDate(
      b.dueDate,
      events.filter((e) => e.occurredOn <= query.asOf).map((e) => e.renewedOn),
    )
    out.push({
      balance: b,
      dueDate: b.dueDate,
      renewals: events,
      limitationEnd,
      timeBarred: isTimeBarred(limitationEnd, query.asOf),
    })
  }
  return out
}

export interface TimeBarred extends InstallmentRef {
  dueDate: IsoDate
  limitationEnd: IsoDate
}

export const timeBarredReason = (t: TimeBarred) =>
  `${t.fiscalYear}年度 第${t.installmentSeq}期（納期限 ${formatWareki(t.dueDate)}）は${formatWareki(t.limitationEnd)}の経過により時効で消滅しており、納付を受けられません（介護保険法第200条）`

/** The persons' installments whose collection right has expired on `asOf`. */
export async function timeBarredInstallments(
  db: Db | Tx,
  query: { personIds: readonly number[]; asOf: IsoDate; balances?: readonly InstallmentBalance[] | undefined },
): Promise<TimeBarred[]> {
  if (query.personIds.length === 0) return []
  return (await installmentLimitations(db, query))
    .filter((l) => l.timeBarred)
    .map((l) => ({
      personId: l.balance.personId,
      fiscalYear: l.balance.fiscalYear,
      method: l.balance.method,
      installmentSeq: l.balance.seq,
      dueDate: l.dueDate,
      limitationEnd: l.limitationEnd,
    }))
}

/**
 * The ledger's TimeBarredLookup (server/src/areas/collection/ledger/ledger.ts): time-barred installments keyed by
 * installmentKeyString with the reason shown when a payment is refused. Injected by the composition root.
 */
export async function timeBarredLookup(
  db: Db | Tx,
  query: {
    readonly personIds: readonly number[]
    readonly asOf: IsoDate
    readonly balances?: readonly InstallmentBalance[] | undefined
  },
): Promise<Map<string, string>> {
  const out = new Map<string, string>()
  for (const t of await timeBarredInstallments(db, query))
    out.set(installmentKeyString({ ...t, seq: t.installmentSeq }), timeBarredReason(t))
  return out
}
