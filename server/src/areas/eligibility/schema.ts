/**
 * Eligibility (資格) tables. History is bitemporal and append-only: every row has the date it takes effect
 * (`effective_on`) and the moment it was recorded (`recorded_at`); a correction is a new row that names the row it
 * supersedes, so "as known on date X" is the rows recorded up to X minus those superseded by rows recorded up to X.
 */
import { sql } from 'drizzle-orm'
import {
  date,
  index,
  integer,
  jsonb,
  pgTable,
  serial,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core'
import { persons } from '../persons/schema'
import type {
  EligibilityEventDetail,
  EligibilityEventKind,
  EligibilityReason,
} from '../../../../shared/eligibility/contract'

export const eligibilityEvents = pgTable(
  'eligibility_events',
  {
    id: serial('id').primaryKey(),
    personId: integer('person_id')
      .notNull()
      .references(() => persons.id),
    kind: text('kind').$type<EligibilityEventKind>().notNull(),
    /** 1 or 2 for acquisition and category change; null otherwise. */
    category: smallint('category'),
    reason: text('reason').$type<EligibilityReason>().notNull(),
    effectiveOn: date('effective_on', { mode: 'string' }).notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    /** seed | batch | intake | manual */
    source: text('source').notNull(),
    /** Facility of a 住所地特例 or 適用除外施設 period, the event that triggered a loss … */
    detail: jsonb('detail')
      .$type<EligibilityEventDetail>()
      .notNull()
      .default(sql`'{}'::jsonb`),
    /** The row this one corrects (it stays in the table, superseded from this row's recorded_at on). */
    supersedesId: integer('supersedes_id'),
    /** Idempotence: the same fact from the same source (batch day, intake record) is recorded once. */
    dedupeKey: text('dedupe_key').notNull(),
    /** Who recorded it (user id) — null for seed and batch rows started by the system. */
    recordedBy: integer('recorded_by'),
  },
  (t) => [
    uniqueIndex('eligibility_events_dedupe_uq').on(t.dedupeKey),
    index('eligibility_events_person_idx').on(t.personId, t.effectiveOn),
  ],
)

/**
 * 被保険者番号 ledger: every number ever issued, so a number is never issued twice even after its person record is
 * gone. Numbers come from insured_number_seq (see numbering.ts for the rule).
 */
export const insuredNumberIssues = pgTable('insured_number_issues', {
  insuredNumber: text('insured_number').primaryKey(),
  personId: integer('person_id').notNull(),
  issuedAt: timestamp('issued_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
})

/**
 * Manual corrections: proposed by one staff member with a reason, effective only after another
 * authorised person approves (four eyes). The approval appends the history row (nothing is overwritten); the request
 * keeps who proposed and who decided. `row_version` is named by the decision: a stale one gets 409.
 */
export const eligibilityCorrections = pgTable(
  'eligibility_corrections',
  {
    id: serial('id').primaryKey(),
    personId: integer('person_id')
      .notNull()
      .references(() => persons.id),
    /** add | replace | void */
    action: text('action').$type<'add' | 'replace' | 'void'>().notNull(),
    targetEventId: integer('target_event_id').references(() => eligibilityEvents.id),
    /** The proposed row (add, replace): kind, category, reason, effectiveOn, facility items. */
    proposed: jsonb('proposed').$type<Record<string, unknown>>(),
    reason: text('reason').notNull(),
    /** pending | approved | rejected */
    status: text('status').$type<'pending' | 'approved' | 'rejected'>().notNull(),
    rowVersion: integer('row_version').notNull().default(1),
    proposedBy: integer('proposed_by').notNull(),
    proposedAt: timestamp('proposed_at', { withTimezone: true, mode: 'date' }).notNull(),
    decidedBy: integer('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true, mode: 'date' }),
    decisionComment: text('decision_comment'),
    appliedEventId: integer('applied_event_id').references(() => eligibilityEvents.id),
  },
  (t) => [
    index('eligibility_corrections_person_idx').on(t.personId),
    index('eligibility_corrections_status_idx').on(t.status),
  ],
)
