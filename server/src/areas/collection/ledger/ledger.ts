/**
 * The 収納 ledger service (docs/collection.md): append entries set-based with their idempotency keys, the balances of
 * installments, the 調定 synced from the latest 賦課 version, and the one place that allocates money to installments
 * (applyPayments). Every function takes the caller's transaction; the rules are the pure ones of
 * shared/domain/collection-ledger.ts.
 */
import { sql } from 'drizzle-orm'
import { limitationEndDate as limitationEnd } from '../../../../../shared/domain/collection'
import type { IsoDate } from '../../../../../shared/domain/dates'
import {
  allocatePayment,
  chargeAdjustments,
  installmentKeyString,
  LedgerRuleError,
  planOffsets,
  type InstallmentKey,
  type LedgerKind,
  type LedgerMethod,
  type OpenInstallment,
} from '../../../../../shared/domain/collection-ledger'
import { SHINJUKU_LATE_CHARGE_RATES, type LateChargeRate } from '../../../../../shared/domain/parameters/shinjuku'
import { bulkInsertJson } from '../../../core/db/bulk-insert'
import type { Db, Tx } from '../../../core/db/connect'
import { chargeTargetsSql } from './charge-targets'
import { collectionEntries } from './schema'

export type LedgerDb = Db | Tx

/** One entry to append. `amount` signed as shared/domain/collection-ledger.ts documents. */
export interface LedgerEntryInput extends InstallmentKey {
  readonly kind: LedgerKind
  readonly amount: number
  readonly occurredOn: IsoDate
  readonly receivedOn?: IsoDate | null
  readonly channel: string
  readonly source: string
  /** Unique per entry: an entry whose key exists already is not inserted again. */
  readonly idempotencyKey: string
  readonly batchId?: string | null
  readonly counterpart?: string | null
  readonly recordedAt: Date
  readonly recordedBy: number | null
}

export interface LedgerEntry extends LedgerEntryInput {
  readonly id: number
}

/** Thrown for a payment or an operation the ledger refuses; the message is Japanese and shown as it is. */
export { LedgerRuleError }

/**
 * Appends entries set-based (one statement; ON CONFLICT (idempotency_key) DO NOTHING) and returns those inserted
 * (an entry whose key exists is left out of the answer). Amounts must be non-zero integers.
 */
export async function appendLedgerEntries(db: LedgerDb, entries: readonly LedgerEntryInput[]): Promise<LedgerEntry[]> {
  if (entries.length === 0) return []
  for (const e of entries)
    if (!Number.isSafeInteger(e.amount) || e.amount === 0)
      throw new LedgerRuleError(`収納台帳の金額が不正です（${e.idempotencyKey}: ${String(e.amount)}）`)
  const rows = await bulkInsertJson(
    db,
    collectionEntries,
    entries.map((e) => ({
      personId: e.personId,
      fiscalYear: e.fiscalYear,
      method: e.method,
      installmentSeq: e.seq,
      kind: e.kind,
      amount: e.amount,
      occurredOn: e.occurredOn,
      receivedOn: e.receivedOn ?? null,
      channel: e.channel,
      source: e.source,
      idempotencyKey: e.idempotencyKey,
      batchId: e.batchId ?? null,
      counterpart: e.counterpart ?? null,
      recordedAt: e.recordedAt,
      recordedBy: e.recordedBy,
    })),
    { returning: ['id', 'idempotencyKey'], onConflictDoNothing: true },
  )
  const ids = new Map(rows.map((r) => [r.idempotencyKey, Number(r.id)]))
  return entries.filter((e) => ids.has(e.idempotencyKey)).map((e) => ({ ...e, id: ids.get(e.idempotencyKey)! }))
}

