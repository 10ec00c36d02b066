/**
 * Faults under load (controls C-09 idempotent retries, C-08 the audit chain, C-32 availability): simulated terminals
 * work over real mutual TLS on loopback against the real server process while the database is restarted, the
 * server is killed and started again, and the embedded database's disk fills up. Afterwards no request is half
 * applied, every retried write took effect exactly once, and the audit chain verifies with exactly one 'ok' row per
 * write that succeeded. Not a timing test: it measures nothing, it only counts.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { verifyAuditChain } from '../../../../server/src/core/audit/audit-log'
import { openDatabase, type DatabaseHandle } from '../../../../server/src/core/db/connect'
import { DEMO_SERVER_SECRET, deriveServerKeys } from '../../../../server/src/core/secrets'
import { ensureDevPki, readDevPkiInfo, type DevPkiFiles } from '../../../../server/src/demo/dev-pki'
import { startServerProcess, type ServerProcess } from '../../support/server-process'
import { startTerminalLoad, type TerminalWork } from '../../support/terminal-load'
import { freePort, startThrowawayPostgres, type ThrowawayPostgres } from '../../support/throwaway-postgres'

const TERMINAL_USERS = ['shikaku01', 'fuka01', 'nintei01', 'kantoku01'] as const
const ROUNDS = 25
const SEED_ENV = {
  KAIGO_SEED_SCALE: '300',
  KAIGO_RATE_TERMINAL_PER_MINUTE: '100000',
  KAIGO_RATE_USER_PER_MINUTE: '100000',
}
const personIds = Array.from({ length: 20 }, (_, i) => i + 1)

const waitUntil = async (condition: () => boolean, timeoutMs = 120_000) => {
  const until = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > until) throw new Error('timed out waiting for the load to progress')
    await new Promise((r) => setTimeout(r, 50))
  }
}

/** What the database holds of the test's writes and searches, and whether the audit chain is intact. */
async function auditOutcome(database: DatabaseHandle, tagPrefix: string) {
  const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows
  const rows = rowsOf<{ purpose: string; outcome: string; n: number }>(
    await database.db.execute(sql`
    select purpose, outcome, count(*)::int as n from audit_log
    where action = 'print' and purpose like ${`%障害試験 ${tagPrefix}-%`} group by purpose, outcome`),
  )
  const byTag = new Map<string, Record<string, number>>()
  for (const row of rows) {
    const tag = /障害試験 (\S+?)（/.exec(row.purpose)?.[1]
    if (!tag) throw new Error(`unexpected purpose ${row.purpose}`)
    byTag.set(tag, { ...byTag.get(tag), [row.outcome]: row.n })
  }
  const searches = rowsOf<{ n: number }>(
    await database.db.execute(sql`
    select count(*)::int as n from audit_log where action = 'person.search' and outcome = 'ok'
    and login_id in (${sql.join(
      TERMINAL_USERS.map((u) => sql`${u}`),
      sql`, `,
    )})`),
  )
  const chain = await verifyAuditChain(database.db, deriveServerKeys(DEMO_SERVER_SECRET).auditKey)
  return { byTag, searchRows: searches[0]!.n, chain }
}

function expectExactlyOnce(work: TerminalWork, outcome: Awaited<ReturnType<typeof auditOutcome>>) {
  expect(work.unfinished, work.faults.slice(-5).join('\n')).toEqual([])
  // A request the fault cut off was refused cleanly (503, rolled back) or never answered, never a 500.
  expect(
    work.faults.filter((f) => /^5\d\d/.test(f) && !f.startsWith('503')),
    'answers other than 503',
  ).toEqual([])
  expect(work.writes.size).toBe(TERMINAL_USERS.length * ROUNDS)
  expect(outcome.chain.problems).toEqual([])
  expect(outcome.chain.ok).toBe(true)
  // Every write that succeeded committed exactly one 'ok' row, whatever was retried; no other tag appeared.
  expect([...outcome.byTag.keys()].sort()).toEqual([...work.writes.keys()].sort())
  for (const [tag, { replaysSeen }] of work.writes) {
    const outcomes = outcome.byTag.get(tag) ?? {}
    expect(outcomes.ok, tag).toBe(1)
    // A replay is a disclosure again and audited as such: at least the replays the terminal saw.
    expect(outcomes.replayed ?? 0, tag).toBeGreaterThanOrEqual(replaysSeen)
  }
  // A search answered is audited once; one whose answer was lost may or may not have committed.
  expect(outcome.searchRows).toBeGreaterThanOrEqual(work.searches.answered)
  expect(outcome.searchRows).toBeLessThanOrEqual(work.searches.answered + work.searches.lostAttempts)
}

let pki: DevPkiFiles
beforeAll(async () => {
  pki = await ensureDevPki(mkdtempSync(join(tmpdir(), 'kaigo-faults-pki-')), 'KD-FAULT-0001')
})
const endpointOf = (origin: string) => ({ origin, pki, pkiInfo: readDevPkiInfo(pki) })

