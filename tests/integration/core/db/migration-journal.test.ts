import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { sql } from 'drizzle-orm'
import { drizzle, type PgliteDatabase } from 'drizzle-orm/pglite'
import { migrate } from 'drizzle-orm/pglite/migrator'
import { afterAll, describe, expect, it } from 'vitest'
import { migrationsFolder, openDatabase, type Db } from '../../../../server/src/core/db/connect'
import {
  baselineTags,
  isPreviousMigrationLayoutError,
  previousStreams,
} from '../../../../server/src/core/db/previous-layout'
import { backupPglite, restorePglite } from '../../../../server/src/areas/ops/backup'
import { catalogOf, trackingTables } from './catalog'
import { migratePreviousLayout, previousLayoutDump } from './previous-layout-db'

const temp = mkdtempSync(join(tmpdir(), 'kaigo-journal-'))
afterAll(() => rmSync(temp, { recursive: true, force: true }))

/** The journal cut after its baseline: what the squash has to equal, whatever migrations come after it. */
function baselineOnlyFolder(): string {
  const folder = join(temp, 'baseline')
  cpSync(migrationsFolder, folder, { recursive: true })
  const file = join(folder, 'meta', '_journal.json')
  const journal = JSON.parse(readFileSync(file, 'utf8')) as { entries: { tag: string }[] }
  journal.entries = journal.entries.filter((e) => (baselineTags as readonly string[]).includes(e.tag))
  writeFileSync(file, JSON.stringify(journal))
  return folder
}

async function withPglite<T>(use: (db: PgliteDatabase) => Promise<T>): Promise<T> {
  const client = new PGlite()
  try {
    return await use(drizzle(client))
  } finally {
    await client.close()
  }
}

const rows = async <T>(db: Db, query: ReturnType<typeof sql>) =>
  ((await db.execute(query)) as unknown as { rows: T[] }).rows

describe('one migration journal', () => {
  it('migrates a fresh database with one folder into one tracking table, drizzle.__drizzle_migrations', async () => {
    const handle = await openDatabase({ dataDir: 'memory' })
    try {
      expect(await trackingTables(handle.db)).toEqual(['drizzle.__drizzle_migrations'])
      const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as {
        entries: unknown[]
      }
      const [applied] = await rows<{ n: number }>(
        handle.db,
        sql`SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations`,
      )
      expect(applied!.n).toBe(journal.entries.length)
    } finally {
      await handle.close()
    }
  })

  it('starts its journal with the baseline', () => {
    const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as {
      entries: { tag: string }[]
    }
    expect(journal.entries.slice(0, baselineTags.length).map((e) => e.tag)).toEqual([...baselineTags])
  })
})

describe('the squashed baseline', () => {
  it('creates the same catalog as the previous six streams: tables, columns, constraints, indexes, triggers, functions, sequences', async () => {
    const previous = await withPglite(async (db) => {
      await migratePreviousLayout(db)
      return catalogOf(db)
    })
    const baseline = await withPglite(async (db) => {
      await migrate(db, { migrationsFolder: baselineOnlyFolder() })
      return catalogOf(db)
    })
    expect(baseline.tables.length).toBeGreaterThan(20)
    expect(baseline.triggers.length).toBe(12)
    expect(baseline.functions.length).toBe(6)
    expect(baseline.sequences).toContain('public.insured_number_seq bigint start 500000001 min 1 max 999999999 by 1')
    expect(baseline).toEqual(previous)
  })

  it('keeps the address bigram function IMMUTABLE (an index expression must be)', async () => {
    const handle = await openDatabase({ dataDir: 'memory' })
    try {
      const [fn] = await rows<{ v: string }>(
        handle.db,
        sql`SELECT provolatile AS v FROM pg_proc WHERE proname = 'address_bigrams'`,
      )
      expect(fn!.v).toBe('i')
    } finally {
      await handle.close()
    }
  })
})