/** The figures of one installment (report signs: 収納 positive when paid) with its 納期限 and 賦課 amount. */
export interface InstallmentBalance extends InstallmentKey {
  /** 納期限 of the latest 賦課 version that has the installment (null when the ledger has it but no 賦課 does). */
  dueDate: IsoDate | null
  /** 調定 */
  charged: number
  /** 収納 */
  paid: number
  /** 還付 */
  refunded: number
  offsetIn: number
  offsetOut: number
  /** 充当 (net, offsetIn − offsetOut) */
  offset: number
  /** 不納欠損 */
  writtenOff: number
  /** 残高 = Σ amount (positive owed, negative 過誤納). */
  balance: number
  lateCharged: number
  lateChargePaid: number
  lateChargeWrittenOff: number
  lateChargeBalance: number
  /** The day of the last payment (収納), null when none. */
  lastPaidOn: IsoDate | null
}

export interface BalanceQuery {
  readonly personIds?: readonly number[] | undefined
  readonly fiscalYears?: readonly number[] | undefined
  /** Only the entries that occurred on or before this day (a report's 基準日). */
  readonly asOf?: IsoDate | undefined
}

const intArray = (values: readonly number[]) => sql`${`{${values.join(',')}}`}::int[]`

/**
 * The balances of every installment the ledger holds for the persons / fiscal years asked (all when omitted), set-
 * based (one grouped query), ordered by person, fiscal year, 納期限, method, 期.
 */
export async function installmentBalances(db: LedgerDb, query: BalanceQuery = {}): Promise<InstallmentBalance[]> {
  const where = [sql`true`]
  if (query.personIds) where.push(sql`e.person_id = any(${intArray(query.personIds)})`)
  if (query.fiscalYears) where.push(sql`e.fiscal_year = any(${intArray(query.fiscalYears)})`)
  if (query.asOf) where.push(sql`e.occurred_on <= ${query.asOf}::date`)
  const result = (await db.execute(sql`
    with sums as (
      select e.person_id, e.fiscal_year, e.method, e.installment_seq,
        coalesce(sum(e.amount) filter (where e.kind = 'charge'), 0) as charged,
        coalesce(-sum(e.amount) filter (where e.kind = 'payment'), 0) as paid,
        coalesce(sum(e.amount) filter (where e.kind = 'refund'), 0) as refunded,
        coalesce(-sum(e.amount) filter (where e.kind = 'offsetIn'), 0) as offset_in,
        coalesce(sum(e.amount) filter (where e.kind = 'offset'), 0) as offset_out,
        coalesce(-sum(e.amount) filter (where e.kind = 'writeOff'), 0) as written_off,
        coalesce(sum(e.amount) filter (where e.kind in ('charge','payment','refund','offset','offsetIn','writeOff')), 0) as balance,
        coalesce(sum(e.amount) filter (where e.kind = 'lateCharge'), 0) as late_charged,
        coalesce(-sum(e.amount) filter (where e.kind = 'lateChargePayment'), 0) as late_paid,
        coalesce(-sum(e.amount) filter (where e.kind = 'lateChargeWriteOff'), 0) as late_written_off,
        coalesce(sum(e.amount) filter (where e.kind in ('lateCharge','lateChargePayment','lateChargeWriteOff')), 0) as late_balance,
        max(e.occurred_on) filter (where e.kind = 'payment' and e.amount < 0) as last_paid_on
      from collection_entries e
      where ${sql.join(where, sql` and `)}
      group by e.person_id, e.fiscal_year, e.method, e.installment_seq
    ), due as (
      select distinct on (a.person_id, a.fiscal_year, i.method, i.seq)
        a.person_id, a.fiscal_year, i.method, i.seq, i.due_date
      from premium_installments i join premium_assessments a on a.id = i.assessment_id
      where (a.person_id, a.fiscal_year) in (select distinct person_id, fiscal_year from sums)
      order by a.person_id, a.fiscal_year, i.method, i.seq, a.version desc
    )
    select s.person_id as "personId", s.fiscal_year as "fiscalYear", s.method, s.installment_seq as "seq",
      d.due_date::text as "dueDate", s.charged::bigint as charged, s.paid::bigint as paid,
      s.refunded::bigint as refunded, s.offset_in::bigint as "offsetIn", s.offset_out::bigint as "offsetOut",
      s.written_off::bigint as "writtenOff", s.balance::bigint as balance, s.late_charged::bigint as "lateCharged",
      s.late_paid::bigint as "lateChargePaid", s.late_written_off::bigint as "lateChargeWrittenOff",
      s.late_balance::bigint as "lateChargeBalance", s.last_paid_on::text as "lastPaidOn"
    from sums s
    left join due d on d.person_id = s.person_id and d.fiscal_year = s.fiscal_year and d.method = s.method
      and d.seq = s.installment_seq
    order by s.person_id, s.fiscal_year, d.due_date nulls last, s.method desc, s.installment_seq
  `)) as unknown as { rows: Record<string, unknown>[] }
  return result.rows.map((r) => {
    const n = (k: string) => Number(r[k])
    const offsetIn = n('offsetIn')
    const offsetOut = n('offsetOut')
    return {
      personId: n('personId'),
      fiscalYear: n('fiscalYear'),
      method: r.method as LedgerMethod,
      seq: n('seq'),
      dueDate: (r.dueDate as string | null) ?? null,
      charged: n('charged'),
      paid: n('paid'),
      refunded: n('refunded'),
      offsetIn,
      offsetOut,
      offset: offsetIn - offsetOut,
      writtenOff: n('writtenOff'),
      balance: n('balance'),
      lateCharged: n('lateCharged'),
      lateChargePaid: n('lateChargePaid'),
      lateChargeWrittenOff: n('lateChargeWrittenOff'),
      lateChargeBalance: n('lateChargeBalance'),
      lastPaidOn: (r.lastPaidOn as string | null) ?? null,
    }
  })
}

