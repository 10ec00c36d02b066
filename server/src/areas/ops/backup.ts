/**
 * Backup and restore of both databases (controls C-09, C-27; docs/operations.md). A backup is the database
 * file plus a manifest with the row count and a digest of every table, taken from the same snapshot; a restore
 * checks the restored database against the manifest, so every committed record is proven to have come back.
 *
 * - PGlite (embedded): the data directory as a tarball (`dumpDataDir`), restored with `loadDataDir` into a new
 *   directory. The server must be stopped (PGlite is single-process).
 * - PostgreSQL: `pg_dump -Fc` from an exported snapshot (the digests come from the same snapshot, so the server
 *   keeps running), restored with `pg_restore` into an empty database.
 */
import { spawn } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { sql } from 'drizzle-orm'
import pg from 'pg'
import type { Db, DatabaseHandle } from '../../core/db/connect'
import { openDatabase } from '../../core/db/connect'

export interface TableDigest {
  rows: number
  /** MD5 over the text form of every row, in a canonical order. */
  digest: string
}

export interface BackupManifest {
  format: 'kaigo-desk-backup-v1'
  kind: 'pglite' | 'postgres'
  createdAt: string
  tables: Record<string, TableDigest>
}

type Queryable = { query(text: string): Promise<{ rows: Record<string, unknown>[] }> }

const TABLES_SQL = `SELECT table_schema AS s, table_name AS t FROM information_schema.tables
  WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1, 2`
const quote = (name: string) => `"${name.replace(/"/g, '""')}"`

async function digestsWith(run: Queryable): Promise<Record<string, TableDigest>> {
  const tables = (await run.query(TABLES_SQL)).rows as { s: string; t: string }[]
  const out: Record<string, TableDigest> = {}
  for (const { s, t } of tables) {
    const [row] = (
      await run.query(
        `SELECT count(*)::int AS n, md5(coalesce(string_agg(x::text, E'\\n' ORDER BY x::text), '')) AS d FROM ${quote(s)}.${quote(t)} x`,
      )
    ).rows
    out[`${s}.${t}`] = { rows: Number(row!.n), digest: String(row!.d) }
  }
  return out
}

const viaDrizzle = (db: Db): Queryable => ({
  query: async (text) => (await db.execute(sql.raw(text))) as unknown as { rows: Record<string, unknown>[] },
})

/** Row count and digest of every table of the database. */
export const tableDigests = (db: Db) => digestsWith(viaDrizzle(db))

/** Compares a database with a manifest: the tables whose rows differ (empty when everything came back). */
export function compareDigests(expected: Record<string, TableDigest>, actual: Record<string, TableDigest>): string[] {
  const names = new Set([...Object.keys(expected), ...Object.keys(actual)])
  return [...names]
    .sort()
    .filter((n) => expected[n]?.rows !== actual[n]?.rows || expected[n]?.digest !== actual[n]?.digest)
}

const manifestPath = (file: string) => `${file}.manifest.json`

export function readManifest(file: string): BackupManifest {
  const manifest = JSON.parse(readFileSync(manifestPath(file), 'utf8')) as BackupManifest
  if (manifest.format !== 'kaigo-desk-backup-v1') throw new Error('バックアップのマニフェスト形式が不明です')
  return manifest
}

/** The newest pg_dump/pg_restore: KAIGO_PG_BIN, else /usr/lib/postgresql/<newest>/bin, else PATH. */
export function postgresTool(name: 'pg_dump' | 'pg_restore'): string {
  if (process.env.KAIGO_PG_BIN) return `${process.env.KAIGO_PG_BIN}/${name}`
  const root = '/usr/lib/postgresql'
  if (existsSync(root)) {
    const versions = readdirSync(root)
      .filter((v) => existsSync(`${root}/${v}/bin/${name}`))
      .sort((a, b) => Number(b) - Number(a))
    if (versions[0]) return `${root}/${versions[0]}/bin/${name}`
  }
  return name
}

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] })
    let stderr = ''
    child.stderr.on('data', (c: Buffer) => void (stderr += c.toString('utf8')))
    child.on('error', reject)
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} exited with ${code}: ${stderr.trim().slice(0, 500)}`)),
    )
  })
}

/** PGlite: the whole data directory as a gzip tarball, and its manifest. */
export async function backupPglite(handle: DatabaseHandle, file: string, now = new Date()): Promise<BackupManifest> {
  if (!handle.pglite) throw new Error('not an embedded database')
  const tables = await tableDigests(handle.db)
  const dump = await handle.pglite.dumpDataDir('gzip')
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()), { mode: 0o600 })
  const manifest: BackupManifest = {
    format: 'kaigo-desk-backup-v1',
    kind: 'pglite',
    createdAt: now.toISOString(),
    tables,
  }
  writeFileSync(manifestPath(file), JSON.stringify(manifest, null, 2) + '\n', { mode: 0o600 })
  return manifest
}

/** PGlite: a new data directory (or 'memory') from a backup, checked against its manifest. */
export async function restorePglite(
  file: string,
  dataDir: string,
): Promise<{ handle: DatabaseHandle; differences: string[] }> {
  const manifest = readManifest(file)
  if (manifest.kind !== 'pglite') throw new Error('PostgreSQL のバックアップは pg_restore で復元します')
  if (dataDir !== 'memory' && existsSync(dataDir) && readdirSync(dataDir).length > 0)
    throw new Error(`復元先 ${dataDir} は空ではありません（上書きはしません）`)
  const blob = new Blob([readFileSync(file)])
  // Exactly what was backed up, also a backup of the previous migration layout (adopted afterwards, once).
  const handle = await openDatabase({ dataDir, loadDataDir: blob, migrate: false, previousLayout: 'keep' })
  return { handle, differences: compareDigests(manifest.tables, await tableDigests(handle.db)) }
}

/**
 * PostgreSQL: pg_dump (custom format) from an exported snapshot; the manifest's digests come from the same
 * snapshot, so writes during the backup can neither be half in the dump nor missing from the manifest.
 */
export async function backupPostgres(url: string, file: string, now = new Date()): Promise<BackupManifest> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY')
    const snapshot = String((await client.query('SELECT pg_export_snapshot() AS s')).rows[0]!.s)
    const tables = await digestsWith(client)
    await run(postgresTool('pg_dump'), [
      '--format=custom',
      `--snapshot=${snapshot}`,
      '--no-owner',
      `--file=${file}`,
      url,
    ])
    await client.query('COMMIT')
    const manifest: BackupManifest = {
      format: 'kaigo-desk-backup-v1',
      kind: 'postgres',
      createdAt: now.toISOString(),
      tables,
    }
    writeFileSync(manifestPath(file), JSON.stringify(manifest, null, 2) + '\n', { mode: 0o600 })
    return manifest
  } finally {
    await client.end()
  }
}

/** PostgreSQL: pg_restore into an empty database, checked against the manifest. */
export async function restorePostgres(file: string, url: string): Promise<{ differences: string[] }> {
  const manifest = readManifest(file)
  if (manifest.kind !== 'postgres') throw new Error('PGlite のバックアップは PGlite に復元します')
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    const existing = await client.query(
      `SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema')`,
    )
    if (Number(existing.rows[0]!.n) > 0) throw new Error('復元先のデータベースは空ではありません（上書きはしません）')
    await run(postgresTool('pg_restore'), ['--exit-on-error', '--no-owner', `--dbname=${url}`, file])
    return { differences: compareDigests(manifest.tables, await digestsWith(client)) }
  } finally {
    await client.end()
  }
}
