/**
 * 認定調査 (docs/sources/certification.md §1.3, §2): one row per request of a case — 直営 (ward staff) or 委託 (an office
 * of the provider master) with the surveyor, the due date from the stage targets, the visit slot, reminders, the draft
 * of the 認定調査票 saved as it is typed (never loses input), and the submitted form with its linter warnings.
 * Stage events (surveyAssigned, surveyed, surveyReceived) go to certification_case_events.
 */
import { date, integer, jsonb, pgTable, serial, smallint, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'
import { certificationCases } from '../cases/schema'

export type SurveyMode = 'direct' | 'contracted'

export const certificationSurveys = pgTable(
  'certification_surveys',
  {
    id: serial('id').primaryKey(),
    caseId: integer('case_id')
      .notNull()
      .references(() => certificationCases.id),
    mode: text('mode').$type<SurveyMode>().notNull(),
    /** 委託: the office's 事業所番号 (ref.providers) and name at assignment. */
    officeNumber: text('office_number'),
    officeName: text('office_name').notNull(),
    surveyorName: text('surveyor_name').notNull(),
    assignedOn: date('assigned_on', { mode: 'string' }).notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    visitOn: date('visit_on', { mode: 'string' }),
    visitTime: text('visit_time'),
    visitPlace: text('visit_place'),
    reminderCount: smallint('reminder_count').notNull().default(0),
    lastReminderOn: date('last_reminder_on', { mode: 'string' }),
    /** The 認定調査票 as typed so far (SurveyDraft of shared/certification/survey-form.ts). */
    draft: jsonb('draft').$type<Record<string, unknown>>().notNull(),
    draftSavedAt: timestamp('draft_saved_at', { withTimezone: true, mode: 'date' }),
    /** The complete form (Survey), once submitted. */
    submitted: jsonb('submitted').$type<Record<string, unknown>>(),
    submittedOn: date('submitted_on', { mode: 'string' }),
    /** Linter warnings at submission (codes and messages; never blocking). */
    warnings: jsonb('warnings').$type<{ code: string; message: string }[]>().notNull(),
    /** 調査委託料 in yen (委託 only), from the ward's unit prices on the visit date. */
    fee: integer('fee'),
    rowVersion: integer('row_version').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
    updatedBy: integer('updated_by'),
  },
  (t) => [uniqueIndex('certification_surveys_case_uq').on(t.caseId)],
)
