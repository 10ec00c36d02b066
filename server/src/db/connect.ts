import { fileURLToPath } from 'node:url'
import { existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core'
import * as schema from './schema'

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>
/** A transaction handle has the same query API as the database. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0]

export interface DatabaseHandle {
  db: Db
  kind: 'pglite' | 'postgres'
  close(): Promise<void>
}

export const migrationsFolder = fileURLToPath(new URL('../../drizzle', import.meta.url))

/**
 * Migration streams, applied in order. Each area that owns tables may have its own drizzle folder and
 * tracking table, so areas can evolve their schema independently; the core stream comes first.
 */
export const migrationStreams: readonly { folder: string; table: string }[] = [
  { folder: migrationsFolder, table: '__drizzle_migrations' },
  { folder: fileURLToPath(new URL('../../drizzle-masters', import.meta.url)), table: '__drizzle_migrations_masters' },
]

const existingStreams = () => migrationStreams.filter((s) => existsSync(join(s.folder, 'meta', '_journal.json')))

/**
 * Opens PostgreSQL when `databaseUrl` is given, otherwise the embedded PGlite (file-backed in `dataDir`,
 * or in memory when `dataDir` is 'memory'), and applies the migrations.
 */
export async function openDatabase(options: { databaseUrl?: string; dataDir: string }): Promise<DatabaseHandle> {
  if (options.databaseUrl) {
    const { Pool } = await import('pg')
    const { drizzle } = await import('drizzle-orm/node-postgres')
    const { migrate } = await import('drizzle-orm/node-postgres/migrator')
    const pool = new Pool({ connectionString: options.databaseUrl, max: 10 })
    const db = drizzle(pool, { schema })
    for (const stream of existingStreams())
      await migrate(db, { migrationsFolder: stream.folder, migrationsTable: stream.table })
    return { db: db as unknown as Db, kind: 'postgres', close: () => pool.end() }
  }
  const { PGlite } = await import('@electric-sql/pglite')
  const { drizzle } = await import('drizzle-orm/pglite')
  const { migrate } = await import('drizzle-orm/pglite/migrator')
  if (options.dataDir !== 'memory') mkdirSync(options.dataDir, { recursive: true })
  const client = options.dataDir === 'memory' ? new PGlite() : new PGlite(options.dataDir)
  const db = drizzle(client, { schema })
  for (const stream of existingStreams())
    await migrate(db, { migrationsFolder: stream.folder, migrationsTable: stream.table })
  return { db: db as unknown as Db, kind: 'pglite', close: () => client.close() }
}
