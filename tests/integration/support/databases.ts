import { createHash, randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import pg from 'pg'
import { migrationsFolder, openDatabase, type DatabaseHandle } from '../../../server/src/core/db/connect'
import { ensureShippedMasters, shippedDatasets } from '../../../server/src/areas/masters'
import { demoShippedSources } from '../../../server/src/demo/shipped-sources'

export type DatabaseKind = 'pglite' | 'postgres'

/** PGlite always; PostgreSQL too when DATABASE_URL is set (CI starts a throwaway server). */
export const databaseKinds: DatabaseKind[] = process.env.DATABASE_URL ? ['pglite', 'postgres'] : ['pglite']

const tmp = resolve(import.meta.dirname, '../../../.tmp')

/**
 * What a fresh database starts from: every migration and the shipped masters (published at every server start
 * anyway; idempotent). A hash of it names the cached templates, so a new migration or master makes a new one.
 */
function templateDigest(): string {
  const hash = createHash('sha256')
  for (const file of readdirSync(migrationsFolder, { recursive: true }).map(String).sort()) {
    if (file.endsWith('.sql') || file.endsWith('.json'))
      hash.update(file).update(readFileSync(join(migrationsFolder, file)))
  }
  for (const d of shippedDatasets(demoShippedSources())) hash.update(d.dataset).update(d.contentHash)
  return hash.digest('hex').slice(0, 16)
}

async function prepareTemplate(handle: DatabaseHandle): Promise<void> {
  await ensureShippedMasters(handle.db, demoShippedSources())
}

/**
 * PGlite: a prepared data directory, dumped once and cached in .tmp/ — loading a dump takes a fraction of an
 * initdb and the migrations (test speed only; every test still gets its own fresh in-memory database).
 */
async function pgliteTemplate(): Promise<Blob> {
  const name = `pglite-template-${templateDigest()}.tar`
  const file = join(tmp, name)
  if (existsSync(file)) return new Blob([readFileSync(file)])
  const handle = await openDatabase({ dataDir: 'memory' })
  await prepareTemplate(handle)
  const dump = await handle.pglite!.dumpDataDir('none')
  await handle.close()
  mkdirSync(tmp, { recursive: true })
  const partial = `${file}.${randomBytes(4).toString('hex')}`
  writeFileSync(partial, Buffer.from(await dump.arrayBuffer()))
  renameSync(partial, file)
  for (const old of readdirSync(tmp))
    if (old.startsWith('pglite-template-') && old !== name) rmSync(join(tmp, old), { force: true })
  return dump
}

/**
 * PostgreSQL: a prepared template database (`CREATE DATABASE … TEMPLATE`, a file copy), created once per digest
 * under an advisory lock, since several test runs may share the server.
 */
async function postgresTemplate(admin: pg.Client, adminUrl: string): Promise<string> {
  const name = `kaigo_tpl_${templateDigest()}`
  await admin.query('SELECT pg_advisory_lock(20261126)')
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])
    if (exists.rowCount === 0) {
      await admin.query(`CREATE DATABASE ${name}`)
      const url = new URL(adminUrl)
      url.pathname = `/${name}`
      const handle = await openDatabase({ databaseUrl: url.toString(), dataDir: 'memory' })
      await prepareTemplate(handle)
      await handle.close()
      const stale = await admin.query(
        "SELECT datname FROM pg_database WHERE datname LIKE 'kaigo\\_tpl\\_%' AND datname <> $1",
        [name],
      )
      for (const row of stale.rows as { datname: string }[])
        await admin.query(`DROP DATABASE IF EXISTS ${row.datname}`).catch(() => undefined)
    }
  } finally {
    await admin.query('SELECT pg_advisory_unlock(20261126)')
  }
  return name
}

/** A fresh, migrated database: in-memory PGlite, or a new PostgreSQL database that `close()` drops. */
export async function freshDatabase(kind: DatabaseKind): Promise<DatabaseHandle> {
  if (kind === 'pglite') return openDatabase({ dataDir: 'memory', loadDataDir: await pgliteTemplate() })
  const adminUrl = process.env.DATABASE_URL!
  const name = `kaigo_test_${randomBytes(6).toString('hex')}`
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  const template = await postgresTemplate(admin, adminUrl)
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`)
  await admin.end()
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  const handle = await openDatabase({ databaseUrl: url.toString(), dataDir: 'memory' })
  return {
    ...handle,
    async close() {
      await handle.close()
      const drop = new pg.Client({ connectionString: adminUrl })
      await drop.connect()
      await drop.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      await drop.end()
    },
  }
}

/** The URL of the PostgreSQL database behind a handle opened by freshDatabase (for pg_dump and role tests). */
export function postgresUrlOf(handle: DatabaseHandle): string {
  const pool = (handle.db as unknown as { $client: { options: { connectionString: string } } }).$client
  return pool.options.connectionString
}
