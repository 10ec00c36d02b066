/**
 * 特別徴収 exchange contract (docs/interfaces/pension-withholding.md, "Business"): the import of the 特別徴収対象者情報
 * (Z11) and of the 特別徴収結果 (Z14), the export of the 特別徴収依頼 (Z12) and of the 各種異動 (Z1A: 中止 41, 変更 61),
 * and the list of the files exchanged. Files travel as base64 in JSON.
 */
import { z } from 'zod'
import type { WithholdingTarget } from '../domain/special-withholding'
import { IdempotencyKey$, IsoDate$, RecordId$, Yen$ } from './primitives'

const FiscalYear$ = z.number().int().min(2024).max(2100)

/** One problem of a 500-byte file: record (1-based, the management record is 1; 0 = the file), byte, field, message. */
export const PensionFileProblem$ = z
  .object({ recordNumber: z.number().int(), bytePosition: z.number().int(), field: z.string(), message: z.string() })
  .strict()
export type PensionFileProblem = z.infer<typeof PensionFileProblem$>

/** A data record the import could not match to a person: listed, kept in the database, never dropped silently. */
export const UnmatchedPensionRecord$ = z
  .object({
    recordNumber: z.number().int(),
    basicPensionNumber: z.string(),
    kanaName: z.string(),
    birthDate: IsoDate$,
    reason: z.string(),
  })
  .strict()
export type UnmatchedPensionRecord = z.infer<typeof UnmatchedPensionRecord$>

const importRequestShape = {
  fileName: z.string().trim().min(1).max(200),
  /** The file's bytes, base64. */
  contentBase64: z.string().min(1).max(60_000_000),
  /** Validate and match only: report, apply nothing. */
  dryRun: z.boolean().default(false),
  idempotencyKey: IdempotencyKey$,
}

const importResultShape = {
  /** applied | validated (dry run) | rejected (problems: nothing applied) | alreadyImported (the same file, SHA-256). */
  status: z.enum(['applied', 'validated', 'rejected', 'alreadyImported']),
  fiscalYear: z.number().int().nullable(),
  /** Data records of the file. */
  records: z.number().int(),
  /** Data records matched to a person. */
  matched: z.number().int(),
  unmatchedCount: z.number().int(),
  /** The first UNMATCHED_LIST_LIMIT unmatched records. */
  unmatched: z.array(UnmatchedPensionRecord$),
  problems: z.array(PensionFileProblem$),
  /** true when more problems (or unmatched records) existed than are listed. */
  truncated: z.boolean(),
  /** Said about the file itself: demo mode took it without a malware scan (C-05). */
  warnings: z.array(z.string()).optional(),
}

export const UNMATCHED_LIST_LIMIT = 1_000
export const PENSION_PROBLEM_LIMIT = 1_000

// ——— 特別徴収対象者情報 (Z11, notice 00 / 30) ———

export const PensionTargetsImportRequest$ = z
  .object({
    /** The fiscal year the targets are for (the 4/1 capture of May is the year's). */
    fiscalYear: FiscalYear$,
    ...importRequestShape,
  })
  .strict()
export type PensionTargetsImportRequest = z.input<typeof PensionTargetsImportRequest$>

export const PensionTargetsImportResult$ = z
  .object({
    ...importResultShape,
    /** ダミーレコード (各種区分 70): counted, not matched, not stored as targets. */
    dummyRecords: z.number().int(),
  })
  .strict()
export type PensionTargetsImportResult = z.infer<typeof PensionTargetsImportResult$>

/**
 * The target of a person's year, as `loadWithholdingTargets` gives it (the latest file's record of the person): the
 * assessment rules' `WithholdingTarget` (annualPension = 各種金額1 ⚠️, insurerCode = 特別徴収義務者コード) and where
 * it came from.
 */
export interface PensionWithholdingTarget extends WithholdingTarget {
  fiscalYear: number
  basicPensionNumber: string
  /** 各種区分: 01 新規者 / 02 前年度継続者 (00), 01 新規者 / 02 住所変更者 (30). */
  category: string
  noticeCode: string
  fileId: number
}

// ——— 特別徴収結果 (Z14, notice 22) ———

export const PensionResultsImportRequest$ = z.object(importRequestShape).strict()
export type PensionResultsImportRequest = z.input<typeof PensionResultsImportRequest$>

export const PensionResultsImportResult$ = z
  .object({
    ...importResultShape,
    /** Of the matched records: withheld (区分 00 / 10 with an amount) and not withheld. */
    withheld: z.number().int(),
    notWithheld: z.number().int(),
    withheldAmount: Yen$,
  })
  .strict()
export type PensionResultsImportResult = z.infer<typeof PensionResultsImportResult$>

/** 特別徴収結果 区分 (notice 22, docs/sources/interfaces.md §2.3). */
export const withholdingResultReasons: Readonly<Record<string, string>> = {
  '00': '正常',
  '01': '失権',
  '02': '差止',
  '03': '支払年金額不足',
  '05': '特別徴収該当（他制度による中止）',
  '10': '正常（75歳以上で国保特徴中）',
}

