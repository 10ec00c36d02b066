/**
 * 国保連 exchange contract (docs/kokuhoren-exchange.md): the monthly 受給者異動連絡票情報 (531) send of a 処理対象年月 —
 * dry run (給付担当) → the 監督者's sign-off → commit (the file, CP932, with its SHA-256; the queue rows marked sent in
 * the same transaction) → download — and the import of the 受給者情報更新結果情報 with its work list of rejected
 * records (error codes explained in Japanese), each resolved by correcting the term, which queues the record again.
 */
import { z } from 'zod'
import { Month$ } from './benefits'
import { IdempotencyKey$, IsoDate$, RecordId$ } from './primitives'

export const SendRound$ = z.enum(['initial', 'additional'])
export type SendRound = z.infer<typeof SendRound$>

export const sendStatuses = ['awaitingApproval', 'approved', 'rejected', 'committed'] as const
export const SendStatus$ = z.enum(sendStatuses)

export const KokuhorenSendDryRunRequest$ = z
  .object({ processingMonth: Month$, idempotencyKey: IdempotencyKey$ })
  .strict()
export type KokuhorenSendDryRunRequest = z.input<typeof KokuhorenSendDryRunRequest$>
export const KokuhorenSendQuery$ = z.object({ sendId: RecordId$ }).strict()
export const KokuhorenSendAction$ = z.object({ sendId: RecordId$, idempotencyKey: IdempotencyKey$ }).strict()
export const KokuhorenSendReject$ = z
  .object({ sendId: RecordId$, reason: z.string().trim().min(1).max(500), idempotencyKey: IdempotencyKey$ })
  .strict()
export const KokuhorenSendListQuery$ = z.object({ processingMonth: Month$.optional() }).strict()

export const KokuhorenSendSummary$ = z
  .object({
    sendId: RecordId$,
    /** 処理対象年月 'YYYY-MM' (the month the 国保連 processes the file). */
    processingMonth: z.string(),
    /** 初回分 or 追加分 (cut-off days: ward parameter KOKUHOREN_CUTOFF_DAYS). */
    round: SendRound$,
    /** The last day this send may be committed (the round's cut-off). */
    cutoffOn: IsoDate$,
    status: SendStatus$,
    asOf: IsoDate$,
    /** 531 data records the file holds (one per person and 異動年月日). */
    records: z.number().int(),
    /** 受給者異動 queue rows the records carry. */
    queued: z.number().int(),
    /** Persons held back (fail-closed): their queue rows stay unsent. */
    refused: z.number().int(),
    preparedName: z.string(),
    approvedName: z.string().nullable(),
    rejectionReason: z.string().nullable(),
    committedAt: z.string().nullable(),
    fileName: z.string().nullable(),
    sha256: z.string().nullable(),
  })
  .strict()
export type KokuhorenSendSummary = z.infer<typeof KokuhorenSendSummary$>

export const KokuhorenSendRecord$ = z
  .object({
    personId: RecordId$,
    insuredNumber: z.string(),
    name: z.string(),
    changedOn: IsoDate$,
    /** 異動区分コード 1 新規 / 2 変更 / 3 終了. */
    changeKind: z.string(),
    changeReason: z.string(),
    /** The queue's change kinds the record carries (certified, copayRatio, carePlanOffice, resubmission …). */
    changes: z.array(z.string()),
    careLevel: z.string().nullable(),
  })
  .strict()
export const KokuhorenSendRefusal$ = z
  .object({
    personId: RecordId$,
    insuredNumber: z.string().nullable(),
    name: z.string(),
    changedOn: IsoDate$,
    /** Why the record cannot be written, in Japanese (the codec's messages). */
    problems: z.array(z.string()),
  })
  .strict()
export const KokuhorenSendDetail$ = z
  .object({
    send: KokuhorenSendSummary$,
    records: z.array(KokuhorenSendRecord$),
    refusals: z.array(KokuhorenSendRefusal$),
  })
  .strict()
export type KokuhorenSendDetail = z.infer<typeof KokuhorenSendDetail$>
export const KokuhorenSendList$ = z.object({ sends: z.array(KokuhorenSendSummary$) }).strict()

export const KokuhorenSendFile$ = z
  .object({
    sendId: RecordId$,
    fileName: z.string(),
    /** The 531 file's bytes (CP932, CRLF), base64. */
    contentBase64: z.string(),
    sha256: z.string(),
    records: z.number().int(),
  })
  .strict()
export type KokuhorenSendFile = z.infer<typeof KokuhorenSendFile$>

// ——— 受給者情報更新結果 ———

export const UpdateResultImportRequest$ = z
  .object({
    fileName: z.string().trim().min(1).max(200),
    contentBase64: z.string().min(1).max(20_000_000),
    idempotencyKey: IdempotencyKey$,
  })
  .strict()
export type UpdateResultImportRequest = z.input<typeof UpdateResultImportRequest$>

