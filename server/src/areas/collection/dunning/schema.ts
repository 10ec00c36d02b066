/**
 * 督促・時効・不納欠損 tables. `collection_limitation_renewals` holds one row per event that renewed the limitation of an
 * installment (督促, 分納誓約, 一部納付 — shared/domain/limitation-renewal.ts), with the day the 2 years start again;
 * `dunning_runs` one row per 督促 or 不納欠損 run (dry run → sign-off → commit) and `dunning_run_items` the
 * installments its dry run listed — what the 監督者 signed off is what the commit acts on. Renewals and items are
 * append-only (triggers in the custom migration).
 */
import {
  bigint,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  serial,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core'
import type { DunningRunKind, DunningRunStatus } from '../../../../../shared/api/dunning'
import type { CollectionMethod } from '../../../../../shared/api/premiums'
import type { LimitationRenewalKind } from '../../../../../shared/domain/limitation-renewal'
import { persons } from '../../persons/schema'

const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' })

export const limitationRenewals = pgTable(
  'collection_limitation_renewals',
  {
    id: serial('id').primaryKey(),
    personId: integer('person_id')
      .notNull()
      .references(() => persons.id),
    fiscalYear: smallint('fiscal_year').notNull(),
    method: text('method').$type<CollectionMethod>().notNull(),
    installmentSeq: smallint('installment_seq').notNull(),
    kind: text('kind').$type<LimitationRenewalKind>().notNull(),
    /** 督促状の発付日 / 誓約日 / 納付日. */
    occurredOn: date('occurred_on', { mode: 'string' }).notNull(),
    /** The day the limitation runs again from (督促: 発付日 + 10日). */
    renewedOn: date('renewed_on', { mode: 'string' }).notNull(),
    /** 'dunning run 3', 'arrears plan 12' … */
    source: text('source').notNull(),
    idempotencyKey: text('idempotency_key').notNull(),
    recordedAt: at('recorded_at').notNull(),
    recordedBy: integer('recorded_by'),
  },
  (t) => [
    uniqueIndex('collection_limitation_renewals_key_uq').on(t.idempotencyKey),
    index('collection_limitation_renewals_installment_idx').on(t.personId, t.fiscalYear, t.method, t.installmentSeq),
  ],
)

export const dunningRuns = pgTable(
  'dunning_runs',
  {
    id: serial('id').primaryKey(),
    kind: text('kind').$type<DunningRunKind>().notNull(),
    status: text('status').$type<DunningRunStatus>().notNull(),
    asOf: date('as_of', { mode: 'string' }).notNull(),
    deadline: date('deadline', { mode: 'string' }),
    feePerNotice: integer('fee_per_notice').notNull(),
    persons: integer('persons').notNull(),
    installments: integer('installments').notNull(),
    totalAmount: bigint('total_amount', { mode: 'number' }).notNull(),
    lateNotices: integer('late_notices').notNull(),
    /** SHA-256 over the listed items (installment, balance, limitation): the sign-off is refused once it differs. */
    fingerprint: text('fingerprint').notNull(),
    preparedBy: integer('prepared_by').notNull(),
    preparedName: text('prepared_name').notNull(),
    preparedAt: at('prepared_at').notNull(),
    approvedBy: integer('approved_by'),
    approvedName: text('approved_name'),
    approvedAt: at('approved_at'),
    rejectedBy: integer('rejected_by'),
    rejectedName: text('rejected_name'),
    rejectedAt: at('rejected_at'),
    rejectionReason: text('rejection_reason'),
    committedAt: at('committed_at'),
    committedBy: integer('committed_by'),
  },
  (t) => [index('dunning_runs_kind_idx').on(t.kind, t.status)],
)

export const dunningRunItems = pgTable(
  'dunning_run_items',
  {
    runId: integer('run_id')
      .notNull()
      .references(() => dunningRuns.id),
    personId: integer('person_id')
      .notNull()
      .references(() => persons.id),
    fiscalYear: smallint('fiscal_year').notNull(),
    method: text('method').$type<CollectionMethod>().notNull(),
    installmentSeq: smallint('installment_seq').notNull(),
    dueDate: date('due_date', { mode: 'string' }).notNull(),
    balance: integer('balance').notNull(),
    limitationEnd: date('limitation_end', { mode: 'string' }).notNull(),
    late: smallint('late').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.runId, t.personId, t.fiscalYear, t.method, t.installmentSeq] }),
    index('dunning_run_items_person_idx').on(t.personId),
  ],
)