/** Above this many persons a writer locks the whole ledger instead of each person (a lock per person would exhaust the lock table). */
export const WHOLE_LEDGER_LOCK_ABOVE = 1_000

/**
 * Serialises ledger writes per person (two payments of one person never allocate against the same balance). Two
 * levels, always taken in the same order: the whole-ledger lock (key 0; person ids start at 1) — shared by a writer of
 * a few persons, exclusive for a writer of more than WHOLE_LEDGER_LOCK_ABOVE (a payment file, a 督促 run) — then, for
 * the few, one exclusive lock per person in id order. A transaction takes it once.
 */
export async function lockPersons(db: LedgerDb, personIds: readonly number[]): Promise<void> {
  const ids = [...new Set(personIds)].sort((a, b) => a - b)
  if (ids.length === 0) return
  if (ids.length > WHOLE_LEDGER_LOCK_ABOVE) {
    await db.execute(sql`select pg_advisory_xact_lock(20261204, 0)`)
    return
  }
  await db.execute(sql`select pg_advisory_xact_lock_shared(20261204, 0)`)
  await db.execute(
    sql`select count(pg_advisory_xact_lock(20261204, id)) from (select unnest(${intArray(ids)}) as id order by 1) l`,
  )
}

export interface SyncChargesResult {
  /** The charge adjustments appended (positive: 調定 up, negative: 更正 downwards). */
  readonly entries: LedgerEntry[]
  readonly persons: number
}

/**
 * Appends the charge adjustments that make the ledger's 調定 of every installment equal the latest 賦課 version's
 * installments (premium_assessments / premium_installments; an installment the latest version no longer has counts
 * as 0), for the persons given or all. Set-based: one query reads targets and current 調定, one insert writes the
 * differences. Idempotent: each adjustment's key names the assessment version (`charge:a<assessmentId>:…`), so a
 * repeat or a concurrent run inserts nothing. A downward 更正 below what was paid leaves a negative 残高 (過誤納).
 */
