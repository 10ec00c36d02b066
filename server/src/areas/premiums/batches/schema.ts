/**
 * 賦課バッチ tables: one row per run (dry run → sign-off → commit), the staged result of every person whose commit
 * writes a new version (computed by the dry run, written in bulk), and one row per committed chunk. The staged
 * results and the chunk rows are append-only (triggers in the custom migration): what the 監督者 signed off is what
 * the commit writes, and a committed chunk is never redone.
 */
import {
  bigint,
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
  uniqueIndex,
} from 'drizzle-orm/pg-core'
import type { BatchKind, BatchRunStatus, BatchStageTotal } from '../../../../../shared/api/premium-batches'
import type { AssessmentExplanation, AssessmentReason, CollectionMethod } from '../../../../../shared/api/premiums'
import { persons } from '../../persons/schema'
import { premiumAssessments, residentTaxRecords } from '../schema'

const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' })

/**
 * An explanation as a batch stores it: the part every person of the run shares (the ward table and its ⚠️ unverified
 * entries) is a reference to premium_explanation_parts; a version assessed on its own, and every version stored
 * before, carries the whole explanation. loadAssessments (../assessment.ts) reads either back whole.
 */
export type StoredExplanation =
  AssessmentExplanation | (Omit<AssessmentExplanation, 'table' | 'unverified'> & { parts: number })

/** An installment as staged with a result: written to premium_installments by the commit. */
export interface StagedInstallment {
  method: CollectionMethod
  seq: number
  period: string
  amount: number
  dueDate: string
}

export const premiumBatchRuns = pgTable(
  'premium_batch_runs',
  {
    id: serial('id').primaryKey(),
    kind: text('kind').$type<BatchKind>().notNull(),
    fiscalYear: smallint('fiscal_year').notNull(),
    status: text('status').$type<BatchRunStatus>().notNull(),
    asOf: date('as_of', { mode: 'string' }).notNull(),
    tableVersion: text('table_version').notNull(),
    /** SHA-256 over the state of every input when the dry run read it: the sign-off is refused once it differs. */
    inputsFingerprint: text('inputs_fingerprint').notNull(),
    /** SHA-256 of the staged results of each chunk, by chunk number: the commit writes a chunk only if it matches. */
    chunkHashes: jsonb('chunk_hashes').$type<string[]>().notNull(),
    /** The highest ids of the inputs the dry run saw (異動賦課 takes what was recorded after the last committed run). */
    seenEventId: integer('seen_event_id').notNull(),
    seenTaxRecordId: integer('seen_tax_record_id').notNull(),
    seenWelfareId: integer('seen_welfare_id').notNull(),
    persons: integer('persons').notNull(),
    newVersions: integer('new_versions').notNull(),
    unchanged: integer('unchanged').notNull(),
    changed: integer('changed').notNull(),
    refused: integer('refused').notNull(),
    totalAmount: bigint('total_amount', { mode: 'number' }).notNull(),
    differenceAmount: bigint('difference_amount', { mode: 'number' }).notNull(),
    byStage: jsonb('by_stage').$type<BatchStageTotal[]>().notNull(),
    /** The first refused persons with the reason (the count is complete). */
    refusedList: jsonb('refused_list').$type<{ personId: number; reason: string }[]>().notNull(),
    preparedBy: integer('prepared_by').notNull(),
    preparedLogin: text('prepared_login').notNull(),
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
  },
  (t) => [index('premium_batch_runs_year_idx').on(t.fiscalYear, t.status)],
)

/**
 * The computed new version of one person's year: the columns of premium_assessments (the commit copies them with one
 * INSERT … SELECT), the installments, and the figures of the version it was computed against (the diff).
 */
export const premiumBatchResults = pgTable(
  'premium_batch_results',
  {
    runId: integer('run_id')
      .notNull()
      .references(() => premiumBatchRuns.id),
    personId: integer('person_id')
      .notNull()
      .references(() => persons.id),
    chunk: integer('chunk').notNull(),
    /** The current version when the dry run computed (null: none yet). */
    baseAssessmentId: integer('base_assessment_id').references(() => premiumAssessments.id),
    oldAnnual: integer('old_annual'),
    oldStage: smallint('old_stage'),
    oldInstallmentsTotal: integer('old_installments_total'),
    newStage: smallint('new_stage'),
    newInstallmentsTotal: integer('new_installments_total').notNull(),
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
    overpaidAmount: integer('overpaid_amount').notNull(),
    tableVersion: text('table_version').notNull(),
    taxRecordId: integer('tax_record_id').references(() => residentTaxRecords.id),
    explanation: jsonb('explanation').$type<StoredExplanation>().notNull(),
    assessedOn: date('assessed_on', { mode: 'string' }).notNull(),
    installments: jsonb('installments').$type<StagedInstallment[]>().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.runId, t.personId] }),
    index('premium_batch_results_chunk_idx').on(t.runId, t.chunk),
  ],
)

/**
 * The part of an explanation that is the same for every person assessed with one ward table in one fiscal year (the
 * table's figures and its ⚠️ unverified entries): stored once, under the SHA-256 of its JSON, and referenced by the
 * explanations of the batch's versions (`parts` in place of `table` and `unverified`; read back whole by
 * loadAssessments). Append-only (trigger in the custom migration): a referenced part never changes.
 */
export const premiumExplanationParts = pgTable(
  'premium_explanation_parts',
  {
    id: serial('id').primaryKey(),
    hash: text('hash').notNull(),
    content: jsonb('content').$type<Pick<AssessmentExplanation, 'table' | 'unverified'>>().notNull(),
    createdAt: at('created_at').notNull(),
  },
  (t) => [uniqueIndex('premium_explanation_parts_hash_idx').on(t.hash)],
)

/** A committed chunk: written in the chunk's transaction with its versions, so it exists exactly when they do. */
export const premiumBatchChunks = pgTable(
  'premium_batch_chunks',
  {
    runId: integer('run_id')
      .notNull()
      .references(() => premiumBatchRuns.id),
    chunk: integer('chunk').notNull(),
    /** Staged persons of the chunk. */
    persons: integer('persons').notNull(),
    /** Versions written. */
    written: integer('written').notNull(),
    /** Persons reassessed by someone else since the dry run: their newer version stands, nothing written for them. */
    skipped: integer('skipped').notNull(),
    resultsHash: text('results_hash').notNull(),
    committedAt: at('committed_at').notNull(),
    committedBy: integer('committed_by'),
  },
  (t) => [primaryKey({ columns: [t.runId, t.chunk] })],
)
