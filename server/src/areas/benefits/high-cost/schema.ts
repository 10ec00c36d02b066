/**
 * 高額介護サービス費 (介護保険法第51条; docs/high-cost.md): the first-time application of a person, the monthly runs (dry
 * run → 監督者 sign-off → commit) and the decisions they wrote (append-only: one per person and service month).
 */
import { bigint, index, integer, jsonb, pgTable, serial, text, timestamp, date, uniqueIndex } from 'drizzle-orm/pg-core'
import { persons } from '../../persons/schema'

/** 初回申請: after it, every later month is paid automatically (no new application). */
export const highCostApplications = pgTable('high_cost_applications', {
  id: serial('id').primaryKey(),
  personId: integer('person_id')
    .notNull()
    .unique()
    .references(() => persons.id),
  receivedOn: date('received_on', { mode: 'string' }).notNull(),
  idempotencyKey: text('idempotency_key').notNull().unique(),
  recordedAt: timestamp('recorded_at', { withTimezone: true, mode: 'date' }).notNull(),
  recordedBy: integer('recorded_by').notNull(),
})

export type HighCostRunStatus = 'prepared' | 'approved' | 'committed'

/** One monthly run; its computed lines (the dry run) are kept so that the commit writes what was signed off. */
export const highCostRuns = pgTable(
  'high_cost_runs',
  {
    id: serial('id').primaryKey(),
    serviceMonth: text('service_month').notNull(),
    status: text('status').$type<HighCostRunStatus>().notNull(),
    persons: integer('persons').notNull(),
    totalRefund: bigint('total_refund', { mode: 'number' }).notNull(),
    lines: jsonb('lines').notNull(),
    idempotencyKey: text('idempotency_key').notNull().unique(),
    preparedAt: timestamp('prepared_at', { withTimezone: true, mode: 'date' }).notNull(),
    preparedBy: integer('prepared_by').notNull(),
    approvedAt: timestamp('approved_at', { withTimezone: true, mode: 'date' }),
    approvedBy: integer('approved_by'),
    committedAt: timestamp('committed_at', { withTimezone: true, mode: 'date' }),
    rowVersion: integer('row_version').notNull().default(1),
  },
  (t) => [index('high_cost_runs_month_idx').on(t.serviceMonth)],
)

export type HighCostDecisionStatus = 'payable' | 'awaitingApplication' | 'excluded'

/** 支給決定 of one person and month (append-only). */
export const highCostDecisions = pgTable(
  'high_cost_decisions',
  {
    id: serial('id').primaryKey(),
    runId: integer('run_id')
      .notNull()
      .references(() => highCostRuns.id),
    personId: integer('person_id')
      .notNull()
      .references(() => persons.id),
    householdId: integer('household_id').notNull(),
    serviceMonth: text('service_month').notNull(),
    copay: bigint('copay', { mode: 'number' }).notNull(),
    householdCap: integer('household_cap').notNull(),
    individualCap: integer('individual_cap'),
    individualPart: bigint('individual_part', { mode: 'number' }).notNull(),
    householdPart: bigint('household_part', { mode: 'number' }).notNull(),
    refund: bigint('refund', { mode: 'number' }).notNull(),
    status: text('status').$type<HighCostDecisionStatus>().notNull(),
    reason: text('reason'),
    decidedAt: timestamp('decided_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [uniqueIndex('high_cost_decisions_person_month_uq').on(t.personId, t.serviceMonth)],
)
