/**
 * 一次判定 results as imported from the national software (docs/sources/certification.md §4;
 * docs/interfaces/first-decision.md): one row per case, append-only (a re-import of the same values applies nothing;
 * different values for a case already imported are refused). Never computed here.
 */
import { boolean, date, integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'
import type { StandardTimePart } from '../../../../../shared/api/certification-decisions'
import { certificationCases } from '../cases/schema'

export const certificationFirstDecisions = pgTable(
  'certification_first_decisions',
  {
    id: serial('id').primaryKey(),
    caseId: integer('case_id')
      .notNull()
      .references(() => certificationCases.id),
    decidedOn: date('decided_on', { mode: 'string' }).notNull(),
    softwareVersion: text('software_version').notNull(),
    provisional: boolean('provisional').notNull(),
    result: text('result').notNull(),
    /** 要介護認定等基準時間 in 0.1-minute units. */
    standardMinutes10: integer('standard_minutes10').notNull(),
    parts10: jsonb('parts10').$type<Record<StandardTimePart, number>>().notNull(),
    groupScores10: jsonb('group_scores10').$type<number[]>().notNull(),
    stability: text('stability').$type<'stable' | 'unstable'>(),
    dementiaProbability10: integer('dementia_probability10'),
    warningArray: text('warning_array').notNull(),
    fileName: text('file_name').notNull(),
    fileSha256: text('file_sha256').notNull(),
    line: integer('line').notNull(),
    importedAt: timestamp('imported_at', { withTimezone: true, mode: 'date' }).notNull(),
    importedBy: integer('imported_by'),
  },
  (t) => [uniqueIndex('certification_first_decisions_case_idx').on(t.caseId)],
)
