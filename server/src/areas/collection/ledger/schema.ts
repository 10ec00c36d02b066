/**
 * 収納 ledger tables (docs/collection.md). `collection_entries` holds one row per ledger entry of an installment
 * (person, fiscal year, method, 期): 調定 from 賦課, 収納, 還付, 充当, 不納欠損 and 延滞金, signed so that the 残高 is
 * the plain sum of the entries (shared/domain/collection-ledger.ts). Each entry carries a unique idempotency key: a
 * re-import or a retried request inserts nothing. The 還付 proposals and their decisions by a second person are
 * kept beside it. All three tables are append-only (triggers in the custom migration).
 */
import { date, index, integer, pgTable, serial, smallint, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'
import { persons } from '../../persons/schema'
import type { LedgerKind, LedgerMethod } from '../../../../../shared/domain/collection-ledger'

/** One ledger entry. */
export const collectionEntries = pgTable(
  'collection_entries',
  {
    id: serial('id').primaryKey(),
    personId: integer('person_id')
      .notNull()
      .references(() => persons.id),
    fiscalYear: smallint('fiscal_year').notNull(),
    method: text('method').$type<LedgerMethod>().notNull(),
    installmentSeq: smallint('installment_seq').notNull(),
    kind: text('kind').$type<LedgerKind>().notNull(),
    /** Integer yen, signed: 残高 = Σ amount (charge +, payment −, refund +, offset +, offsetIn −, writeOff −). */
    amount: integer('amount').notNull(),
    /** 納付日 / 充当日 / 還付日 / 調定日 (the 賦課's assessed_on) / 不納欠損日. */
    occurredOn: date('occurred_on', { mode: 'string' }).notNull(),
    /** 領収日 reported by the bank or store (null when the same as occurred_on or not known). */
    receivedOn: date('received_on', { mode: 'string' }),
    /** bank, convenience, pension, counter, directDebit, transfer (充当), assessment (調定), writeOff … */
    channel: text('channel').notNull(),
    /** Where it came from: 'intake file 12 line 34', 'counter', 'assessment 567', 'batch run 8' … */
    source: text('source').notNull(),
    idempotencyKey: text('idempotency_key').notNull(),
    batchId: text('batch_id'),
    /** 充当: the other installment ('personId:fiscalYear:method:seq'). */
    counterpart: text('counterpart'),
    recordedAt: timestamp('recorded_at', { withTimezone: true, mode: 'date' }).notNull(),
    recordedBy: integer('recorded_by'),
  },
  (t) => [
    uniqueIndex('collection_entries_idempotency_uq').on(t.idempotencyKey),
    index('collection_entries_installment_idx').on(t.personId, t.fiscalYear, t.method, t.installmentSeq),
    index('collection_entries_year_kind_idx').on(t.fiscalYear, t.kind),
    index('collection_entries_batch_idx').on(t.batchId),
  ],
)

/** 還付 proposal: the overpayment left after 充当 on one installment, waiting for a second person's decision. */
export const collectionRefundProposals = pgTable(
  'collection_refund_proposals',
  {
    id: serial('id').primaryKey(),
    personId: integer('person_id')
      .notNull()
      .references(() => persons.id),
    fiscalYear: smallint('fiscal_year').notNull(),
    method: text('method').$type<LedgerMethod>().notNull(),
    installmentSeq: smallint('installment_seq').notNull(),
    amount: integer('amount').notNull(),
    /** The day the refund right arose (the overpaying payment or the downward 更正): 介護保険法第200条 counts from it. */
    arisenOn: date('arisen_on', { mode: 'string' }).notNull(),
    proposedOn: date('proposed_on', { mode: 'string' }).notNull(),
    idempotencyKey: text('idempotency_key').notNull(),
    proposedAt: timestamp('proposed_at', { withTimezone: true, mode: 'date' }).notNull(),
    proposedBy: integer('proposed_by'),
  },
  (t) => [
    uniqueIndex('collection_refund_proposals_idempotency_uq').on(t.idempotencyKey),
    index('collection_refund_proposals_person_idx').on(t.personId),
  ],
)

/** The decision on a 還付 proposal (once), by a person other than the proposer. */
export const collectionRefundDecisions = pgTable(
  'collection_refund_decisions',
  {
    id: serial('id').primaryKey(),
    proposalId: integer('proposal_id')
      .notNull()
      .references(() => collectionRefundProposals.id),
    decision: text('decision').$type<'approve' | 'reject'>().notNull(),
    /** 口座 (a bank_account_revisions id) or 現金 (窓口). */
    payee: text('payee').$type<'account' | 'cash'>(),
    bankAccountRevisionId: integer('bank_account_revision_id'),
    reason: text('reason').notNull(),
    decidedOn: date('decided_on', { mode: 'string' }).notNull(),
    /** The refund entry written by an approval. */
    entryId: integer('entry_id').references(() => collectionEntries.id),
    decidedAt: timestamp('decided_at', { withTimezone: true, mode: 'date' }).notNull(),
    decidedBy: integer('decided_by').notNull(),
  },
  (t) => [uniqueIndex('collection_refund_decisions_proposal_uq').on(t.proposalId)],
)
