/**
 * 督促 and 不納欠損 runs (docs/sources/domain.md §4.1, §4.2) with the pattern of the 賦課バッチ: the dry run lists the
 * installments the commit acts on and stores them with a fingerprint; a 監督者 (a second person, never the preparer)
 * signs it off; the commit — one transaction, so a killed process leaves nothing half-written — records a 督促's
 * renewal of every listed installment's limitation (時効の更新) or appends the 不納欠損 entries to the ledger. The
 * sign-off and the commit are refused when the list the dry run saw has changed (a payment came in, …). A repeated
 * commit writes nothing.
 */
import { createHash } from 'node:crypto'
import { and, asc, count, desc, eq, inArray, sql } from 'drizzle-orm'
import type {
  DunningRunDetail,
  DunningRunItem,
  DunningRunKind,
  DunningRunSummary,
} from '../../../../../shared/api/dunning'
import { todayInJapan, valueAt, type IsoDate } from '../../../../../shared/domain'
import { installmentKeyString } from '../../../../../shared/domain/collection-ledger'
import { demandDeadline, isDemandDue, isLateDemand } from '../../../../../shared/domain/demand-notice'
import { SHINJUKU_DEMAND_NOTICE } from '../../../../../shared/domain/parameters/dunning'
import { bulkInsertJson } from '../../../core/db/bulk-insert'
import type { Db, Tx } from '../../../core/db/connect'
import { HttpProblem, problems } from '../../../core/http/problem'
import type { AuthenticatedUser } from '../../../core/sessions/sessions'
import { persons } from '../../persons/schema'
import { appendLedgerEntries, lockPersons, syncCharges } from '../ledger'
import { installmentLimitations, recordLimitationRenewal } from './limitation'
import { dunningRunItems, dunningRuns } from './schema'

export type DunningRunRow = typeof dunningRuns.$inferSelect
type ItemRow = typeof dunningRunItems.$inferInsert

const wrongState = () => new HttpProblem(409, 'conflict', 'このバッチはこの操作ができる状態ではありません')
const ownRun = () =>
  new HttpProblem(403, 'forbidden', '自分が試算したバッチは承認できません。別の監督者に承認を依頼してください')
const notApproved = () =>
  new HttpProblem(409, 'conflict', 'このバッチは承認されていないため実行できません。監督者の承認を受けてください')
export const listChanged = () =>
  new HttpProblem(409, 'inputsChanged', '試算後に対象の期の残高や時効が変わりました。試算をやり直してください')

/** The 督促 settings in force on a day (the ward's dated table). */
export const demandSettingsOn = (on: IsoDate) => valueAt(SHINJUKU_DEMAND_NOTICE, on, 'demandNotice')

/**
 * The installments a run of `kind` lists on `asOf`: 督促 — 普通徴収 installments unpaid `graceDays` after their due
 * date, not yet demanded and not time-barred; 不納欠損 — every installment with something owed whose limitation
 * (with its renewals) has run out.
 */
export async function candidates(db: Db | Tx, kind: DunningRunKind, asOf: IsoDate): Promise<Omit<ItemRow, 'runId'>[]> {
  const settings = demandSettingsOn(asOf)
  const out: Omit<ItemRow, 'runId'>[] = []
  for (const l of await installmentLimitations(db, { asOf })) {
    const b = l.balance
    if (b.balance <= 0) continue
    let late = false
    if (kind === 'demand') {
      if (b.method !== 'direct' || l.timeBarred) continue
      const alreadyDemanded = l.renewals.some((r) => r.kind === 'demandNotice')
      if (!isDemandDue({ dueDate: l.dueDate, balance: b.balance, alreadyDemanded }, asOf, settings)) continue
      late = isLateDemand(l.dueDate, asOf, settings)
    } else if (!l.timeBarred) continue
    out.push({
      personId: b.personId,
      fiscalYear: b.fiscalYear,
      method: b.method,
      installmentSeq: b.seq,
      dueDate: l.dueDate,
      balance: b.balance,
      limitationEnd: l.limitationEnd,
      late: late ? 1 : 0,
    })
  }
  return out
}

/** SHA-256 over the listed installments (key, balance, limitation), in key order. */
export function fingerprintOf(items: readonly Omit<ItemRow, 'runId'>[]): string {
  const lines = items
    .map(
      (i) =>
        `${installmentKeyString({ ...i, seq: i.installmentSeq })}|${i.dueDate}|${i.balance}|${i.limitationEnd}|${i.late}`,
    )
    .sort()
  return createHash('sha256').update(lines.join('\n')).digest('hex')
}

