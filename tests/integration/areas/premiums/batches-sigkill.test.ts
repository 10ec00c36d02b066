/**
 * A 賦課バッチ commit killed mid-chunk (SIGKILL) leaves no half-written year: the real server process
 * (server/src/main.ts via tsx) commits a signed-off 本算定 chunk by chunk; the process is killed while the second
 * chunk's transaction has written its versions and 期割 but not yet its chunk row, and started again on the same
 * database. Then: the first chunk's persons have their whole new version, every other person none (every version's
 * 期割 sum to its annual amount), the run says 1 chunk committed; the commit sent again completes the run with exactly
 * one version per person, and `npm run audit:verify` passes.
 *
 * PostgreSQL shows the kill lands mid-transaction: the test holds a SHARE lock on premium_batch_chunks (reads pass,
 * the chunk row's INSERT waits), so the server's transaction has inserted the chunk's versions and waits; the server
 * is killed then. PGlite (in the server's process) cannot be watched from outside: the test's copy of the database
 * gets a trigger that pauses (6 seconds of busy waiting) the INSERT of chunk 1's row, and the kill comes during the
 * pause. The pause is the test's own (dropped before the restart); the server's code is the shipped one.
 */
import { eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { premiumBatchChunks, premiumBatchRuns } from '../../../../server/src/areas/premiums/batches/schema'
import type { Db } from '../../../../server/src/core/db/connect'
import { seedDemoIfEmpty } from '../../../../server/src/demo/seed-if-empty'
import { newKey, signIn, stepUp } from '../../support/accounts'
import { runCli } from '../../support/cli'
import { callRoute, releaseAgents } from '../../support/clients'
import { databaseKinds, freshDatabase } from '../../support/databases'
import {
  dropPause,
  holdLock,
  inFlight,
  installPause,
  killedServer,
  sleep,
  waitForServerStatement,
  type PauseTrigger,
} from '../../support/sigkill'
import { addInsuredWard, seedResidentTaxFromPersons } from './batches-support'

/** Persons of the test's own ward: with the generated ward, three chunks of 1,000. */
const WARD = 2_500
const PGLITE_KILL_AFTER_MS = 2_000
const FISCAL_YEAR = 2026

/** PGlite: pauses the INSERT of chunk 1's row, so that the kill lands mid-transaction. */
const PAUSE: PauseTrigger = {
  name: 'premium_batch_chunks_test_pause',
  table: 'premium_batch_chunks',
  event: 'BEFORE INSERT',
  level: 'FOR EACH ROW WHEN (NEW.chunk = 1)',
}

/** The state of every person's year: versions per person, and the versions whose 期割 do not sum to the amount. */
async function yearState(db: Db) {
  const rows = (await db.execute(sql`
    select
      (select count(*)::int from premium_assessments where fiscal_year = ${FISCAL_YEAR}) as versions,
      (select count(*)::int from (select person_id from premium_assessments where fiscal_year = ${FISCAL_YEAR}
         group by person_id having count(*) > 1) d) as duplicated,
      (select count(*)::int from premium_assessments a where a.fiscal_year = ${FISCAL_YEAR} and a.annual_amount <>
         coalesce((select sum(i.amount) from premium_installments i where i.assessment_id = a.id), 0)) as half_written
  `)) as unknown as { rows: { versions: number; duplicated: number; half_written: number }[] }
  const r = rows.rows[0]!
  return { versions: Number(r.versions), duplicated: Number(r.duplicated), halfWritten: Number(r.half_written) }
}

describe.each(databaseKinds)('a 賦課バッチ commit killed (SIGKILL) mid-chunk on %s', (kind) => {
  const h = killedServer(['fuka01', 'kantoku01'])

  beforeAll(async () => {
    await h.createPki('kaigo-batch-kill-pki-', 'KD-KILL-0003')
    const seeded = await freshDatabase(kind)
    await seedDemoIfEmpty(seeded.db, 'demo', 200)
    await seedResidentTaxFromPersons(seeded.db, FISCAL_YEAR)
    await addInsuredWard(seeded.db, { count: WARD, prefix: '62', fiscalYear: FISCAL_YEAR })
    if (kind === 'pglite') await installPause(seeded.db, PAUSE)
    await h.adopt(seeded, 'kaigo-batch-kill-db-')
  }, 240_000)

  afterAll(() => h.close())

  it('leaves every person’s year whole, keeps the committed chunk, and completes when sent again', async () => {
    // 1. Dry run by the 賦課収納担当, sign-off by the 監督者, the first chunk committed.
    const pgHandle = h.pgHandle
    let server = await h.start()
    let t = h.endpoint(server)
    let clerk = await signIn(t, 'fuka01')
    const prepared = await callRoute(
      t,
      'premiums.batchDryRun',
      { kind: 'final', fiscalYear: FISCAL_YEAR, idempotencyKey: newKey() },
      clerk,
    )
    expect(prepared.status, JSON.stringify(prepared.body)).toBe(200)
    const summary = prepared.body.summary as { id: number; newVersions: number; totalChunks: number }
    const runId = summary.id
    expect(summary.newVersions).toBeGreaterThan(WARD)
    expect(summary.totalChunks).toBeGreaterThanOrEqual(3)
    const supervisor = await signIn(t, 'kantoku01')
    await stepUp(t, 'kantoku01', supervisor)
    const approved = await callRoute(t, 'premiums.batchApprove', { runId, idempotencyKey: newKey() }, supervisor)
    expect(approved.status, JSON.stringify(approved.body)).toBe(200)
    const first = await callRoute(t, 'premiums.batchCommit', { runId, idempotencyKey: newKey() }, clerk)
    expect(first.body).toMatchObject({ status: 'committing', committedChunks: 1, written: 1_000 })

    // 2. The second chunk is sent; the process is killed while its transaction has written the versions.
    const blocker = pgHandle ? await holdLock(pgHandle, 'LOCK TABLE premium_batch_chunks IN SHARE MODE') : null
    const sent = inFlight(callRoute(t, 'premiums.batchCommit', { runId, idempotencyKey: newKey() }, clerk))
    const sentAt = Date.now()
    if (pgHandle) {
      await waitForServerStatement(pgHandle.db, /insert into "premium_batch_chunks"/i, {
        waitingForLock: true,
        since: sentAt,
        failure: 'the commit never reached its chunk row',
      })
      // The versions of the chunk are in the server's open transaction: invisible here.
      expect((await yearState(pgHandle.db)).versions).toBe(1_000)
    } else await sleep(PGLITE_KILL_AFTER_MS)
    expect(await server.kill('SIGKILL')).toBeNull()
    expect(await sent, 'the killed request was never answered').toEqual({ answered: false })
    await blocker?.release()

    // 3. No half-written year: the first chunk's 1,000 versions whole, nobody else's; one chunk row.
    await h.withDatabase(async (db) => {
      expect(await yearState(db)).toEqual({ versions: 1_000, duplicated: 0, halfWritten: 0 })
      expect(await db.select().from(premiumBatchChunks).where(eq(premiumBatchChunks.runId, runId))).toHaveLength(1)
      const [run] = await db.select().from(premiumBatchRuns).where(eq(premiumBatchRuns.id, runId))
      expect(run).toMatchObject({ status: 'committing', committedAt: null })
      if (!pgHandle) await dropPause(db, PAUSE)
    })

    // 4. Started again: the commit sent again goes on from the second chunk and completes the run.
    server = await h.start()
    t = h.endpoint(server)
    clerk = await signIn(t, 'fuka01')
    let last: Record<string, unknown> = {}
    for (let i = 0; i < summary.totalChunks; i++) {
      const answer = await callRoute(t, 'premiums.batchCommit', { runId, idempotencyKey: newKey() }, clerk)
      expect(answer.status, JSON.stringify(answer.body)).toBe(200)
      last = answer.body
      if (last.status === 'committed') break
    }
    expect(last).toMatchObject({ status: 'committed', committedChunks: summary.totalChunks })
    releaseAgents(t)
    expect(await server.kill('SIGTERM')).toBe(0)

    await h.withDatabase(async (db) => {
      expect(await yearState(db)).toEqual({ versions: summary.newVersions, duplicated: 0, halfWritten: 0 })
      const chunks = await db.select().from(premiumBatchChunks).where(eq(premiumBatchChunks.runId, runId))
      expect(chunks.map((c) => c.chunk).sort((a, b) => a - b)).toEqual(
        Array.from({ length: summary.totalChunks }, (_, i) => i),
      )
      expect(chunks.reduce((s, c) => s + c.written, 0)).toBe(summary.newVersions)
    })

    // 5. `npm run audit:verify`: the chain is intact after the kill and the commit.
    const verify = await runCli('audit-verify.ts', [], { KAIGO_MODE: 'demo', ...h.serverEnv })
    expect(verify.code, verify.stdout + verify.stderr).toBe(0)
    expect(verify.stdout).toContain('結果: 改ざんは検出されませんでした')
  }, 600_000)
})
