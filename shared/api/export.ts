// Export control (controls C-21, C-22, C-07): the HTTP and IPC shapes of 持出申請, 承認 and the 持出管理簿 (exportLedger).
import { z } from 'zod'
import { IdempotencyKey$, RecordId$ } from './primitives'

/** Content of an export (record types). */
export const ExportRecordType$ = z.enum(['personBasic', 'statisticsExtract', 'dataList'])
export type ExportRecordType = z.infer<typeof ExportRecordType$>
export const exportRecordTypeLabels: Record<ExportRecordType, string> = {
  personBasic: '被保険者基本情報',
  statisticsExtract: 'EUC抽出',
  dataList: '基本データリスト（データ移行）',
}
/**
 * Record types whose file another area hands over (statistics.exportExtract, migration.exportDataList);
 * export.request refuses them.
 */
export const handedFileRecordTypes: readonly ExportRecordType[] = ['statisticsExtract', 'dataList']

export const ExportStatus$ = z.enum(['pending', 'approved', 'issued', 'completed', 'rejected'])
export type ExportStatus = z.infer<typeof ExportStatus$>
export const exportStatusLabels: Record<ExportStatus, string> = {
  pending: '承認待ち',
  approved: '承認済み',
  issued: '書出し中',
  completed: '持出済み',
  rejected: '却下',
}

export const ExportRequestInput$ = z
  .object({
    idempotencyKey: IdempotencyKey$,
    purpose: z.string().trim().min(4, '持出の目的を4文字以上で入力してください').max(200),
    recordTypes: z.array(ExportRecordType$).min(1).max(5),
    personIds: z.array(RecordId$).min(1, '対象者を選んでください').max(1_000),
  })
  .strict()
export type ExportRequestInput = z.infer<typeof ExportRequestInput$>

export const ExportRequestId$ = z.object({ requestId: RecordId$ }).strict()
export const ExportApproveInput$ = z.object({ requestId: RecordId$, idempotencyKey: IdempotencyKey$ }).strict()

export const ExportRequestSummary$ = z
  .object({
    id: z.number().int(),
    purpose: z.string(),
    recordTypes: z.array(ExportRecordType$),
    personCount: z.number().int(),
    status: ExportStatus$,
    requestedBy: z.string(),
    requestedAt: z.string(),
    approvedBy: z.string().nullable(),
  })
  .strict()
export type ExportRequestSummary = z.infer<typeof ExportRequestSummary$>
export const ExportRequestList$ = z.object({ items: z.array(ExportRequestSummary$) }).strict()

/** One person of a personBasic export. */
export const ExportPersonRow$ = z
  .object({
    insuredNumber: z.string().nullable(),
    name: z.string(),
    nameKana: z.string(),
    birthDate: z.string(),
    sex: z.enum(['male', 'female']),
    address: z.string().nullable(),
  })
  .strict()
/** What a handed file is: a CSV (an EUC extract, a list) or a ustar archive of a folder (the data list). */
export const handedFileMediaTypes = { '.csv': 'text/csv', '.tar': 'application/x-tar' } as const
export type HandedFileMediaType = (typeof handedFileMediaTypes)[keyof typeof handedFileMediaTypes]
/** The media type of a handed file, by its name's extension (a CSV when the name says nothing else). */
export const handedFileMediaType = (fileName: string): HandedFileMediaType =>
  fileName.toLowerCase().endsWith('.tar') ? handedFileMediaTypes['.tar'] : handedFileMediaTypes['.csv']
/** A file another area handed to the approval path, issued as stored (its SHA-256 is the one recorded then). */
export const ExportHandedFile$ = z
  .object({
    fileName: z.string(),
    mediaType: z.enum([handedFileMediaTypes['.csv'], handedFileMediaTypes['.tar']]),
    contentBase64: z.string(),
    sha256: z.string(),
  })
  .strict()
export const ExportData$ = z
  .object({
    requestId: z.number().int(),
    recordTypes: z.array(ExportRecordType$),
    persons: z.array(ExportPersonRow$),
    file: ExportHandedFile$.optional(),
  })
  .strict()
export type ExportData = z.infer<typeof ExportData$>

export const ExportCompleteInput$ = z
  .object({
    idempotencyKey: IdempotencyKey$,
    requestId: RecordId$,
    fileSha256: z.string().regex(/^[0-9a-f]{64}$/),
    destination: z.string().min(1).max(1024),
    recordCount: z.number().int().min(0),
  })
  .strict()

/** One row of the 持出管理簿: date-time, handler, approver, purpose, content, persons, records, SHA-256, destination. */
export const ExportLedgerRow$ = z
  .object({
    id: z.number().int(),
    exportedAt: z.string(),
    handler: z.string(),
    approver: z.string(),
    purpose: z.string(),
    recordTypes: z.array(ExportRecordType$),
    personCount: z.number().int(),
    recordCount: z.number().int(),
    fileSha256: z.string(),
    destination: z.string(),
    terminalId: z.string(),
  })
  .strict()
export type ExportLedgerRow = z.infer<typeof ExportLedgerRow$>
export const ExportLedger$ = z.object({ items: z.array(ExportLedgerRow$) }).strict()

/** What the export service returns once: the password is shown once and never stored. */
export const ExportResult$ = z
  .object({ fileName: z.string(), destination: z.string(), fileSha256: z.string(), password: z.string() })
  .strict()
export type ExportResult = z.infer<typeof ExportResult$>
