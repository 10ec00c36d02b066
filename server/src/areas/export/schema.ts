/**
 * Export control tables (controls C-21, C-22, C-07): 持出申請 with the four-eyes approval, and the 持出管理簿
 * (exportLedger).
 */
import { integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'

export const exportRequests = pgTable('export_requests', {
  id: serial('id').primaryKey(),
  requestedBy: integer('requested_by').notNull(),
  requestedLogin: text('requested_login').notNull(),
  requestedName: text('requested_name').notNull(),
  terminalId: text('terminal_id').notNull(),
  purpose: text('purpose').notNull(),
  recordTypes: jsonb('record_types').$type<string[]>().notNull(),
  personIds: jsonb('person_ids').$type<number[]>().notNull(),
  status: text('status').notNull(),
  requestedAt: timestamp('requested_at', { withTimezone: true, mode: 'date' }).notNull(),
  approvedBy: integer('approved_by'),
  approvedLogin: text('approved_login'),
  approvedName: text('approved_name'),
  approvedAt: timestamp('approved_at', { withTimezone: true, mode: 'date' }),
  /**
   * A file another area hands to the approval path (e.g. a statistics extract's CSV): issued as is, once, after the
   * approval; null for the person exports the client writes itself.
   */
  fileName: text('file_name'),
  /** The file's bytes in base64. */
  fileBase64: text('file_base64'),
  fileSha256: text('file_sha256'),
})

/** 持出管理簿: one row per file that left the system. Append-only (trigger in the migration). */
export const exportLedger = pgTable(
  'export_ledger',
  {
    id: serial('id').primaryKey(),
    requestId: integer('request_id').notNull(),
    exportedAt: timestamp('exported_at', { withTimezone: true, mode: 'date' }).notNull(),
    handlerLogin: text('handler_login').notNull(),
    handlerName: text('handler_name').notNull(),
    approverLogin: text('approver_login').notNull(),
    approverName: text('approver_name').notNull(),
    purpose: text('purpose').notNull(),
    recordTypes: jsonb('record_types').$type<string[]>().notNull(),
    personCount: integer('person_count').notNull(),
    recordCount: integer('record_count').notNull(),
    fileSha256: text('file_sha256').notNull(),
    destination: text('destination').notNull(),
    terminalId: text('terminal_id').notNull(),
  },
  (t) => [uniqueIndex('export_ledger_request_uq').on(t.requestId)],
)
