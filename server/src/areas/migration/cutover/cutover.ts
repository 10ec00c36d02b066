/**
 * 本移行 and 移行判定 (docs/sources/migration.md §2.3, §6 items 6 and 8). Opening a cut-over locks business use
 * (business-use.ts); the final load runs in chunks keyed by (cut-over, phase, chunk) — full extract first, then the
 * freeze window's delta — so a re-run after a crash (SIGKILL included) resumes where it stopped and never loads a
 * chunk twice; the lock lifts only when a 監督者 records the 判定 naming the reconciliation report version.
 */
import { createHash } from 'node:crypto'
import { and, desc, eq } from 'drizzle-orm'
import type { Db, Tx } from '../../../core/db/connect'
import { HttpProblem } from '../../../core/http/problem'
import { migrationReconciliationReports } from '../reconciliation/schema'
import { migrationCutoverChunks, migrationCutovers, migrationDecisions } from './schema'

export type CutoverRow = typeof migrationCutovers.$inferSelect
export type DecisionRow = typeof migrationDecisions.$inferSelect

const conflict = (title: string) => new HttpProblem(409, 'conflict', title)

export async function openCutover(
  db: Db | Tx,
  input: { openedBy: string; freezeFrom: Date; totalChunks: number; now: Date },
): Promise<CutoverRow> {
  const [open] = await db.select().from(migrationCutovers).where(eq(migrationCutovers.status, 'inProgress')).limit(1)
  if (open) throw conflict(`本移行 第${open.id}号 が進行中です`)
  const [row] = await db
    .insert(migrationCutovers)
    .values({
      status: 'inProgress',
      openedBy: input.openedBy,
      openedAt: input.now,
      freezeFrom: input.freezeFrom,
      progress: { phase: 'full', doneChunks: 0, totalChunks: input.totalChunks, rows: 0 },
    })
    .returning()
  return row!
}

export interface CutoverChunk {
  phase: 'full' | 'delta'
  chunkKey: string
  /** The rows of the chunk, already validated (their hash is the chunk's identity). */
  rows: readonly unknown[]
  /** Writes the chunk's rows in the given transaction. */
  apply(tx: Tx): Promise<void>
}

/**
 * Applies each chunk not yet recorded for the cut-over, each in one transaction with its bookkeeping row (so a crash
 * between chunks loses nothing and a re-run applies nothing twice). A chunk re-sent with different content is refused.
 */
export async function runCutoverChunks(
  db: Db,
  cutoverId: number,
  chunks: readonly CutoverChunk[],
  now: () => Date,
): Promise<{ applied: number; skipped: number; progress: CutoverRow['progress'] }> {
  let applied = 0
  let skipped = 0
  for (const chunk of chunks) {
    const sha256 = createHash('sha256').update(JSON.stringify(chunk.rows)).digest('hex')
    const done = await db.transaction(async (tx) => {
      const [cut] = await tx.select().from(migrationCutovers).where(eq(migrationCutovers.id, cutoverId)).for('update')
      if (!cut || cut.status !== 'inProgress') throw conflict('この本移行は進行中ではありません')
      const [seen] = await tx
        .select()
        .from(migrationCutoverChunks)
        .where(
          and(
            eq(migrationCutoverChunks.cutoverId, cutoverId),
            eq(migrationCutoverChunks.phase, chunk.phase),
            eq(migrationCutoverChunks.chunkKey, chunk.chunkKey),
          ),
        )
      if (seen) {
        if (seen.sha256 !== sha256)
          throw conflict(`チャンク ${chunk.phase}/${chunk.chunkKey} は読込み済みの内容と異なります`)
        return false
      }
      await chunk.apply(tx)
      await tx.insert(migrationCutoverChunks).values({
        cutoverId,
        phase: chunk.phase,
        chunkKey: chunk.chunkKey,
        rows: chunk.rows.length,
        sha256,
        loadedAt: now(),
      })
      await tx
        .update(migrationCutovers)
        .set({
          progress: {
            ...cut.progress,
            phase: chunk.phase,
            doneChunks: cut.progress.doneChunks + 1,
            rows: cut.progress.rows + chunk.rows.length,
          },
        })
        .where(eq(migrationCutovers.id, cutoverId))
      return true
    })
    if (done) applied++
    else skipped++
  }
  const [cut] = await db.select().from(migrationCutovers).where(eq(migrationCutovers.id, cutoverId))
  return { applied, skipped, progress: cut!.progress }
}

/**
 * Records the 判定: the approver (a 監督者, not the one who opened the cut-over) names the report id; its version and
 * SHA-256 are copied from the report so the record says exactly what was approved. 'go' closes the cut-over and lifts
 * the lock; 'noGo' leaves it locked (the ward stays on the legacy system and the cut-over is abandoned explicitly).
 */
export async function recordDecision(
  db: Db | Tx,
  input: {
    cutoverId: number
    decision: 'go' | 'noGo'
    reportId: number
    approver: { loginId: string; displayName: string }
    note: string
    now: Date
  },
): Promise<DecisionRow> {
  const [cut] = await db.select().from(migrationCutovers).where(eq(migrationCutovers.id, input.cutoverId))
  if (!cut) throw new HttpProblem(404, 'notFound', '本移行が見つかりません')
  if (cut.status !== 'inProgress') throw conflict('この本移行の判定は記録済みです')
  if (cut.openedBy === input.approver.loginId)
    throw new HttpProblem(403, 'forbidden', '本移行を開始した職員は判定を記録できません。別の監督者に依頼してください')
  const [report] = await db
    .select()
    .from(migrationReconciliationReports)
    .where(eq(migrationReconciliationReports.id, input.reportId))
  if (!report) throw new HttpProblem(404, 'notFound', '突合結果報告が見つかりません')
  const [latest] = await db
    .select({ id: migrationReconciliationReports.id })
    .from(migrationReconciliationReports)
    .orderBy(desc(migrationReconciliationReports.id))
    .limit(1)
  if (latest && latest.id !== report.id)
    throw conflict(`より新しい突合結果報告（第${latest.id}号）があります。最新の報告で判定してください`)
  const [row] = await db
    .insert(migrationDecisions)
    .values({
      cutoverId: cut.id,
      decision: input.decision,
      reportId: report.id,
      reportVersion: report.version,
      reportSha256: report.sha256,
      approverLogin: input.approver.loginId,
      approverName: input.approver.displayName,
      decidedAt: input.now,
      note: input.note,
    })
    .returning()
  await db
    .update(migrationCutovers)
    .set({ status: input.decision === 'go' ? 'decided' : 'abandoned', closedAt: input.now })
    .where(eq(migrationCutovers.id, cut.id))
  return row!
}
