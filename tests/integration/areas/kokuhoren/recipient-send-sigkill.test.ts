/**
 * A 受給者異動連絡票 send killed (SIGKILL) in its commit leaves nothing half-written: the real server process
 * (server/src/main.ts via tsx) commits a signed-off send; the process is killed while the commit's one transaction has
 * claimed the send, stored the file and written the records sent, and waits at its last statement (marking the queue
 * rows sent). Started again on the same database: the send is still 'approved' with no file, no record is sent, every
 * queue row is unsent, no commit is audited; the commit sent again completes, and `npm run audit:verify` passes.
 *
 * PostgreSQL: the test holds an EXCLUSIVE lock on recipient_change_queue (reads pass, the UPDATE waits), and the server
 * is killed while its transaction waits for it. PGlite (in the server's process) cannot be watched from outside: the
 * test's copy of the database gets a statement trigger that pauses (6 seconds of busy waiting) the UPDATE of the
 * queue, and the kill comes during the pause; the pause is dropped before the restart.
 */
import { and, count, eq, inArray, isNull } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { certifiedPersons, recipientChangeQueue } from '../../../../server/src/areas/certification'
import { kokuhorenSends, kokuhorenSentRecords } from '../../../../server/src/areas/kokuhoren/exchange/schema'
import { persons } from '../../../../server/src/areas/persons/schema'
import type { Db } from '../../../../server/src/core/db/connect'
import { auditLog } from '../../../../server/src/core/db/schema'
import { seedDemoIfEmpty } from '../../../../server/src/demo/seed-if-empty'
import { todayInJapan } from '../../../../shared/domain'
import { sendSlotOn } from '../../../../shared/domain/kokuhoren-schedule'
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

/** Certified persons of the generated ward whose change the test queues. */
const QUEUED = 300
const PGLITE_KILL_AFTER_MS = 2_000

const PAUSE: PauseTrigger = {
  name: 'recipient_change_queue_test_pause',
  table: 'recipient_change_queue',
  event: 'BEFORE UPDATE',
  level: 'FOR EACH STATEMENT',
}

const unsentCount = async (db: Db) =>
  Number((await db.select({ n: count() }).from(recipientChangeQueue).where(isNull(recipientChangeQueue.sentAt)))[0]!.n)

