/**
 * 仮移行 (docs/sources/migration.md §2.3, §6 item 6): a validated extract is loaded into an isolated store with its own
 * key, timed per table, and the downstream business runs on it as a rehearsal. A new rehearsal replaces the old one:
 * the previous store is dropped and its key destroyed before the new one exists, so at most one trial copy of the
 * ward is ever held.
 */
import { createHash } from 'node:crypto'
import { asc, eq, getTableColumns, getTableName, inArray, sql } from 'drizzle-orm'
import type { PgTable } from 'drizzle-orm/pg-core'
import { bulkInsertJson } from '../../../core/db/bulk-insert'
import type { Db, DatabaseHandle, Tx } from '../../../core/db/connect'
import { seal, unseal } from '../../../core/secrets'
import type { TrialKeyVault } from './keys'
import { migrationTrialFiles, migrationTrialStores, type TableTiming } from './schema'
import type { TrialStoreProvider } from './store'

export type TrialStoreRow = typeof migrationTrialStores.$inferSelect

export interface TrialEnvironment {
  provider: TrialStoreProvider
  vault: TrialKeyVault
  /** Milliseconds since an arbitrary origin, for the per-table timings (injected: performance.now in production). */
  elapsed?: () => number
}

/** Rows of one table of the loaded extract, in load order (referenced tables first). */
export interface TableLoad {
  table: PgTable
  rows: readonly Record<string, unknown>[]
}

export interface ExtractFile {
  fileName: string
  bytes: Uint8Array
}

const CHUNK = 1_000
const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex')

/** The live (not erased) trial stores, newest first. */
export async function liveTrialStores(db: Db | Tx): Promise<TrialStoreRow[]> {
  const rows = await db.select().from(migrationTrialStores).orderBy(asc(migrationTrialStores.id))
  return rows.filter((r) => r.erasedAt === null).reverse()
}

/**
 * Drops a store and destroys its key (the cryptographic erasure of every sealed copy of its extract), and marks the
 * row. The order matters: the key goes first — once it is gone nothing sealed with it can be read, whatever happens
 * to the drop.
 */
export async function dropTrialStore(
  db: Db | Tx,
  env: TrialEnvironment,
  store: TrialStoreRow,
  reason: string,
  now: Date,
): Promise<TrialStoreRow> {
  env.vault.destroy(store.keyId)
  await env.provider.drop(store.location)
  const [row] = await db
    .update(migrationTrialStores)
    .set({ status: reason === 'replaced' ? 'replaced' : 'erased', erasedAt: now, erasureReason: reason })
    .where(eq(migrationTrialStores.id, store.id))
    .returning()
  return row!
}

/**
 * A new trial store: the live ones are dropped first (a new rehearsal replaces the old), then an empty isolated
 * database with every migration and a new key is created, and the extract files are kept sealed with that key.
 */
export async function createTrialStore(
  db: Db | Tx,
  env: TrialEnvironment,
  input: { label: string; createdBy: string; now: Date; files: readonly ExtractFile[] },
): Promise<{ store: TrialStoreRow; handle: DatabaseHandle }> {
  for (const old of await liveTrialStores(db)) await dropTrialStore(db, env, old, 'replaced', input.now)
  const keyId = env.vault.create()
  const key = env.vault.get(keyId)!
  const { location, handle } = await env.provider.create()
  const manifestHash = sha256(input.files.map((f) => `${f.fileName}\t${sha256(f.bytes)}`).join('\n'))
  const [store] = await db
    .insert(migrationTrialStores)
    .values({
      label: input.label,
      storeKind: env.provider.kind,
      location,
      keyId,
      status: 'loading',
      extractSha256: manifestHash,
      tableTimings: [],
      rehearsal: null,
      createdBy: input.createdBy,
      createdAt: input.now,
    })
    .returning()
  if (input.files.length > 0)
    await db.insert(migrationTrialFiles).values(
      input.files.map((f) => ({
        storeId: store!.id,
        fileName: f.fileName,
        sha256: sha256(f.bytes),
        byteCount: f.bytes.byteLength,
        sealed: seal(key, Buffer.from(f.bytes).toString('base64')),
      })),
    )
  return { store: store!, handle }
}

/** The extract files of a store, unsealed with its key; refused once the key is destroyed. */
export async function unsealedFiles(db: Db | Tx, env: TrialEnvironment, store: TrialStoreRow): Promise<ExtractFile[]> {
  const key = env.vault.get(store.keyId)
  if (!key) throw new Error('この仮移行環境の鍵は消去済みです（暗号化消去）')
  const rows = await db.select().from(migrationTrialFiles).where(eq(migrationTrialFiles.storeId, store.id))
  return rows.map((r) => ({
    fileName: r.fileName,
    bytes: new Uint8Array(Buffer.from(unseal(key, r.sealed), 'base64')),
  }))
}

/**
 * Loads the tables into the trial store, each in one transaction of bulk inserts (1,000 rows per statement), and
 * records rows and milliseconds per table. Sequences are moved past the loaded ids so the rehearsal can add rows.
 */
export async function loadTrialStore(
  db: Db | Tx,
  env: TrialEnvironment,
  store: TrialStoreRow,
  trial: Db,
  tables: readonly TableLoad[],
  now: Date,
): Promise<TrialStoreRow> {
  const clock = env.elapsed ?? (() => performance.now())
  const timings: TableTiming[] = []
  for (const { table, rows } of tables) {
    const start = clock()
    await trial.transaction(async (tx) => {
      for (let i = 0; i < rows.length; i += CHUNK)
        await bulkInsertJson(tx, table, rows.slice(i, i + CHUNK) as PgTable['$inferInsert'][])
    })
    const name = getTableName(table)
    if ('id' in getTableColumns(table))
      await trial.execute(
        sql.raw(`SELECT setval(pg_get_serial_sequence('"${name}"', 'id'), COALESCE((SELECT max(id) FROM "${name}"), 0) + 1, false)
               WHERE pg_get_serial_sequence('"${name}"', 'id') IS NOT NULL`),
      )
    timings.push({ table: name, rows: rows.length, milliseconds: Math.round(clock() - start) })
  }
  const [row] = await db
    .update(migrationTrialStores)
    .set({ status: 'ready', tableTimings: timings, loadedAt: now })
    .where(eq(migrationTrialStores.id, store.id))
    .returning()
  return row!
}

/** Records the outcome of the downstream rehearsal on the store's row (counts and timings only). */
export async function recordRehearsal(db: Db | Tx, storeId: number, rehearsal: Record<string, unknown>) {
  await db.update(migrationTrialStores).set({ rehearsal }).where(eq(migrationTrialStores.id, storeId))
}

export async function trialStoreById(db: Db | Tx, id: number): Promise<TrialStoreRow | null> {
  const [row] = await db
    .select()
    .from(migrationTrialStores)
    .where(inArray(migrationTrialStores.id, [id]))
  return row ?? null
}
