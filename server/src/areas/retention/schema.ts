/**
 * The retention batch (control C-20): one row per run (dry run → sign-off → erasure) and the records it covers.
 * Items hold internal ids and reference dates only, never names or numbers. The erasure of append-only history
 * goes through the security-definer function of the migration journal (retention_erase_eligibility_events), which
 * the history trigger lets through only for the persons of an approved run.
 */
import { date, index, integer, jsonb, pgTable, primaryKey, serial, text, timestamp } from 'drizzle-orm/pg-core'
import type { ErasableKind, RetentionRunStatus } from '../../../../shared/api/retention'

const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' })

export interface RetentionBackupRow {
  file: string
  takenAt: string
  keepUntil: string
  status: 'expired' | 'holdsErased'
}

export const retentionRuns = pgTable(
  'retention_runs',
  {
    id: serial('id').primaryKey(),
    status: text('status').$type<RetentionRunStatus>().notNull(),
    asOf: date('as_of', { mode: 'string' }).notNull(),
    preparedBy: integer('prepared_by').notNull(),
    preparedLogin: text('prepared_login').notNull(),
    preparedName: text('prepared_name').notNull(),
    preparedAt: at('prepared_at').notNull(),
    approvedBy: integer('approved_by'),
    approvedLogin: text('approved_login'),
    approvedName: text('approved_name'),
    approvedAt: at('approved_at'),
    erasedBy: integer('erased_by'),
    erasedLogin: text('erased_login'),
    erasedName: text('erased_name'),
    erasedAt: at('erased_at'),
    /** Rows erased per table, written in the erasure's transaction. */
    erasedRows: jsonb('erased_rows').$type<Record<string, number>>(),
    keptAtErasure: integer('kept_at_erasure'),
    /** Backup files reported with the run (the dry run's view; the erasure refreshes it). */
    backups: jsonb('backups').$type<RetentionBackupRow[]>().notNull(),
    rowVersion: integer('row_version').notNull().default(1),
  },
  (t) => [index('retention_runs_status_idx').on(t.status)],
)

export const retentionRunItems = pgTable(
  'retention_run_items',
  {
    runId: integer('run_id')
      .notNull()
      .references(() => retentionRuns.id),
    kind: text('kind').$type<ErasableKind>().notNull(),
    /** persons.id, intake_files.id or export_requests.id. */
    recordId: integer('record_id').notNull(),
    /** 資格喪失日, 取込日 or 申請日. */
    referenceDate: date('reference_date', { mode: 'string' }).notNull(),
    keepUntil: date('keep_until', { mode: 'string' }).notNull(),
    /** Set by the erasure: 'erased', or 'kept' when the record was no longer past retention that day. */
    outcome: text('outcome').$type<'erased' | 'kept'>(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.kind, t.recordId] })],
)
