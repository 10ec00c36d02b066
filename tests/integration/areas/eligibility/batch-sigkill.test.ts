/**
 * A long batch killed mid-way (SIGKILL) leaves nothing half-done (every write transactional; C-08 the audit chain):
 * the real server process (server/src/main.ts via tsx) applies a large 住基異動 file through the chunked upload; the
 * process is killed while the finishing request's one transaction is applying it, and started again on the same
 * database. Then: no row of the file exists (counts as before), the upload still waits to be finished, the resent
 * finish (the terminal's retry, same key) applies the file exactly once, importing it again applies nothing, and the
 * audit chain verifies with `npm run audit:verify`.
 *
 * The finish is the longest single transaction of the system: every line of the file is checked and applied in it
 * (docs/benchmarks.md measures 10,000 lines). The kill comes on PostgreSQL while the server's transaction waits for
 * a lock the test holds on its last table (everything else of the file written in it, nothing committed); on PGlite,
 * which nothing outside the process can watch, a fixed time after the finish was sent — and the uninterrupted apply
 * afterwards must take more than twice that long.
 */
import { createHash } from 'node:crypto'
import { count, eq, like } from 'drizzle-orm'
import type { PgTable } from 'drizzle-orm/pg-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { apiRoutes } from '../../../../shared/api/routes'
import { INTAKE_CHUNK_BYTES, residentChangeColumns } from '../../../../shared/eligibility/intake'
import type { Db } from '../../../../server/src/core/db/connect'
import { auditLog } from '../../../../server/src/core/db/schema'
import { seedDemoIfEmpty } from '../../../../server/src/demo/seed-if-empty'
import { eligibilityEvents, insuredNumberIssues } from '../../../../server/src/areas/eligibility/schema'
import {
  intakeFiles,
  intakeRecords,
  intakeUploadChunks,
  intakeUploads,
} from '../../../../server/src/areas/eligibility/intake/schema'
import { households, persons } from '../../../../server/src/areas/persons/schema'
import { newKey, signIn } from '../../support/accounts'
import { runCli } from '../../support/cli'
import { callRoute, rawRequest, releaseAgents } from '../../support/clients'
import { databaseKinds, freshDatabase } from '../../support/databases'
import { seededWard } from '../../support/log-scan'
import { holdLock, inFlight, killedServer, sleep, waitForServerStatement } from '../../support/sigkill'
import type { TestServer } from '../../support/test-server'

const SCALE = 200
/** Lines of the file: long enough that the kill lands while it is applied (seconds on either database). */
const LINES = 600
/** One in three of the movers in is 65 or over on the day of the 転入 (born 1950-05-05, moved in 2026-10-01). */
const ELDERLY = Math.ceil(LINES / 3)

const ward = seededWard(SCALE)

/**
 * The 住基異動 file (dummy values only): LINES 転入 (operation 1, 異動事由 10) into new households, each with a
 * 宛名番号 and a 世帯番号 the generated ward does not use, moved in on 2026-10-01.
 */
function intakeFile(): Buffer {
  const freeCodes = (prefix: string, taken: Set<string>) => {
    let next = 0
    return () => {
      for (;;) {
        const code = `${prefix}${String(next++).padStart(6, '0')}`
        if (!taken.has(code)) return code
      }
    }
  }
  const atena = freeCodes('1777', new Set(ward.persons.map((p) => p.personId)))
  const setai = freeCodes('8777', new Set(ward.households.map((h) => h.householdId)))
  const lines = [residentChangeColumns.map((c) => c.name).join(',')]
  for (let i = 0; i < LINES; i++) {
    const n = String(i).padStart(6, '0')
    const values: Record<string, string> = {
      record_id: `KILL-${n}`,
      operation: '1',
      atena_no: atena(),
      setai_no: setai(),
      ido_jiyu_code: '10',
      ido_date: '20261001',
      todokede_date: '20261002',
      shori_datetime: `20261002${String(9 + Math.floor(i / 3_600)).padStart(2, '0')}${String(Math.floor(i / 60) % 60).padStart(2, '0')}${String(i % 60).padStart(2, '0')}`,
      name: '検証　太郎',
      name_kana: 'ケンショウ　タロウ',
      birth_date: i % 3 === 0 ? '19500505' : '19800505',
      sex: '1',
      zokugara: '世帯主',
      zip: '160-0022',
      address: `東京都新宿区新宿三丁目${(i % 30) + 1}番${(i % 20) + 1}号`,
    }
    lines.push(residentChangeColumns.map((c) => values[c.name] ?? '').join(','))
  }
  return Buffer.from(lines.join('\r\n'), 'utf8')
}

