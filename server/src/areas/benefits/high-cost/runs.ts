/**
 * The monthly run of 高額介護サービス費 (docs/high-cost.md): the dry run stores the run with its computed lines and
 * writes no decision; the 監督者's sign-off (a second person, the inputs unchanged since the dry run); the commit writes
 * the decisions of the signed-off lines set-based, in the request's transaction — all or nothing, so a SIGKILL leaves
 * the run 'approved' and nothing written, and a commit of a committed run writes nothing.
 */
import { and, eq, inArray } from 'drizzle-orm'
import {
  highCostLineStatuses,
  type HighCostLine,
  type HighCostLineStatus,
  type HighCostRunDetail,
  type HighCostRunSummary,
} from '../../../../../shared/api/high-cost'
import { bulkInsertJson } from '../../../core/db/bulk-insert'
import type { Db, Tx } from '../../../core/db/connect'
import { HttpProblem } from '../../../core/http/problem'
import type { AuthenticatedUser } from '../../../core/sessions/sessions'
import { computeHighCostLines } from './compute'
import { highCostDecisions, highCostRuns, type HighCostDecisionStatus } from './schema'

type RunRow = typeof highCostRuns.$inferSelect

/** The statuses a commit writes as a decision (the others are listed in the run only). */
const WRITTEN: ReadonlySet<HighCostLineStatus> = new Set(['payable', 'awaitingApplication', 'excluded'])
const PAID: ReadonlySet<HighCostLineStatus> = new Set(['payable', 'awaitingApplication'])

export const runLabel = (runId: number) => `高額介護サービス費 支給計算 第${runId}号`

const linesOf = (run: RunRow) => run.lines as HighCostLine[]

/** A line's figures in a fixed order (jsonb does not keep the order of an object's keys). */
const fingerprintOf = (lines: readonly HighCostLine[]) =>
  JSON.stringify(
    lines.map((l) => [
      l.personId,
      l.householdId,
      l.copay,
      l.householdCap,
      l.individualCap,
      l.individualPart,
      l.householdPart,
      l.refund,
      l.status,
      l.reason,
    ]),
  )

export function runSummary(run: RunRow): HighCostRunSummary {
  const lines = linesOf(run)
  const counts = Object.fromEntries(highCostLineStatuses.map((s) => [s, 0])) as Record<HighCostLineStatus, number>
  for (const l of lines) counts[l.status]++
  return {
    runId: run.id,
    serviceMonth: run.serviceMonth,
    status: run.status,
    persons: run.persons,
    households: new Set(lines.map((l) => l.householdId)).size,
    counts,
    totalRefund: run.totalRefund,
    preparedBy: run.preparedBy,
    approvedBy: run.approvedBy,
    committedAt: run.committedAt?.toISOString() ?? null,
  }
}

export function runDetail(run: RunRow): HighCostRunDetail {
  return { run: runSummary(run), lines: linesOf(run) }
}

export async function loadRun(db: Db | Tx, runId: number): Promise<RunRow> {
  const [run] = await db.select().from(highCostRuns).where(eq(highCostRuns.id, runId))
  if (!run) throw new HttpProblem(404, 'notFound', `${runLabel(runId)}はありません`)
  return run
}

const wrongState = () => new HttpProblem(409, 'wrongState', 'この支給計算はその操作ができる状態ではありません')

/** The dry run: computes the month and stores the run with its lines (status 'prepared'); writes no decision. */
export async function prepareHighCostRun(
  db: Db | Tx,
  serviceMonth: string,
  idempotencyKey: string,
  user: AuthenticatedUser,
  now: Date,
): Promise<RunRow> {
  const lines = await computeHighCostLines(db, serviceMonth)
  const [run] = await db
    .insert(highCostRuns)
    .values({
      serviceMonth,
      status: 'prepared',
      persons: lines.length,
      totalRefund: lines.filter((l) => PAID.has(l.status)).reduce((a, l) => a + l.refund, 0),
      lines,
      idempotencyKey,
      preparedAt: now,
      preparedBy: user.id,
    })
    .returning()
  return run!
}

/** The 監督者's sign-off: a second person, the run prepared, its lines what the inputs give today. */
export async function approveHighCostRun(db: Db | Tx, user: AuthenticatedUser, runId: number, now: Date) {
  const run = await loadRun(db, runId)
  if (run.status !== 'prepared') throw wrongState()
  if (run.preparedBy === user.id)
    throw new HttpProblem(403, 'ownRun', '試算した本人は承認できません（別の監督者が承認してください）')
  const lines = await computeHighCostLines(db, run.serviceMonth)
  if (fingerprintOf(lines) !== fingerprintOf(linesOf(run)))
    throw new HttpProblem(
      409,
      'inputsChanged',
      '試算の後に給付実績・世帯・課税情報・申請が変わりました。試算をやり直してください',
    )
  const [updated] = await db
    .update(highCostRuns)
    .set({ status: 'approved', approvedBy: user.id, approvedAt: now, rowVersion: run.rowVersion + 1 })
    .where(and(eq(highCostRuns.id, runId), eq(highCostRuns.status, 'prepared')))
    .returning()
  if (!updated) throw wrongState()
  return updated
}

/**
 * The commit, in the request's transaction: the run claimed ('approved' → 'committed') and one decision per person
 * of its payable, awaiting and excluded lines, those already decided for the month left out (the unique person and
 * month guards the rest). A committed run is answered with nothing written.
 */
export async function commitHighCostRun(db: Db | Tx, runId: number, now: Date) {
  const run = await loadRun(db, runId)
  if (run.status === 'committed') return { run, written: 0, alreadyCommitted: true, personIds: [] as number[] }
  if (run.status !== 'approved') throw wrongState()
  const [claimed] = await db
    .update(highCostRuns)
    .set({ status: 'committed', committedAt: now, rowVersion: run.rowVersion + 1 })
    .where(and(eq(highCostRuns.id, runId), eq(highCostRuns.status, 'approved')))
    .returning()
  if (!claimed) throw wrongState()
  const candidates = linesOf(run).filter((l) => WRITTEN.has(l.status))
  const ids = candidates.map((l) => l.personId)
  const decided = new Set(
    ids.length === 0
      ? []
      : (
          await db
            .select({ personId: highCostDecisions.personId })
            .from(highCostDecisions)
            .where(and(inArray(highCostDecisions.personId, ids), eq(highCostDecisions.serviceMonth, run.serviceMonth)))
        ).map((d) => d.personId),
  )
  const written = await bulkInsertJson(
    db,
    highCostDecisions,
    candidates
      .filter((l) => !decided.has(l.personId))
      .map((l) => ({
        runId,
        personId: l.personId,
        householdId: l.householdId,
        serviceMonth: run.serviceMonth,
        copay: l.copay,
        householdCap: l.householdCap!,
        individualCap: l.individualCap,
        individualPart: l.individualPart,
        householdPart: l.householdPart,
        refund: l.refund,
        status: l.status as HighCostDecisionStatus,
        reason: l.reason,
        decidedAt: now,
      })),
    { returning: ['personId'], onConflictDoNothing: true },
  )
  return { run: claimed, written: written.length, alreadyCommitted: false, personIds: written.map((w) => w.personId) }
}
