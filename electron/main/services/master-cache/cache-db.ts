/**
 * The terminal's master cache: one better-sqlite3 database in the user-profile directory (path injected; in memory
 * when none is given). It holds master rows only — never personal data (control C-07).
 *
 * - At rest (C-07): the database runs in memory; on disk there is only its serialized image sealed with the
 *   terminal's data key (AES-256-GCM, services/at-rest/data-key.ts; the key is wrapped by the OS key store). SQLCipher
 *   is not available, and a sealed image leaves nothing readable: no payload, no label, no error text, no WAL. A
 *   file sealed under another data key (profile copied from another account or machine, key store reset) is
 *   `unreadable` and rebuilt from the server; a plaintext file of the earlier layout is deleted.
 *
 * - Integrity: every row keeps the SHA-256 of its key, dates and canonical payload; every dataset the server's hash of
 *   its version. Opening the file runs SQLite's quick_check and recomputes every hash; a corrupt, tampered or
 *   foreign-schema file is deleted and recreated empty (the next sync fills it).
 * - Atomic switch: a sync's changes for all datasets are applied in ONE transaction that also checks each changed
 *   dataset's hash against the server's and moves the "last synced" pointer; on any error (or a kill) SQLite rolls
 *   the whole transaction back and the previous version stays in use.
 * - Lookups are synchronous reads that never need the network.
 */
import { hash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import type { MasterManifestEntry, MasterRowChange } from '../../../../shared/masters/api'
import { katakanaForm, normalizeKana } from '../../../../shared/text/kana'
import {
  masterCatalog,
  type MasterCategory,
  type MasterDatasetName,
  type MasterRow,
} from '../../../../shared/masters/datasets'
import { contentHash, rowHash, type Sha256Hex } from '../../../../shared/masters/hash'
import { SealedDataError, writeFileAtomic, type DataKey } from '../at-rest/data-key'

/** The sealed image of the cache database (never a plain SQLite file). */
export const CACHE_FILE_NAME = 'master-cache.sealed'
/** The plaintext SQLite file of the earlier layout (and its WAL files): deleted when found. */
export const LEGACY_CACHE_FILE_NAME = 'master-cache.sqlite3'
/** Associated data of the sealed image: a blob sealed for another purpose does not open as the cache. */
export const CACHE_SEAL_PURPOSE = 'master-cache'
/** Bumped when the file layout changes: an older file is rebuilt. */
export const CACHE_SCHEMA_VERSION = '1'

export type RebuildReason = 'corrupt' | 'tampered' | 'schema' | 'unreadable'

export const sha256Hex: Sha256Hex = (text) => hash('sha256', text, 'hex')

export interface CachedDataset {
  name: MasterDatasetName
  label: string
  category: MasterCategory
  source: string
  sample: boolean
  unverified: boolean
  version: number
  contentHash: string
  rowCount: number
}

/** One dataset's part of a sync: the server's version and the rows to write (`full` replaces all rows). */
export interface DatasetApply {
  entry: MasterManifestEntry
  full: boolean
  rows: readonly MasterRowChange[]
}

/** The rows of a dataset after a sync do not hash to the server's content hash. */
export class IntegrityMismatchError extends Error {
  constructor(readonly dataset: MasterDatasetName) {
    super(`master cache: ${dataset} does not match the server's content hash`)
    this.name = 'IntegrityMismatchError'
  }
}

class CacheInvalid extends Error {
  constructor(readonly reason: RebuildReason) {
    super(reason)
  }
}

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v TEXT NOT NULL) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS datasets (
    name TEXT PRIMARY KEY, label TEXT NOT NULL, category TEXT NOT NULL, source TEXT NOT NULL,
    sample INTEGER NOT NULL, unverified INTEGER NOT NULL, version INTEGER NOT NULL,
    content_hash TEXT NOT NULL, row_count INTEGER NOT NULL
  ) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS rows (
    dataset TEXT NOT NULL, key TEXT NOT NULL, valid_from TEXT, valid_to TEXT,
    payload TEXT NOT NULL, row_hash TEXT NOT NULL,
    PRIMARY KEY (dataset, key)
  ) WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS rows_valid_from ON rows (dataset, valid_from);
