/**
 * An erasure killed mid-way (SIGKILL) leaves nothing half-deleted (control C-20; every write transactional; C-08 the
 * audit chain): the real server process (server/src/main.ts via tsx) erases a signed-off run of many persons; the
 * process is killed while the erasure's one transaction is deleting, and started again on the same database. Then:
 * every person, history row and card of the run is still there, the run is still 'approved' (signed off, not
 * erased), no audit row of the erasure exists; the erasure sent again completes, and `npm run audit:verify` passes.
 *
 * PostgreSQL shows the kill lands mid-transaction: the test holds a lock on export_requests (the last table the
 * erasure deletes from), so the server's transaction has deleted the persons and waits; the server is killed then.
 * PGlite (in the server's process) cannot be watched from outside, and erasing a few thousand persons takes well under
 * a second: the test's copy of the database gets a statement trigger on export_requests that pauses (6 seconds of busy waiting) the
 * erasure's last DELETE — the persons are deleted by then, uncommitted — and the kill comes during that pause. The
 * pause is the test's own (dropped before the restart); the server's code is the shipped one.
 */
import { count, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bulkInsertJson } from '../../../../server/src/core/db/bulk-insert'
import type { Db } from '../../../../server/src/core/db/connect'
import { auditLog } from '../../../../server/src/core/db/schema'
import { seedDemoIfEmpty } from '../../../../server/src/demo/seed-if-empty'
import { eligibilityEvents } from '../../../../server/src/areas/eligibility/schema'
import { cardIssuances } from '../../../../server/src/areas/forms/schema'
import { households, persons } from '../../../../server/src/areas/persons/schema'
import { retentionRuns } from '../../../../server/src/areas/retention/schema'
import { normalizeKana, normalizeKanjiName } from '../../../../shared/text/kana'
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

const SCALE = 200
/** Persons past retention (lost 2010-04-01: kept through 2015-04-01 under the 5-year period). */
const EXPIRED = 3_000
/** PGlite: the kill comes this long after the erasure was sent, while the test's pause holds its last statement. */
const PGLITE_KILL_AFTER_MS = 2_000

/** PGlite: pauses the erasure's last DELETE (the persons are deleted by then, uncommitted). */
const PAUSE: PauseTrigger = {
  name: 'export_requests_test_pause',
  table: 'export_requests',
  event: 'BEFORE DELETE',
  level: 'FOR EACH STATEMENT',
}

async function counts(db: Db) {
  const n = async (table: typeof persons | typeof eligibilityEvents | typeof cardIssuances | typeof households) =>
    Number((await db.select({ n: count() }).from(table))[0]!.n)
  return {
    persons: await n(persons),
    households: await n(households),
    eligibilityEvents: await n(eligibilityEvents),
    cardIssuances: await n(cardIssuances),
  }
}

/** EXPIRED dummy persons in one household of their own, each insured from 2005 and lost on 2010-04-01, with a card. */
async function addExpired(db: Db) {
  const [household] = await db
    .insert(households)
    .values({
      householdCode: 'H-KILL-0001',
      postalCode: '1600023',
      town: '西新宿',
      address: '東京都新宿区西新宿九丁目2番2号',
    })
    .returning({ id: households.id })
  const rows = Array.from({ length: EXPIRED }, (_, i) => ({
    residentCode: `8${String(i).padStart(9, '0')}`,
    householdId: household!.id,
    relationship: '同居人',
    familyName: '検証',
    givenName: '消去',
    familyNameKana: 'ケンショウ',
    givenNameKana: 'ショウキョ',
    kanaKey: normalizeKana('ケンショウショウキョ'),
    nameKey: normalizeKanjiName('検証消去'),
    sex: 'female' as const,
    birthDate: '1940-05-05',
    phone: null,
    individualNumber: '990000000002',
    insuredNumber: null,
    insuredCategory: null,
    acquiredOn: null,
    isProtected: false,
    residentTaxable: false,
    totalIncome: 0,
    taxablePensionIncome: 0,
    pensionAndOtherIncome: 0,
    onPublicAssistance: false,
    oldAgeWelfarePension: false,
    rowVersion: 1,
  }))
  const ids: number[] = []
  for (let i = 0; i < rows.length; i += 1_000)
    ids.push(...(await bulkInsertJson(db, persons, rows.slice(i, i + 1_000), { returning: ['id'] })).map((r) => r.id))
  const recordedAt = new Date('2010-04-02T00:00:00Z')
  const events = ids.flatMap((personId) => [
    {
      personId,
      kind: 'acquisition' as const,
      category: 1,
      reason: 'reachingAge65' as const,
      effectiveOn: '2005-05-04',
      source: 'seed',
      recordedAt,
      dedupeKey: `kill:a:${personId}`,
      detail: {},
    },
    {
      personId,
      kind: 'loss' as const,
      category: null,
      reason: 'death' as const,
      effectiveOn: '2010-04-01',
      source: 'seed',
      recordedAt,
      dedupeKey: `kill:l:${personId}`,
      detail: {},
    },
  ])
  for (let i = 0; i < events.length; i += 2_000) await bulkInsertJson(db, eligibilityEvents, events.slice(i, i + 2_000))
  const cards = ids.map((personId, i) => ({
    personId,
    insuredNumber: `05${String(i).padStart(8, '0')}`,
    kind: 'issue' as const,
    count: 1,
    reason: null,
    layout: 'card',
    issuedOn: '2005-05-10',
    issuedAt: recordedAt,
    issuedBy: null,
  }))
  for (let i = 0; i < cards.length; i += 2_000) await bulkInsertJson(db, cardIssuances, cards.slice(i, i + 2_000))
}