describe.each(databaseKinds)('a 受給者異動連絡票 send killed (SIGKILL) in its commit on %s', (kind) => {
  const h = killedServer(['kyufu01', 'kantoku01'])
  let unsentBefore = 0

  beforeAll(async () => {
    await h.createPki('kaigo-send-kill-pki-', 'KD-KILL-0005')
    const seeded = await freshDatabase(kind)
    await seedDemoIfEmpty(seeded.db, 'demo', 200)
    // Only the test's queue rows are pending: the generated ward's count as sent before.
    await seeded.db
      .update(recipientChangeQueue)
      .set({ sentAt: new Date('2026-01-01T00:00:00Z') })
      .where(isNull(recipientChangeQueue.sentAt))
    const certified = await seeded.db
      .selectDistinct({ personId: certifiedPersons.personId, validFrom: certifiedPersons.validFrom })
      .from(certifiedPersons)
      .innerJoin(persons, eq(persons.id, certifiedPersons.personId))
      .limit(QUEUED)
    await seeded.db.insert(recipientChangeQueue).values(
      certified.map((c) => ({
        personId: c.personId,
        caseId: null,
        changeKind: 'certified',
        effectiveOn: c.validFrom,
        payload: {},
        queuedOn: '2026-01-01',
        queuedAt: new Date('2026-01-01T00:00:00Z'),
      })),
    )
    unsentBefore = await unsentCount(seeded.db)
    if (kind === 'pglite') await installPause(seeded.db, PAUSE)
    await h.adopt(seeded, 'kaigo-send-kill-db-')
  }, 240_000)

  afterAll(() => h.close())

  it('leaves the send signed off, no file, no record sent and every queue row unsent, and completes when sent again', async () => {
    expect(unsentBefore).toBeGreaterThan(0)
    const processingMonth = sendSlotOn(todayInJapan(new Date())).processingMonth
    // 1. Dry run by the 給付担当, sign-off by the 監督者.
    const pgHandle = h.pgHandle
    let server = await h.start()
    let t = h.endpoint(server)
    let clerk = await signIn(t, 'kyufu01')
    const prepared = await callRoute(t, 'kokuhoren.sendDryRun', { processingMonth, idempotencyKey: newKey() }, clerk)
    expect(prepared.status, JSON.stringify(prepared.body)).toBe(200)
    const send = (prepared.body as { send: { sendId: number; records: number; queued: number } }).send
    expect(send.records).toBeGreaterThan(0)
    const supervisor = await signIn(t, 'kantoku01')
    await stepUp(t, 'kantoku01', supervisor)
    const approved = await callRoute(
      t,
      'kokuhoren.sendApprove',
      { sendId: send.sendId, idempotencyKey: newKey() },
      supervisor,
    )
    expect(approved.status, JSON.stringify(approved.body)).toBe(200)

    // 2. The commit is sent; the process is killed while its transaction waits at the queue's UPDATE.
    const blocker = pgHandle ? await holdLock(pgHandle, 'LOCK TABLE recipient_change_queue IN EXCLUSIVE MODE') : null
    const sent = inFlight(
      callRoute(t, 'kokuhoren.sendCommit', { sendId: send.sendId, idempotencyKey: newKey() }, clerk),
    )
    const sentAt = Date.now()
    if (pgHandle)
      await waitForServerStatement(pgHandle.db, /update "recipient_change_queue"/i, {
        waitingForLock: true,
        since: sentAt,
        failure: 'the commit never reached the queue',
      })
    else await sleep(PGLITE_KILL_AFTER_MS)
    expect(await server.kill('SIGKILL')).toBeNull()
    expect(await sent, 'the killed request was never answered').toEqual({ answered: false })
    await blocker?.release()

    // 3. Nothing half-written.
    await h.withDatabase(async (db) => {
      const [row] = await db.select().from(kokuhorenSends).where(eq(kokuhorenSends.id, send.sendId))
      expect(row).toMatchObject({ status: 'approved', committedAt: null, content: null, sha256: null, fileName: null })
      expect(await db.select().from(kokuhorenSentRecords)).toEqual([])
      expect(await unsentCount(db)).toBe(unsentBefore)
      expect(await db.select().from(auditLog).where(eq(auditLog.action, 'kokuhoren.sendCommit'))).toEqual([])
      if (!pgHandle) await dropPause(db, PAUSE)
    })

    // 4. Started again: the commit sent again completes.
    server = await h.start()
    t = h.endpoint(server)
    clerk = await signIn(t, 'kyufu01')
    const committed = await callRoute(
      t,
      'kokuhoren.sendCommit',
      { sendId: send.sendId, idempotencyKey: newKey() },
      clerk,
    )
    expect(committed.status, JSON.stringify(committed.body)).toBe(200)
    expect(committed.body).toMatchObject({ status: 'committed', records: send.records })
    releaseAgents(t)
    expect(await server.kill('SIGTERM')).toBe(0)

    await h.withDatabase(async (db) => {
      expect(await unsentCount(db)).toBe(unsentBefore - send.queued)
      const records = await db.select().from(kokuhorenSentRecords).where(eq(kokuhorenSentRecords.sendId, send.sendId))
      expect(records).toHaveLength(send.records)
      const ids = records.flatMap((r) => r.queueIds)
      const marked = await db
        .select({ n: count() })
        .from(recipientChangeQueue)
        .where(and(inArray(recipientChangeQueue.id, ids), isNull(recipientChangeQueue.sentAt)))
      expect(Number(marked[0]!.n)).toBe(0)
      const audited = await db
        .select({ outcome: auditLog.outcome })
        .from(auditLog)
        .where(eq(auditLog.action, 'kokuhoren.sendCommit'))
      expect(audited).toEqual([{ outcome: 'ok' }])
    })

    // 5. `npm run audit:verify`: the chain is intact after the kill and the commit.
    const verify = await runCli('audit-verify.ts', [], { KAIGO_MODE: 'demo', ...h.serverEnv })
    expect(verify.code, verify.stdout + verify.stderr).toBe(0)
    expect(verify.stdout).toContain('結果: 改ざんは検出されませんでした')
  }, 600_000)
})