export async function syncCharges(
  db: LedgerDb,
  personIds: readonly number[] | undefined,
  options: { readonly now: Date; readonly recordedBy: number | null; readonly batchId?: string | null },
): Promise<SyncChargesResult> {
  if (personIds && personIds.length === 0) return { entries: [], persons: 0 }
  const personFilter = personIds ? sql`a.person_id = any(${intArray(personIds)})` : sql`true`
  const entryFilter = personIds ? sql`e.person_id = any(${intArray(personIds)})` : sql`true`
  const result = (await db.execute(sql`
    with latest as (
      select distinct on (a.person_id, a.fiscal_year) a.id, a.person_id, a.fiscal_year, a.assessed_on,
        a.overpaid_amount as overpaid
      from premium_assessments a where ${personFilter}
      order by a.person_id, a.fiscal_year, a.version desc
    ), target as (${chargeTargetsSql('latest')}), current as (
      select e.person_id, e.fiscal_year, e.method, e.installment_seq as seq, sum(e.amount) as amount
      from collection_entries e where e.kind = 'charge' and ${entryFilter}
      group by e.person_id, e.fiscal_year, e.method, e.installment_seq
    )
    select coalesce(t.person_id, c.person_id) as "personId", coalesce(t.fiscal_year, c.fiscal_year) as "fiscalYear",
      coalesce(t.method, c.method) as method, coalesce(t.seq, c.seq) as seq,
      coalesce(t.amount, 0)::bigint as target, coalesce(c.amount, 0)::bigint as charged,
      l.id as "assessmentId", l.assessed_on::text as "assessedOn"
    from target t
    full join current c on c.person_id = t.person_id and c.fiscal_year = t.fiscal_year and c.method = t.method
      and c.seq = t.seq
    join latest l on l.person_id = coalesce(t.person_id, c.person_id) and l.fiscal_year = coalesce(t.fiscal_year, c.fiscal_year)
    where coalesce(t.amount, 0) <> coalesce(c.amount, 0)
  `)) as unknown as { rows: Record<string, unknown>[] }
  const rows = result.rows.map((r) => ({
    personId: Number(r.personId),
    fiscalYear: Number(r.fiscalYear),
    method: r.method as LedgerMethod,
    seq: Number(r.seq),
    target: Number(r.target),
    charged: Number(r.charged),
    assessmentId: Number(r.assessmentId),
    assessedOn: String(r.assessedOn),
  }))
  const byKey = new Map(rows.map((r) => [installmentKeyString(r), r]))
  const adjustments = chargeAdjustments(
    rows.map((r) => ({ ...r, amount: r.target })),
    rows.map((r) => ({ ...r, amount: r.charged })),
  )
  const entries = await appendLedgerEntries(
    db,
    adjustments.map((a) => {
      const r = byKey.get(installmentKeyString(a))!
      return {
        ...a,
        occurredOn: r.assessedOn,
        channel: 'assessment',
        source: `賦課 ${r.assessmentId}`,
        idempotencyKey: `charge:a${r.assessmentId}:${a.method}:${a.seq}`,
        batchId: options.batchId ?? null,
        recordedAt: options.now,
        recordedBy: options.recordedBy,
      }
    }),
  )
  return { entries, persons: new Set(rows.map((r) => r.personId)).size }
}

/** One payment to apply. */
export interface PaymentInput {
  readonly personId: number
  /** The installment paid for (納付書 barcode, 口座振替 request, 特別徴収結果); null = the person's oldest due first. */
  readonly target?: { readonly fiscalYear: number; readonly method: LedgerMethod; readonly seq: number } | null
  readonly amount: number
  /** 納付日 (延滞金 counts to it). */
  readonly paidOn: IsoDate
  readonly receivedOn?: IsoDate | null
  readonly channel: string
  readonly source: string
  /** The payment's key: its entries get `${key}#1`, `${key}#2` …; a payment whose key was applied is skipped. */
  readonly idempotencyKey: string
  readonly batchId?: string | null
}

