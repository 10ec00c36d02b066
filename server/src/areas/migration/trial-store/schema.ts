/**
 * 仮移行 (trial migration) bookkeeping in the production database (docs/sources/migration.md §6 item 6): one row per
 * isolated trial store — where it lives (its own PGlite database or its own PostgreSQL database), the id of its own
 * key (the key itself is never in a database: trial-store/keys.ts), the per-table load timings, and its life cycle
 * loading → ready → replaced | erased. The trial store's personal data never enters these tables: only counts,
 * timings and hashes.
 */
import { integer, jsonb, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core'

export interface TableTiming {
  table: string
  rows: number
  milliseconds: number
}

export const migrationTrialStores = pgTable('migration_trial_stores', {
  id: serial('id').primaryKey(),
  label: text('label').notNull(),
  /** 'pglite' (a separate embedded database) or 'postgres' (a separate database on the same server). */
  storeKind: text('store_kind').notNull(),
  /** The database name (PostgreSQL) or the data directory / memory slot (PGlite) — never a production name. */
  location: text('location').notNull(),
  /** Id of the store's own AES-256 key in the key vault; the key material lives outside every database. */
  keyId: text('key_id').notNull(),
  status: text('status').notNull(),
  extractSha256: text('extract_sha256'),
  tableTimings: jsonb('table_timings').$type<TableTiming[]>().notNull(),
  rehearsal: jsonb('rehearsal').$type<Record<string, unknown> | null>(),
  createdBy: text('created_by').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  loadedAt: timestamp('loaded_at', { withTimezone: true, mode: 'date' }),
  /** When the store was dropped and its key destroyed (erasure) — by a new rehearsal or after go-live. */
  erasedAt: timestamp('erased_at', { withTimezone: true, mode: 'date' }),
  erasureReason: text('erasure_reason'),
  /** The 消去報告書 that closed it, when erased after go-live. */
  erasureReportId: integer('erasure_report_id'),
})

/**
 * The received extract files, sealed with the trial store's own key (AES-256-GCM): a rehearsal can be repeated from
 * them, and once the key is destroyed every copy of them — this table, and every backup of the production database
 * that holds it — is unreadable (cryptographic erasure, docs/sources/migration.md §4.2 NIST SP 800-88 Purge).
 */
export const migrationTrialFiles = pgTable('migration_trial_files', {
  id: serial('id').primaryKey(),
  storeId: integer('store_id').notNull(),
  fileName: text('file_name').notNull(),
  sha256: text('sha256').notNull(),
  byteCount: integer('byte_count').notNull(),
  sealed: text('sealed').notNull(),
})