/** One person's result of one pension month, as `loadWithholdingResults` gives it (the latest file's). */
export interface PensionWithholdingResult {
  personId: number
  fiscalYear: number
  /** 'YYYY-MM' of the pension payment. */
  period: string
  paidOn: string
  withheld: boolean
  amount: number
  reasonCode: string
  fileId: number
}

// ——— 特別徴収依頼 (Z12) and 各種異動 (Z1A) ———

export const PensionRequestsExportRequest$ = z
  .object({
    fiscalYear: FiscalYear$,
    /**
     * requests = 特別徴収依頼 (01), changes = 各種異動 (41 中止, 61 変更) since the last 依頼 sent, provisionalChanges
     * = 仮徴収額変更 (Z1A, 61) of April–August where the current assessment's 仮徴収 differs from what the insurer
     * withholds (e.g. after 平準化).
     */
    kind: z.enum(['requests', 'changes', 'provisionalChanges']),
    /** Compute and list only: no file, nothing recorded as sent. */
    dryRun: z.boolean().default(false),
    idempotencyKey: IdempotencyKey$,
  })
  .strict()
export type PensionRequestsExportRequest = z.input<typeof PensionRequestsExportRequest$>

export const PensionRequestLine$ = z
  .object({
    personId: z.number().int(),
    noticeCode: z.string(),
    category: z.string(),
    /**
     * The amounts of the pension months October, December, February (0 for a 中止); for a 仮徴収額変更 those of April,
     * June, August.
     */
    amounts: z.array(Yen$),
    /** What the last 依頼 sent for the same months (null for a first 依頼). */
    previousAmounts: z.array(Yen$).nullable(),
  })
  .strict()
export type PensionRequestLine = z.infer<typeof PensionRequestLine$>

export const PensionRequestsExportResult$ = z
  .object({
    /**
     * awaitingApproval (file made and recorded as sent; its bytes are released by premiums.withholdingFileDownload
     * once a 監督者 approved it) | dryRun | nothingToSend.
     */
    status: z.enum(['awaitingApproval', 'dryRun', 'nothingToSend']),
    fiscalYear: z.number().int(),
    kind: z.enum(['requests', 'changes', 'provisionalChanges']),
    fileId: z.number().int().nullable(),
    fileName: z.string().nullable(),
    /** Always null: the bytes never leave before the sign-off. */
    contentBase64: z.null(),
    /** Data records written (or to be written). */
    records: z.number().int(),
    /** Σ of the amounts requested. */
    totalAmount: Yen$,
    lines: z.array(PensionRequestLine$),
    /** Persons on 特別徴収 in their assessment who cannot be requested, with the reason (e.g. no 対象者情報). */
    skipped: z.array(z.object({ personId: z.number().int(), reason: z.string() }).strict()),
    truncated: z.boolean(),
  })
  .strict()
export type PensionRequestsExportResult = z.infer<typeof PensionRequestsExportResult$>

// ——— The 監督者's sign-off of a sent file, then its download ———

export const PensionFileApproveRequest$ = z.object({ fileId: RecordId$, idempotencyKey: IdempotencyKey$ }).strict()
export type PensionFileApproveRequest = z.input<typeof PensionFileApproveRequest$>
export const PensionFileDownloadRequest$ = z.object({ fileId: RecordId$ }).strict()
export type PensionFileDownloadRequest = z.input<typeof PensionFileDownloadRequest$>

/** A sent file (Z12 / Z1A) and where it stands: prepared by a clerk, approved by a 監督者. */
export const PensionSentFile$ = z
  .object({
    fileId: z.number().int(),
    fileKind: z.string(),
    fiscalYear: z.number().int(),
    fileName: z.string(),
    records: z.number().int(),
    status: z.enum(['awaitingApproval', 'approved']),
    preparedAt: z.string(),
    approvedAt: z.string().nullable(),
  })
  .strict()
export type PensionSentFile = z.infer<typeof PensionSentFile$>

export const PensionFileDownload$ = z
  .object({ fileId: z.number().int(), fileName: z.string(), contentBase64: z.string(), records: z.number().int() })
  .strict()
export type PensionFileDownload = z.infer<typeof PensionFileDownload$>

// ——— The files exchanged ———

export const PensionExchangeFilesQuery$ = z.object({ fiscalYear: FiscalYear$.optional() }).strict()
export type PensionExchangeFilesQuery = z.input<typeof PensionExchangeFilesQuery$>

export const PensionExchangeFile$ = z
  .object({
    id: z.number().int(),
    direction: z.enum(['received', 'sent']),
    fileKind: z.string(),
    fiscalYear: z.number().int(),
    fileName: z.string(),
    records: z.number().int(),
    matched: z.number().int(),
    unmatched: z.number().int(),
    createdAt: z.string(),
  })
  .strict()
export const PensionExchangeFiles$ = z.object({ files: z.array(PensionExchangeFile$) }).strict()
export type PensionExchangeFiles = z.infer<typeof PensionExchangeFiles$>
