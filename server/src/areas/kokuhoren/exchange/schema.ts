/**
 * The 国保連 exchange of the 受給者台帳 (docs/kokuhoren-exchange.md): the monthly 受給者異動連絡票 (531) sends (dry run →
 * 監督者 sign-off → commit, the file stored with its SHA-256), the records each committed send holds (insert-only: what
 * went to the 国保連), the 受給者情報更新結果 files imported (one per SHA-256) and their records — the rejected ones are
 * the work list (open → resolved, versioned).
 */
import { date, index, integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'
import type { SendRound } from '../../../../../shared/api/kokuhoren'
import { persons } from '../../persons/schema'
import type { RecipientChangeNotice } from '../recipient-change-layout'

const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' })

export type SendStatus = 'awaitingApproval' | 'approved' | 'rejected' | 'committed'

/** One record the dry run will write: a person's 531 snapshot on a 異動年月日 and the queue rows it carries. */
export interface PlannedRecord {
  personId: number
  name: string
  queueIds: number[]
  changes: string[]
  notice: RecipientChangeNotice
}

/** A person held back by the dry run (fail-closed): the reasons in Japanese; the queue rows stay unsent. */
export interface RefusedRecord {
  personId: number
  insuredNumber: string | null
  name: string
  changedOn: string
  queueIds: number[]
  problems: string[]
}

/** A monthly send of a 処理対象年月 (初回分 or 追加分). */
export const kokuhorenSends = pgTable(
  'kokuhoren_sends',
  {
    id: serial('id').primaryKey(),
    /** 処理対象年月 'YYYY-MM'. */
    processingMonth: text('processing_month').notNull(),
    round: text('round').$type<SendRound>().notNull(),
    /** The round's cut-off (ward parameter): the commit is refused after it. */
    cutoffOn: date('cutoff_on', { mode: 'string' }).notNull(),
    status: text('status').$type<SendStatus>().notNull(),
    asOf: date('as_of', { mode: 'string' }).notNull(),
    insurerNumber: text('insurer_number').notNull(),
    /** SHA-256 over what the dry run planned: the sign-off and the commit are refused once it differs. */
    inputsFingerprint: text('inputs_fingerprint').notNull(),
    planned: jsonb('planned').$type<PlannedRecord[]>().notNull(),
    refusals: jsonb('refusals').$type<RefusedRecord[]>().notNull(),
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
    /** ファイル管理番号 of the month (1, 2, … in commit order). */
    fileControlNumber: integer('file_control_number'),
    fileName: text('file_name'),
    /** The 531 file (CP932, CRLF), base64; written by the commit only. */
    content: text('content'),
    sha256: text('sha256'),
  },
  (t) => [
    index('kokuhoren_sends_month_idx').on(t.processingMonth, t.id),
    uniqueIndex('kokuhoren_sends_file_uq').on(t.processingMonth, t.fileControlNumber),
  ],
)

/** Every 531 record a committed send holds (insert-only), for matching the 更新結果. */
export const kokuhorenSentRecords = pgTable(
  'kokuhoren_sent_records',
  {
    id: serial('id').primaryKey(),
    sendId: integer('send_id')
      .notNull()
      .references(() => kokuhorenSends.id),
    /** The record's line in the file (2 = the first data record). */
    line: integer('line').notNull(),
    personId: integer('person_id')
      .notNull()
      .references(() => persons.id),
    insuredNumber: text('insured_number').notNull(),
    changedOn: date('changed_on', { mode: 'string' }).notNull(),
    changeKind: text('change_kind').notNull(),
    changeReason: text('change_reason').notNull(),
    queueIds: jsonb('queue_ids').$type<number[]>().notNull(),
    notice: jsonb('notice').$type<RecipientChangeNotice>().notNull(),
  },
  (t) => [
    index('kokuhoren_sent_records_key_idx').on(t.insuredNumber, t.changedOn, t.changeReason),
    index('kokuhoren_sent_records_person_idx').on(t.personId),
  ],
)

/** A 受給者情報更新結果情報 file imported (all or nothing; the same file once). */
export const kokuhorenUpdateImports = pgTable('kokuhoren_update_imports', {
  id: serial('id').primaryKey(),
  fileName: text('file_name').notNull(),
  sha256: text('sha256').notNull().unique(),
  processingMonth: text('processing_month').notNull(),
  records: integer('records').notNull(),
  accepted: integer('accepted').notNull(),
  rejected: integer('rejected').notNull(),
  unmatched: integer('unmatched').notNull(),
  importedBy: integer('imported_by'),
  importedAt: at('imported_at').notNull(),
})

export type UpdateResultStatus = 'accepted' | 'open' | 'resolved'

/** One record of an imported 更新結果: accepted, or rejected (the work list: open → resolved). */
export const kokuhorenUpdateResults = pgTable(
  'kokuhoren_update_results',
  {
    id: serial('id').primaryKey(),
    importId: integer('import_id')
      .notNull()
      .references(() => kokuhorenUpdateImports.id),
    line: integer('line').notNull(),
    sentRecordId: integer('sent_record_id').references(() => kokuhorenSentRecords.id),
    personId: integer('person_id').references(() => persons.id),
    insuredNumber: text('insured_number').notNull(),
    changedOn: date('changed_on', { mode: 'string' }).notNull(),
    changeReason: text('change_reason').notNull(),
    /** 処理結果区分: 1 正常 / 2 エラー. */
    resultKind: text('result_kind').notNull(),
    errorCodes: jsonb('error_codes').$type<string[]>().notNull(),
    status: text('status').$type<UpdateResultStatus>().notNull(),
    resolvedBy: integer('resolved_by'),
    resolvedName: text('resolved_name'),
    resolvedAt: at('resolved_at'),
    resolution: text('resolution'),
    /** The recipient_change_queue row the resolution queued (the next send carries it). */
    requeuedId: integer('requeued_id'),
    rowVersion: integer('row_version').notNull().default(1),
  },
  (t) => [
    index('kokuhoren_update_results_status_idx').on(t.status, t.id),
    index('kokuhoren_update_results_sent_idx').on(t.sentRecordId),
  ],
)