describe('PostgreSQL restarted while terminals work', () => {
  let postgres: ThrowawayPostgres
  let server: ServerProcess | undefined
  beforeAll(async () => {
    postgres = await startThrowawayPostgres()
  }, 60_000)
  afterAll(async () => {
    await server?.kill('SIGTERM')
    postgres?.stop()
  })

  it('answers again after the restart, and every retried write took effect exactly once', async () => {
    const port = await freePort()
    server = await startServerProcess({ port, pki, env: { ...SEED_ENV, DATABASE_URL: postgres.url } })
    const origin = server.origin
    const load = startTerminalLoad({
      endpoint: () => endpointOf(origin),
      loginIds: TERMINAL_USERS,
      rounds: ROUNDS,
      personIds,
      tagPrefix: 'PG',
    })
    await waitUntil(() => load.progress() >= 20)
    await postgres.restart()
    const restartedAt = load.progress()
    const work = await load.done
    expect(restartedAt).toBeLessThan(TERMINAL_USERS.length * ROUNDS)
    // The restart was felt: some request failed on the way and was sent again.
    expect(work.faults.length).toBeGreaterThan(0)
    await server.kill('SIGTERM')
    server = undefined
    const database = await openDatabase({ databaseUrl: postgres.url, dataDir: 'memory', migrate: false })
    try {
      expectExactlyOnce(work, await auditOutcome(database, 'PG'))
    } finally {
      await database.close()
    }
  }, 300_000)
})

describe('the server killed (SIGKILL) and started again on the embedded database', () => {
  let dataDir: string
  let server: ServerProcess | undefined
  afterAll(async () => {
    await server?.kill('SIGKILL')
    if (dataDir) rmSync(dataDir, { recursive: true, force: true })
  })

  it('starts on the same data directory, and every retried write took effect exactly once', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'kaigo-faults-pglite-'))
    const port = await freePort()
    const env = { ...SEED_ENV, KAIGO_DATA_DIR: dataDir }
    server = await startServerProcess({ port, pki, env })
    let origin = server.origin
    const load = startTerminalLoad({
      endpoint: () => endpointOf(origin),
      loginIds: TERMINAL_USERS,
      rounds: ROUNDS,
      personIds,
      tagPrefix: 'KILL',
    })
    await waitUntil(() => load.progress() >= 20)
    expect(await server.kill('SIGKILL')).toBeNull()
    server = await startServerProcess({ port, pki, env })
    origin = server.origin
    const work = await load.done
    expect(work.faults.some((f) => /ECONNREFUSED|ECONNRESET|socket hang up/.test(f))).toBe(true)
    await server.kill('SIGTERM')
    server = undefined
    const database = await openDatabase({ dataDir, migrate: false })
    try {
      expectExactlyOnce(work, await auditOutcome(database, 'KILL'))
    } finally {
      await database.close()
    }
  }, 300_000)
})

describe('the disk of the embedded data directory full', () => {
  let mountPoint: string
  let server: ServerProcess | undefined
  afterAll(async () => {
    await server?.kill('SIGKILL')
    if (mountPoint) {
      try {
        execFileSync('umount', [mountPoint])
      } catch {
        // not mounted
      }
      rmSync(mountPoint, { recursive: true, force: true })
    }
  })

  it('refuses or stops cleanly while the disk is full, and recovers with nothing half-applied once space is freed', async () => {
    // A size-limited file system of its own (tmpfs; needs root, as CI has): filling it touches nothing else.
    mountPoint = mkdtempSync(join(tmpdir(), 'kaigo-faults-disk-'))
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=400m', 'tmpfs', mountPoint])
    const dataDir = join(mountPoint, 'pglite')
    mkdirSync(dataDir)
    const port = await freePort()
    const env = { ...SEED_ENV, KAIGO_DATA_DIR: dataDir }
    server = await startServerProcess({ port, pki, env })
    let origin = server.origin
    const load = startTerminalLoad({
      endpoint: () => endpointOf(origin),
      loginIds: TERMINAL_USERS,
      rounds: ROUNDS,
      personIds,
      tagPrefix: 'DISK',
      retryForMs: 180_000,
    })
    await waitUntil(() => load.progress() >= 20)
    const filler = join(mountPoint, 'filler')
    try {
      execFileSync('dd', ['if=/dev/zero', `of=${filler}`, 'bs=1M', 'count=1000'], { stdio: 'ignore' })
    } catch {
      // dd ends with "No space left on device": that is the point
    }
    const fullAt = load.progress()
    await new Promise((r) => setTimeout(r, 3_000))
    const duringFull = load.progress()
    rmSync(filler)
    // The server either kept running (and refused writes with 5xx) or stopped; if it stopped, start it again.
    if (server.hasExited()) {
      server = await startServerProcess({ port, pki, env })
      origin = server.origin
    }
    const work = await load.done
    expect(fullAt).toBeLessThan(TERMINAL_USERS.length * ROUNDS)
    expect(duringFull - fullAt).toBeLessThanOrEqual(TERMINAL_USERS.length)
    await server.kill('SIGTERM')
    server = undefined
    writeFileSync(join(mountPoint, 'probe'), 'space is back')
    const database = await openDatabase({ dataDir, migrate: false })
    try {
      expectExactlyOnce(work, await auditOutcome(database, 'DISK'))
    } finally {
      await database.close()
    }
  }, 400_000)
})