/**
 * The dry run: syncs the ledger's 調定 with the latest 賦課 versions, then stores the run and its list; an earlier run
 * of the kind not yet committed is superseded.
 */
export async function prepareRun(
  db: Db | Tx,
  input: { kind: DunningRunKind; user: AuthenticatedUser; now: Date },
): Promise<DunningRunRow> {
  const asOf = todayInJapan(input.now)
  const settings = demandSettingsOn(asOf)
  // The list is computed on the 調定 of the latest 賦課 versions (set-based, idempotent).
  await syncCharges(db, undefined, { now: input.now, recordedBy: input.user.id, batchId: null })
  const items = await candidates(db, input.kind, asOf)
  await db
    .update(dunningRuns)
    .set({ status: 'superseded' })
    .where(and(eq(dunningRuns.kind, input.kind), inArray(dunningRuns.status, ['awaitingApproval', 'approved'])))
  const [run] = await db
    .insert(dunningRuns)
    .values({
      kind: input.kind,
      status: 'awaitingApproval',
      asOf,
      deadline: input.kind === 'demand' ? demandDeadline(asOf, settings) : null,
      feePerNotice: input.kind === 'demand' ? settings.fee : 0,
      persons: new Set(items.map((i) => i.personId)).size,
      installments: items.length,
      totalAmount: items.reduce((s, i) => s + i.balance, 0),
      lateNotices: items.filter((i) => i.late === 1).length,
      fingerprint: fingerprintOf(items),
      preparedBy: input.user.id,
      preparedName: input.user.displayName,
      preparedAt: input.now,
    })
    .returning()
  await bulkInsertJson(
    db,
    dunningRunItems,
    items.map((i) => ({ ...i, runId: run!.id })),
  )
  return run!
}

export async function loadRun(db: Db | Tx, runId: number, forUpdate = false): Promise<DunningRunRow> {
  const query = db.select().from(dunningRuns).where(eq(dunningRuns.id, runId))
  const [run] = forUpdate ? await query.for('update') : await query
  if (!run) throw problems.notFound()
  return run
}

export function summaryOf(run: DunningRunRow): DunningRunSummary {
  return {
    id: run.id,
    kind: run.kind,
    status: run.status,
    asOf: run.asOf,
    deadline: run.deadline,
    feePerNotice: run.feePerNotice,
    persons: run.persons,
    installments: run.installments,
    totalAmount: run.totalAmount,
    lateNotices: run.lateNotices,
    preparedBy: run.preparedName,
    preparedAt: run.preparedAt.toISOString(),
    approvedBy: run.approvedName,
    approvedAt: run.approvedAt?.toISOString() ?? null,
    rejectedBy: run.rejectedName,
    rejectionReason: run.rejectionReason,
    committedAt: run.committedAt?.toISOString() ?? null,
  }
}

export async function listRuns(db: Db | Tx, kind?: DunningRunKind): Promise<DunningRunSummary[]> {
  const rows = await db
    .select()
    .from(dunningRuns)
    .where(kind === undefined ? undefined : eq(dunningRuns.kind, kind))
    .orderBy(desc(dunningRuns.id))
    .limit(200)
  return rows.map(summaryOf)
}

const nameOf = sql<string>`${persons.familyName} || ' ' || ${persons.givenName}`

/** The run with one page of its list (by person, year, 期); `personIds` are the persons the page names. */
export async function runDetail(
  db: Db | Tx,
  run: DunningRunRow,
  page: { offset: number; limit: number },
): Promise<{ detail: DunningRunDetail; personIds: number[] }> {
  const rows = await db
    .select({
      personId: dunningRunItems.personId,
      name: nameOf,
      fiscalYear: dunningRunItems.fiscalYear,
      method: dunningRunItems.method,
      installmentSeq: dunningRunItems.installmentSeq,
      dueDate: dunningRunItems.dueDate,
      balance: dunningRunItems.balance,
      limitationEnd: dunningRunItems.limitationEnd,
      late: dunningRunItems.late,
    })
    .from(dunningRunItems)
    .innerJoin(persons, eq(persons.id, dunningRunItems.personId))
    .where(eq(dunningRunItems.runId, run.id))
    .orderBy(
      asc(dunningRunItems.personId),
      asc(dunningRunItems.fiscalYear),
      asc(dunningRunItems.method),
      asc(dunningRunItems.installmentSeq),
    )
    .offset(page.offset)
    .limit(page.limit)
  const [total] = await db.select({ n: count() }).from(dunningRunItems).where(eq(dunningRunItems.runId, run.id))
  const items: DunningRunItem[] = rows.map((r) => ({ ...r, late: r.late === 1 }))
  return {
    detail: {
      summary: summaryOf(run),
      items: { offset: page.offset, limit: page.limit, total: Number(total?.n ?? 0), rows: items },
    },
    personIds: [...new Set(rows.map((r) => r.personId))],
  }
}

