/**
 * 統計・報告 tables (docs/statistics.md): the submitted versions of the 事業状況報告 (月報・年報) with their cells as
 * computed at the cut-off, who submitted them and when (append-only: a later correction never changes them, it shows
 * as a difference in the next report), the shared EUC extract templates, and the extract runs an export names.
 */
import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core'

export const statisticsReportVersions = pgTable(
  'statistics_report_versions',
  {
    id: serial('id').primaryKey(),
    /** 'monthly' (月報) | 'annual' (年報). */
    kind: text('kind').$type<'monthly' | 'annual'>().notNull(),
    /** 'YYYY-MM' of a 月報, 'YYYY' (fiscal year) of a 年報. */
    period: text('period').notNull(),
    /** 1 for the first submission of the period, 2 … for a 再提出. */
    version: integer('version').notNull(),
    baseDate: date('base_date', { mode: 'string' }).notNull(),
    /** History recorded up to the end of this day (JST) is what the report knows. */
    cutoffOn: date('cutoff_on', { mode: 'string' }).notNull(),
    cells: jsonb('cells').$type<Record<string, number | null>>().notNull(),
    checks: jsonb('checks').$type<unknown[]>().notNull(),
    /** The cells of the previous report that changed since it was submitted (訂正差異), and the note explaining them. */
    differences: jsonb('differences').$type<unknown[]>().notNull(),
    differenceNote: text('difference_note'),
    /** SHA-256 of the canonical cells (the Excel and PDF of the version print the same). */
    sha256: text('sha256').notNull(),
    submittedBy: integer('submitted_by').notNull(),
    submittedLogin: text('submitted_login').notNull(),
    submittedName: text('submitted_name').notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [uniqueIndex('statistics_report_versions_uq').on(t.kind, t.period, t.version)],
)

export const statisticsExtractTemplates = pgTable('statistics_extract_templates', {
  id: serial('id').primaryKey(),
  name: text('name').notNull(),
  /** columns, filters, groupBy (shared/api/statistics.ts ExtractDefinition$). */
  definition: jsonb('definition').$type<Record<string, unknown>>().notNull(),
  /** Shared with every holder of statistics.extract (otherwise only its author sees it). */
  shared: boolean('shared').notNull(),
  createdBy: integer('created_by').notNull(),
  createdLogin: text('created_login').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  rowVersion: integer('row_version').notNull().default(1),
  updatedLogin: text('updated_login'),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }),
  /** Why the last update was made (the update route names it). */
  updateReason: text('update_reason'),
})

export const statisticsExtractRuns = pgTable(
  'statistics_extract_runs',
  {
    id: serial('id').primaryKey(),
    templateId: integer('template_id').references(() => statisticsExtractTemplates.id),
    definition: jsonb('definition').$type<Record<string, unknown>>().notNull(),
    /** The reason that unmasked names/addresses (null: every identifying item masked). */
    reason: text('reason'),
    maskedItems: jsonb('masked_items').$type<string[]>().notNull(),
    includeProtected: boolean('include_protected').notNull(),
    personIds: jsonb('person_ids').$type<number[]>().notNull(),
    rowCount: integer('row_count').notNull(),
    ranBy: integer('ran_by').notNull(),
    ranAt: timestamp('ran_at', { withTimezone: true, mode: 'date' }).notNull(),
    baseDate: date('base_date', { mode: 'string' }).notNull(),
    ranLogin: text('ran_login'),
    /**
     * The run's CSV as exported (UTF-8 with BOM, CRLF) in base64 — text would lose the BOM on a driver that decodes it
     * away — and the SHA-256 of those bytes: the export hands over exactly these.
     */
    csvBase64: text('csv_base64'),
    sha256: text('sha256'),
  },
  (t) => [index('statistics_extract_runs_user_idx').on(t.ranBy, t.id)],
)