export const UpdateResultImportResult$ = z
  .object({
    /** applied: written; alreadyImported: the same file (SHA-256) came before, nothing written; rejected: problems. */
    status: z.enum(['applied', 'alreadyImported', 'rejected']),
    importId: RecordId$.nullable(),
    processingMonth: z.string().nullable(),
    records: z.number().int(),
    accepted: z.number().int(),
    /** 処理結果区分 2 (エラー): on the work list. */
    rejected: z.number().int(),
    /** Records that match no sent 531 record (被保険者番号＋異動年月日＋異動事由). */
    unmatched: z.number().int(),
    problems: z.array(z.object({ line: z.number().int().nullable(), message: z.string() }).strict()),
    warnings: z.array(z.string()),
  })
  .strict()
export type UpdateResultImportResult = z.infer<typeof UpdateResultImportResult$>

export const WorkItemStatus$ = z.enum(['open', 'resolved'])
export const KokuhorenWorkListQuery$ = z.object({ status: z.enum(['open', 'resolved', 'all']).default('all') }).strict()

export const KokuhorenWorkItem$ = z
  .object({
    workItemId: RecordId$,
    importId: RecordId$,
    fileName: z.string(),
    line: z.number().int(),
    personId: RecordId$.nullable(),
    insuredNumber: z.string(),
    name: z.string().nullable(),
    changedOn: IsoDate$,
    changeReason: z.string(),
    /** The sent 531 record it answers (null: none matches). */
    sendId: RecordId$.nullable(),
    errors: z.array(z.object({ code: z.string(), meaning: z.string(), known: z.boolean() }).strict()),
    /** One Japanese line for the list: 「10QB: …／12P0: …」 and, when unmatched, why. */
    explanation: z.string(),
    status: WorkItemStatus$,
    resolvedName: z.string().nullable(),
    resolvedAt: z.string().nullable(),
    resolution: z.string().nullable(),
    rowVersion: z.number().int(),
  })
  .strict()
export type KokuhorenWorkItem = z.infer<typeof KokuhorenWorkItem$>
export const KokuhorenWorkList$ = z
  .object({ open: z.number().int(), resolved: z.number().int(), items: z.array(KokuhorenWorkItem$) })
  .strict()

export const KokuhorenWorkItemResolve$ = z
  .object({
    workItemId: RecordId$,
    rowVersion: z.number().int().positive(),
    /** What was corrected (e.g. 「居宅サービス計画作成依頼届出を登録」). */
    reason: z.string().trim().min(1).max(500),
    idempotencyKey: IdempotencyKey$,
  })
  .strict()

export const kokuhorenApiRoutes = {
  'kokuhoren.sendDryRun': {
    method: 'POST',
    path: '/api/v1/kokuhoren/sends/dry-run',
    input: KokuhorenSendDryRunRequest$,
    output: KokuhorenSendDetail$,
  },
  'kokuhoren.sendDetail': {
    method: 'POST',
    path: '/api/v1/kokuhoren/sends/detail',
    input: KokuhorenSendQuery$,
    output: KokuhorenSendDetail$,
  },
  'kokuhoren.sendList': {
    method: 'POST',
    path: '/api/v1/kokuhoren/sends/list',
    input: KokuhorenSendListQuery$,
    output: KokuhorenSendList$,
  },
  'kokuhoren.sendApprove': {
    method: 'POST',
    path: '/api/v1/kokuhoren/sends/approve',
    input: KokuhorenSendAction$,
    output: KokuhorenSendSummary$,
  },
  'kokuhoren.sendReject': {
    method: 'POST',
    path: '/api/v1/kokuhoren/sends/reject',
    input: KokuhorenSendReject$,
    output: KokuhorenSendSummary$,
  },
  'kokuhoren.sendCommit': {
    method: 'POST',
    path: '/api/v1/kokuhoren/sends/commit',
    input: KokuhorenSendAction$,
    output: KokuhorenSendSummary$,
  },
  'kokuhoren.sendFile': {
    method: 'POST',
    path: '/api/v1/kokuhoren/sends/file',
    input: KokuhorenSendQuery$,
    output: KokuhorenSendFile$,
  },
  'kokuhoren.importUpdateResults': {
    method: 'POST',
    path: '/api/v1/kokuhoren/update-results/import',
    input: UpdateResultImportRequest$,
    output: UpdateResultImportResult$,
  },
  'kokuhoren.workList': {
    method: 'POST',
    path: '/api/v1/kokuhoren/update-results/work-list',
    input: KokuhorenWorkListQuery$,
    output: KokuhorenWorkList$,
  },
  'kokuhoren.workItemResolve': {
    method: 'POST',
    path: '/api/v1/kokuhoren/update-results/resolve',
    input: KokuhorenWorkItemResolve$,
    output: KokuhorenWorkItem$,
  },
} as const