/** Whether the list the run's dry run stored is still what the ledger gives on the run's day. */
async function stillTheSame(db: Db | Tx, run: DunningRunRow): Promise<boolean> {
  return fingerprintOf(await candidates(db, run.kind, run.asOf)) === run.fingerprint
}

/** The 監督者's sign-off: a second person, the run still waiting, its list as the dry run saw it. */
export async function approveRun(
  db: Db | Tx,
  user: AuthenticatedUser,
  runId: number,
  now: Date,
): Promise<DunningRunRow> {
  const current = await loadRun(db, runId, true)
  if (current.status !== 'awaitingApproval') throw wrongState()
  if (current.preparedBy === user.id) throw ownRun()
  if (!(await stillTheSame(db, current))) throw listChanged()
  const [run] = await db
    .update(dunningRuns)
    .set({ status: 'approved', approvedBy: user.id, approvedName: user.displayName, approvedAt: now })
    .where(and(eq(dunningRuns.id, runId), eq(dunningRuns.status, 'awaitingApproval')))
    .returning()
  if (!run) throw wrongState()
  return run
}

export async function rejectRun(
  db: Db | Tx,
  user: AuthenticatedUser,
  runId: number,
  reason: string,
  now: Date,
): Promise<DunningRunRow> {
  const current = await loadRun(db, runId, true)
  if (current.status !== 'awaitingApproval') throw wrongState()
  const [run] = await db
    .update(dunningRuns)
    .set({
      status: 'rejected',
      rejectedBy: user.id,
      rejectedName: user.displayName,
      rejectedAt: now,
      rejectionReason: reason,
    })
    .where(and(eq(dunningRuns.id, runId), eq(dunningRuns.status, 'awaitingApproval')))
    .returning()
  if (!run) throw wrongState()
  return run
}

export async function runItems(db: Db | Tx, runId: number) {
  return db
    .select()
    .from(dunningRunItems)
    .where(eq(dunningRunItems.runId, runId))
    .orderBy(
      asc(dunningRunItems.personId),
      asc(dunningRunItems.fiscalYear),
      asc(dunningRunItems.method),
      asc(dunningRunItems.installmentSeq),
    )
}

/**
 * The commit, in the caller's transaction: 督促 — one renewal event per listed installment (時効の更新 from the
 * 発付日 + 10日); 不納欠損 — one 'writeOff' ledger entry per installment for its whole balance. A committed run
 * answers with written 0.
 */
export async function commitRun(
  db: Db | Tx,
  user: AuthenticatedUser | null,
  runId: number,
  now: Date,
): Promise<{ run: DunningRunRow; written: number; personIds: number[] }> {
  const current = await loadRun(db, runId, true)
  if (current.status === 'committed') return { run: current, written: 0, personIds: [] }
  if (current.status !== 'approved') throw notApproved()
  const items = await runItems(db, runId)
  const personIds = [...new Set(items.map((i) => i.personId))]
  await lockPersons(db, personIds)
  if (!(await stillTheSame(db, current))) throw listChanged()
  let written: number
  if (current.kind === 'demand') {
    written = await recordLimitationRenewal(
      db,
      items.map((i) => ({
        personId: i.personId,
        fiscalYear: i.fiscalYear,
        method: i.method,
        installmentSeq: i.installmentSeq,
        kind: 'demandNotice' as const,
        occurredOn: current.asOf,
        source: `督促 第${runId}号`,
        idempotencyKey: `demand:run${runId}:${installmentKeyString({ ...i, seq: i.installmentSeq })}`,
        recordedBy: user?.id ?? null,
      })),
      now,
    )
  } else {
    written = (
      await appendLedgerEntries(
        db,
        items.map((i) => {
          const key = { personId: i.personId, fiscalYear: i.fiscalYear, method: i.method, seq: i.installmentSeq }
          return {
            ...key,
            kind: 'writeOff' as const,
            amount: -i.balance,
            occurredOn: current.asOf,
            channel: 'writeOff',
            source: `不納欠損 第${runId}号`,
            idempotencyKey: `writeOff:run${runId}:${installmentKeyString(key)}`,
            batchId: `dunning-${runId}`,
            recordedAt: now,
            recordedBy: user?.id ?? null,
          }
        }),
      )
    ).length
  }
  const [run] = await db
    .update(dunningRuns)
    .set({ status: 'committed', committedAt: now, committedBy: user?.id ?? null })
    .where(eq(dunningRuns.id, runId))
    .returning()
  return { run: run!, written, personIds }
}