describe('a database of the previous layout (six tracking tables)', () => {
  it('is refused with what was found, why and what to do, in Japanese and English', async () => {
    const dump = await previousLayoutDump()
    const opening = openDatabase({ dataDir: 'memory', loadDataDir: dump })
    await expect(opening).rejects.toSatisfy(isPreviousMigrationLayoutError)
    const message = await opening.catch((e: Error) => e.message)
    expect(message).toContain('drizzle.__drizzle_migrations_masters')
    expect(message).toContain('drizzle.__drizzle_migrations_search')
    expect(message).toMatch(/以前のマイグレーション構成/)
    expect(message).toMatch(/var\/data/)
    expect(message).toMatch(/previous migration layout/)
    expect(message).toContain('--adopt-previous-layout')
  })

  it('is refused also when the server does not migrate (runtime role)', async () => {
    const dump = await previousLayoutDump()
    await expect(openDatabase({ dataDir: 'memory', loadDataDir: dump, migrate: false })).rejects.toSatisfy(
      isPreviousMigrationLayoutError,
    )
  })

  it('is adopted by the one-time step: one tracking table, the catalog of a fresh database, the data kept', async () => {
    const client = new PGlite({ loadDataDir: await previousLayoutDump() })
    await client.exec(
      "INSERT INTO households (household_code, postal_code, town, address) VALUES ('H1', '1600023', '西新宿二丁目', '西新宿二丁目8番1号')",
    )
    const dump = await client.dumpDataDir('none')
    await client.close()

    const adopted = await openDatabase({ dataDir: 'memory', loadDataDir: dump, previousLayout: 'adopt' })
    const fresh = await openDatabase({ dataDir: 'memory' })
    try {
      expect(await trackingTables(adopted.db)).toEqual(['drizzle.__drizzle_migrations'])
      expect(await catalogOf(adopted.db)).toEqual(await catalogOf(fresh.db))
      const journal = (db: Db) =>
        rows<{ hash: string; created_at: string }>(
          db,
          sql`SELECT hash, created_at FROM drizzle.__drizzle_migrations ORDER BY id`,
        )
      expect(await journal(adopted.db)).toEqual(await journal(fresh.db))
      expect(await rows(adopted.db, sql`SELECT household_code FROM households`)).toEqual([{ household_code: 'H1' }])
      const reopened = await openDatabase({ dataDir: 'memory', loadDataDir: await adopted.pglite!.dumpDataDir('none') })
      await reopened.close()
    } finally {
      await adopted.close()
      await fresh.close()
    }
  })

  it('is not adopted while a previous stream is missing or behind (the previous version finishes them first)', async () => {
    const dump = await previousLayoutDump(previousStreams.length - 1)
    await expect(openDatabase({ dataDir: 'memory', loadDataDir: dump, previousLayout: 'adopt' })).rejects.toThrow(
      /__drizzle_migrations_search: 0\/1/,
    )
  })

  it('restores from a PGlite backup exactly as it was backed up, and is adopted afterwards', async () => {
    const previous = await openDatabase({
      dataDir: 'memory',
      loadDataDir: await previousLayoutDump(),
      migrate: false,
      previousLayout: 'keep',
    })
    const file = join(temp, 'previous-layout.tar')
    await backupPglite(previous, file)
    await previous.close()

    const restored = await restorePglite(file, 'memory')
    expect(restored.differences).toEqual([])
    expect(await trackingTables(restored.handle.db)).toContain('drizzle.__drizzle_migrations_eligibility')
    const dump = await restored.handle.pglite!.dumpDataDir('none')
    await restored.handle.close()

    const adopted = await openDatabase({ dataDir: 'memory', loadDataDir: dump, previousLayout: 'adopt' })
    expect(await trackingTables(adopted.db)).toEqual(['drizzle.__drizzle_migrations'])
    await adopted.close()
  })

  it('is kept as it is only without migrations', async () => {
    const dump = await previousLayoutDump()
    await expect(openDatabase({ dataDir: 'memory', loadDataDir: dump, previousLayout: 'keep' })).rejects.toThrow(
      /without migrations/,
    )
  })
})
