/**
 * 介護認定審査会 (docs/sources/certification.md §1.6, §1.7): 合議体 and their members with terms and affiliations,
 * meetings (開催), the assignment of cases (割付) with the members excluded from each case (除斥), attendance (出欠),
 * and the 二次判定 — one decision per case (unique), with the validity computed by validityPeriod.
 */
import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core'
import { certificationCases } from '../cases/schema'

export const certificationPanels = pgTable('certification_panels', {
  id: serial('id').primaryKey(),
  panelName: text('panel_name').notNull(),
  reducedAllowed: boolean('reduced_allowed').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  createdBy: integer('created_by'),
})

export const certificationBoardMembers = pgTable(
  'certification_board_members',
  {
    id: serial('id').primaryKey(),
    panelId: integer('panel_id')
      .notNull()
      .references(() => certificationPanels.id),
    memberName: text('member_name').notNull(),
    profession: text('profession').notNull(),
    chair: boolean('chair').notNull(),
    psychiatrist: boolean('psychiatrist').notNull(),
    termFrom: date('term_from', { mode: 'string' }).notNull(),
    termTo: date('term_to', { mode: 'string' }).notNull(),
    /** 事業所番号 of the providers / facilities the member belongs to. */
    affiliationProviderNos: jsonb('affiliation_provider_nos').$type<string[]>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('certification_board_members_panel_idx').on(t.panelId)],
)

export const certificationMeetings = pgTable(
  'certification_meetings',
  {
    id: serial('id').primaryKey(),
    meetingNo: integer('meeting_no').notNull(),
    panelId: integer('panel_id')
      .notNull()
      .references(() => certificationPanels.id),
    heldOn: date('held_on', { mode: 'string' }).notNull(),
    venue: text('venue').notNull(),
    capacity: integer('capacity').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    uniqueIndex('certification_meetings_no_idx').on(t.meetingNo),
    index('certification_meetings_on_idx').on(t.heldOn),
  ],
)

/** 除斥 recorded on a case: members named (親族 …) and the providers serving the applicant. */
export const certificationCaseExclusions = pgTable('certification_case_exclusions', {
  caseId: integer('case_id')
    .primaryKey()
    .references(() => certificationCases.id),
  memberIds: jsonb('member_ids').$type<number[]>().notNull(),
  providerNos: jsonb('provider_nos').$type<string[]>().notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
})

export const certificationAssignments = pgTable(
  'certification_assignments',
  {
    id: serial('id').primaryKey(),
    caseId: integer('case_id')
      .notNull()
      .references(() => certificationCases.id),
    meetingId: integer('meeting_id')
      .notNull()
      .references(() => certificationMeetings.id),
    order: integer('order').notNull(),
    excludedMemberIds: jsonb('excluded_member_ids').$type<number[]>().notNull(),
    assignedAt: timestamp('assigned_at', { withTimezone: true, mode: 'date' }).notNull(),
    assignedBy: integer('assigned_by'),
  },
  (t) => [
    uniqueIndex('certification_assignments_case_idx').on(t.caseId),
    index('certification_assignments_meeting_idx').on(t.meetingId),
  ],
)

export const certificationAttendance = pgTable(
  'certification_attendance',
  {
    meetingId: integer('meeting_id')
      .notNull()
      .references(() => certificationMeetings.id),
    memberId: integer('member_id')
      .notNull()
      .references(() => certificationBoardMembers.id),
    recordedAt: timestamp('recorded_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.meetingId, t.memberId] })],
)

/** 二次判定 (or the 法第36条 decision without a board): one per case. */
export const certificationDecisions = pgTable(
  'certification_decisions',
  {
    id: serial('id').primaryKey(),
    caseId: integer('case_id')
      .notNull()
      .references(() => certificationCases.id),
    personId: integer('person_id').notNull(),
    meetingId: integer('meeting_id').references(() => certificationMeetings.id),
    withoutBoard: boolean('without_board').notNull(),
    decidedOn: date('decided_on', { mode: 'string' }).notNull(),
    result: text('result').notNull(),
    firstDecision: text('first_decision'),
    validityMonths: integer('validity_months'),
    validFrom: date('valid_from', { mode: 'string' }),
    validTo: date('valid_to', { mode: 'string' }),
    changeReason: text('change_reason').notNull(),
    stateExample: text('state_example'),
    boardOpinion: text('board_opinion').notNull(),
    serviceTypes: jsonb('service_types').$type<string[]>().notNull(),
    votesFor: integer('votes_for'),
    votesAgainst: integer('votes_against'),
    chairCast: boolean('chair_cast'),
    decidedAt: timestamp('decided_at', { withTimezone: true, mode: 'date' }).notNull(),
    decidedBy: integer('decided_by'),
  },
  (t) => [
    uniqueIndex('certification_decisions_case_idx').on(t.caseId),
    index('certification_decisions_person_idx').on(t.personId, t.validFrom),
  ],
)
