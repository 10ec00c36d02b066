/**
 * The retention batch (control C-20): a dry run (準備) that lists what is past its retention, a 監督者's sign-off by a
 * second person, the erasure, and the 消去報告書. Summaries carry counts and dates only; the persons of a run are a
 * separate, audited read.
 */
import { z } from 'zod'
import { IdempotencyKey$, IsoDate$, RecordId$ } from './primitives'

/** The kinds the batch erases (the rules of every kind: shared/domain/parameters/retention.ts). */
export const erasableKinds = ['insuredPerson', 'intakeFile', 'exportRequest'] as const
export const ErasableKind$ = z.enum(erasableKinds)
export type ErasableKind = z.infer<typeof ErasableKind$>

export const RetentionRunStatus$ = z.enum(['prepared', 'approved', 'erased', 'superseded'])
export type RetentionRunStatus = z.infer<typeof RetentionRunStatus$>

export const RetentionKindPlan$ = z
  .object({
    kind: ErasableKind$,
    label: z.string(),
    /** Records of the kind (persons, files, requests) in the run. */
    records: z.number().int(),
    /** The oldest and newest reference date (資格喪失日, 取込日, 申請日) among them. */
    oldest: IsoDate$.nullable(),
    newest: IsoDate$.nullable(),
  })
  .strict()

/** A backup file the staff must destroy, or one that still holds what this run erases. */
export const RetentionBackup$ = z
  .object({
    file: z.string(),
    takenAt: z.string(),
    /** The last day it may be kept (バックアップの保存期間). */
    keepUntil: IsoDate$,
    /** 'expired': past its retention, destroy it now; 'holdsErased': taken before the erasure, destroy on keepUntil. */
    status: z.enum(['expired', 'holdsErased']),
  })
  .strict()

export const RetentionRunSummary$ = z
  .object({
    id: z.number().int(),
    status: RetentionRunStatus$,
    /** The day the run was computed for (today in Japan when prepared). */
    asOf: IsoDate$,
    kinds: z.array(RetentionKindPlan$),
    preparedBy: z.string(),
    preparedAt: z.string(),
    approvedBy: z.string().nullable(),
    approvedAt: z.string().nullable(),
    erasedBy: z.string().nullable(),
    erasedAt: z.string().nullable(),
    /** Rows erased per table (after the erasure). */
    erasedRows: z.record(z.string(), z.number().int()).nullable(),
    /** Planned records no longer past retention when the erasure ran (e.g. re-acquired): kept. */
    keptAtErasure: z.number().int().nullable(),
    backups: z.array(RetentionBackup$),
  })
  .strict()
export type RetentionRunSummary = z.infer<typeof RetentionRunSummary$>

export const RetentionRunList$ = z.object({ items: z.array(RetentionRunSummary$) }).strict()

export const RetentionPrepareInput$ = z.object({ idempotencyKey: IdempotencyKey$ }).strict()
export const RetentionRunId$ = z.object({ runId: RecordId$ }).strict()
export const RetentionRunAction$ = z.object({ runId: RecordId$, idempotencyKey: IdempotencyKey$ }).strict()

/** One person of a run, for the preparer's and the approver's check (audited). */
export const RetentionRunPerson$ = z
  .object({
    personId: z.number().int(),
    insuredNumber: z.string().nullable(),
    name: z.string(),
    nameKana: z.string(),
    lostOn: IsoDate$,
    keepUntil: IsoDate$,
  })
  .strict()
export const RetentionRunPersons$ = z
  .object({ runId: z.number().int(), persons: z.array(RetentionRunPerson$) })
  .strict()

export const RetentionReportPdf$ = z.object({ fileName: z.string(), pdfBase64: z.string() }).strict()
