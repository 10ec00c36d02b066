/**
 * The retention run (control C-20): 準備 (dry run: what is past retention today, stored with the run) → 承認 by a second
 * person holding the 監督者's permission (never the preparer) → 消去 in ONE transaction (the request's): either every
 * planned record is gone and the run says 'erased', or — after a crash, a SIGKILL, any error — nothing is, and the
 * run is still 'approved' and can be erased again. Nothing of the audit log is deleted.
 */
import { and, asc, desc, eq, inArray, ne, sql } from 'drizzle-orm'
import { retentionKindLabels, todayInJapan, type IsoDate } from '../../../../shared/domain'
import { erasableKinds, type ErasableKind, type RetentionRunSummary } from '../../../../shared/api/retention'
import { bulkInsertJson } from '../../core/db/bulk-insert'
import type { Db, Tx } from '../../core/db/connect'
import { HttpProblem, problems } from '../../core/http/problem'
import type { AuthenticatedUser } from '../../core/sessions/sessions'
import { eligibilityCorrections } from '../eligibility/schema'
import { intakeFiles, intakeRecords } from '../eligibility'
import { exportRequests } from '../export/schema'
import { cardIssuances, provisionalCardIssuances } from '../forms/schema'
import { households, persons } from '../persons/schema'
import { backupsToReport } from './backups'
import { expiredPersons, planRetention } from './plan'
import { retentionRunItems, retentionRuns } from './schema'

type RunRow = typeof retentionRuns.$inferSelect

const who = (name: string | null, login: string | null) => (login ? `${name ?? ''}（${login}）` : null)

const notSignedOff = () =>
  new HttpProblem(403, 'forbidden', 'この消去処理は監督者の承認がないため実行できません。承認を依頼してください')
const ownRun = () =>
  new HttpProblem(403, 'forbidden', '自分が準備した消去処理は承認できません。別の監督者に承認を依頼してください')
const wrongState = () => new HttpProblem(409, 'conflict', 'この消去処理はこの操作ができる状態ではありません')

/** The tables the erasure deletes from, with their labels for the report (in the order they are deleted). */
export const erasedTables = {
  eligibility_corrections: '資格履歴の訂正申請',
  eligibility_events: '資格履歴',
  card_issuances: '被保険者証の交付記録',
  provisional_card_issuances: '資格者証の交付記録',
  // 賦課 (retention_erase_notice_records, retention_erase_premium_records: the append-only tables' one erasure path)
  notice_records: '決定通知書・納付書の発行記録と送付先',
  direct_debit_request_items: '口座振替依頼の明細',
  bank_account_revisions: '口座振替の口座',
  premium_batch_results: '賦課バッチの試算結果',
  premium_relief_decisions: '減免・徴収猶予の決定',
  premium_relief_applications: '減免・徴収猶予の申請',
  premium_installments: '保険料の期割',
  premium_assessments: '保険料の賦課',
  resident_tax_records: '住民税課税情報',
  welfare_statuses: '生活保護・老齢福祉年金の受給情報',
  pension_withholding_requests: '特別徴収の依頼記録',
  pension_withholding_results: '特別徴収の結果',
  pension_withholding_targets: '特別徴収対象者情報',
  persons: '住民',
  households: '世帯（住民のいなくなったもの）',
  intake_records_detached: '住基異動の取込明細（住民との結び付きを解除）',
  intake_records: '住基異動の取込明細',
  intake_files: '住基異動の取込ファイル',
  export_requests: '持出申請',
} as const

async function kindsOf(db: Db | Tx, runId: number): Promise<RetentionRunSummary['kinds']> {
  const rows = await db
    .select({
      kind: retentionRunItems.kind,
      records: sql<number>`count(*)::int`,
      oldest: sql<string | null>`min(${retentionRunItems.referenceDate})::text`,
      newest: sql<string | null>`max(${retentionRunItems.referenceDate})::text`,
    })
    .from(retentionRunItems)
    .where(and(eq(retentionRunItems.runId, runId), sql`${retentionRunItems.outcome} IS DISTINCT FROM 'kept'`))
    .groupBy(retentionRunItems.kind)
  const byKind = new Map(rows.map((r) => [r.kind, r]))
  return erasableKinds.map((kind) => {
    const r = byKind.get(kind)
    return {
      kind,
      label: retentionKindLabels[kind],
      records: Number(r?.records ?? 0),
      oldest: r?.oldest ?? null,
      newest: r?.newest ?? null,
    }
  })
}

