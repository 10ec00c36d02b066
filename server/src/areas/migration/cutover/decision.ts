/**
 * The 移行判定 on a reconciliation report (docs/sources/migration.md §2.3 item 1, §6 item 8): who decided go or no-go,
 * when, on which report version (its SHA-256), with what reasons. Refused while the report is not signed off by a
 * 監督者, while a newer report exists, and — for a go — while a difference is left unexplained. During a 本移行 the
 * decision closes it (cutover.ts recordDecision, which lifts the business-use lock); before any cut-over it is
 * recorded on its own.
 */
import { desc, eq } from 'drizzle-orm'
import type { Db, Tx } from '../../../core/db/connect'
import { HttpProblem } from '../../../core/http/problem'
import { reconciliationOf } from '../reconciliation/reconcile'
import { migrationReconciliationReports } from '../reconciliation/schema'
import { businessUseLocked } from './business-use'
import { recordDecision, type DecisionRow } from './cutover'
import { migrationDecisions } from './schema'

const conflict = (message: string) => new HttpProblem(409, 'conflict', message)

export async function decideOnReport(
  db: Db | Tx,
  input: {
    reportId: number
    decision: 'go' | 'noGo'
    reasons: string
    approver: { loginId: string; displayName: string }
    now: Date
  },
): Promise<DecisionRow> {
  const report = await reconciliationOf(db, input.reportId)
  if (!report.signoff)
    throw conflict(
      `突合結果報告 第${report.id}号 は監督者の承認が済んでいません。突合結果の承認後に移行判定を記録してください`,
    )
  const [latest] = await db
    .select({ id: migrationReconciliationReports.id })
    .from(migrationReconciliationReports)
    .orderBy(desc(migrationReconciliationReports.id))
    .limit(1)
  if (latest && latest.id !== report.id)
    throw conflict(`より新しい突合結果報告（第${latest.id}号）があります。最新の報告で判定してください`)
  if (input.decision === 'go' && report.unexplained > 0)
    throw conflict(
      `説明のない差異が${report.unexplained}件あります。すべての差異が説明されるまで「移行可」とは判定できません`,
    )
  const cutoverId = await businessUseLocked(db)
  if (cutoverId !== null)
    return recordDecision(db, {
      cutoverId,
      decision: input.decision,
      reportId: report.id,
      approver: input.approver,
      note: input.reasons,
      now: input.now,
    })
  const [row] = await db
    .insert(migrationDecisions)
    .values({
      cutoverId: null,
      decision: input.decision,
      reportId: report.id,
      reportVersion: report.version,
      reportSha256: report.sha256,
      approverLogin: input.approver.loginId,
      approverName: input.approver.displayName,
      decidedAt: input.now,
      note: input.reasons,
    })
    .returning()
  return row!
}

export async function decisionById(db: Db | Tx, id: number): Promise<DecisionRow | null> {
  const [row] = await db.select().from(migrationDecisions).where(eq(migrationDecisions.id, id))
  return row ?? null
}
