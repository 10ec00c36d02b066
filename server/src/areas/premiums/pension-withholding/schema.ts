/**
 * 特別徴収 exchange tables (docs/interfaces/pension-withholding.md, "Business"): every file received from or sent to
 * the pension insurers through the 経由機関 (by SHA-256: the same received file applies once), the 特別徴収対象者
 * of each fiscal year as received, what the ward requested per person and pension month, and the insurers' results
 * per person and month. All four are append-only (triggers in the custom migration): a later file adds rows.
 */
import {
  bigint,
  boolean,
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
import type { FileKind } from './codes'

/** One file of the exchange. A sent file keeps its bytes (base64) so that it can be downloaded again. */
export const pensionExchangeFiles = pgTable('pension_exchange_files', {
  id: serial('id').primaryKey(),
  direction: text('direction').$type<'received' | 'sent'>().notNull(),
  fileKind: text('file_kind').$type<FileKind>().notNull(),
  fiscalYear: smallint('fiscal_year').notNull(),
  fileHash: text('file_hash').notNull().unique(),
  fileName: text('file_name').notNull(),
  /** Data records of the file (persons' records, ダミーレコード included). */
  records: integer('records').notNull(),
  /** Data records matched to a person (received) or persons requested (sent). */
  matched: integer('matched').notNull(),
  unmatched: integer('unmatched').notNull(),
  content: text('content'),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  createdBy: integer('created_by'),
})

/** 特別徴収対象者情報 (notice 00 / 30): one data record as received, with the person it was matched to (or why not). */
export const pensionWithholdingTargets = pgTable(
  'pension_withholding_targets',
  {
    id: serial('id').primaryKey(),
    fileId: integer('file_id')
      .notNull()
      .references(() => pensionExchangeFiles.id),
    recordNumber: integer('record_number').notNull(),
    fiscalYear: smallint('fiscal_year').notNull(),
    personId: integer('person_id').references(() => persons.id),
    /** 'basicPensionNumber' (known from an earlier file) or 'demographics' (生年月日・性別・カナ氏名[・郵便番号]). */
    matchedBy: text('matched_by').$type<'basicPensionNumber' | 'demographics'>(),
    unmatchedReason: text('unmatched_reason'),
    noticeCode: text('notice_code').notNull(),
    category: text('category').notNull(),
    municipalityCode: text('municipality_code').notNull(),
    withholderCode: text('withholder_code').notNull(),
    basicPensionNumber: text('basic_pension_number').notNull(),
    pensionCode: text('pension_code').notNull(),
    birthDate: date('birth_date', { mode: 'string' }).notNull(),
    sex: text('sex').$type<'male' | 'female'>().notNull(),
    kanaName: text('kana_name').notNull(),
    kanjiName: text('kanji_name').notNull(),
    postalCode: text('postal_code'),
    kanaAddress: text('kana_address').notNull(),
    kanjiAddress: text('kanji_address').notNull(),
    mutualAidCertificateNumber: text('mutual_aid_certificate_number').notNull(),
    noticeDate: date('notice_date', { mode: 'string' }),
    /** 各種金額1: the annual pension amount (⚠️ our reading for notice 00/30). */
    pensionAmount: bigint('pension_amount', { mode: 'number' }).notNull(),
    amount2: bigint('amount_2', { mode: 'number' }).notNull(),
    amount3: bigint('amount_3', { mode: 'number' }).notNull(),
  },
  (t) => [
    uniqueIndex('pension_withholding_targets_file_record_uq').on(t.fileId, t.recordNumber),
    index('pension_withholding_targets_year_person_idx').on(t.fiscalYear, t.personId),
    index('pension_withholding_targets_pension_number_idx').on(t.basicPensionNumber),
  ],
)

/** What a sent file requested: one row per person, record and pension month (依頼 01, 中止 41, 変更 61). */
export const pensionWithholdingRequests = pgTable(
  'pension_withholding_requests',
  {
    id: serial('id').primaryKey(),
    fileId: integer('file_id')
      .notNull()
      .references(() => pensionExchangeFiles.id),
    recordNumber: integer('record_number').notNull(),
    personId: integer('person_id')
      .notNull()
      .references(() => persons.id),
    fiscalYear: smallint('fiscal_year').notNull(),
    noticeCode: text('notice_code').notNull(),
    category: text('category').notNull(),
    withholderCode: text('withholder_code').notNull(),
    basicPensionNumber: text('basic_pension_number').notNull(),
    pensionCode: text('pension_code').notNull(),
    /** 'YYYY-MM' of the pension payment. */
    period: text('period').notNull(),
    amount: integer('amount').notNull(),
    /** 各種年月日: the loss date of a 中止 (41). */
    noticeDate: date('notice_date', { mode: 'string' }),
  },
  (t) => [index('pension_withholding_requests_person_year_idx').on(t.personId, t.fiscalYear)],
)

/** 特別徴収結果 (notice 22): withheld or not, and why, per person and pension month. */
export const pensionWithholdingResults = pgTable(
  'pension_withholding_results',
  {
    id: serial('id').primaryKey(),
    fileId: integer('file_id')
      .notNull()
      .references(() => pensionExchangeFiles.id),
    recordNumber: integer('record_number').notNull(),
    personId: integer('person_id').references(() => persons.id),
    unmatchedReason: text('unmatched_reason'),
    fiscalYear: smallint('fiscal_year').notNull(),
    period: text('period').notNull(),
    paidOn: date('paid_on', { mode: 'string' }).notNull(),
    withholderCode: text('withholder_code').notNull(),
    basicPensionNumber: text('basic_pension_number').notNull(),
    pensionCode: text('pension_code').notNull(),
    /** 各種区分 of notice 22: 00 正常 / 01 失権 / 02 差止 / 03 支払年金額不足 / 05 他制度による中止 / 10 正常. */
    reasonCode: text('reason_code').notNull(),
    resultCode: text('result_code'),
    withheld: boolean('withheld').notNull(),
    amount: integer('amount').notNull(),
  },
  (t) => [
    uniqueIndex('pension_withholding_results_file_record_uq').on(t.fileId, t.recordNumber),
    index('pension_withholding_results_person_year_idx').on(t.personId, t.fiscalYear),
  ],
)

/**
 * The 監督者's sign-off of a sent file (特別徴収依頼 Z12, 各種異動 Z1A): a second person, never the clerk who
 * prepared it, after a step-up. Only then may its bytes be downloaded for the 経由機関. Append-only (trigger in the
 * custom migration), like the 口座振替依頼 approvals of premiums/direct-debit/.
 */
export const pensionExchangeApprovals = pgTable('pension_exchange_approvals', {
  id: serial('id').primaryKey(),
  fileId: integer('file_id')
    .notNull()
    .unique()
    .references(() => pensionExchangeFiles.id),
  approvedBy: integer('approved_by').notNull(),
  approvedAt: timestamp('approved_at', { withTimezone: true, mode: 'date' }).notNull(),
})
