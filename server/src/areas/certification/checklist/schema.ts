/**
 * 基本チェックリスト and 事業対象者 (介護保険法第115条の45第1項第1号; docs/sources/certification.md §6): the 25 answers
 * entered by a 高齢者総合相談センター with the criteria met (basicChecklistResult), append-only; and the 事業対象者
 * registrations with their dates and end reason (an end is a new version: ended_on set once).
 */
import { boolean, date, index, integer, jsonb, pgTable, real, serial, text, timestamp } from 'drizzle-orm/pg-core'
import { persons } from '../../persons/schema'

export const basicChecklists = pgTable(
  'basic_checklists',
  {
    id: serial('id').primaryKey(),
    personId: integer('person_id')
      .notNull()
      .references(() => persons.id),
    answeredOn: date('answered_on', { mode: 'string' }).notNull(),
    /** Answers 1…25, true = はい. */
    answers: jsonb('answers').$type<boolean[]>().notNull(),
    heightCm: real('height_cm'),
    weightKg: real('weight_kg'),
    criteria: jsonb('criteria').$type<string[]>().notNull(),
    programEligible: boolean('program_eligible').notNull(),
    careArea: text('care_area'),
    recordedBy: integer('recorded_by'),
    recordedAt: timestamp('recorded_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('basic_checklists_person_idx').on(t.personId, t.answeredOn)],
)

export type ProgramEndReason = 'certified' | 'noLongerEligible' | 'movedOut' | 'death' | 'request'

export const programParticipants = pgTable(
  'program_participants',
  {
    id: serial('id').primaryKey(),
    personId: integer('person_id')
      .notNull()
      .references(() => persons.id),
    checklistId: integer('checklist_id')
      .notNull()
      .references(() => basicChecklists.id),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    endedOn: date('ended_on', { mode: 'string' }),
    endReason: text('end_reason').$type<ProgramEndReason>(),
    careArea: text('care_area'),
    rowVersion: integer('row_version').notNull(),
    recordedBy: integer('recorded_by'),
    recordedAt: timestamp('recorded_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('program_participants_person_idx').on(t.personId, t.validFrom)],
)
