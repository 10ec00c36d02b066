/**
 * The dry run of a 賦課バッチ: computes the year of every candidate person (candidates.ts) with the assessment rules,
 * and stores the run — the inputs fingerprint, the counts per stage, the totals, the persons the rules refuse — with
 * the computed new version of every person whose commit writes one (staged in bulk, in chunks of 1,000 persons,
 * each chunk with its hash). Writes no assessment. Set-based: the facts of 5,000 persons at a time (one query per
 * table), computed here, written with one INSERT per block (stage-rows.ts) while the next block is computed.
 */
import { and, eq, inArray, sql } from 'drizzle-orm'
import {
  BATCH_CHUNK_PERSONS,
  BATCH_REFUSED_LIST_LIMIT,
  type BatchKind,
  type BatchStageTotal,
} from '../../../../../shared/api/premium-batches'
import { batchKindLabels } from '../../../../../shared/api/premium-batches'
import { todayInJapan } from '../../../../../shared/domain'
import type { Db, Tx } from '../../../core/db/connect'
import { HttpProblem } from '../../../core/http/problem'
import type { AuthenticatedUser } from '../../../core/sessions/sessions'
import { explanationTableOfYear, loadAssessmentFacts, wardForYear, type AssessmentFacts } from '../assessment'
import { candidatePersons } from './candidates'
import { computeForRun, stagedInstallments } from './compute'
import { compactExplanation, explanationPartsId } from './explanation-parts'
import { inputsFingerprint } from './fingerprint'
import { insertStagedRows } from './stage-rows'
import { type premiumBatchResults, premiumBatchRuns } from './schema'

/** Persons whose facts are loaded and computed together. */
const BLOCK_PERSONS = 5_000

type StagedRow = typeof premiumBatchResults.$inferInsert

/** Σ of installments (the current version's 期割 are loaded with the facts: 普通徴収 and 特別徴収). */
const sum = (items: readonly { amount: number }[]) => items.reduce((s, i) => s + i.amount, 0)

/**
 * SHA-256 of the staged rows of each chunk of a run, in chunk order (the commit checks a chunk against it): of one
 * chunk, of the chunks `from` ≤ chunk < `to`, or of all.
 */
export async function chunkHashesOf(
  db: Db | Tx,
  runId: number,
  chunk?: number | { from: number; to: number },
): Promise<string[]> {
  const which =
    chunk === undefined
      ? sql``
      : typeof chunk === 'number'
        ? sql`and chunk = ${chunk}`
        : sql`and chunk >= ${chunk.from} and chunk < ${chunk.to}`
  const result = (await db.execute(sql`
    select chunk, encode(sha256(convert_to(string_agg(r::text, '|' order by person_id), 'UTF8')), 'hex') as hash
    from premium_batch_results r
    where run_id = ${runId} ${which}
    group by chunk order by chunk`)) as unknown as { rows: { chunk: number; hash: string }[] }
  return result.rows.map((r) => r.hash)
}

const conflict = (message: string) => new HttpProblem(409, 'conflict', message)