export interface AppliedPayment {
  readonly idempotencyKey: string
  readonly personId: number
  /** false when the key had been applied before (nothing was written). */
  readonly applied: boolean
  readonly entries: LedgerEntry[]
  readonly premiumPaid: number
  readonly lateCharge: number
  readonly lateChargePaid: number
  /** Money beyond everything owed, left on `overpaidOn` as 過誤納 (→ settleOverpayments: 充当, then 還付). */
  readonly overpaid: number
  readonly overpaidOn: InstallmentKey | null
}

/**
 * Time-barred installments on a day (介護保険法第200条), keyed by installmentKeyString, with the reason to show. The
 * dunning sub-area knows the renewals (督促, 分納誓約); the composition root or the caller injects its lookup. The
 * default counts 2 years from the day after the 納期限 without renewals (shared/domain limitationEndDate).
 */
export type TimeBarredLookup = (
  db: LedgerDb,
  query: {
    readonly personIds: readonly number[]
    readonly asOf: IsoDate
    /** The persons' balances when the caller has read them already in this transaction (not read again). */
    readonly balances?: readonly InstallmentBalance[] | undefined
  },
) => Promise<Map<string, string>>

/**
 * What applyPayments reads before it allocates — the persons locked, their balances, the installments time-barred on
 * each 納付日 — read once by a caller that decides on the same figures first (the 消込 matches lines against the
 * balances, then applies the exact ones): readLedgerSnapshot. Valid only inside the transaction that read it (the
 * lock is held until it ends).
 */
export interface LedgerSnapshot {
  readonly personIds: ReadonlySet<number>
  readonly days: ReadonlySet<IsoDate>
  readonly balances: readonly InstallmentBalance[]
  /** `${day}|${installmentKeyString}` → the Japanese reason. */
  readonly barred: ReadonlyMap<string, string>
}

/** Locks the persons and reads their balances and time-barred installments on each day (see LedgerSnapshot). */
export async function readLedgerSnapshot(
  db: LedgerDb,
  personIds: readonly number[],
  days: readonly IsoDate[],
  timeBarred?: TimeBarredLookup,
): Promise<LedgerSnapshot> {
  await lockPersons(db, personIds)
  const balances = personIds.length === 0 ? [] : await installmentBalances(db, { personIds })
  const unique = [...new Set(days)]
  const barred = timeBarred
    ? await collectBarred(db, timeBarred, personIds, unique, balances)
    : defaultTimeBarred(balances, unique)
  return { personIds: new Set(personIds), days: new Set(unique), balances, barred }
}

export interface ApplyPaymentOptions {
  readonly now: Date
  readonly recordedBy: number | null
  readonly rates?: readonly LateChargeRate[]
  readonly timeBarred?: TimeBarredLookup
  /** Balances and 時効 read by the caller in this transaction (readLedgerSnapshot): not read again. */
  readonly snapshot?: LedgerSnapshot
}

/**
 * Applies payments — the one place that allocates money to installments (shared/domain/collection-ledger.ts
 * allocatePayment: premium first, oldest due first or the target only, then 延滞金; the rest is 過誤納 on the
 * installment). Locks the persons, skips payments whose key was applied, reads the balances once, allocates in
 * TypeScript (payments of one person in the order given) and appends every entry in one statement. A refused payment
 * (time-barred target, no 調定) throws LedgerRuleError naming the payment: the caller's transaction rolls back.
 */
