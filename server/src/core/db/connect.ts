import { fileURLToPath } from 'node:url'
import { existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { PGlite } from '@electric-sql/pglite'
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core'
import * as schema from './schema'

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>
/** A transaction handle has the same query API as the database. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0]

export interface DatabaseHandle {
  db: Db
  kind: 'pglite' | 'postgres'
  /** The embedded database itself (backups use its data-directory dump); null on PostgreSQL. */
  pglite: PGlite | null
  close(): Promise<void>
}

export const migrationsFolder = fileURLToPath(new URL('../../../drizzle', import.meta.url))

/**
 * Migration streams, applied in order. Each area that owns tables may have its own drizzle folder and
 * tracking table, so areas can evolve their schema independently; the core stream comes first.
 */
export const migrationStreams: readonly { folder: string; table: string }[] = [
  { folder: migrationsFolder, table: '__drizzle_migrations' },
  {
    folder: fileURLToPath(new URL('../../../drizzle-masters', import.meta.url)),
    table: '__drizzle_migrations_masters',
  },
  { folder: fileURLToPath(new URL('../../../drizzle-export', import.meta.url)), table: '__drizzle_migrations_export' },
  {
    folder: fileURLToPath(new URL('../../../drizzle-eligibility', import.meta.url)),
    table: '__drizzle_migrations_eligibility',
  },
  { folder: fileURLToPath(new URL('../../../drizzle-forms', import.meta.url)), table: '__drizzle_migrations_forms' },
  { folder: fileURLToPath(new URL('../../../drizzle-search', import.meta.url)), table: '__drizzle_migrations_search' },
]

const existingStreams = () => migrationStreams.filter((s) => existsSync(join(s.folder, 'meta', '_journal.json')))

export interface OpenOptions {
  databaseUrl?: string | undefined
  /** PGlite data directory, or 'memory'. Ignored with databaseUrl. */
  dataDir: string
  /** Apply the migrations (default). Off when the runtime role may not run DDL (docs/operations.md). */
  migrate?: boolean
  /** PGlite only: open from a data-directory dump (restore). */
  loadDataDir?: Blob
}

/**
 * Opens PostgreSQL when `databaseUrl` is given, otherwise the embedded PGlite (file-backed in `dataDir`,
 * or in memory when `dataDir` is 'memory'), and applies the migrations.
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
    const db = drizzle(pool, { schema })
    if (migrate)
      for (const stream of existingStreams())
        await run(db, { migrationsFolder: stream.folder, migrationsTable: stream.table })
    return { db: db as unknown as Db, kind: 'postgres', pglite: null, close: () => pool.end() }
  }
  const { PGlite } = await import('@electric-sql/pglite')
  const { drizzle } = await import('drizzle-orm/pglite')
  const { migrate: run } = await import('drizzle-orm/pglite/migrator')
  const memory = options.dataDir === 'memory'
  if (!memory) mkdirSync(options.dataDir, { recursive: true })
  const pgOptions = options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}
  const client = memory ? new PGlite(pgOptions) : new PGlite(options.dataDir, pgOptions)
  const db = drizzle(client, { schema })
  if (migrate)
    for (const stream of existingStreams())
      await run(db, { migrationsFolder: stream.folder, migrationsTable: stream.table })
  return { db: db as unknown as Db, kind: 'pglite', pglite: client, close: () => client.close() }
}
