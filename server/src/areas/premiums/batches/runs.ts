/**
 * Reading a 賦課バッチ (its summary, the list of runs, the detail with one page of the diff) and the 監督者's
 * decision: the sign-off by a second person, refused when the inputs changed since the dry run, or the rejection
 * with its reason.
 */
import { and, asc, count, desc, eq, sql } from 'drizzle-orm'
import type { BatchRunDetail, BatchRunSummary } from '../../../../../shared/api/premium-batches'
import { todayInJapan } from '../../../../../shared/domain'
import type { Db, Tx } from '../../../core/db/connect'
import { HttpProblem, problems } from '../../../core/http/problem'
import type { AuthenticatedUser } from '../../../core/sessions/sessions'
import { persons } from '../../persons/schema'
import { wardForYear } from '../assessment'
import { inputsFingerprint } from './fingerprint'
import { premiumBatchChunks, premiumBatchResults, premiumBatchRuns } from './schema'

export type RunRow = typeof premiumBatchRuns.$inferSelect

const wrongState = () => new HttpProblem(409, 'conflict', 'この賦課バッチはこの操作ができる状態ではありません')
const ownRun = () =>
  new HttpProblem(403, 'forbidden', '自分が試算した賦課バッチは承認できません。別の監督者に承認を依頼してください')
export const inputsChanged = () =>
  new HttpProblem(409, 'inputsChanged', '試算後に入力が変わりました。試算をやり直してください')

export async function loadRun(db: Db | Tx, runId: number, forUpdate = false): Promise<RunRow> {
  const query = db.select().from(premiumBatchRuns).where(eq(premiumBatchRuns.id, runId))
  const [run] = forUpdate ? await query.for('update') : await query
  if (!run) throw problems.notFound()
  return run
}

export async function committedChunks(db: Db | Tx, runId: number): Promise<number> {
  const [row] = await db.select({ n: count() }).from(premiumBatchChunks).where(eq(premiumBatchChunks.runId, runId))
  return Number(row?.n ?? 0)
}

export function summaryOf(run: RunRow, committed: number): BatchRunSummary {
  return {
    id: run.id,
    kind: run.kind,
    fiscalYear: run.fiscalYear,
    status: run.status,
    asOf: run.asOf,
    tableVersion: run.tableVersion,
    preparedBy: run.preparedName,
    preparedAt: run.preparedAt.toISOString(),
    approvedBy: run.approvedName,
    approvedAt: run.approvedAt?.toISOString() ?? null,
    rejectedBy: run.rejectedName,
    rejectedAt: run.rejectedAt?.toISOString() ?? null,
    rejectionReason: run.rejectionReason,
    committedAt: run.committedAt?.toISOString() ?? null,
    persons: run.persons,
    newVersions: run.newVersions,
    unchanged: run.unchanged,
    changed: run.changed,
    refused: run.refused,
    totalAmount: run.totalAmount,
    differenceAmount: run.differenceAmount,
    committedChunks: committed,
    totalChunks: run.chunkHashes.length,
  }
}

export async function runSummary(db: Db | Tx, run: RunRow): Promise<BatchRunSummary> {
  return summaryOf(run, await committedChunks(db, run.id))
}

/** The runs, newest first (of one fiscal year when given). */
export async function listRuns(db: Db | Tx, fiscalYear?: number): Promise<BatchRunSummary[]> {
  const committed = db
    .select({ runId: premiumBatchChunks.runId, n: count().as('n') })
    .from(premiumBatchChunks)
    .groupBy(premiumBatchChunks.runId)
    .as('committed')
  const rows = await db
    .select({ run: premiumBatchRuns, n: committed.n })
    .from(premiumBatchRuns)
    .leftJoin(committed, eq(committed.runId, premiumBatchRuns.id))
    .where(fiscalYear === undefined ? undefined : eq(premiumBatchRuns.fiscalYear, fiscalYear))
    .orderBy(desc(premiumBatchRuns.id))
  return rows.map((r) => summaryOf(r.run, Number(r.n ?? 0)))
}