`

interface RowRecord {
  key: string
  valid_from: string | null
  valid_to: string | null
  payload: string
}

const toRow = (r: RowRecord): MasterRow => ({
  key: r.key,
  validFrom: r.valid_from,
  validTo: r.valid_to,
  payload: r.payload,
})

/**
 * The forms a typed query is looked for in the stored text (payloads are searched as they are, so a full sync writes
 * nothing extra): the typed text as katakana (shared/text/kana), and the same with small kana → large and ヂ/ヅ →
 * ジ/ズ (bank kana are written キヨウ, provider kana キョウ).
 */
export function searchForms(text: string): string[] {
  return [...new Set([katakanaForm(text), normalizeKana(text)])]
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`)

/** Directory of the cache file (the user profile) and the data key sealing it; `dir: null` keeps it in memory only. */
export type OpenOptions = ({ dir: null } | { dir: string; key: DataKey }) & { now?: () => Date }

export class MasterCacheDb {
  private db: Database.Database
  readonly path: string | null
  private readonly key: DataKey | null
  private readonly now: () => Date
  /** Set when the file was found unusable and recreated during this run. */
  rebuilt: { at: Date; reason: RebuildReason } | null = null
  /** The last write of the sealed image failed (the cache goes on in memory; the file keeps the previous image). */
  persistFailed = false

  private constructor(path: string | null, key: DataKey | null, now: () => Date) {
    this.path = path
    this.key = key
    this.now = now
    this.db = this.openVerified()
  }

