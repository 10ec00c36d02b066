/**
 * 主治医意見書 (docs/sources/certification.md §1.4, §3): one row per request of a case — the clinic and doctor (or a 指定医
 * with an examination order), the due date and reminders from the stage targets, receipt by channel (paper, OCR,
 * 介護情報基盤), the items the first decision needs (shared/certification/opinion.ts) and the 意見書作成料 by category.
 */
import {
  boolean,
  date,
  integer,
  jsonb,
  pgTable,
  serial,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core'
import { certificationCases } from '../cases/schema'

export const certificationOpinions = pgTable(
  'certification_opinions',
  {
    id: serial('id').primaryKey(),
    caseId: integer('case_id')
      .notNull()
      .references(() => certificationCases.id),
    clinicName: text('clinic_name').notNull(),
    doctorName: text('doctor_name').notNull(),
    /** 指定医 with an examination order (受診命令, 介護保険法第27条第4項). */
    designatedDoctor: boolean('designated_doctor').notNull(),
    requestedOn: date('requested_on', { mode: 'string' }).notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    reminderOn: date('reminder_on', { mode: 'string' }).notNull(),
    reminderCount: smallint('reminder_count').notNull().default(0),
    lastReminderOn: date('last_reminder_on', { mode: 'string' }),
    receivedOn: date('received_on', { mode: 'string' }),
    channel: text('channel').$type<'paper' | 'ocr' | 'kiban'>(),
    /** PhysicianOpinion of shared/certification/opinion.ts. */
    opinion: jsonb('opinion').$type<Record<string, unknown>>(),
    place: text('place').$type<'home' | 'facility'>(),
    round: text('round').$type<'new' | 'continued'>(),
    fee: integer('fee'),
    feeCode: text('fee_code'),
    rowVersion: integer('row_version').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
    updatedBy: integer('updated_by'),
  },
  (t) => [uniqueIndex('certification_opinions_case_uq').on(t.caseId)],
)