const file = intakeFile()
const fileSha256 = createHash('sha256').update(file).digest('hex')
const chunkCount = Math.ceil(file.length / INTAKE_CHUNK_BYTES)

/** The rows a 住基異動 intake writes, table by table. */
async function counts(db: Db) {
  const n = async (table: PgTable) => Number((await db.select({ n: count() }).from(table))[0]!.n)
  return {
    persons: await n(persons),
    households: await n(households),
    eligibilityEvents: await n(eligibilityEvents),
    insuredNumberIssues: await n(insuredNumberIssues),
    intakeFiles: await n(intakeFiles),
    intakeRecords: await n(intakeRecords),
  }
}

/** The audit rows of the finishing request of `uploadId` (its purpose names the upload). */
async function finishAuditRows(db: Db, uploadId: number) {
  return db
    .select({ outcome: auditLog.outcome, purpose: auditLog.purpose, targets: auditLog.targetIds })
    .from(auditLog)
    .where(like(auditLog.purpose, `住基異動取込 #${uploadId} %`))
}

/**
 * The finishing request, without the client's 30-second timeout (on a busy machine the apply may take longer; the
 * terminal would resend it with the same key, which the test does once, after the restart).
 */
async function finish(t: TestServer, token: string, idempotencyKey: string, uploadId: number) {
  const res = await rawRequest(t, {
    method: 'POST',
    path: apiRoutes['eligibility.finishIntakeUpload'].path,
    token,
    body: JSON.stringify({ idempotencyKey, uploadId }),
  })
  return { status: res.status, body: JSON.parse(res.body) as Record<string, unknown> }
}

/** A chunked upload of the file: begun, every chunk sent; the progress of the last chunk says every byte arrived. */
async function upload(t: TestServer, token: string, dryRun = false): Promise<number> {
  const begun = await callRoute(
    t,
    'eligibility.beginIntakeUpload',
    { idempotencyKey: newKey(), fileName: 'JUKIIDO_kill.csv', totalBytes: file.length, sha256: fileSha256, dryRun },
    token,
  )
  expect(begun.status, JSON.stringify(begun.body)).toBe(200)
  expect(begun.body.chunks).toBe(chunkCount)
  const uploadId = begun.body.uploadId as number
  let progress = begun.body
  for (let index = 0; index < chunkCount; index++) {
    const sent = await callRoute(
      t,
      'eligibility.uploadIntakeChunk',
      {
        idempotencyKey: newKey(),
        uploadId,
        index,
        contentBase64: file.subarray(index * INTAKE_CHUNK_BYTES, (index + 1) * INTAKE_CHUNK_BYTES).toString('base64'),
      },
      token,
    )
    expect(sent.status, JSON.stringify(sent.body)).toBe(200)
    progress = sent.body
  }
  expect(progress).toMatchObject({ receivedBytes: file.length, totalBytes: file.length })
  return uploadId
}

