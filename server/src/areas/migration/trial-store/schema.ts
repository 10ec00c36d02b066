/**
 * 仮移行 (trial migration) bookkeeping in the production database (docs/sources/migration.md §6 item 6): one row per
 * isolated trial store — where it lives (its own PGlite database or its own PostgreSQL database), the id of its own
 * key (the key itself is never in a database: trial-store/keys.ts), the per-table load timings, and its life cycle
 * loading → ready → replaced | erased. The trial store's personal data never enters these tables: only counts,
 * timings and hashes.
 */
import { bigint, date, integer, jsonb, pgTable, primaryKey, serial, text, timestamp } from 'drizzle-orm/pg-core'
import { groupOf, type DataListItem } from '../../../../../shared/migration/data-list'
import { KAIGO_WORKING_MODEL } from '../../../../../shared/migration/kaigo-working-model'

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

/**
 * The loaded business rows of a trial store, typed (dates as dates, money as integer yen, counts as integers): one
 * table per group of the working-model edition, its columns built from the edition's items, so a 突合 compares to the
 * yen and the day what the store holds — not the text the extract carried. The tables exist in every database of the
 * one journal and are filled only in a trial store (rehearsal-load.ts). Another edition brings its own tables.
 */
const columnOf = (item: DataListItem) => {
  const name = item.id.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)
  switch (item.type) {
    case 'date':
      return date(name, { mode: 'string' })
    case 'integer':
      return integer(name)
    case 'yen':
      return bigint(name, { mode: 'number' })
    default:
      return text(name)
  }
}

function loadedTable(groupId: string) {
  const group = groupOf(KAIGO_WORKING_MODEL, groupId)
  return pgTable(
    `migration_loaded_${group.id.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}`,
    {
      extractId: integer('extract_id').notNull(),
      /** The line of the row in the extract's file (the staged row it came from). */
      line: integer('line').notNull(),
      ...(Object.fromEntries(group.items.map((i) => [i.id, columnOf(i)])) as Record<
        string,
        ReturnType<typeof columnOf>
      >),
    },
    (t) => [primaryKey({ columns: [t.extractId, t.line] })],
  )
}

export const migrationLoadedPerson = loadedTable('person')
export const migrationLoadedMailingAddress = loadedTable('mailingAddress')
export const migrationLoadedInsured = loadedTable('insured')
export const migrationLoadedAssessment = loadedTable('assessment')
export const migrationLoadedPayment = loadedTable('payment')
export const migrationLoadedCertification = loadedTable('certification')

/** The typed table of each group of the working model. */
export const loadedTables = {
  person: migrationLoadedPerson,
  mailingAddress: migrationLoadedMailingAddress,
  insured: migrationLoadedInsured,
  assessment: migrationLoadedAssessment,
  payment: migrationLoadedPayment,
  certification: migrationLoadedCertification,
} as const
