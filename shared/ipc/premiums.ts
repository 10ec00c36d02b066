import {
  BatchCommitResult$,
  BatchDryRunRequest$,
  BatchRejectRequest$,
  BatchRunAction$,
  BatchRunDetail$,
  BatchRunList$,
  BatchRunQuery$,
  BatchRunsQuery$,
  BatchRunSummary$,
} from '../api/premium-batches'
import { z } from 'zod'
import {
  IssueNoticeRequest$,
  NoticeBatchCounts$,
  NoticeIssuance$,
  NoticeIssuances$,
  NoticeIssuancesQuery$,
} from '../api/notices'
import { IdempotencyKey$, RecordId$ } from '../api/primitives'
import {
  AssessRequest$,
  AssessResult$,
  PersonAssessments$,
  PersonAssessmentsQuery$,
  ResidentTaxIntakeRequest$,
  ResidentTaxIntakeResult$,
} from '../api/premiums'

/**
 * The 賦課 channels (one per operation): passed to the server as they are — it checks the permission, the 支援措置
 * rules, four eyes and the step-up, and audits every read of a person's premium. Nothing is kept on the terminal.
 * contract.ts spreads these into `ipcChannels`; channels.ts lists the same names.
 */
export const premiumIpcChannels = {
  'premiums.importResidentTax': { req: ResidentTaxIntakeRequest$, res: ResidentTaxIntakeResult$ },
  'premiums.assess': { req: AssessRequest$, res: AssessResult$ },
  'premiums.personAssessments': { req: PersonAssessmentsQuery$, res: PersonAssessments$ },
  'premiums.batchDryRun': { req: BatchDryRunRequest$, res: BatchRunDetail$ },
  'premiums.batchRuns': { req: BatchRunsQuery$, res: BatchRunList$ },
  'premiums.batchRun': { req: BatchRunQuery$, res: BatchRunDetail$ },
  'premiums.batchApprove': { req: BatchRunAction$, res: BatchRunSummary$ },
  'premiums.batchReject': { req: BatchRejectRequest$, res: BatchRunSummary$ },
  'premiums.batchCommit': { req: BatchRunAction$, res: BatchCommitResult$ },
} as const

/** The 賦課 routes main passes through (their IPC channel has the same name as the server route). */
export type PremiumPassThrough = keyof typeof premiumIpcChannels

/**
 * The largest 住民税課税情報 file the dialog sends in one request: the server takes 20,000,000 base64 characters
 * (shared/api/premiums.ts), i.e. 15,000,000 bytes; in browser mode the loopback bridge accepts 64 KB per request, so
 * the file's base64 (with the request around it) must stay below that — larger files go through the Electron shell.
 */
export const RESIDENT_TAX_MAX_FILE_BYTES = 15_000_000
export const RESIDENT_TAX_MAX_FILE_BYTES_BROWSER = 44 * 1024

const Printer$ = z.string().min(1).max(256)

/**
 * The 決定通知書・変更通知書 (or only the 納付書) of one assessment version, printed by main (control C-28): main fetches
 * the PDF from the server (premiums.issueNotice, which records the issuance) and sends it to an allowlisted printer;
 * the renderer names the version and the printer and gets the outcome back, never the PDF.
 */
export const PrintNoticeRequest$ = IssueNoticeRequest$.extend({ printer: Printer$ }).strict()
export type PrintNoticeRequest = z.input<typeof PrintNoticeRequest$>

export const PrintedNotice$ = z
  .object({
    title: z.string(),
    printer: z.string(),
    pages: z.number().int(),
    /** The ledger rows the server wrote for this print. */
    issuances: z.array(NoticeIssuance$),
  })
  .strict()
export type PrintedNotice = z.infer<typeof PrintedNotice$>

/** The dry run of 通知書を一括印刷 for a committed 賦課バッチ: the counts only, nothing is printed or recorded. */
export const NoticeBatchCountRequest$ = z
  .object({ runId: RecordId$, withSlips: z.boolean().default(true), idempotencyKey: IdempotencyKey$ })
  .strict()
export type NoticeBatchCountRequest = z.input<typeof NoticeBatchCountRequest$>

export const NoticeBatchCount$ = z.object({ runId: z.number().int(), counts: NoticeBatchCounts$ }).strict()
export type NoticeBatchCount = z.infer<typeof NoticeBatchCount$>

/** One page (NOTICE_BATCH_LIMIT versions) of a committed run's notices, fetched and printed by main. */
export const PrintNoticeBatchRequest$ = z
  .object({
    runId: RecordId$,
    page: z.number().int().min(1).default(1),
    withSlips: z.boolean().default(true),
    printer: Printer$,
    idempotencyKey: IdempotencyKey$,
  })
  .strict()
export type PrintNoticeBatchRequest = z.input<typeof PrintNoticeBatchRequest$>

export const PrintedNoticeBatch$ = z
  .object({
    title: z.string(),
    printer: z.string(),
    runId: z.number().int(),
    page: z.number().int(),
    batchId: z.string().nullable(),
    counts: NoticeBatchCounts$,
    pages: z.number().int(),
    /** The next page to print, null when this was the last. */
    nextPage: z.number().int().nullable(),
  })
  .strict()
export type PrintedNoticeBatch = z.infer<typeof PrintedNoticeBatch$>

/**
 * The 保険料通知書 channels: the issuance history passes through (an audited read on the server); the prints are
 * main's own (fetch the PDF, hand it to the print control). contract.ts spreads these into `ipcChannels`.
 */
export const premiumNoticeIpcChannels = {
  'premiums.noticeIssuances': { req: NoticeIssuancesQuery$, res: NoticeIssuances$ },
  'premiums.printNotice': { req: PrintNoticeRequest$, res: PrintedNotice$ },
  'premiums.noticeBatchCount': { req: NoticeBatchCountRequest$, res: NoticeBatchCount$ },
  'premiums.printNoticeBatch': { req: PrintNoticeBatchRequest$, res: PrintedNoticeBatch$ },
} as const