export async function runSummary(db: Db | Tx, run: RunRow): Promise<RetentionRunSummary> {
  return {
    id: run.id,
    status: run.status,
    asOf: run.asOf,
    kinds: await kindsOf(db, run.id),
    preparedBy: who(run.preparedName, run.preparedLogin)!,
    preparedAt: run.preparedAt.toISOString(),
    approvedBy: who(run.approvedName, run.approvedLogin),
    approvedAt: run.approvedAt?.toISOString() ?? null,
    erasedBy: who(run.erasedName, run.erasedLogin),
    erasedAt: run.erasedAt?.toISOString() ?? null,
    erasedRows: run.erasedRows ?? null,
    keptAtErasure: run.keptAtErasure ?? null,
    backups: run.backups,
  }
}

export async function loadRun(db: Db | Tx, runId: number): Promise<RunRow> {
  const [run] = await db.select().from(retentionRuns).where(eq(retentionRuns.id, runId))
  if (!run) throw problems.notFound()
  return run
}

export async function listRuns(db: Db | Tx): Promise<RetentionRunSummary[]> {
  const rows = await db.select().from(retentionRuns).orderBy(desc(retentionRuns.id)).limit(50)
  return Promise.all(rows.map((r) => runSummary(db, r)))
}

/** Person ids of a run (for the audit row), in id order. */
export async function runPersonIds(db: Db | Tx, runId: number, outcome?: 'erased'): Promise<number[]> {
  const rows = await db
    .select({ id: retentionRunItems.recordId })
    .from(retentionRunItems)
    .where(
      and(
        eq(retentionRunItems.runId, runId),
        eq(retentionRunItems.kind, 'insuredPerson'),
        outcome ? eq(retentionRunItems.outcome, outcome) : undefined,
      ),
    )
    .orderBy(asc(retentionRunItems.recordId))
  return rows.map((r) => r.id)
}

/** The dry run: what is past retention today, stored as a new run; an open run before it is superseded. */
export async function prepareRun(
  db: Db | Tx,
  user: AuthenticatedUser,
  now: Date,
  backupDir: string | null,
): Promise<{ run: RunRow; personIds: number[] }> {
  const today = todayInJapan(now)
  await db
    .update(retentionRuns)
    .set({ status: 'superseded', rowVersion: sql`${retentionRuns.rowVersion} + 1` })
    .where(inArray(retentionRuns.status, ['prepared', 'approved']))
  const items = await planRetention(db, today)
  const [run] = await db
    .insert(retentionRuns)
    .values({
      status: 'prepared',
      asOf: today,
      preparedBy: user.id,
      preparedLogin: user.loginId,
      preparedName: user.displayName,
      preparedAt: now,
      backups: backupsToReport(backupDir, today, now),
    })
    .returning()
  for (let i = 0; i < items.length; i += 5_000)
    await bulkInsertJson(
      db,
      retentionRunItems,
      items.slice(i, i + 5_000).map((item) => ({ runId: run!.id, ...item })),
    )
  return { run: run!, personIds: items.filter((i) => i.kind === 'insuredPerson').map((i) => i.recordId) }
}

/** The 監督者's sign-off: a second person; the preparer may not approve their own run. */
export async function approveRun(db: Db | Tx, user: AuthenticatedUser, runId: number, now: Date): Promise<RunRow> {
  const current = await loadRun(db, runId)
  if (current.preparedBy === user.id) throw ownRun()
  const [run] = await db
    .update(retentionRuns)
    .set({
      status: 'approved',
      approvedBy: user.id,
      approvedLogin: user.loginId,
      approvedName: user.displayName,
      approvedAt: now,
      rowVersion: sql`${retentionRuns.rowVersion} + 1`,
    })
    .where(and(eq(retentionRuns.id, runId), eq(retentionRuns.status, 'prepared')))
    .returning()
  if (!run) throw wrongState()
  return run
}

const count = (result: unknown) => Number((result as { rowCount?: number | null }).rowCount ?? 0)

/** Ids of a run's items of one kind that the erasure takes (outcome 'erased'), as a subquery. */
const erasedIds = (runId: number, kind: ErasableKind) =>
  sql`(SELECT record_id FROM retention_run_items WHERE run_id = ${runId} AND kind = ${kind} AND outcome = 'erased')`

/**
 * The erasure, in the caller's transaction. Each planned person is checked again for the day of the erasure (a
 * person who acquired eligibility again since the dry run is kept); then every row of the planned records goes,
 * set-based: the eligibility history, the notice records and the 賦課 records through the migrations'
 * security-definer functions (the append-only triggers let them through for this run's persons only), then the rows
 * that point at the persons, the persons, households
 * left empty, the intake files and the export requests. The run becomes 'erased' with the counts.
 */
