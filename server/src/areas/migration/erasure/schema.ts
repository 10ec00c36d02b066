/**
 * Hand-over and erasure (controls C-20, C-21, C-22; docs/sources/migration.md §4.3–§4.4): the 持出管理簿 of migration
 * media — every extract received from the legacy vendor or sent out in the standard format is one entry (media,
 * handler, approver, purpose, counts, hash, the password handed over separately) — and the 消去報告書 that close
 * them. Both are append-only (triggers in the migration): an entry is closed by a report naming it, never edited.
 */
import { integer, jsonb, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core'

export const migrationHandoverLedger = pgTable('migration_handover_ledger', {
  id: serial('id').primaryKey(),
  /** 'received' (an extract from the legacy vendor) or 'sent' (an export in the standard format). */
  direction: text('direction').notNull(),
  handedAt: timestamp('handed_at', { withTimezone: true, mode: 'date' }).notNull(),
  /** 媒体: kind and identifier (e.g. 'USB-SSD KD-M-0001', or 'LGWAN ファイル転送'). */
  media: text('media').notNull(),
  counterpart: text('counterpart').notNull(),
  handlerLogin: text('handler_login').notNull(),
  handlerName: text('handler_name').notNull(),
  approverLogin: text('approver_login').notNull(),
  approverName: text('approver_name').notNull(),
  purpose: text('purpose').notNull(),
  groups: jsonb('groups').$type<string[]>().notNull(),
  personCount: integer('person_count').notNull(),
  recordCount: integer('record_count').notNull(),
  sha256: text('sha256').notNull(),
  encryption: text('encryption').notNull(),
  /** The password travels on a separate occasion: when and how (never the password itself). */
  passwordHandedAt: timestamp('password_handed_at', { withTimezone: true, mode: 'date' }).notNull(),
  passwordChannel: text('password_channel').notNull(),
  /** The 持出申請 (export area) an outgoing entry went through. */
  exportRequestId: integer('export_request_id'),
  trialStoreId: integer('trial_store_id'),
})

export interface ErasedItem {
  what: string
  count: number
}

/** 消去報告書: what, how many, method, when, by whom, witnessed by, the verification, and the PDF as issued. */
export const migrationErasureReports = pgTable('migration_erasure_reports', {
  id: serial('id').primaryKey(),
  erasedAt: timestamp('erased_at', { withTimezone: true, mode: 'date' }).notNull(),
  target: text('target').notNull(),
  items: jsonb('items').$type<ErasedItem[]>().notNull(),
  method: text('method').notNull(),
  operatorLogin: text('operator_login').notNull(),
  operatorName: text('operator_name').notNull(),
  witnessName: text('witness_name').notNull(),
  witnessTitle: text('witness_title').notNull(),
  verification: jsonb('verification').$type<Record<string, boolean>>().notNull(),
  ledgerEntryIds: jsonb('ledger_entry_ids').$type<number[]>().notNull(),
  trialStoreId: integer('trial_store_id'),
  pdfSha256: text('pdf_sha256').notNull(),
  pdfBase64: text('pdf_base64').notNull(),
})