  static open(options: OpenOptions): MasterCacheDb {
    const now = options.now ?? (() => new Date())
    if (options.dir === null) return new MasterCacheDb(null, null, now)
    mkdirSync(options.dir, { recursive: true, mode: 0o700 })
    // A plaintext cache of the earlier layout must not stay on the disk.
    const legacy = join(options.dir, LEGACY_CACHE_FILE_NAME)
    for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${legacy}${suffix}`, { force: true })
    return new MasterCacheDb(join(options.dir, CACHE_FILE_NAME), options.key, now)
  }

  /** The database in memory: empty, or the image of the sealed file (throws SealedDataError when it does not open). */
  private connect(): Database.Database {
    if (this.path === null || this.key === null || !existsSync(this.path)) return new Database(':memory:')
    const image = this.key.open(readFileSync(this.path), CACHE_SEAL_PURPOSE)
    return new Database(image)
  }

  /** Writes the sealed image of the database (atomically: a kill leaves the previous image). */
  private persist(db: Database.Database = this.db): void {
    if (this.path === null || this.key === null) return
    try {
      writeFileAtomic(this.path, this.key.seal(db.serialize(), CACHE_SEAL_PURPOSE))
      this.persistFailed = false
    } catch {
      // A full or read-only disk: lookups go on from memory, the file keeps the previous (verified) image.
      this.persistFailed = true
    }
  }

  /** Opens the file and checks it; a file that fails any check is deleted and recreated. */
  private openVerified(): Database.Database {
    let db: Database.Database | null = null
    try {
      db = this.connect()
      this.check(db)
      return db
    } catch (error) {
      db?.close()
      const reason = rebuildReason(error)
      this.removeFiles()
      this.rebuilt = { at: this.now(), reason }
      const fresh = this.connect()
      fresh.exec(SCHEMA)
      fresh.prepare('INSERT INTO meta (k, v) VALUES (?, ?)').run('schemaVersion', CACHE_SCHEMA_VERSION)
      // The unusable file is replaced at once by an empty sealed one (the next sync fills it).
      this.persist(fresh)
      return fresh
    }
  }

  private removeFiles(): void {
    if (this.path === null) return
    rmSync(this.path, { force: true })
  }

  /** quick_check, schema version, then every row and dataset hash. Throws CacheInvalid (or SQLite's error). */
  private check(db: Database.Database): void {
    const quick = db.pragma('quick_check', { simple: true })
    if (quick !== 'ok') throw new CacheInvalid('corrupt')
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]
    if (tables.length === 0) {
      db.exec(SCHEMA)
      db.prepare('INSERT INTO meta (k, v) VALUES (?, ?)').run('schemaVersion', CACHE_SCHEMA_VERSION)
      return
    }
    const version = tables.includes('meta')
      ? (db.prepare("SELECT v FROM meta WHERE k = 'schemaVersion'").pluck().get() as string | undefined)
      : undefined
    if (version !== CACHE_SCHEMA_VERSION) throw new CacheInvalid('schema')
    if (!this.verifyHashes(db)) throw new CacheInvalid('tampered')
  }

  /** Recomputes every row hash and every dataset hash; false when anything differs from what is stored. */
  private verifyHashes(db: Database.Database): boolean {
    const datasets = db.prepare('SELECT name, content_hash AS hash, row_count AS count FROM datasets').all() as {
      name: string
      hash: string
      count: number
    }[]
    const expected = new Map(datasets.map((d) => [d.name, d]))
    const rows = db
      .prepare('SELECT dataset, key, valid_from, valid_to, payload, row_hash FROM rows ORDER BY dataset, key')
      .iterate() as IterableIterator<RowRecord & { dataset: string; row_hash: string }>
    let current: string | null = null
    let lines: { key: string; rowHash: string }[] = []
    const close = (): boolean => {
      if (current === null) return true
      const d = expected.get(current)
      if (!d || d.count !== lines.length || contentHash(current, lines, sha256Hex) !== d.hash) return false
      expected.delete(current)
      return true
    }
    for (const r of rows) {
      if (r.dataset !== current) {
        if (!close()) return false
        current = r.dataset
        lines = []
      }
      const digest = rowHash(toRow(r), sha256Hex)
      if (digest !== r.row_hash) return false
      lines.push({ key: r.key, rowHash: digest })
    }
    if (!close()) return false
    // Datasets without rows must be empty on the server too.
    return [...expected.values()].every((d) => d.count === 0 && contentHash(d.name, [], sha256Hex) === d.hash)
  }

  /** Runs the full integrity check again (before a sync, or on demand); rebuilds the file when it fails. */
  verify(): RebuildReason | null {
    try {
      this.check(this.db)
      return null
    } catch (error) {
      const reason = rebuildReason(error)
      this.db.close()
      this.db = this.openVerified()
      return reason
    }
  }

  close(): void {
    if (this.db.open) this.db.close()
  }

  // ── sync ──────────────────────────────────────────────────────────────────────────────────────────────────────────

  /** Version and hash of every cached dataset. */
  datasets(): CachedDataset[] {
    return (
      this.db.prepare('SELECT * FROM datasets ORDER BY name').all() as {
        name: MasterDatasetName
        label: string
        category: MasterCategory
        source: string
        sample: number
        unverified: number
        version: number
        content_hash: string
        row_count: number
      }[]
    ).map((d) => ({
      name: d.name,
      label: d.label,
      category: d.category,
      source: d.source,
      sample: d.sample === 1,
      unverified: d.unverified === 1,
      version: d.version,
      contentHash: d.content_hash,
      rowCount: d.row_count,
    }))
  }

  /**
   * Applies a sync in one transaction: each dataset's rows (all of them when `full`), the check of each changed
   * dataset against the server's content hash, the removal of datasets the server no longer has, and the "last
   * synced" time. Throws {@link IntegrityMismatchError} (nothing applied) when a dataset does not hash right.
   * `beforeCommit` is a test seam (e.g. to kill the process mid-transaction).
   */
  apply(changes: readonly DatasetApply[], removed: readonly string[], options: { beforeCommit?(): void } = {}): void {
    const db = this.db
    const deleteAll = db.prepare('DELETE FROM rows WHERE dataset = ?')
    const deleteOne = db.prepare('DELETE FROM rows WHERE dataset = ? AND key = ?')
    const upsert = db.prepare(
      'INSERT OR REPLACE INTO rows (dataset, key, valid_from, valid_to, payload, row_hash) VALUES (?, ?, ?, ?, ?, ?)',
    )
    const hashes = db.prepare('SELECT key, row_hash AS rowHash FROM rows WHERE dataset = ? ORDER BY key')
    const saveDataset = db.prepare(
      `INSERT OR REPLACE INTO datasets (name, label, category, source, sample, unverified, version, content_hash, row_count)
       VALUES (@name, @label, @category, @source, @sample, @unverified, @version, @contentHash, @rowCount)`,
    )
    const deleteDataset = db.prepare('DELETE FROM datasets WHERE name = ?')
    db.transaction(() => {
      for (const change of changes) {
        const name = change.entry.name
        if (change.full) deleteAll.run(name)
        for (const row of change.rows) {
          if (row.payload === null) {
            deleteOne.run(name, row.key)
            continue
          }
          const r: MasterRow = { key: row.key, validFrom: row.validFrom, validTo: row.validTo, payload: row.payload }
          upsert.run(name, r.key, r.validFrom, r.validTo, r.payload, rowHash(r, sha256Hex))
        }
        const lines = hashes.all(name) as { key: string; rowHash: string }[]
        if (
          lines.length !== change.entry.rowCount ||
          contentHash(name, lines, sha256Hex) !== change.entry.contentHash
        ) {
          throw new IntegrityMismatchError(name)
        }
        const info = masterCatalog[name]
        saveDataset.run({
          name,
          label: info.label,
          category: info.category,
          source: change.entry.source,
          sample: change.entry.sample ? 1 : 0,
          unverified: change.entry.unverified ? 1 : 0,
          version: change.entry.version,
          contentHash: change.entry.contentHash,
          rowCount: change.entry.rowCount,
        })
      }
      for (const name of removed) {
        deleteAll.run(name)
        deleteDataset.run(name)
      }
      this.setMeta('lastSyncedAt', this.now().toISOString())
      this.setMeta('lastError', '')
      options.beforeCommit?.()
    })()
    this.persist()
  }

  /** A sync found the cache equal to the server: only the "last synced" time moves. */
  markSynced(): void {
    this.db.transaction(() => {
      this.setMeta('lastSyncedAt', this.now().toISOString())
      this.setMeta('lastError', '')
    })()
    this.persist()
  }

  recordAttempt(error: string | null): void {
    this.db.transaction(() => {
      this.setMeta('lastAttemptAt', this.now().toISOString())
      if (error !== null) this.setMeta('lastError', error)
    })()
    this.persist()
  }

  private setMeta(k: string, v: string): void {
    this.db.prepare('INSERT OR REPLACE INTO meta (k, v) VALUES (?, ?)').run(k, v)
  }

  meta(k: 'lastSyncedAt' | 'lastAttemptAt' | 'lastError'): string | null {
    const v = this.db.prepare('SELECT v FROM meta WHERE k = ?').pluck().get(k) as string | undefined
    return v ? v : null
  }

  // ── lookups (offline) ─────────────────────────────────────────────────────────────────────────────────────────────

  get(dataset: MasterDatasetName, key: string): MasterRow | null {
    const r = this.db
      .prepare('SELECT key, valid_from, valid_to, payload FROM rows WHERE dataset = ? AND key = ?')
      .get(dataset, key) as RowRecord | undefined
    return r ? toRow(r) : null
  }

  latestFrom(dataset: MasterDatasetName, on: string, keyPrefix = ''): MasterRow | null {
    const r = this.db
      .prepare(
        `SELECT key, valid_from, valid_to, payload FROM rows
         WHERE dataset = ? AND valid_from IS NOT NULL AND valid_from <= ? AND substr(key, 1, ?) = ?
         ORDER BY valid_from DESC, key DESC LIMIT 1`,
      )
      .get(dataset, on, keyPrefix.length, keyPrefix) as RowRecord | undefined
    return r ? toRow(r) : null
  }

  /**
   * Rows whose key starts with `text` or whose name, kana or other text contains it (hiragana and half-width typing
   * accepted), in key order; `on` keeps only rows valid on that date. Returns one row more than `limit` when there
   * are more.
   */
  search(dataset: MasterDatasetName, text: string, on: string | null, limit: number): MasterRow[] {
    const [first, second = first] = searchForms(text).map((f) => `%${escapeLike(f)}%`)
    const rows = this.db
      .prepare(
        `SELECT key, valid_from, valid_to, payload FROM rows
         WHERE dataset = ?
           AND (key LIKE ? ESCAPE '\\' OR payload LIKE ? ESCAPE '\\' OR payload LIKE ? ESCAPE '\\')
           AND (? IS NULL OR ((valid_from IS NULL OR valid_from <= ?) AND (valid_to IS NULL OR valid_to >= ?)))
         ORDER BY key LIMIT ?`,
      )
      .all(dataset, `${escapeLike(text.trim())}%`, first, second, on, on, on, limit + 1) as RowRecord[]
    return rows.map(toRow)
  }

  /** Bytes of the sealed cache file (0 in memory or before the first write). */
  fileBytes(): number {
    if (this.path === null || !existsSync(this.path)) return 0
    return statSync(this.path).size
  }
}

function rebuildReason(error: unknown): RebuildReason {
  if (error instanceof CacheInvalid) return error.reason
  if (error instanceof SealedDataError)
    return error.reason === 'otherKey' ? 'unreadable' : error.reason === 'tampered' ? 'tampered' : 'corrupt'
  return 'corrupt'
}
