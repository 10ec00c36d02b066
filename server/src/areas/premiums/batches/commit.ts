/**
 * The commit of a signed-off 賦課バッチ, one chunk of 1,000 persons per call, in the caller's transaction: the staged
 * results of the next chunk not yet committed are checked against the hash the 監督者 signed off, copied to
 * premium_assessments and premium_installments with one INSERT … SELECT (each staged row takes its version's id from
 * the sequence first, so its 期割 need no join back to the inserted versions), and the chunk row is written with them — so
 * a chunk is committed exactly when its versions are, a committed chunk is never redone, and a process killed at any
 * point leaves every person's year either as it was or with its whole new version. A person reassessed by someone
 * else since the dry run keeps that newer version (counted as skipped).
 */
import { eq, sql } from 'drizzle-orm'
import type { BatchCommitResult } from '../../../../../shared/api/premium-batches'
import type { Db, Tx } from '../../../core/db/connect'
import { HttpProblem } from '../../../core/http/problem'
import { chunkHashesOf } from './dry-run'
import { loadRun } from './runs'
import { premiumBatchChunks, premiumBatchRuns } from './schema'

const wrongState = () =>
  new HttpProblem(409, 'conflict', 'この賦課バッチは承認されていないため実行できません。監督者の承認を受けてください')
const tampered = () =>
  new HttpProblem(
    409,
    'conflict',
    '試算結果が承認された内容と一致しないため実行を中止しました。試算をやり直してください',
  )

export async function commitNextChunk(
  db: Db | Tx,
  runId: number,
  userId: number | null,
  now: Date,
): Promise<BatchCommitResult & { personIds: number[] }> {
  const run = await loadRun(db, runId, true)
  const totalChunks = run.chunkHashes.length
  if (run.status === 'committed')
    return { status: 'committed', committedChunks: totalChunks, totalChunks, written: 0, personIds: [] }
  if (run.status !== 'approved' && run.status !== 'committing') throw wrongState()
  const done = new Set(
    (
      await db
        .select({ chunk: premiumBatchChunks.chunk })
        .from(premiumBatchChunks)
        .where(eq(premiumBatchChunks.runId, runId))
    ).map((c) => c.chunk),
  )
  const next = run.chunkHashes.findIndex((_, i) => !done.has(i))
  let written = 0
  let personIds: number[] = []
  if (next >= 0) {
    const [hash] = await chunkHashesOf(db, runId, next)
    if (hash !== run.chunkHashes[next]) throw tampered()
    const result = (await db.execute(sql`
      with staged as (
        select nextval(pg_get_serial_sequence('premium_assessments', 'id')) as assessment_id, r.*
        from premium_batch_results r
        where r.run_id = ${runId} and r.chunk = ${next}
          and r.version - 1 = coalesce(
            (select max(a.version) from premium_assessments a
             where a.person_id = r.person_id and a.fiscal_year = r.fiscal_year), 0)
      ),
      versions as (
        insert into premium_assessments (
          id, person_id, fiscal_year, version, reason,
          stage_1, stage_1_from, stage_1_to, stage_1_months, stage_1_amount,
          stage_2, stage_2_from, stage_2_to, stage_2_months, stage_2_amount,
          liable_months, annual_amount, overpaid_amount, table_version, tax_record_id, explanation,
          assessed_on, assessed_at, assessed_by)
        select
          assessment_id, person_id, fiscal_year, version, reason,
          stage_1, stage_1_from, stage_1_to, stage_1_months, stage_1_amount,
          stage_2, stage_2_from, stage_2_to, stage_2_months, stage_2_amount,
          liable_months, annual_amount, overpaid_amount, table_version, tax_record_id, explanation,
          assessed_on, ${now.toISOString()}::timestamptz, ${userId}::int
        from staged
        returning id, person_id
      ),
      installments as (
        insert into premium_installments (assessment_id, method, seq, period, amount, due_date)
        select s.assessment_id, i.method, i.seq, i.period, i.amount, i."dueDate"::date
        from staged s
        cross join lateral jsonb_to_recordset(s.installments)
          as i(method text, seq int, period text, amount int, "dueDate" text)
        returning 1
      )
      select person_id as id from versions`)) as unknown as { rows: { id: number }[] }
    personIds = result.rows.map((r) => Number(r.id))
    written = personIds.length
    const [staged] = (
      (await db.execute(
        sql`select count(*)::int as n from premium_batch_results where run_id = ${runId} and chunk = ${next}`,
      )) as unknown as { rows: { n: number }[] }
    ).rows
    await db.insert(premiumBatchChunks).values({
      runId,
      chunk: next,
      persons: Number(staged!.n),
      written,
      skipped: Number(staged!.n) - written,
      resultsHash: hash,
      committedAt: now,
      committedBy: userId,
    })
    done.add(next)
  }
  const complete = done.size >= totalChunks
  await db
    .update(premiumBatchRuns)
    .set(complete ? { status: 'committed', committedAt: now } : { status: 'committing' })
    .where(eq(premiumBatchRuns.id, runId))
  return {
    status: complete ? 'committed' : 'committing',
    committedChunks: done.size,
    totalChunks,
    written,
    personIds,
  }
}
