import { join } from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { drizzle, type PgliteDatabase } from 'drizzle-orm/pglite'
import { migrate } from 'drizzle-orm/pglite/migrator'
import { previousStreams } from '../../../../server/src/core/db/previous-layout'

/**
 * The previous layout's six streams as they were when the journal was squashed (their .sql files and journals,
 * kept in ./previous-layout/ as a fixture), each with its own tracking table, in the order the previous server
 * applied them.
 */
const fixture = new URL('./previous-layout/', import.meta.url).pathname
const streamFolders: Record<string, string> = {
  __drizzle_migrations: 'drizzle',
  __drizzle_migrations_masters: 'drizzle-masters',
  __drizzle_migrations_export: 'drizzle-export',
  __drizzle_migrations_eligibility: 'drizzle-eligibility',
  __drizzle_migrations_forms: 'drizzle-forms',
  __drizzle_migrations_search: 'drizzle-search',
}

/** Migrates a database as the previous server did (its first `streams` streams). */
export async function migratePreviousLayout(db: PgliteDatabase, streams = previousStreams.length): Promise<void> {
  for (const stream of previousStreams.slice(0, streams))
    await migrate(db, { migrationsFolder: join(fixture, streamFolders[stream.table]!), migrationsTable: stream.table })
}

const dumps = new Map<number, Promise<Blob>>()

/** A database of the previous layout, as a data-directory dump (load it with `loadDataDir`; made once per file). */
export function previousLayoutDump(streams = previousStreams.length): Promise<Blob> {
  let dump = dumps.get(streams)
  if (!dump) {
    dump = (async () => {
      const client = new PGlite()
      await migratePreviousLayout(drizzle(client), streams)
      const blob = await client.dumpDataDir('none')
      await client.close()
      return blob
    })()
    dumps.set(streams, dump)
  }
  return dump
}

/** Migrates a PostgreSQL database as the previous server did. */
export async function migratePreviousLayoutOnPostgres(url: string): Promise<void> {
  const { Pool } = await import('pg')
  const { drizzle: onPostgres } = await import('drizzle-orm/node-postgres')
  const { migrate: run } = await import('drizzle-orm/node-postgres/migrator')
  const pool = new Pool({ connectionString: url })
  try {
    for (const stream of previousStreams)
      await run(onPostgres(pool), {
        migrationsFolder: join(fixture, streamFolders[stream.table]!),
        migrationsTable: stream.table,
      })
  } finally {
    await pool.end()
  }
}