export async function prepareBatchRun(
  db: Db | Tx,
  request: { kind: BatchKind; fiscalYear: number; user: AuthenticatedUser; now: Date },
): Promise<number> {
  const { kind, fiscalYear, user, now } = request
  const today = todayInJapan(now)
  const [open] = await db
    .select({ id: premiumBatchRuns.id, kind: premiumBatchRuns.kind })
    .from(premiumBatchRuns)
    .where(
      and(eq(premiumBatchRuns.fiscalYear, fiscalYear), inArray(premiumBatchRuns.status, ['approved', 'committing'])),
    )
    .limit(1)
  if (open)
    throw conflict(
      `承認済みの賦課バッチ 第${open.id}号（${fiscalYear}年度 ${batchKindLabels[open.kind]}）の実行が終わっていません。実行を完了してから試算してください`,
    )
  const ward = await wardForYear(db, fiscalYear)
  const { fingerprint, seen } = await inputsFingerprint(db, {
    kind,
    fiscalYear,
    asOf: today,
    wardVersion: ward.version,
  })
  await db
    .update(premiumBatchRuns)
    .set({ status: 'superseded' })
    .where(
      and(
        eq(premiumBatchRuns.fiscalYear, fiscalYear),
        eq(premiumBatchRuns.kind, kind),
        eq(premiumBatchRuns.status, 'awaitingApproval'),
      ),
    )
  const [run] = await db
    .insert(premiumBatchRuns)
    .values({
      kind,
      fiscalYear,
      status: 'awaitingApproval',
      asOf: today,
      tableVersion: ward.version,
      inputsFingerprint: fingerprint,
      chunkHashes: [],
      seenEventId: seen.eventId,
      seenTaxRecordId: seen.taxRecordId,
      seenWelfareId: seen.welfareId,
      persons: 0,
      newVersions: 0,
      unchanged: 0,
      changed: 0,
      refused: 0,
      totalAmount: 0,
      differenceAmount: 0,
      byStage: [],
      refusedList: [],
      preparedBy: user.id,
      preparedLogin: user.loginId,
      preparedName: user.displayName,
      preparedAt: now,
    })
    .returning({ id: premiumBatchRuns.id })
  const runId = run!.id

  const byStage = new Map<number, { persons: number; months: number; amount: number }>()
  const refusedList: { personId: number; reason: string }[] = []
  const counts = { persons: 0, newVersions: 0, unchanged: 0, changed: 0, refused: 0 }
  let totalAmount = 0
  let differenceAmount = 0
  const candidates = await candidatePersons(db, kind, fiscalYear)
  // The ward table of the year and its ⚠️ entries, stored once and referenced by every staged explanation.
  const sharedTable = explanationTableOfYear(ward, fiscalYear)
  const parts = { id: await explanationPartsId(db, sharedTable, now), content: sharedTable }
  /** Computes a block and returns the rows it stages (the counts and totals of the run accumulate). */
  const stageBlock = (ids: readonly number[], facts: Map<number, AssessmentFacts>): StagedRow[] => {
    const staged: StagedRow[] = []
    for (const id of ids) {
      const f = facts.get(id)
      if (!f) continue
      const outcome = computeForRun(kind, fiscalYear, f, ward, today)
      if (outcome.kind === 'notLiable') continue
      if (outcome.kind === 'refused') {
        counts.refused++
        if (refusedList.length < BATCH_REFUSED_LIST_LIMIT) refusedList.push({ personId: id, reason: outcome.reason })
        continue
      }
      counts.persons++
      const row = outcome.kind === 'unchanged' ? outcome.previous : outcome.row
      totalAmount += row.annualAmount
      for (const [stage, months, amount] of [
        [row.stage1, row.stage1Months, row.stage1Amount],
        [row.stage2, row.stage2Months, row.stage2Amount],
      ] as const) {
        if (stage === null || stage === undefined) continue
        const s = byStage.get(stage) ?? { persons: 0, months: 0, amount: 0 }
        s.persons++
        s.months += months ?? 0
        s.amount += amount ?? 0
        byStage.set(stage, s)
      }
      if (outcome.kind === 'unchanged') {
        counts.unchanged++
        continue
      }
      const previous = f.previous
      if (previous?.annualAmount !== outcome.row.annualAmount) counts.changed++
      differenceAmount += outcome.row.annualAmount - (previous?.annualAmount ?? 0)
      const installments = stagedInstallments(outcome.installments)
      const r = outcome.row
      staged.push({
        runId,
        personId: id,
        chunk: Math.floor(counts.newVersions / BATCH_CHUNK_PERSONS),
        baseAssessmentId: previous?.id ?? null,
        oldAnnual: previous?.annualAmount ?? null,
        oldStage: previous ? (previous.stage2 ?? previous.stage1) : null,
        oldInstallmentsTotal: previous ? sum(f.previousInstallments) + sum(f.previousWithholding ?? []) : null,
        newStage: r.stage2 ?? r.stage1 ?? null,
        newInstallmentsTotal: installments.reduce((s, i) => s + i.amount, 0),
        fiscalYear,
        version: r.version,
        reason: r.reason,
        stage1: r.stage1 ?? null,
        stage1From: r.stage1From ?? null,
        stage1To: r.stage1To ?? null,
        stage1Months: r.stage1Months ?? null,
        stage1Amount: r.stage1Amount ?? null,
        stage2: r.stage2 ?? null,
        stage2From: r.stage2From ?? null,
        stage2To: r.stage2To ?? null,
        stage2Months: r.stage2Months ?? null,
        stage2Amount: r.stage2Amount ?? null,
        liableMonths: r.liableMonths,
        annualAmount: r.annualAmount,
        overpaidAmount: r.overpaidAmount,
        tableVersion: r.tableVersion,
        taxRecordId: r.taxRecordId ?? null,
        explanation: compactExplanation(r.explanation, parts),
        assessedOn: r.assessedOn,
        installments,
      })
      counts.newVersions++
    }
    return staged
  }
  const blocks: number[][] = []
  for (let start = 0; start < candidates.length; start += BLOCK_PERSONS)
    blocks.push(candidates.slice(start, start + BLOCK_PERSONS))
  // Pipelined: the next block's facts are read before this block's rows are written, so the INSERT — and the hash of
  // the chunks it completes — runs in the database while the next block is computed here. One INSERT per block (one
  // parameter per column).
  const chunkHashes: string[] = []
  /** Hashes the chunks below `to` not hashed yet (every row of a chunk below the next row's chunk is staged). */
  const hashUpTo = async (to: number) => {
    if (to > chunkHashes.length) chunkHashes.push(...(await chunkHashesOf(db, runId, { from: chunkHashes.length, to })))
  }
  let facts = blocks.length > 0 ? await loadAssessmentFacts(db, blocks[0]!, fiscalYear, today) : null
  let pending: Promise<unknown> = Promise.resolve()
  for (const [i, ids] of blocks.entries()) {
    const staged = stageBlock(ids, facts!)
    await pending
    facts = i + 1 < blocks.length ? await loadAssessmentFacts(db, blocks[i + 1]!, fiscalYear, today) : null
    const complete = Math.floor(counts.newVersions / BATCH_CHUNK_PERSONS)
    pending = insertStagedRows(db, staged).then(() => hashUpTo(complete))
    // Awaited at the next block (or below); a failure is thrown there, not reported as unhandled meanwhile.
    pending.catch(() => undefined)
  }
  await pending
  await hashUpTo(Math.ceil(counts.newVersions / BATCH_CHUNK_PERSONS))

  const stages: BatchStageTotal[] = [...byStage.entries()]
    .sort(([a], [b]) => a - b)
    .map(([stage, s]) => ({ stage, ...s }))
  await db
    .update(premiumBatchRuns)
    .set({
      ...counts,
      totalAmount,
      differenceAmount,
      byStage: stages,
      refusedList,
      chunkHashes,
    })
    .where(eq(premiumBatchRuns.id, runId))
  return runId
}