export async function applyPayments(
  db: LedgerDb,
  payments: readonly PaymentInput[],
  options: ApplyPaymentOptions,
): Promise<AppliedPayment[]> {
  if (payments.length === 0) return []
  const personIds = [...new Set(payments.map((p) => p.personId))]
  const snapshot = options.snapshot
  if (snapshot && payments.some((p) => !snapshot.personIds.has(p.personId) || !snapshot.days.has(p.paidOn)))
    throw new Error('applyPayments: the snapshot does not cover every person and 納付日 of the payments')
  const { balances, barred } =
    snapshot ??
    (await readLedgerSnapshot(
      db,
      personIds,
      payments.map((p) => p.paidOn),
      options.timeBarred,
    ))
  const applied = new Set<string>()
  const firstKeys = payments.map((p) => `${p.idempotencyKey}#1`)
  const existing = (await db.execute(
    sql`select idempotency_key as k from collection_entries
      where idempotency_key in (select value from json_array_elements_text(${JSON.stringify(firstKeys)}::json))`,
  )) as unknown as { rows: { k: string }[] }
  for (const r of existing.rows) applied.add(r.k)
  const open = new Map<number, Map<string, OpenInstallment & { balance: number; lateChargeBalance: number }>>()
  for (const b of balances) {
    if (b.dueDate === null) continue
    let m = open.get(b.personId)
    if (!m) open.set(b.personId, (m = new Map()))
    m.set(installmentKeyString(b), { ...b, dueDate: b.dueDate, timeBarred: null })
  }
  const rates = options.rates ?? SHINJUKU_LATE_CHARGE_RATES
  const out: AppliedPayment[] = []
  const toInsert: LedgerEntryInput[] = []
  const seen = new Set<string>()
  for (const p of payments) {
    if (applied.has(`${p.idempotencyKey}#1`) || seen.has(p.idempotencyKey)) {
      out.push({ ...emptyApplied(p), applied: false })
      continue
    }
    seen.add(p.idempotencyKey)
    const mine = open.get(p.personId) ?? new Map()
    const installments = [...mine.values()].map((i) => ({
      ...i,
      timeBarred: barred.get(`${p.paidOn}|${installmentKeyString(i)}`) ?? null,
    }))
    let allocation
    try {
      allocation = allocatePayment({
        amount: p.amount,
        paidOn: p.paidOn,
        installments,
        target: p.target ? { personId: p.personId, ...p.target } : null,
        rates,
      })
    } catch (error) {
      if (error instanceof LedgerRuleError) throw new LedgerRuleError(`${p.source}: ${error.message}`)
      throw error
    }
    const entries: LedgerEntryInput[] = allocation.entries.map((e, n) => ({
      ...e,
      occurredOn: p.paidOn,
      receivedOn: p.receivedOn ?? null,
      channel: p.channel,
      source: p.source,
      idempotencyKey: `${p.idempotencyKey}#${n + 1}`,
      batchId: p.batchId ?? null,
      recordedAt: options.now,
      recordedBy: options.recordedBy,
    }))
    for (const e of entries) {
      const i = mine.get(installmentKeyString(e))
      if (!i) continue
      if (e.kind === 'payment') i.balance += e.amount
      else i.lateChargeBalance += e.amount
    }
    toInsert.push(...entries)
    const sum = (kind: LedgerKind) => -entries.filter((e) => e.kind === kind).reduce((s, e) => s + e.amount, 0)
    out.push({
      idempotencyKey: p.idempotencyKey,
      personId: p.personId,
      applied: true,
      entries: entries.map((e) => ({ ...e, id: 0 })),
      premiumPaid: sum('payment') - allocation.overpaid,
      lateCharge: allocation.lateCharge,
      lateChargePaid: sum('lateChargePayment'),
      overpaid: allocation.overpaid,
      overpaidOn: allocation.overpaidOn,
    })
  }
  const inserted = await appendLedgerEntries(db, toInsert)
  const ids = new Map(inserted.map((e) => [e.idempotencyKey, e.id]))
  return out.map((a) => ({ ...a, entries: a.entries.map((e) => ({ ...e, id: ids.get(e.idempotencyKey) ?? 0 })) }))
}

/** One payment (see applyPayments). */
export async function applyPayment(
  db: LedgerDb,
  payment: PaymentInput,
  options: ApplyPaymentOptions,
): Promise<AppliedPayment> {
  const [result] = await applyPayments(db, [payment], options)
  return result!
}

