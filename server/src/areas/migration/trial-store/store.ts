/**
 * Where a trial store physically lives: never in the production database. On the embedded database it is a PGlite
 * database of its own (another data directory, or another in-memory instance); on PostgreSQL a database of its own on
 * the same server (`kaigo_trial_…`), created with CONNECT revoked from PUBLIC, so that neither the production
 * connection (a PostgreSQL session sees only its own database) nor the runtime role (no CONNECT grant) can read it.
 * Each store gets every migration of the one journal, so the business services run on it unchanged (the rehearsal).
 */
import { randomBytes } from 'node:crypto'
import { rmSync } from 'node:fs'
import type { Client } from 'pg'
import { join } from 'node:path'
import { openDatabase, type DatabaseHandle, type Db } from '../../../core/db/connect'

export interface TrialStoreProvider {
  kind: 'pglite' | 'postgres'
  /** Creates an empty store with every migration applied and answers its location. */
  create(): Promise<{ location: string; handle: DatabaseHandle }>
  /** Opens an existing store (null when it does not exist — e.g. after erasure). */
  open(location: string): Promise<DatabaseHandle | null>
  /** Drops the store: the database (PostgreSQL) or the data directory / instance (PGlite). Idempotent. */
  drop(location: string): Promise<void>
  /** Whether anything of the store is left to open. */
  exists(location: string): Promise<boolean>
}

/** What a fresh store needs besides the migrations (the shipped masters the business rules read). */
export type PrepareStore = (db: Db) => Promise<void>

const TRIAL_NAME = /^kaigo_trial_[0-9a-f]{12}$/

/** PGlite: a separate data directory under `root`, or (root 'memory') separate in-memory instances. */
export function pgliteTrialStores(root: string, prepare: PrepareStore): TrialStoreProvider {
  const memory = new Map<string, DatabaseHandle>()
  const dirOf = (location: string) => {
    if (!TRIAL_NAME.test(location)) throw new Error('not a trial store location')
    return join(root, location)
  }
  // A memory store is held open by this provider (it would vanish when closed); callers get a handle whose close()
  // keeps it open, and drop() closes it for good.
  const keepOpen = (h: DatabaseHandle): DatabaseHandle => ({ ...h, close: async () => {} })
  return {
    kind: 'pglite',
    async create() {
      const location = `kaigo_trial_${randomBytes(6).toString('hex')}`
      const handle = await openDatabase({ dataDir: root === 'memory' ? 'memory' : dirOf(location) })
      await prepare(handle.db)
      if (root === 'memory') {
        memory.set(location, handle)
        return { location, handle: keepOpen(handle) }
      }
      return { location, handle }
    },
    async open(location) {
      if (root === 'memory') {
        const h = memory.get(location)
        return h ? keepOpen(h) : null
      }
      if (!(await this.exists(location))) return null
      return openDatabase({ dataDir: dirOf(location), migrate: false })
    },
    async drop(location) {
      if (root === 'memory') {
        await memory.get(location)?.close()
        memory.delete(location)
        return
      }
      rmSync(dirOf(location), { recursive: true, force: true })
    },
    async exists(location) {
      if (root === 'memory') return memory.has(location)
      const { existsSync } = await import('node:fs')
      return existsSync(join(dirOf(location), 'PG_VERSION'))
    },
  }
}

/** PostgreSQL: a database of its own on the server of `databaseUrl` (the owner role needs CREATEDB). */
export function postgresTrialStores(databaseUrl: string, prepare: PrepareStore): TrialStoreProvider {
  const urlOf = (location: string) => {
    if (!TRIAL_NAME.test(location)) throw new Error('not a trial store location')
    const url = new URL(databaseUrl)
    url.pathname = `/${location}`
    return url.toString()
  }
  const admin = async <T>(work: (client: Client) => Promise<T>): Promise<T> => {
    const { default: pg } = await import('pg')
    const client = new pg.Client({ connectionString: databaseUrl })
    await client.connect()
    try {
      return await work(client)
    } finally {
      await client.end()
    }
  }
  return {
    kind: 'postgres',
    async create() {
      const location = `kaigo_trial_${randomBytes(6).toString('hex')}`
      await admin(async (c) => {
        // CREATE DATABASE cannot run in a transaction: its own connection. The name is generated, never input.
        await c.query(`CREATE DATABASE "${location}"`)
        await c.query(`REVOKE ALL ON DATABASE "${location}" FROM PUBLIC`)
      })
      const handle = await openDatabase({ databaseUrl: urlOf(location), dataDir: 'memory' })
      await prepare(handle.db)
      return { location, handle }
    },
    async open(location) {
      if (!(await this.exists(location))) return null
      return openDatabase({ databaseUrl: urlOf(location), dataDir: 'memory', migrate: false })
    },
    async drop(location) {
      urlOf(location)
      await admin((c) => c.query(`DROP DATABASE IF EXISTS "${location}" WITH (FORCE)`))
    },
    async exists(location) {
      urlOf(location)
      return admin(
        async (c) => (await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [location])).rowCount === 1,
      )
    },
  }
}
