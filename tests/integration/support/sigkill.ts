import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { sql } from 'drizzle-orm'
import pg from 'pg'
import { openDatabase, type DatabaseHandle, type Db } from '../../../server/src/core/db/connect'
import { ensureDevPki, readDevPkiInfo, type DevPkiFiles } from '../../../server/src/demo/dev-pki'
import { demoTotpSecret } from '../../../server/src/demo/seed-database'
import { releaseAgents } from './clients'
import { postgresUrlOf } from './databases'
import { startServerProcess, type ServerProcess } from './server-process'
import type { TestServer } from './test-server'

/**
 * The machinery of a test that kills the real server process (SIGKILL) mid-transaction and starts it again on the
 * same database: the dev PKI, the database the process owns (PGlite: a data directory of its own, copied from the
 * seeded in-memory one; PostgreSQL: the test's database, open beside it), the client side of every process started,
 * and the waits that show on PostgreSQL where the server's transaction is.
 */
export interface KilledServer {
  /** PostgreSQL: the test's database, open while the server runs; PGlite: null (the directory is the server's). */
  readonly pgHandle: DatabaseHandle | null
  /** The server process's database settings (also what `npm run audit:verify` needs). */
  readonly serverEnv: Record<string, string>
  /** Creates the dev PKI in a directory of its own, with the given terminal id. */
  createPki(dirPrefix: string, terminalId: string): Promise<void>
  /** Hands the seeded database to the server process: PostgreSQL kept open, PGlite copied into a data directory. */
  adopt(seeded: DatabaseHandle, dataDirPrefix: string): Promise<void>
  /** Starts the real server entry on the adopted database. */
  start(): Promise<ServerProcess>
  /** The client side of a server process: pinned mutual TLS with the terminal certificate. */
  endpoint(p: ServerProcess): TestServer
  /** Opens the database while no server holds it (PGlite: the directory is the server's alone while it runs). */
  withDatabase<T>(use: (db: Db) => Promise<T>): Promise<T>
  /** Kills every process still running, closes the database, removes the temporary directories. */
  close(): Promise<void>
}

/**
 * A harness for the given accounts: their TOTP steps survive the restarts (the server refuses a step it has seen).
 */