function emptyApplied(p: PaymentInput): AppliedPayment {
  return {
    idempotencyKey: p.idempotencyKey,
    personId: p.personId,
    applied: false,
    entries: [],
    premiumPaid: 0,
    lateCharge: 0,
    lateChargePaid: 0,
    overpaid: 0,
    overpaidOn: null,
  }
}

async function collectBarred(
  db: LedgerDb,
  lookup: TimeBarredLookup,
  personIds: readonly number[],
  days: readonly IsoDate[],
  balances: readonly InstallmentBalance[],
): Promise<Map<string, string>> {
  const out = new Map<string, string>()
  if (personIds.length === 0) return out
  for (const asOf of days)
    for (const [key, reason] of await lookup(db, { personIds, asOf, balances })) out.set(`${asOf}|${key}`, reason)
  return out
}

function defaultTimeBarred(balances: readonly InstallmentBalance[], days: readonly IsoDate[]) {
  const out = new Map<string, string>()
  for (const b of balances) {
    if (!b.dueDate) continue
    const end = limitationEnd(b.dueDate)
    for (const day of days)
      if (day > end)
        out.set(
          `${day}|${installmentKeyString(b)}`,
          `${b.fiscalYear}年度 第${b.seq}期（納期限 ${b.dueDate}）は ${end} の経過で時効により消滅しており、納付を受けられません（介護保険法第200条）`,
        )
  }
  return out
}

export interface SettleOptions {
  readonly now: Date
  readonly on: IsoDate
  readonly recordedBy: number | null
  readonly batchId?: string | null
  /** Key prefix of the run (a retry with the same prefix writes nothing new). */
  readonly idempotencyKey: string
  readonly timeBarred?: TimeBarredLookup
}

export interface SettleResult {
  readonly entries: LedgerEntry[]
  /** What stays overpaid per installment after 充当: to be proposed for 還付. */
  readonly refundable: (InstallmentKey & { readonly amount: number })[]
}

/**
 * 過誤納 → 充当 (docs/collection.md §3): every overpaid installment of the persons pays their other unpaid
 * installments, oldest due first (planOffsets); offset (+) and offsetIn (−) entries in pairs, channel 'transfer'.
 * Returns what is left overpaid (the 還付 proposals).
 */
export async function settleOverpayments(
  db: LedgerDb,
  personIds: readonly number[],
  options: SettleOptions,
): Promise<SettleResult> {
  await lockPersons(db, personIds)
  const balances = await installmentBalances(db, { personIds })
  const barred = options.timeBarred
    ? await options.timeBarred(db, { personIds, asOf: options.on, balances })
    : new Map([...defaultTimeBarred(balances, [options.on])].map(([k, v]) => [k.slice(options.on.length + 1), v]))
  const byPerson = new Map<number, OpenInstallment[]>()
  for (const b of balances) {
    if (!b.dueDate) continue
    let list = byPerson.get(b.personId)
    if (!list) byPerson.set(b.personId, (list = []))
    list.push({ ...b, dueDate: b.dueDate, timeBarred: barred.get(installmentKeyString(b)) ?? null })
  }
  const toInsert: LedgerEntryInput[] = []
  const refundable: (InstallmentKey & { amount: number })[] = []
  for (const [personId, list] of byPerson) {
    const plan = planOffsets(list)
    refundable.push(...plan.refundable)
    plan.entries.forEach((e, n) =>
      toInsert.push({
        ...e,
        counterpart: installmentKeyString(e.counterpart),
        occurredOn: options.on,
        channel: 'transfer',
        source: '過誤納の充当',
        idempotencyKey: `${options.idempotencyKey}:${personId}#${n + 1}`,
        batchId: options.batchId ?? null,
        recordedAt: options.now,
        recordedBy: options.recordedBy,
      }),
    )
  }
  return { entries: await appendLedgerEntries(db, toInsert), refundable }
}