const nameOf = sql<string>`${persons.familyName} || ' ' || ${persons.givenName}`

/** The run with its totals, the refused persons and one page of the diff; `personIds` are the persons it names. */
export async function runDetail(
  db: Db | Tx,
  run: RunRow,
  page: { offset: number; limit: number },
): Promise<{ detail: BatchRunDetail; personIds: number[] }> {
  const rows = await db
    .select({
      personId: premiumBatchResults.personId,
      name: nameOf,
      oldAnnual: premiumBatchResults.oldAnnual,
      newAnnual: premiumBatchResults.annualAmount,
      oldStage: premiumBatchResults.oldStage,
      newStage: premiumBatchResults.newStage,
      oldInstallmentsTotal: premiumBatchResults.oldInstallmentsTotal,
      newInstallmentsTotal: premiumBatchResults.newInstallmentsTotal,
    })
    .from(premiumBatchResults)
    .innerJoin(persons, eq(persons.id, premiumBatchResults.personId))
    .where(eq(premiumBatchResults.runId, run.id))
    .orderBy(asc(premiumBatchResults.personId))
    .offset(page.offset)
    .limit(page.limit)
  const refusedIds = run.refusedList.map((r) => r.personId)
  const names = new Map<number, string>()
  for (let i = 0; i < refusedIds.length; i += 1_000)
    for (const p of await db
      .select({ id: persons.id, name: nameOf })
      .from(persons)
      .where(sql`${persons.id} = any(${sql.param(refusedIds.slice(i, i + 1_000))}::int[])`))
      names.set(p.id, p.name)
  const detail: BatchRunDetail = {
    summary: await runSummary(db, run),
    byStage: run.byStage,
    refused: run.refusedList.map((r) => ({
      personId: r.personId,
      name: names.get(r.personId) ?? '',
      reason: r.reason,
    })),
    diff: { offset: page.offset, limit: page.limit, total: run.newVersions, rows },
  }
  return { detail, personIds: [...new Set([...rows.map((r) => r.personId), ...refusedIds])] }
}

/** The 監督者's sign-off: a second person, the run still waiting, its inputs as the dry run read them. */
export async function approveRun(db: Db | Tx, user: AuthenticatedUser, runId: number, now: Date): Promise<RunRow> {
  const current = await loadRun(db, runId, true)
  if (current.status !== 'awaitingApproval') throw wrongState()
  if (current.preparedBy === user.id) throw ownRun()
  const ward = await wardForYear(db, current.fiscalYear)
  const { fingerprint } = await inputsFingerprint(db, {
    kind: current.kind,
    fiscalYear: current.fiscalYear,
    asOf: todayInJapan(now),
    wardVersion: ward.version,
  })
  if (fingerprint !== current.inputsFingerprint) throw inputsChanged()
  const [run] = await db
    .update(premiumBatchRuns)
    .set({ status: 'approved', approvedBy: user.id, approvedName: user.displayName, approvedAt: now })
    .where(and(eq(premiumBatchRuns.id, runId), eq(premiumBatchRuns.status, 'awaitingApproval')))
    .returning()
  if (!run) throw wrongState()
  return run
}

/** The 監督者 sends the run back with the reason; nothing of it can be committed. */
export async function rejectRun(
  db: Db | Tx,
  user: AuthenticatedUser,
  runId: number,
  reason: string,
  now: Date,
): Promise<RunRow> {
  const current = await loadRun(db, runId, true)
  if (current.status !== 'awaitingApproval') throw wrongState()
  const [run] = await db
    .update(premiumBatchRuns)
    .set({
      status: 'rejected',
      rejectedBy: user.id,
      rejectedName: user.displayName,
      rejectedAt: now,
      rejectionReason: reason,
    })
    .where(and(eq(premiumBatchRuns.id, runId), eq(premiumBatchRuns.status, 'awaitingApproval')))
    .returning()
  if (!run) throw wrongState()
  return run
}
