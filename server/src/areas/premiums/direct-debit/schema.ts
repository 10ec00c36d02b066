/**
 * 口座振替 tables. A person's 口座 is kept as append-only revisions: revision 1 registers the account (口座振替の
 * 開始) with its validity (from/to) and reason; every change — other bank details, other dates, the stop of 口座振替
 * (an end date) — is the next revision of the same account with its reason. The latest revision counts. The 口座振替
 * 依頼 files are recorded with every installment they asked for; a re-issue for the same 振替日 is the next issue. A
 * file is handed out only once a 監督者 (a second person) has approved it. All tables are append-only (triggers in
 * the custom migrations).
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
import { premiumInstallments } from '../schema'

/** One revision of a person's 口座 (口座振替の申込). `accountId` is the id of the account's first revision. */
export const bankAccountRevisions = pgTable(
  'bank_account_revisions',
  {
    id: serial('id').primaryKey(),
    accountId: integer('account_id').notNull(),
    revision: smallint('revision').notNull(),
    personId: integer('person_id')
      .notNull()
      .references(() => persons.id),
    /** 口座振替 from this day … */
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    /** … to this day inclusive (null while it lasts; set by a stop). */
    validTo: date('valid_to', { mode: 'string' }),
    /** 金融機関コード (4) and 支店コード (3) of the 全銀協 master (ref.bankBranches). */
    bankCode: text('bank_code').notNull(),
    branchCode: text('branch_code').notNull(),
    /** 預金種目: 1 普通, 2 当座, 3 納税準備預金. */
    accountType: text('account_type').notNull(),
    accountNumber: text('account_number').notNull(),
    /** 口座名義人 in 全銀協 half-width kana, as the bank compares it. */
    holderKana: text('holder_kana').notNull(),
    action: text('action').$type<'register' | 'change' | 'stop'>().notNull(),
    reason: text('reason').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true, mode: 'date' }).notNull(),
    recordedBy: integer('recorded_by'),
  },
  (t) => [
    uniqueIndex('bank_account_revisions_account_revision_uq').on(t.accountId, t.revision),
    index('bank_account_revisions_person_idx').on(t.personId),
  ],
)

/** One 口座振替依頼 file: the 振替日, the issue (1 = first request, 2 … = explicit re-issues) and what it held. */
export const directDebitRequests = pgTable(
  'direct_debit_requests',
  {
    id: serial('id').primaryKey(),
    transferDate: date('transfer_date', { mode: 'string' }).notNull(),
    issue: smallint('issue').notNull(),
    fileName: text('file_name').notNull(),
    fileHash: text('file_hash').notNull(),
    records: integer('records').notNull(),
    totalAmount: bigint('total_amount', { mode: 'number' }).notNull(),
    /** Why a re-issue was made (null for the first issue). */
    reissueReason: text('reissue_reason'),
    /** The file's bytes, base64: handed out only after the 監督者's approval. */
    content: text('content'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    createdBy: integer('created_by'),
  },
  (t) => [uniqueIndex('direct_debit_requests_date_issue_uq').on(t.transferDate, t.issue)],
)

/** Every installment a request asked the bank to transfer, with the account revision it named. */
export const directDebitRequestItems = pgTable(
  'direct_debit_request_items',
  {
    id: serial('id').primaryKey(),
    requestId: integer('request_id')
      .notNull()
      .references(() => directDebitRequests.id),
    installmentId: integer('installment_id')
      .notNull()
      .references(() => premiumInstallments.id),
    personId: integer('person_id')
      .notNull()
      .references(() => persons.id),
    accountRevisionId: integer('account_revision_id')
      .notNull()
      .references(() => bankAccountRevisions.id),
    amount: integer('amount').notNull(),
    /** 顧客番号 of the data record (20 digits), by which the 振替結果 comes back. */
    customerNumber: text('customer_number').notNull(),
  },
  (t) => [
    uniqueIndex('direct_debit_request_items_request_installment_uq').on(t.requestId, t.installmentId),
    index('direct_debit_request_items_installment_idx').on(t.installmentId),
  ],
)

/** The 監督者's sign-off of a 口座振替依頼 file (a second person, never its preparer): the file may then be downloaded. */
export const directDebitApprovals = pgTable('direct_debit_approvals', {
  id: serial('id').primaryKey(),
  requestId: integer('request_id')
    .notNull()
    .unique()
    .references(() => directDebitRequests.id),
  approvedBy: integer('approved_by').notNull(),
  approvedAt: timestamp('approved_at', { withTimezone: true, mode: 'date' }).notNull(),
})