export function killedServer(logins: string[]): KilledServer {
  let pki: DevPkiFiles | null = null
  let dataDir = ''
  const processes: ServerProcess[] = []
  const endpoints: TestServer[] = []
  const totpSecrets = new Map(logins.map((l) => [l, demoTotpSecret(l)]))
  const totpSteps = new Map<string, number>()
  const harness = {
    pgHandle: null as DatabaseHandle | null,
    serverEnv: {} as Record<string, string>,
    async createPki(dirPrefix: string, terminalId: string) {
      pki = await ensureDevPki(mkdtempSync(join(tmpdir(), dirPrefix)), terminalId)
    },
    async adopt(seeded: DatabaseHandle, dataDirPrefix: string) {
      if (!seeded.pglite) {
        harness.pgHandle = seeded
        harness.serverEnv = { DATABASE_URL: postgresUrlOf(seeded), KAIGO_SEED: '0' }
        return
      }
      // The seeded in-memory database, copied into a data directory of its own.
      dataDir = mkdtempSync(join(tmpdir(), dataDirPrefix))
      const copy = new PGlite(dataDir, { loadDataDir: await seeded.pglite.dumpDataDir('none') })
      await copy.waitReady
      await copy.close()
      await seeded.close()
      harness.serverEnv = { KAIGO_DATA_DIR: dataDir, KAIGO_SEED: '0' }
    },
    async start() {
      const p = await startServerProcess({ port: 0, pki: pkiOf(), env: harness.serverEnv })
      processes.push(p)
      return p
    },
    endpoint(p: ServerProcess): TestServer {
      const t = {
        server: { origin: p.origin },
        pki: pkiOf(),
        pkiInfo: readDevPkiInfo(pkiOf()),
        totpSecrets,
        totpSteps,
        clock: { now: () => new Date(), advance: () => undefined },
      } as unknown as TestServer
      endpoints.push(t)
      return t
    },
    async withDatabase<T>(use: (db: Db) => Promise<T>): Promise<T> {
      if (harness.pgHandle) return use(harness.pgHandle.db)
      const handle = await openDatabase({ dataDir, migrate: false })
      try {
        return await use(handle.db)
      } finally {
        await handle.close()
      }
    },
    async close() {
      for (const t of endpoints) releaseAgents(t)
      for (const p of processes) await p.kill('SIGKILL')
      await harness.pgHandle?.close()
      if (dataDir) rmSync(dataDir, { recursive: true, force: true })
      if (pki) rmSync(pki.dir, { recursive: true, force: true })
    },
  }
  const pkiOf = (): DevPkiFiles => {
    if (!pki) throw new Error('createPki first')
    return pki
  }
  return harness
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

const rowsOf = async <T>(db: Db, query: ReturnType<typeof sql>) =>
  ((await db.execute(query)) as unknown as { rows: T[] }).rows

/** A request the test kills the server under: whether it was answered (it must not be). */
export function inFlight(request: Promise<{ status: number; body: Record<string, unknown> }>) {
  return request.then(
    (answer) => ({ answered: true as const, status: answer.status, body: answer.body }),
    () => ({ answered: false as const }),
  )
}

/**
 * PostgreSQL: waits until a transaction of the server that has written (it has a transaction id) runs a statement
 * matching `statement` — while waiting for a lock, with `waitingForLock`.
 */
export async function waitForServerStatement(
  db: Db,
  statement: RegExp,
  options: { waitingForLock: boolean; since: number; failure: string },
): Promise<void> {
  for (;;) {
    const active = await rowsOf<{ query: string; wait_event_type: string | null }>(
      db,
      sql`select query, wait_event_type from pg_stat_activity
          where datname = current_database() and pid <> pg_backend_pid() and backend_xid is not null`,
    )
    if (active.some((r) => statement.test(r.query) && (!options.waitingForLock || r.wait_event_type === 'Lock'))) return
    if (Date.now() - options.since > 60_000) throw new Error(options.failure)
    await sleep(20)
  }
}

/**
 * PostgreSQL: the backend of a killed server notices its client is gone and rolls back; waits until no transaction
 * other than the test's remains.
 */
export async function waitForServerTransactionsToEnd(db: Db): Promise<void> {
  for (let waited = 0; ; waited += 50) {
    const open = await rowsOf<{ n: number }>(
      db,
      sql`select count(*)::int as n from pg_stat_activity
          where datname = current_database() and pid <> pg_backend_pid() and xact_start is not null`,
    )
    if (open[0]!.n === 0) return
    if (waited > 30_000) throw new Error('the killed server’s transaction did not end')
    await sleep(50)
  }
}

/** PostgreSQL: a connection of the test's own holding a table lock (`LOCK TABLE …`) in an open transaction. */
export async function holdLock(handle: DatabaseHandle, lockStatement: string) {
  const blocker = new pg.Client({ connectionString: postgresUrlOf(handle) })
  await blocker.connect()
  await blocker.query('BEGIN')
  await blocker.query(lockStatement)
  return {
    /** Rolls the lock back and waits until the killed server's transaction has ended too. */
    async release() {
      await blocker.query('ROLLBACK')
      await blocker.end()
      await waitForServerTransactionsToEnd(handle.db)
    },
  }
}

/** PGlite: a trigger of the test's own, e.g. `BEFORE DELETE ON export_requests FOR EACH STATEMENT`. */
export interface PauseTrigger {
  name: string
  table: string
  /** `BEFORE INSERT`, `BEFORE DELETE` … */
  event: string
  /** `FOR EACH STATEMENT`, `FOR EACH ROW WHEN (…)` */
  level: string
}

/**
 * PGlite: `test_pause()`, a trigger function that busy-waits for six seconds (the kill comes during the pause), and
 * the trigger that calls it; `dropPause` removes both before the restart.
 */
export async function installPause(db: Db, trigger: PauseTrigger): Promise<void> {
  const returns = /FOR EACH STATEMENT/i.test(trigger.level) ? 'NULL' : 'NEW'
  await db.execute(
    sql.raw(`CREATE FUNCTION test_pause() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE t timestamptz := clock_timestamp();
        BEGIN WHILE clock_timestamp() < t + interval '6 seconds' LOOP END LOOP; RETURN ${returns}; END; $$`),
  )
  await db.execute(
    sql.raw(
      `CREATE TRIGGER ${trigger.name} ${trigger.event} ON ${trigger.table} ${trigger.level} EXECUTE FUNCTION test_pause()`,
    ),
  )
}

export async function dropPause(db: Db, trigger: PauseTrigger): Promise<void> {
  await db.execute(sql.raw(`DROP TRIGGER ${trigger.name} ON ${trigger.table}`))
  await db.execute(sql`DROP FUNCTION test_pause()`)
}
