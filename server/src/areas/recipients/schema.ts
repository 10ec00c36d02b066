/**
 * 受給者管理 (recipients) tables. 負担割合 periods are append-only (a later decision covering a date wins over an
 * earlier one: the history is every row); the yearly determination runs (dry run → 監督者の承認 → 実行) with their
 * staged results (append-only: what was signed off is what the commit writes); 負担限度額認定 and 減免 as versioned
 * records (申請 → 承認/却下); 居宅サービス計画作成依頼届出 periods (versioned: the end date is set once, no overlaps).
 * Triggers in the custom migration.
 */
import {
  bigint,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  smallint,
  text,
  timestamp,
} from 'drizzle-orm/pg-core'
import type { CopayBasis, CopayRunStatus, DecisionStatus } from '../../../../shared/api/recipients'
import { persons } from '../persons/schema'

const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' })

/** A yearly 負担割合 determination run (判定年度 8/1〜7/31). */
export const copayRuns = pgTable('recipient_copay_runs', {
  id: serial('id').primaryKey(),
  /** 8/1 of the 判定年度. */
  yearStart: date('year_start', { mode: 'string' }).notNull(),
  status: text('status').$type<CopayRunStatus>().notNull(),
  asOf: date('as_of', { mode: 'string' }).notNull(),
  /** SHA-256 over the inputs the dry run read: the sign-off is refused once it differs. */
  inputsFingerprint: text('inputs_fingerprint').notNull(),
  persons: integer('persons').notNull(),
  changed: integer('changed').notNull(),
  byRatio: jsonb('by_ratio').$type<Record<'1' | '2' | '3', number>>().notNull(),
  preparedBy: integer('prepared_by').notNull(),
  preparedName: text('prepared_name').notNull(),
  preparedAt: at('prepared_at').notNull(),
  approvedBy: integer('approved_by'),
  approvedName: text('approved_name'),
  approvedAt: at('approved_at'),
  rejectedBy: integer('rejected_by'),
  rejectionReason: text('rejection_reason'),
  rejectedAt: at('rejected_at'),
  committedAt: at('committed_at'),
})

/** The result of every person of a run (append-only), old ratio = the one in force on yearStart before the run. */
export const copayRunResults = pgTable(
  'recipient_copay_run_results',
  {
    runId: integer('run_id')
      .notNull()
      .references(() => copayRuns.id),
    personId: integer('person_id')
      .notNull()
      .references(() => persons.id),
    ratio: smallint('ratio').notNull(),
    oldRatio: smallint('old_ratio'),
    basis: jsonb('basis').$type<CopayBasis>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.personId] })],
)

/** 負担割合 periods, append-only: for a date, the latest row (highest id) covering it is the ratio in force. */
export const copayRatePeriods = pgTable(
  'recipient_copay_periods',
  {
    id: serial('id').primaryKey(),
    personId: integer('person_id')
      .notNull()
      .references(() => persons.id),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    validTo: date('valid_to', { mode: 'string' }).notNull(),
    ratio: smallint('ratio').notNull(),
    reason: text('reason').$type<'yearly' | 'redetermination'>().notNull(),
    runId: integer('run_id').references(() => copayRuns.id),
    basis: jsonb('basis').$type<CopayBasis>().notNull(),
    note: text('note'),
    decidedOn: date('decided_on', { mode: 'string' }).notNull(),
    recordedAt: at('recorded_at').notNull(),
    recordedBy: integer('recorded_by'),
  },
  (t) => [index('recipient_copay_periods_person_idx').on(t.personId, t.validFrom)],
)

/** 負担限度額認定 (補足給付): the application with its declared facts, the stage computed, the decision. */
export const reliefCertifications = pgTable(
  'recipient_relief_certifications',
  {
    id: serial('id').primaryKey(),
    personId: integer('person_id')
      .notNull()
      .references(() => persons.id),
    appliedOn: date('applied_on', { mode: 'string' }).notNull(),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    validTo: date('valid_to', { mode: 'string' }).notNull(),
    /** 預貯金等 declared (of the couple when married). */
    savings: bigint('savings', { mode: 'number' }).notNull(),
    married: boolean('married').notNull(),
    spouseTaxable: boolean('spouse_taxable').notNull(),
    /** The stage from the rules ('1', '2', '3-1', '3-2'); null = 非該当. */
    stage: text('stage'),
    basis: jsonb('basis').$type<Record<string, unknown>>().notNull(),
    status: text('status').$type<DecisionStatus>().notNull(),
    decidedOn: date('decided_on', { mode: 'string' }),
    decidedBy: integer('decided_by'),
    decisionNote: text('decision_note'),
    rowVersion: integer('row_version').notNull().default(1),
    recordedAt: at('recorded_at').notNull(),
    recordedBy: integer('recorded_by'),
  },
  (t) => [index('recipient_relief_person_idx').on(t.personId, t.validFrom)],
)

/** 減免 (利用者負担減免, 社会福祉法人等軽減, …) with approval and dates. */
export const copayReductions = pgTable(
  'recipient_copay_reductions',
  {
    id: serial('id').primaryKey(),
    personId: integer('person_id')
      .notNull()
      .references(() => persons.id),
    kind: text('kind').notNull(),
    ratePercent: smallint('rate_percent'),
    appliedOn: date('applied_on', { mode: 'string' }).notNull(),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    validTo: date('valid_to', { mode: 'string' }).notNull(),
    reason: text('reason').notNull(),
    status: text('status').$type<DecisionStatus>().notNull(),
    decidedOn: date('decided_on', { mode: 'string' }),
    decidedBy: integer('decided_by'),
    decisionNote: text('decision_note'),
    rowVersion: integer('row_version').notNull().default(1),
    recordedAt: at('recorded_at').notNull(),
    recordedBy: integer('recorded_by'),
  },
  (t) => [index('recipient_copay_reductions_person_idx').on(t.personId, t.validFrom)],
)

/** 居宅サービス計画作成依頼届出: who makes the person's care plan, from when (no overlapping periods). */
export const carePlanNotifications = pgTable(
  'recipient_care_plan_notifications',
  {
    id: serial('id').primaryKey(),
    personId: integer('person_id')
      .notNull()
      .references(() => persons.id),
    planKind: text('plan_kind').$type<'office' | 'self'>().notNull(),
    providerNumber: text('provider_number'),
    providerName: text('provider_name'),
    notifiedOn: date('notified_on', { mode: 'string' }).notNull(),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    validTo: date('valid_to', { mode: 'string' }),
    rowVersion: integer('row_version').notNull().default(1),
    recordedAt: at('recorded_at').notNull(),
    recordedBy: integer('recorded_by'),
  },
  (t) => [index('recipient_care_plan_person_idx').on(t.personId, t.validFrom)],
)