export async function eraseRun(
  db: Db | Tx,
  user: AuthenticatedUser,
  runId: number,
  now: Date,
  backupDir: string | null,
): Promise<{ run: RunRow; personIds: number[] }> {
  // Serialises two erasures of one run (the second waits, then finds it erased).
  const [locked] = await db.select().from(retentionRuns).where(eq(retentionRuns.id, runId)).for('update')
  if (!locked) throw problems.notFound()
  if (locked.status === 'prepared') throw notSignedOff()
  if (locked.status !== 'approved' || locked.approvedBy === null || locked.approvedBy === locked.preparedBy)
    throw wrongState()
  const today: IsoDate = todayInJapan(now)

  const planned = await runPersonIds(db, runId)
  const still = new Set((await expiredPersons(db, today, planned)).map((i) => i.recordId))
  const kept = planned.filter((id) => !still.has(id))
  await db.update(retentionRunItems).set({ outcome: 'erased' }).where(eq(retentionRunItems.runId, runId))
  for (let i = 0; i < kept.length; i += 1_000)
    await db
      .update(retentionRunItems)
      .set({ outcome: 'kept' })
      .where(
        and(
          eq(retentionRunItems.runId, runId),
          eq(retentionRunItems.kind, 'insuredPerson'),
          inArray(retentionRunItems.recordId, kept.slice(i, i + 1_000)),
        ),
      )

  const people = erasedIds(runId, 'insuredPerson')
  const rows: Record<string, number> = {}
  rows.eligibility_corrections = count(
    await db.delete(eligibilityCorrections).where(sql`${eligibilityCorrections.personId} IN ${people}`),
  )
  const history = (await db.execute(sql`SELECT retention_erase_eligibility_events(${runId}) AS n`)) as unknown as {
    rows: { n: number | string }[]
  }
  rows.eligibility_events = Number(history.rows[0]!.n)
  rows.card_issuances = count(await db.delete(cardIssuances).where(sql`${cardIssuances.personId} IN ${people}`))
  rows.provisional_card_issuances = count(
    await db.delete(provisionalCardIssuances).where(sql`${provisionalCardIssuances.personId} IN ${people}`),
  )
  const notices = (await db.execute(sql`SELECT retention_erase_notice_records(${runId}) AS n`)) as unknown as {
    rows: { n: number | string }[]
  }
  rows.notice_records = Number(notices.rows[0]!.n)
  const premiums = (await db.execute(sql`SELECT retention_erase_premium_records(${runId}) AS counts`)) as unknown as {
    rows: { counts: Record<string, number> | string }[]
  }
  const premiumCounts = premiums.rows[0]!.counts
  for (const [table, n] of Object.entries(
    typeof premiumCounts === 'string' ? (JSON.parse(premiumCounts) as Record<string, number>) : premiumCounts,
  ))
    rows[table] = Number(n)
  rows.intake_records_detached = count(
    await db
      .update(intakeRecords)
      .set({ personId: null })
      .where(sql`${intakeRecords.personId} IN ${people}`),
  )
  const gone = await db
    .delete(persons)
    .where(sql`${persons.id} IN ${people}`)
    .returning({ householdId: persons.householdId })
  rows.persons = gone.length
  const householdIds = [...new Set(gone.map((g) => g.householdId))]
  rows.households = 0
  for (let i = 0; i < householdIds.length; i += 1_000)
    rows.households += count(
      await db
        .delete(households)
        .where(
          and(
            inArray(households.id, householdIds.slice(i, i + 1_000)),
            sql`NOT EXISTS (SELECT 1 FROM persons p WHERE p.household_id = ${households.id})`,
          ),
        ),
    )
  const files = erasedIds(runId, 'intakeFile')
  rows.intake_records = count(await db.delete(intakeRecords).where(sql`${intakeRecords.fileId} IN ${files}`))
  rows.intake_files = count(await db.delete(intakeFiles).where(sql`${intakeFiles.id} IN ${files}`))
  rows.export_requests = count(
    await db.delete(exportRequests).where(sql`${exportRequests.id} IN ${erasedIds(runId, 'exportRequest')}`),
  )

  const [run] = await db
    .update(retentionRuns)
    .set({
      status: 'erased',
      erasedBy: user.id,
      erasedLogin: user.loginId,
      erasedName: user.displayName,
      erasedAt: now,
      erasedRows: rows,
      keptAtErasure: kept.length,
      backups: backupsToReport(backupDir, today, now),
      rowVersion: sql`${retentionRuns.rowVersion} + 1`,
    })
    .where(and(eq(retentionRuns.id, runId), ne(retentionRuns.status, 'erased')))
    .returning()
  return { run: run!, personIds: planned.filter((id) => still.has(id)) }
}

/** The counts of an erasure for its audit row: kinds and rows, never a name. */
export function erasureCounts(run: RunRow, kinds: RetentionRunSummary['kinds']): string {
  const k = kinds.map((x) => `${x.label} ${x.records}件`).join('、')
  const rows = Object.entries(run.erasedRows ?? {})
    .map(([table, n]) => `${table} ${n}`)
    .join(', ')
  return `保存期間経過データの消去 第${run.id}号: ${k}（削除行数 ${rows}; 保存期間内につき除外 ${run.keptAtErasure ?? 0}件）`
}
