/**
 * The 突合結果報告, newest first (docs/migration.md): what the 監督者 picks a report from — its version, the trial
 * store (the rehearsal) and extract it reconciled, against what, who ran it and when, its differences and how many
 * are still unexplained, its sign-off and the last 移行判定 on it. Counts and staff only: no resident is named.
 */
import { count, desc, eq, inArray, sql } from 'drizzle-orm'
import type { MigrationReconciliationList, MigrationReconciliationSummary } from '../../../../shared/api/migration'
import type { Db, Tx } from '../../core/db/connect'
import { migrationDecisions } from './cutover/schema'
import {
  migrationDifferenceSignoffs,
  migrationDifferences,
  migrationReconciliationReports,
  migrationReconciliationSignoffs,
} from './reconciliation/schema'
import { extractIdOf } from './trial-store/rehearsal-load'
import { migrationTrialStores } from './trial-store/schema'

export async function listReconciliationReports(
  db: Db | Tx,
  input: { offset: number; limit: number },
): Promise<MigrationReconciliationList> {
  const [{ n: total } = { n: 0 }] = await db.select({ n: count() }).from(migrationReconciliationReports)
  const page = await db
    .select({ report: migrationReconciliationReports, store: migrationTrialStores })
    .from(migrationReconciliationReports)
    .leftJoin(migrationTrialStores, eq(migrationTrialStores.id, migrationReconciliationReports.trialStoreId))
    .orderBy(desc(migrationReconciliationReports.id))
    .offset(input.offset)
    .limit(input.limit)
  if (page.length === 0) return { total: Number(total), reports: [] }
  const ids = page.map((p) => p.report.id)

  // A difference is explained by a documented rule (explanation_text) or by a 監督者's sign-off row.
  const explained = sql`(${migrationDifferences.explanationText} is not null or exists (select 1 from ${migrationDifferenceSignoffs} where ${migrationDifferenceSignoffs.differenceId} = ${migrationDifferences.id}))`
  const tallies = await db
    .select({
      reportId: migrationDifferences.reportId,
      differences: sql<number>`count(*) filter (where ${migrationDifferences.scope} <> 'person')`,
      unexplained: sql<number>`count(*) filter (where ${migrationDifferences.scope} <> 'person' and not ${explained})`,
      records: sql<number>`count(*) filter (where ${migrationDifferences.scope} = 'person')`,
    })
    .from(migrationDifferences)
    .where(inArray(migrationDifferences.reportId, ids))
    .groupBy(migrationDifferences.reportId)
  const tallyOf = new Map(tallies.map((t) => [t.reportId, t]))
  const signoffs = await db
    .select()
    .from(migrationReconciliationSignoffs)
    .where(inArray(migrationReconciliationSignoffs.reportId, ids))
    .orderBy(desc(migrationReconciliationSignoffs.id))
  const decisions = await db
    .select({ reportId: migrationDecisions.reportId, decision: migrationDecisions.decision })
    .from(migrationDecisions)
    .where(inArray(migrationDecisions.reportId, ids))
    .orderBy(desc(migrationDecisions.id))
  const [newest] = await db
    .select({ id: migrationReconciliationReports.id })
    .from(migrationReconciliationReports)
    .orderBy(desc(migrationReconciliationReports.id))
    .limit(1)

  const reports = page.map(({ report, store }): MigrationReconciliationSummary => {
    const tally = tallyOf.get(report.id)
    const signoff = signoffs.find((s) => s.reportId === report.id)
    const decision = decisions.find((d) => d.reportId === report.id)
    return {
      id: report.id,
      version: report.version,
      trialStoreId: report.trialStoreId,
      trialStoreLabel: store?.label ?? null,
      extractId: store ? extractIdOf(store) : null,
      against: report.against,
      createdBy: report.createdBy,
      createdAt: report.createdAt.toISOString(),
      sha256: report.sha256,
      differences: Number(tally?.differences ?? 0),
      unexplained: Number(tally?.unexplained ?? 0),
      records: Number(tally?.records ?? 0),
      latest: report.id === newest?.id,
      signoff: signoff ? { supervisorLogin: signoff.supervisorLogin, signedAt: signoff.signedAt.toISOString() } : null,
      decision: decision ? (decision.decision as 'go' | 'noGo') : null,
    }
  })
  return { total: Number(total), reports }
}
