/**
 * 減免・徴収猶予 (介護保険法第142条) tables, both append-only (triggers in the custom migration): the application as
 * recorded, and its one decision (承認, 却下 or 取下げ — the unique application id makes a second decision fail, so two
 * deciders racing cannot both win). The status of an application is derived: no decision row = 決定待ち.
 */
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
import type { ReliefKind, ReliefReason } from '../../../../../shared/domain/premium-reduction'
import { persons } from '../../persons/schema'

export interface ReliefFiguresJson {
  damagePercent: number | null
  previousIncome: number | null
  expectedIncome: number | null
}

export const premiumReliefApplications = pgTable(
  'premium_relief_applications',
  {
    id: serial('id').primaryKey(),
    personId: integer('person_id')
      .notNull()
      .references(() => persons.id),
    fiscalYear: smallint('fiscal_year').notNull(),
    kind: text('kind').$type<ReliefKind>().notNull(),
    reason: text('reason').$type<ReliefReason>().notNull(),
    /** The 普通徴収 納期 concerned; empty = every 納期 not yet due. */
    seqs: jsonb('seqs').$type<number[]>().notNull(),
    figures: jsonb('figures').$type<ReliefFiguresJson>().notNull(),
    documents: jsonb('documents').$type<string[]>().notNull(),
    receivedOn: date('received_on', { mode: 'string' }).notNull(),
    requestedDeferredUntil: date('requested_deferred_until', { mode: 'string' }),
    note: text('note').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true, mode: 'date' }).notNull(),
    recordedBy: integer('recorded_by').notNull(),
  },
  (t) => [index('premium_relief_applications_person_idx').on(t.personId, t.fiscalYear)],
)

export const premiumReliefDecisions = pgTable(
  'premium_relief_decisions',
  {
    id: serial('id').primaryKey(),
    applicationId: integer('application_id')
      .notNull()
      .references(() => premiumReliefApplications.id),
    outcome: text('outcome').$type<'approved' | 'rejected' | 'withdrawn'>().notNull(),
    /** 減免 approved: the reduction in yen (at most the 納期 concerned not yet due on the decision day). */
    reductionAmount: integer('reduction_amount'),
    /** 徴収猶予 approved: the 猶予期限 the 納期 concerned are due on. */
    deferredUntil: date('deferred_until', { mode: 'string' }),
    comment: text('comment').notNull(),
    /** The computation shown to the decider, as stored with the decision. */
    steps: jsonb('steps').$type<string[]>().notNull(),
    decidedOn: date('decided_on', { mode: 'string' }).notNull(),
    decidedAt: timestamp('decided_at', { withTimezone: true, mode: 'date' }).notNull(),
    decidedBy: integer('decided_by').notNull(),
  },
  (t) => [uniqueIndex('premium_relief_decisions_application_uq').on(t.applicationId)],
)
