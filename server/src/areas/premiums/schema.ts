/**
 * 賦課 (premiums) tables. The raw resident-tax figures are kept per person and fiscal year, every 更正 as a new
 * revision; 生活保護 / 老齢福祉年金 status as dated rows; the assessment (賦課基本) of a person's year as versions with
 * their 期割. Income records, status rows, assessments and installments are append-only (triggers in the custom
 * migration): a correction is a new row, nothing is overwritten.
 */
import {
  bigint,
  boolean,
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
  AssessmentExplanation,
  AssessmentReason,
  CollectionMethod,
  WelfareStatusKind,
} from '../../../../shared/api/premiums'

/** The 住民税課税情報 files imported (by SHA-256: the same file applies once). */
export const residentTaxFiles = pgTable('resident_tax_files', {
  id: serial('id').primaryKey(),
  fileHash: text('file_hash').notNull().unique(),
  fileName: text('file_name').notNull(),
  encoding: text('encoding').notNull(),
  records: integer('records').notNull(),
  applied: integer('applied').notNull(),
  importedAt: timestamp('imported_at', { withTimezone: true, mode: 'date' }).notNull(),
  importedBy: integer('imported_by'),
})

/**
 * One resident-tax record of a person for a fiscal year (the 年度 of the tax = the 賦課年度; the income is the
 * previous calendar year's). Revision 1 is the 当初 record, each 更正 adds the next revision; the latest counts.
 */
export const residentTaxRecords = pgTable(
  'resident_tax_records',
  {
    id: serial('id').primaryKey(),
    personId: integer('person_id')
      .notNull()
      .references(() => persons.id),
    fiscalYear: smallint('fiscal_year').notNull(),
    revision: smallint('revision').notNull(),
    /** 課税区分: true = 課税, false = 非課税. */
    taxable: boolean('taxable').notNull(),
    totalIncome: bigint('total_income', { mode: 'number' }).notNull(),
    publicPensionIncome: bigint('public_pension_income', { mode: 'number' }).notNull(),
    pensionMiscIncome: bigint('pension_misc_income', { mode: 'number' }).notNull(),
    salaryIncome: bigint('salary_income', { mode: 'number' }).notNull(),
    /** Receives a 非課税年金 (遺族・障害). */
    taxExemptPension: boolean('tax_exempt_pension').notNull(),
    /** 更正年月日 of a correction (null for the 当初 record). */
    correctedOn: date('corrected_on', { mode: 'string' }),
    sourceFileId: integer('source_file_id')
      .notNull()
      .references(() => residentTaxFiles.id),
    sourceLine: integer('source_line').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true, mode: 'date' }).notNull(),
    recordedBy: integer('recorded_by'),
  },
  (t) => [uniqueIndex('resident_tax_records_person_year_rev_uq').on(t.personId, t.fiscalYear, t.revision)],
)

/** 生活保護 / 老齢福祉年金 receipt, dated (to = null while it lasts). A later row for the same start replaces it. */
export const welfareStatuses = pgTable(
  'welfare_statuses',
  {
    id: serial('id').primaryKey(),
    personId: integer('person_id')
      .notNull()
      .references(() => persons.id),
    kind: text('kind').$type<WelfareStatusKind>().notNull(),
    fromDate: date('from_date', { mode: 'string' }).notNull(),
    toDate: date('to_date', { mode: 'string' }),
    sourceFileId: integer('source_file_id')
      .notNull()
      .references(() => residentTaxFiles.id),
    sourceLine: integer('source_line').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('welfare_statuses_person_idx').on(t.personId, t.kind)],
)

/**
 * 賦課基本: one version of a person's fiscal-year assessment. Version 1 is the first assessment; every reassessment
 * (更正) is the next version with its reason. Up to two stage intervals within the year (stage, months, amount);
 * none when a correction leaves no liable month in the year.
 */
export const premiumAssessments = pgTable(
  'premium_assessments',
  {
    id: serial('id').primaryKey(),
    personId: integer('person_id')
      .notNull()
      .references(() => persons.id),
    fiscalYear: smallint('fiscal_year').notNull(),
    version: smallint('version').notNull(),
    reason: text('reason').$type<AssessmentReason>().notNull(),
    stage1: smallint('stage_1'),
    stage1From: text('stage_1_from'),
    stage1To: text('stage_1_to'),
    stage1Months: smallint('stage_1_months'),
    stage1Amount: integer('stage_1_amount'),
    stage2: smallint('stage_2'),
    stage2From: text('stage_2_from'),
    stage2To: text('stage_2_to'),
    stage2Months: smallint('stage_2_months'),
    stage2Amount: integer('stage_2_amount'),
    liableMonths: smallint('liable_months').notNull(),
    annualAmount: integer('annual_amount').notNull(),
    /** The part of the installments already due above the new amount (過誤納: collection refunds it). */
    overpaidAmount: integer('overpaid_amount').notNull(),
    /** The stage table used, e.g. 'shinjuku-provisional:FY2026 (基準額 79,200)'. */
    tableVersion: text('table_version').notNull(),
    /** The income record the stage was decided on (null when the person had none and the stage came from 生活保護). */
    taxRecordId: integer('tax_record_id').references(() => residentTaxRecords.id),
    /** Every input and step, as shown in the "why" panel and re-checkable by an auditor. */
    explanation: jsonb('explanation').$type<AssessmentExplanation>().notNull(),
    assessedOn: date('assessed_on', { mode: 'string' }).notNull(),
    assessedAt: timestamp('assessed_at', { withTimezone: true, mode: 'date' }).notNull(),
    assessedBy: integer('assessed_by'),
  },
  (t) => [uniqueIndex('premium_assessments_person_year_version_uq').on(t.personId, t.fiscalYear, t.version)],
)

/** 期割: every installment of an assessment version — 特別徴収 (pension payment month) or 普通徴収 (納期). */
export const premiumInstallments = pgTable(
  'premium_installments',
  {
    id: serial('id').primaryKey(),
    assessmentId: integer('assessment_id')
      .notNull()
      .references(() => premiumAssessments.id),
    method: text('method').$type<CollectionMethod>().notNull(),
    /** 期 (1 = July for 普通徴収; 10 … = 随時期). */
    seq: smallint('seq').notNull(),
    /** 'YYYY-MM' of the 納期 or pension payment. */
    period: text('period').notNull(),
    amount: integer('amount').notNull(),
    dueDate: date('due_date', { mode: 'string' }).notNull(),
  },
  (t) => [uniqueIndex('premium_installments_assessment_seq_uq').on(t.assessmentId, t.method, t.seq)],
)
