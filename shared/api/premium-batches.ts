/**
 * 賦課バッチ (premium batches) contract: 仮算定 (April), 本算定 (July) and 異動賦課 (daily) as runs — a dry run that
 * stores what the commit would write (counts per stage, totals, the persons whose amount changes, the persons the rules
 * refuse), a 監督者's sign-off by a second person, and a commit in resumable chunks of 1,000 persons.
 */
import { z } from 'zod'
import { IdempotencyKey$, IsoDate$, RecordId$, Yen$ } from './primitives'

/** 仮算定 (provisional, April), 本算定 (final, July), 異動賦課 (change: persons with a change since the last run). */
export const batchKinds = ['provisional', 'final', 'change'] as const
export const BatchKind$ = z.enum(batchKinds)
export type BatchKind = z.infer<typeof BatchKind$>
export const batchKindLabels: Record<BatchKind, string> = {
  provisional: '仮算定',
  final: '本算定',
  change: '異動賦課',
}

/**
 * awaitingApproval: dry run stored, waiting for the 監督者; approved: signed off, not yet committing; rejected: the
 * 監督者 refused it (with the reason); committing: some chunks committed; committed: every chunk committed;
 * superseded: a later dry run of the same kind and year replaced it before it was committed.
 */
export const batchRunStatuses = [
  'awaitingApproval',
  'approved',
  'rejected',
  'committing',
  'committed',
  'superseded',
] as const
export const BatchRunStatus$ = z.enum(batchRunStatuses)
export type BatchRunStatus = z.infer<typeof BatchRunStatus$>
export const batchRunStatusLabels: Record<BatchRunStatus, string> = {
  awaitingApproval: '承認待ち',
  approved: '承認済み',
  rejected: '差戻し',
  committing: '実行中',
  committed: '実行済み',
  superseded: '再試算により無効',
}

/** Persons per chunk of the commit: each chunk is one transaction, recorded with the run, never redone. */
export const BATCH_CHUNK_PERSONS = 1_000

const FiscalYear$ = z.number().int().min(2024).max(2100)

export const BatchRunSummary$ = z
  .object({
    id: z.number().int(),
    kind: BatchKind$,
    fiscalYear: z.number().int(),
    status: BatchRunStatus$,
    /** The day the run computes as (納期 already due stay as they are). */
    asOf: IsoDate$,
    tableVersion: z.string(),
    preparedBy: z.string(),
    preparedAt: z.string(),
    approvedBy: z.string().nullable(),
    approvedAt: z.string().nullable(),
    rejectedBy: z.string().nullable(),
    rejectedAt: z.string().nullable(),
    rejectionReason: z.string().nullable(),
    committedAt: z.string().nullable(),
    /** Persons computed (with a liable month in the year, or a version to correct). */
    persons: z.number().int(),
    /** Persons whose commit writes a new version (first assessment or a change). */
    newVersions: z.number().int(),
    /** Persons whose current version stays as it is. */
    unchanged: z.number().int(),
    /** Persons whose annual amount differs from their current version (no version yet counts as a change). */
    changed: z.number().int(),
    /** Persons the rules refuse to assess automatically (listed with the reason). */
    refused: z.number().int(),
    /** Σ of the year's amounts of the persons assessed. */
    totalAmount: Yen$,
    /** Σ of the new amounts minus Σ of the current amounts of the persons with a new version. */
    differenceAmount: Yen$,
    committedChunks: z.number().int(),
    totalChunks: z.number().int(),
  })
  .strict()
export type BatchRunSummary = z.infer<typeof BatchRunSummary$>

export const BatchStageTotal$ = z
  .object({ stage: z.number().int(), persons: z.number().int(), months: z.number().int(), amount: Yen$ })
  .strict()
export type BatchStageTotal = z.infer<typeof BatchStageTotal$>

/** A person whose commit writes a new version: the current and the new figures (old null: no version yet). */
export const BatchDiffRow$ = z
  .object({
    personId: z.number().int(),
    name: z.string(),
    oldAnnual: Yen$.nullable(),
    newAnnual: Yen$,
    /** The stage of the last interval of the year (null: no liable month). */
    oldStage: z.number().int().nullable(),
    newStage: z.number().int().nullable(),
    /** Σ of the 期割 of the version. */
    oldInstallmentsTotal: Yen$.nullable(),
    newInstallmentsTotal: Yen$,
  })
  .strict()
export type BatchDiffRow = z.infer<typeof BatchDiffRow$>

/** At most this many refused persons are listed (the count is complete). */
export const BATCH_REFUSED_LIST_LIMIT = 1_000

export const BatchRunDetail$ = z
  .object({
    summary: BatchRunSummary$,
    byStage: z.array(BatchStageTotal$),
    refused: z.array(z.object({ personId: z.number().int(), name: z.string(), reason: z.string() }).strict()),
    /** One page of the persons with a new version, by person id. */
    diff: z
      .object({
        offset: z.number().int(),
        limit: z.number().int(),
        total: z.number().int(),
        rows: z.array(BatchDiffRow$),
      })
      .strict(),
  })
  .strict()
export type BatchRunDetail = z.infer<typeof BatchRunDetail$>

export const BatchDryRunRequest$ = z
  .object({ kind: BatchKind$, fiscalYear: FiscalYear$, idempotencyKey: IdempotencyKey$ })
  .strict()
export type BatchDryRunRequest = z.input<typeof BatchDryRunRequest$>

export const BatchRunsQuery$ = z.object({ fiscalYear: FiscalYear$.optional() }).strict()
export type BatchRunsQuery = z.input<typeof BatchRunsQuery$>

export const BatchRunList$ = z.object({ runs: z.array(BatchRunSummary$) }).strict()
export type BatchRunList = z.infer<typeof BatchRunList$>

export const BatchRunQuery$ = z
  .object({
    runId: RecordId$,
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(1_000).default(100),
  })
  .strict()
export type BatchRunQuery = z.input<typeof BatchRunQuery$>

export const BatchRunAction$ = z.object({ runId: RecordId$, idempotencyKey: IdempotencyKey$ }).strict()
export type BatchRunAction = z.input<typeof BatchRunAction$>

export const BatchRejectRequest$ = z
  .object({
    runId: RecordId$,
    reason: z.string().trim().min(1, '差戻しの理由を入力してください').max(500),
    idempotencyKey: IdempotencyKey$,
  })
  .strict()
export type BatchRejectRequest = z.input<typeof BatchRejectRequest$>

/** The answer of one commit call: the client calls again until status is 'committed'. */
export const BatchCommitResult$ = z
  .object({
    status: BatchRunStatus$,
    committedChunks: z.number().int(),
    totalChunks: z.number().int(),
    /** Assessment versions written by this call. */
    written: z.number().int(),
  })
  .strict()
export type BatchCommitResult = z.infer<typeof BatchCommitResult$>