describe.each(databaseKinds)('an erasure killed (SIGKILL) mid-transaction on %s', (kind) => {
  const h = killedServer(['shikaku01', 'kantoku01'])
  let before: Awaited<ReturnType<typeof counts>>

  beforeAll(async () => {
    await h.createPki('kaigo-erase-kill-pki-', 'KD-KILL-0002')
    const seeded = await freshDatabase(kind)
    await seedDemoIfEmpty(seeded.db, 'demo', SCALE)
    await addExpired(seeded.db)
    before = await counts(seeded.db)
    if (kind === 'pglite') await installPause(seeded.db, PAUSE)
    await h.adopt(seeded, 'kaigo-erase-kill-db-')
  }, 180_000)

  afterAll(() => h.close())

  it('leaves every planned row in place, keeps the sign-off, and completes when sent again', async () => {
    // 1. Dry run by the clerk, sign-off by the 監督者.
    const pgHandle = h.pgHandle
    let server = await h.start()
    let t = h.endpoint(server)
    let clerk = await signIn(t, 'shikaku01')
    const prepared = await callRoute(t, 'retention.prepare', { idempotencyKey: newKey() }, clerk)
    expect(prepared.status, JSON.stringify(prepared.body)).toBe(200)
    const runId = prepared.body.id as number
    expect((prepared.body.kinds as { kind: string; records: number }[])[0]).toMatchObject({
      kind: 'insuredPerson',
      records: EXPIRED,
    })
    const supervisor = await signIn(t, 'kantoku01')
    await stepUp(t, 'kantoku01', supervisor)
    const approved = await callRoute(t, 'retention.approve', { runId, idempotencyKey: newKey() }, supervisor)
    expect(approved.status, JSON.stringify(approved.body)).toBe(200)

    // 2. The erasure is sent; the process is killed while its transaction deletes.
    const blocker = pgHandle ? await holdLock(pgHandle, 'LOCK TABLE export_requests IN ACCESS EXCLUSIVE MODE') : null
    const sent = inFlight(callRoute(t, 'retention.erase', { runId, idempotencyKey: newKey() }, clerk))
    const sentAt = Date.now()
    if (pgHandle) {
      // The server's transaction has written (it has a transaction id) and waits for the lock on export_requests:
      // the persons, their history and their cards are deleted in it, not yet committed.
      await waitForServerStatement(pgHandle.db, /delete from "export_requests"/i, {
        waitingForLock: true,
        since: sentAt,
        failure: 'the erasure never reached its last table',
      })
    } else await sleep(PGLITE_KILL_AFTER_MS)
    // The process started is the server itself (server-process.ts): SIGKILL reaches it, not a launcher.
    expect(await server.kill('SIGKILL')).toBeNull()
    expect(await sent, 'the killed request was never answered').toEqual({ answered: false })
    await blocker?.release()

    // 3. Nothing half-deleted: every table as before; the run still signed off, not erased; no erasure audited.
    await h.withDatabase(async (db) => {
      expect(await counts(db)).toEqual(before)
      const [run] = await db.select().from(retentionRuns).where(eq(retentionRuns.id, runId))
      expect(run).toMatchObject({ status: 'approved', erasedAt: null, erasedRows: null })
      expect(await db.select().from(auditLog).where(eq(auditLog.action, 'retention.erase'))).toEqual([])
      if (!pgHandle) await dropPause(db, PAUSE)
    })

    // 4. Started again: the erasure sent again completes, exactly the run's rows go.
    server = await h.start()
    t = h.endpoint(server)
    clerk = await signIn(t, 'shikaku01')
    const erased = await callRoute(t, 'retention.erase', { runId, idempotencyKey: newKey() }, clerk)
    expect(erased.status, JSON.stringify(erased.body)).toBe(200)
    expect(erased.body).toMatchObject({ status: 'erased', keptAtErasure: 0 })
    expect(erased.body.erasedRows).toMatchObject({
      persons: EXPIRED,
      eligibility_events: 2 * EXPIRED,
      card_issuances: EXPIRED,
      households: 1,
    })
    releaseAgents(t)
    expect(await server.kill('SIGTERM')).toBe(0)

    await h.withDatabase(async (db) => {
      expect(await counts(db)).toEqual({
        persons: before.persons - EXPIRED,
        households: before.households - 1,
        eligibilityEvents: before.eligibilityEvents - 2 * EXPIRED,
        cardIssuances: before.cardIssuances - EXPIRED,
      })
      const rows = await db
        .select({ outcome: auditLog.outcome })
        .from(auditLog)
        .where(eq(auditLog.action, 'retention.erase'))
      expect(rows).toEqual([{ outcome: 'ok' }])
    })

    // 5. `npm run audit:verify`: the chain is intact after the kill and the erasure.
    const verify = await runCli('audit-verify.ts', [], { KAIGO_MODE: 'demo', ...h.serverEnv })
    expect(verify.code, verify.stdout + verify.stderr).toBe(0)
    expect(verify.stdout).toContain('結果: 改ざんは検出されませんでした')
  }, 600_000)
})
