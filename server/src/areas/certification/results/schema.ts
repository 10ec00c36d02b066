/**
 * Results of 要介護認定 (docs/sources/certification.md §1.8, §1.9): the 受給者台帳 (one row per certification, with
 * its level and validity — the history is the rows of a person), the notices issued (認定結果通知書, 却下, 延期 with
 * its number and expected period), and the 受給者異動 queue for the 国保連 (filled here, sent by the benefits area).
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
import { persons } from '../../persons/schema'
import { certificationCases } from '../cases/schema'

export const certifiedPersons = pgTable(
  'certified_persons',
  {
    id: serial('id').primaryKey(),
    personId: integer('person_id')
      .notNull()
      .references(() => persons.id),
    caseId: integer('case_id').references(() => certificationCases.id),
    level: text('level').notNull(),
    decidedOn: date('decided_on', { mode: 'string' }).notNull(),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    validTo: date('valid_to', { mode: 'string' }).notNull(),
    boardOpinion: text('board_opinion').notNull(),
    serviceTypes: jsonb('service_types').$type<string[]>().notNull(),
    withoutBoard: boolean('without_board').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    index('certified_persons_person_idx').on(t.personId, t.validFrom),
    uniqueIndex('certified_persons_case_idx').on(t.caseId),
  ],
)

export const certificationNotices = pgTable(
  'certification_notices',
  {
    id: serial('id').primaryKey(),
    caseId: integer('case_id')
      .notNull()
      .references(() => certificationCases.id),
    kind: text('kind').$type<'result' | 'rejection' | 'delay'>().notNull(),
    /** Running number per case and kind (a second 延期通知 is number 2). */
    number: integer('number').notNull(),
    issuedOn: date('issued_on', { mode: 'string' }).notNull(),
    reason: text('reason').notNull(),
    expectedTo: date('expected_to', { mode: 'string' }),
    issuedAt: timestamp('issued_at', { withTimezone: true, mode: 'date' }).notNull(),
    issuedBy: integer('issued_by'),
  },
  (t) => [index('certification_notices_case_idx').on(t.caseId, t.kind)],
)

/** 受給者異動 to the 国保連: queued at the decision, sent (sentAt) by the benefits area. */
export const recipientChangeQueue = pgTable(
  'recipient_change_queue',
  {
    id: serial('id').primaryKey(),
    personId: integer('person_id')
      .notNull()
      .references(() => persons.id),
    caseId: integer('case_id').references(() => certificationCases.id),
    /** 'certified' (新規・更新・変更の認定), 'notApplicable'. */
    changeKind: text('change_kind').notNull(),
    effectiveOn: date('effective_on', { mode: 'string' }).notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    queuedOn: date('queued_on', { mode: 'string' }).notNull(),
    queuedAt: timestamp('queued_at', { withTimezone: true, mode: 'date' }).notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [index('recipient_change_queue_pending_idx').on(t.sentAt, t.queuedOn)],
)
