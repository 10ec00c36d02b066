import { fileURLToPath } from 'node:url'
import { mkdirSync } from 'node:fs'
import type { PGlite } from '@electric-sql/pglite'
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core'
import { adoptPreviousLayout, findPreviousLayout, PreviousMigrationLayoutError } from './previous-layout'

/**
 * The database handle of every module. Opened without a schema: the core knows no area's tables, and every query
 * names its tables (drizzle's relational `db.query.*` API is not used).
 */
export type Db = PgDatabase<PgQueryResultHKT>
/** A transaction handle has the same query API as the database. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0]

export interface DatabaseHandle {
  db: Db
  kind: 'pglite' | 'postgres'
  /** The embedded database itself (backups use its data-directory dump); null on PostgreSQL. */
  pglite: PGlite | null
  close(): Promise<void>
}

/**
 * The one migration journal (server/drizzle.config.ts): every table of the core and the areas, tracked in drizzle's
 * default table `drizzle.__drizzle_migrations`.
 */
export const migrationsFolder = fileURLToPath(new URL('../../../drizzle', import.meta.url))

export interface OpenOptions {
  databaseUrl?: string | undefined
  /** PGlite data directory, or 'memory'. Ignored with databaseUrl. */
  dataDir: string
  /** Apply the migrations (default). Off when the runtime role may not run DDL (docs/operations.md). */
  migrate?: boolean
  /** PGlite only: open from a data-directory dump (restore). */
  loadDataDir?: Blob
  /**
   * A database of the previous migration layout is refused (default); adopted into the one journal before the
   * migrations run (the documented one-time step `db:migrate -- --adopt-previous-layout`, previous-layout.ts); or
   * kept as it is, without migrations, for a restore that must bring back exactly what was backed up.
   */
  previousLayout?: 'refuse' | 'adopt' | 'keep'
}

/**
 * Opens PostgreSQL when `databaseUrl` is given, otherwise the embedded PGlite (file-backed in `dataDir`,
 * or in memory when `dataDir` is 'memory'), and applies the migrations. A database of the previous migration
 * layout is refused (PreviousMigrationLayoutError, see previous-layout.ts) before anything is applied.
 */
export async function openDatabase(options: OpenOptions): Promise<DatabaseHandle> {
  const migrate = options.migrate ?? true
  if (options.databaseUrl) {
    const { Pool } = await import('pg')
    const { drizzle } = await import('drizzle-orm/node-postgres')
    const { migrate: run } = await import('drizzle-orm/node-postgres/migrator')
    const pool = new Pool({ connectionString: options.databaseUrl, max: 10 })
    // An idle connection ended by the server (restart, failover, administrator) must not crash the process: the
    // pool drops it and opens a new one for the next query. Logged without its details (they may name the data).
    pool.on('error', (error: Error & { code?: string }) =>
      process.emitWarning(`PostgreSQL: an idle connection was closed (${error.code ?? 'unknown'})`, 'DatabaseWarning'),
    )
    // …and so must a connection ended while it is checked out (a transaction between two statements): its next
    // statement fails, the request's transaction rolls back and answers 503, and the pool replaces the connection.
    pool.on('connect', (client) =>
      client.on('error', (error: Error & { code?: string }) =>
        process.emitWarning(
          `PostgreSQL: a connection in use was closed (${error.code ?? 'unknown'})`,
          'DatabaseWarning',
        ),
      ),
    )
    const db = drizzle(pool)
    await checkPreviousLayout(db, options, () => pool.end())
    if (migrate) await run(db, { migrationsFolder })
    return { db, kind: 'postgres', pglite: null, close: () => pool.end() }
  }
  const { PGlite } = await import('@electric-sql/pglite')
  const { drizzle } = await import('drizzle-orm/pglite')
  const { migrate: run } = await import('drizzle-orm/pglite/migrator')
  const memory = options.dataDir === 'memory'
  if (!memory) mkdirSync(options.dataDir, { recursive: true })
  const pgOptions = options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}
  const client = memory ? new PGlite(pgOptions) : new PGlite(options.dataDir, pgOptions)
  const db = drizzle(client)
  await checkPreviousLayout(db, options, () => client.close())
  if (migrate) await run(db, { migrationsFolder })
  return { db, kind: 'pglite', pglite: client, close: () => client.close() }
}

async function checkPreviousLayout(db: Db, options: OpenOptions, close: () => Promise<void>): Promise<void> {
  try {
    if (options.previousLayout === 'keep') {
      if (options.migrate ?? true) throw new Error('previousLayout "keep" opens a database without migrations only')
      return
    }
    if (options.previousLayout === 'adopt') {
      await adoptPreviousLayout(db, migrationsFolder)
      return
    }
    const found = await findPreviousLayout(db)
    if (found.length > 0) throw new PreviousMigrationLayoutError(found)
  } catch (error) {
    await close()
    throw error
  }
}
