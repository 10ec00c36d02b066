/**
 * 消込 (payment intake) tables (docs/interfaces/payments.md §4): each payment file received (once per SHA-256), each
 * of its data lines with what became of it (applied to the ledger, sent to the work list, 振替不能, or already counted
 * as the 速報 of the same payment), and the work list's items with the 収納担当's decision.
 */
import {
  bigint,
  date,
  index,
  integer,
  pgTable,
  serial,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core'
import { persons } from '../../persons/schema'
import type { IntakeLineOutcome, PaymentIntakeKind, WorkItemStatus } from '../../../../../shared/api/payment-intake'
import type { LedgerMethod } from '../../../../../shared/domain/collection-ledger'
import type { WorkReason } from '../../../../../shared/domain/payment-matching'

export const paymentIntakeFiles = pgTable(
  'payment_intake_files',
  {
    id: serial('id').primaryKey(),
    kind: text('kind').$type<PaymentIntakeKind>().notNull(),
    fileName: text('file_name').notNull(),
    sha256: text('sha256').notNull(),
    lineCount: integer('line_count').notNull(),
    appliedCount: integer('applied_count').notNull(),
    appliedAmount: bigint('applied_amount', { mode: 'number' }).notNull(),
    workCount: integer('work_count').notNull(),
    workAmount: bigint('work_amount', { mode: 'number' }).notNull(),
    notTransferredCount: integer('not_transferred_count').notNull(),
    alreadyCountedCount: integer('already_counted_count').notNull(),
    importedAt: timestamp('imported_at', { withTimezone: true, mode: 'date' }).notNull(),
    importedBy: integer('imported_by'),
  },
  (t) => [uniqueIndex('payment_intake_files_sha256_uq').on(t.sha256)],
)

/** One data line of a file: the staging row, then its outcome (written in the import's transaction). */
export const paymentIntakeLines = pgTable(
  'payment_intake_lines',
  {
    id: serial('id').primaryKey(),
    fileId: integer('file_id')
      .notNull()
      .references(() => paymentIntakeFiles.id),
    line: integer('line').notNull(),
    channel: text('channel').notNull(),
    /** The payment's identity across files (速報 / 確報: the 受付番号; a bank line: file SHA-256 + line). */
    receiptKey: text('receipt_key').notNull(),
    insuredNumber: text('insured_number').notNull(),
    fiscalYear: smallint('fiscal_year').notNull(),
    installmentSeq: smallint('installment_seq').notNull(),
    amount: integer('amount').notNull(),
    paidOn: date('paid_on', { mode: 'string' }).notNull(),
    reference: text('reference').notNull(),
    detail: text('detail').notNull(),
    personId: integer('person_id').references(() => persons.id),
    method: text('method').$type<LedgerMethod>(),
    outcome: text('outcome').$type<IntakeLineOutcome>().notNull(),
    reason: text('reason').$type<WorkReason>(),
    message: text('message'),
  },
  (t) => [
    uniqueIndex('payment_intake_lines_file_line_uq').on(t.fileId, t.line),
    index('payment_intake_lines_receipt_idx').on(t.receiptKey),
  ],
)

/** The work list: a line not applied automatically, until the 収納担当 assigns it, marks it for refund or holds it. */
export const paymentWorkItems = pgTable(
  'payment_work_items',
  {
    id: serial('id').primaryKey(),
    lineId: integer('line_id')
      .notNull()
      .references(() => paymentIntakeLines.id),
    status: text('status').$type<WorkItemStatus>().notNull(),
    rowVersion: integer('row_version').notNull(),
    /** Where the payment was assigned (status 'assigned'). */
    personId: integer('person_id').references(() => persons.id),
    fiscalYear: smallint('fiscal_year'),
    method: text('method').$type<LedgerMethod>(),
    installmentSeq: smallint('installment_seq'),
    note: text('note'),
    decidedAt: timestamp('decided_at', { withTimezone: true, mode: 'date' }),
    decidedBy: integer('decided_by'),
  },
  (t) => [uniqueIndex('payment_work_items_line_uq').on(t.lineId), index('payment_work_items_status_idx').on(t.status)],
)