describe.each(databaseKinds)('a 住基異動 intake killed (SIGKILL) mid-transaction on %s', (kind) => {
  // The TOTP steps used per account survive the restarts (the server refuses a step it has seen).
  const h = killedServer(['shikaku01'])
  let before: Awaited<ReturnType<typeof counts>>

  beforeAll(async () => {
    await h.createPki('kaigo-kill-pki-', 'KD-KILL-0001')
    const seeded = await freshDatabase(kind)
    await seedDemoIfEmpty(seeded.db, 'demo', SCALE)
    before = await counts(seeded.db)
    await h.adopt(seeded, 'kaigo-kill-db-')
  }, 180_000)

  afterAll(() => h.close())

  it('leaves no row of the file, applies it once when resent, and keeps the audit chain intact', async () => {
    // 1. The file is uploaded in chunks.
    const pgHandle = h.pgHandle
    let server = await h.start()
    let t = h.endpoint(server)
    let token = await signIn(t, 'shikaku01')
    // PGlite: how long the apply takes on this machine — a dry run does the same work in a savepoint it rolls back.
    let killAfterMs = 0
    if (!pgHandle) {
      const dryRunId = await upload(t, token, true)
      const startedAt = Date.now()
      const dry = await finish(t, token, newKey(), dryRunId)
      expect(dry.body).toMatchObject({ status: 'validated', records: LINES })
      killAfterMs = Math.round((Date.now() - startedAt) / 3)
    }
    const uploadId = await upload(t, token)

    // 2. The finish is sent; the process is killed while its transaction applies the file.
    const finishKey = newKey()
    // PostgreSQL: a lock of the test's own on intake_records holds the server's transaction at its last table, after
    // the persons, households and eligibility rows are written in it and before anything commits.
    const blocker = pgHandle ? await holdLock(pgHandle, 'LOCK TABLE intake_records IN SHARE MODE') : null
    const sent = inFlight(finish(t, token, finishKey, uploadId))
    const sentAt = Date.now()
    if (pgHandle) {
      await waitForServerStatement(pgHandle.db, /insert into "intake_records"/i, {
        waitingForLock: true,
        since: sentAt,
        failure: 'the finishing transaction never reached its last table',
      })
      expect((await counts(pgHandle.db)).persons, 'nothing of the file is visible before the kill').toBe(before.persons)
    } else await sleep(killAfterMs)
    const killedAfterMs = Date.now() - sentAt
    expect(await server.kill('SIGKILL')).toBeNull()
    expect(await sent, 'the killed request was never answered').toEqual({ answered: false })
    // The killed server's transaction ends (rolled back) once the lock is released.
    await blocker?.release()

    // 3. Nothing of the file is in the database: every table as before, the upload still waiting with its chunks,
    //    no audit row of the finish (it was part of the rolled-back transaction).
    await h.withDatabase(async (db) => {
      expect(await counts(db)).toEqual(before)
      expect(await db.select({ id: intakeUploads.id }).from(intakeUploads)).toEqual([{ id: uploadId }])
      const chunks = await db
        .select({ n: count() })
        .from(intakeUploadChunks)
        .where(eq(intakeUploadChunks.uploadId, uploadId))
      expect(Number(chunks[0]!.n)).toBe(chunkCount)
      expect(await db.select().from(intakeFiles).where(eq(intakeFiles.fileHash, fileSha256))).toEqual([])
      expect(await finishAuditRows(db, uploadId)).toEqual([])
    })

    // 4. Started again on the same database: the terminal resends the finish (same key) and the file applies once.
    server = await h.start()
    t = h.endpoint(server)
    token = await signIn(t, 'shikaku01')
    const retriedAt = Date.now()
    const retried = await finish(t, token, finishKey, uploadId)
    const applyMs = Date.now() - retriedAt
    expect(retried.status, JSON.stringify(retried.body)).toBe(200)
    expect(retried.body).toMatchObject({ status: 'applied', applied: LINES, eligibilityChanges: LINES })
    // PGlite: the kill came well before the work could have been done (the same apply, uninterrupted, took this
    // long). PostgreSQL: the lock held the transaction open, the kill came inside it by construction.
    if (!pgHandle)
      expect(applyMs, `killed after ${killedAfterMs} ms, the apply takes ${applyMs} ms`).toBeGreaterThan(
        killedAfterMs * 2,
      )

    // 5. The same file again, uploaded anew: recognised by its SHA-256, nothing applied.
    const againId = await upload(t, token)
    const second = await finish(t, token, newKey(), againId)
    expect(second.status, JSON.stringify(second.body)).toBe(200)
    expect(second.body).toMatchObject({ status: 'alreadyImported', applied: 0 })
    releaseAgents(t)
    expect(await server.kill('SIGTERM')).toBe(0)

    // 6. Exactly one application: LINES persons, each in a household of its own, with one eligibility row each
    //    (第1号 acquisition for the 65-or-over, 住民となった日 for the younger), a 被保険者番号 for each of the
    //    ELDERLY, one intake_files row and LINES intake_records; the finish audited once, 'ok', with the persons.
    await h.withDatabase(async (db) => {
      expect(await counts(db)).toEqual({
        persons: before.persons + LINES,
        households: before.households + LINES,
        eligibilityEvents: before.eligibilityEvents + LINES,
        insuredNumberIssues: before.insuredNumberIssues + ELDERLY,
        intakeFiles: before.intakeFiles + 1,
        intakeRecords: before.intakeRecords + LINES,
      })
      expect(await db.select().from(intakeUploads)).toEqual([])
      const rows = await finishAuditRows(db, uploadId)
      expect(
        rows.map((r) => [r.outcome, r.purpose!.startsWith(`住基異動取込 #${uploadId} applied ${LINES}件`)]),
      ).toEqual([['ok', true]])
      expect(rows[0]!.targets).toHaveLength(LINES)
    })

    // 7. `npm run audit:verify` on the database: the chain is intact (the killed transaction left no gap in it).
    const verify = await runCli('audit-verify.ts', [], { KAIGO_MODE: 'demo', ...h.serverEnv })
    expect(verify.code, verify.stdout + verify.stderr).toBe(0)
    expect(verify.stdout).toContain('結果: 改ざんは検出されませんでした')
  }, 600_000)
})
