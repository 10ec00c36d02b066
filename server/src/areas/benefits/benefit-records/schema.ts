/**
 * 給付実績 tables (docs/benefits.md §2, after docs/interfaces/kokuhoren.md §1.7): each 給付実績情報 file imported
 * (once per SHA-256, with its control record and the totals reconciled against it), each claim (one H1 基本情報: a
 * person, a サービス提供年月, a provider, a claim form) with its amounts, each 明細 (D1: service type and units), the
 * record kinds kept raw, and the work list of claims for persons who are not ours.
 */
import {
  bigint,
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
import { persons } from '../../persons/schema'

export const benefitRecordFiles = pgTable(
  'benefit_record_files',
  {
    id: serial('id').primaryKey(),
    fileName: text('file_name').notNull(),
    sha256: text('sha256').notNull(),
    /** Control record: 処理対象年月 'YYYY-MM', 保険者番号, ファイル管理番号, レコード件数. */
    processingMonth: text('processing_month').notNull(),
    insurerNumber: text('insurer_number').notNull(),
    fileControlNumber: text('file_control_number').notNull(),
    controlRecordCount: integer('control_record_count').notNull(),
    /** What was read: H1 claims, D1 明細, raw records; the sum of each amount over the file's H1 claims. */
    claimCount: integer('claim_count').notNull(),
    detailCount: integer('detail_count').notNull(),
    rawCount: integer('raw_count').notNull(),
    totalUnits: bigint('total_units', { mode: 'number' }).notNull(),
    totalCost: bigint('total_cost', { mode: 'number' }).notNull(),
    totalInsurerShare: bigint('total_insurer_share', { mode: 'number' }).notNull(),
    totalCopay: bigint('total_copay', { mode: 'number' }).notNull(),
    totalPublicExpense: bigint('total_public_expense', { mode: 'number' }).notNull(),
    /** Claims already present from an earlier file (same record key): not written again. */
    duplicateCount: integer('duplicate_count').notNull(),
    workCount: integer('work_count').notNull(),
    importedAt: timestamp('imported_at', { withTimezone: true, mode: 'date' }).notNull(),
    importedBy: integer('imported_by'),
  },
  (t) => [uniqueIndex('benefit_record_files_sha256_uq').on(t.sha256)],
)

/**
 * One claim (H1): the amounts are those after review (後_) when the federation gives them, else as claimed.
 * 費用額 = 保険給付額 + 公費 + 利用者負担額 (docs/benefits.md §2). A 修正 (createKind 2) replaces the claim of the same
 * claim key, a 取消 (3) cancels it: the claim in force is the latest by review month, file and line.
 */
export const benefitRecords = pgTable(
  'benefit_records',
  {
    id: serial('id').primaryKey(),
    fileId: integer('file_id')
      .notNull()
      .references(() => benefitRecordFiles.id),
    /** The source line in the file. */
    line: integer('line').notNull(),
    /** Identifies the record across files: claim key + 作成区分 + 審査年月 (re-import writes nothing). */
    recordKey: text('record_key').notNull(),
    /** The claim: 交換情報識別番号|入力識別番号|証記載保険者番号|被保険者番号|サービス提供年月|事業所番号|整理番号. */
    claimKey: text('claim_key').notNull(),
    /** Null while on the work list (not one of our insured persons). */
    personId: integer('person_id').references(() => persons.id),
    insuredNumber: text('insured_number').notNull(),
    cardInsurerNumber: text('card_insurer_number').notNull(),
    /** サービス提供年月 'YYYY-MM'. */
    serviceMonth: text('service_month').notNull(),
    providerNumber: text('provider_number').notNull(),
    exchangeId: text('exchange_id').notNull(),
    inputId: text('input_id').notNull(),
    serialNumber: text('serial_number'),
    /** 1 新規 / 2 修正 / 3 取消. */
    createKind: text('create_kind').$type<'1' | '2' | '3'>().notNull(),
    /** 1 現物 / 2 償還. */
    benefitKind: text('benefit_kind').$type<'1' | '2'>().notNull(),
    careLevel: text('care_level'),
    /** The service type (サービス種類コード) with the most units among the claim's 明細; null without 明細. */
    serviceType: text('service_type'),
    reviewMonth: text('review_month'),
    units: bigint('units', { mode: 'number' }).notNull(),
    cost: bigint('cost', { mode: 'number' }).notNull(),
    insurerShare: bigint('insurer_share', { mode: 'number' }).notNull(),
    copay: bigint('copay', { mode: 'number' }).notNull(),
    publicExpense: bigint('public_expense', { mode: 'number' }).notNull(),
    facilityRelief: bigint('facility_relief', { mode: 'number' }).notNull(),
  },
  (t) => [
    uniqueIndex('benefit_records_record_key_uq').on(t.recordKey),
    index('benefit_records_person_month_idx').on(t.personId, t.serviceMonth),
    index('benefit_records_month_idx').on(t.serviceMonth),
    index('benefit_records_claim_idx').on(t.claimKey),
  ],
)

/** One 明細 (D1) of a claim: service type, item and units. */
export const benefitRecordDetails = pgTable(
  'benefit_record_details',
  {
    id: serial('id').primaryKey(),
    recordId: integer('record_id')
      .notNull()
      .references(() => benefitRecords.id),
    line: integer('line').notNull(),
    serviceType: text('service_type').notNull(),
    serviceItem: text('service_item').notNull(),
    unitValue: integer('unit_value'),
    daysOrTimes: integer('days_or_times'),
    units: integer('units').notNull(),
  },
  (t) => [index('benefit_record_details_record_idx').on(t.recordId)],
)

/** Records of kinds or exchange ids without a layout (D2…T1, 1111–1114): kept with their key and every field. */
export const benefitRecordRaw = pgTable(
  'benefit_record_raw',
  {
    id: serial('id').primaryKey(),
    fileId: integer('file_id')
      .notNull()
      .references(() => benefitRecordFiles.id),
    line: integer('line').notNull(),
    recordKindCode: text('record_kind_code').notNull(),
    claimKey: text('claim_key').notNull(),
    insuredNumber: text('insured_number').notNull(),
    serviceMonth: text('service_month').notNull(),
    fields: jsonb('fields').$type<string[]>().notNull(),
  },
  (t) => [uniqueIndex('benefit_record_raw_file_line_uq').on(t.fileId, t.line)],
)

export type BenefitWorkReason = 'unknownInsured' | 'otherInsurer'
export type BenefitWorkStatus = 'open' | 'assigned' | 'dismissed'

/** The work list: a claim whose 被保険者番号 is not one of ours (or whose 証記載保険者番号 is another insurer's). */
export const benefitRecordWorkItems = pgTable(
  'benefit_record_work_items',
  {
    id: serial('id').primaryKey(),
    recordId: integer('record_id')
      .notNull()
      .references(() => benefitRecords.id),
    reason: text('reason').$type<BenefitWorkReason>().notNull(),
    status: text('status').$type<BenefitWorkStatus>().notNull(),
    rowVersion: smallint('row_version').notNull(),
    note: text('note'),
    decidedAt: timestamp('decided_at', { withTimezone: true, mode: 'date' }),
    decidedBy: integer('decided_by'),
  },
  (t) => [
    uniqueIndex('benefit_record_work_items_record_uq').on(t.recordId),
    index('benefit_record_work_items_status_idx').on(t.status),
  ],
)
