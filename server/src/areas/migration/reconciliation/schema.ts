/**
 * 突合 (reconciliation, docs/sources/migration.md §2.4): each run is a numbered report version with its SHA-256 (the
 * evidence the 移行判定 names), and one row per difference with both values. Explanations and 監督者 sign-offs are
 * separate append-only rows, so the report a committee saw can never change underneath it.
 */
import { integer, jsonb, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core'

export interface ReconciliationLine {
  key: string
  label: string
  scope: 'count' | 'money'
  expected: number | null
  staged: number
  loaded: number
  difference: number
}

export const migrationReconciliationReports = pgTable('migration_reconciliation_reports', {
  id: serial('id').primaryKey(),
  trialStoreId: integer('trial_store_id'),
  version: integer('version').notNull(),
  /** What the store was reconciled against: the extract's own figures, or this (production) database itself. */
  against: text('against').$type<'extract' | 'production'>().notNull().default('extract'),
  createdBy: text('created_by').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  /** The report's lines (shared/api/migration.ts MigrationReconciliationLine$): counts and money apart. */
  counts: jsonb('counts').$type<ReconciliationLine[]>().notNull(),
  money: jsonb('money').$type<ReconciliationLine[]>().notNull(),
  personChecks: integer('person_checks').notNull(),
  differenceCount: integer('difference_count').notNull(),
  sha256: text('sha256').notNull(),
})

export const migrationDifferences = pgTable('migration_differences', {
  id: serial('id').primaryKey(),
  reportId: integer('report_id').notNull(),
  /** 'count', 'money' or 'person'. */
  scope: text('scope').notNull(),
  key: text('key').notNull(),
  /** The person's 被保険者番号 for a person difference (the drill-down), else null. */
  insuredNumber: text('insured_number'),
  item: text('item').notNull(),
  legacyValue: text('legacy_value').notNull(),
  loadedValue: text('loaded_value').notNull(),
  /** 'ruleDifference' / 'legacyDefect' when a documented rule explains it, else null (a 監督者 must sign it off). */
  explanation: text('explanation'),
  explanationText: text('explanation_text'),
})

export const migrationDifferenceSignoffs = pgTable('migration_difference_signoffs', {
  id: serial('id').primaryKey(),
  differenceId: integer('difference_id').notNull(),
  supervisorLogin: text('supervisor_login').notNull(),
  supervisorName: text('supervisor_name').notNull(),
  signedAt: timestamp('signed_at', { withTimezone: true, mode: 'date' }).notNull(),
  comment: text('comment').notNull(),
})

/** The 監督者's sign-off of a whole report version (append-only): the 移行判定 needs one for the report it names. */
export const migrationReconciliationSignoffs = pgTable('migration_reconciliation_signoffs', {
  id: serial('id').primaryKey(),
  reportId: integer('report_id').notNull(),
  reportSha256: text('report_sha256').notNull(),
  supervisorLogin: text('supervisor_login').notNull(),
  supervisorName: text('supervisor_name').notNull(),
  signedAt: timestamp('signed_at', { withTimezone: true, mode: 'date' }).notNull(),
  comment: text('comment').notNull(),
})
