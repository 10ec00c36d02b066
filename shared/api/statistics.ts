/**
 * 統計・報告 contract (docs/statistics.md): the 事業状況報告 月報 computed as known at a cut-off, the drill-down from a
 * cell to its persons, the submission of a version (監督者, step-up) and the report as Excel or PDF; the 年報 likewise.
 */
import { z } from 'zod'
import { IdempotencyKey$, IsoDate$ } from './primitives'

export const ReportMonth$ = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '報告月は YYYY-MM で入力してください')

export const MonthlyReportQuery$ = z
  .object({ reportMonth: ReportMonth$, cutoffOn: IsoDate$.nullable().default(null) })
  .strict()
export type MonthlyReportQuery = z.input<typeof MonthlyReportQuery$>

const CellValue$ = z.number().int().nullable()

export const ReportCell$ = z.object({ id: z.string(), row: z.string(), column: z.string(), value: CellValue$ }).strict()
export const ReportTable$ = z
  .object({
    id: z.string(),
    title: z.string(),
    /** computed, or notImported when the inputs are not in the system (cells null, 「データ未取込」). */
    status: z.enum(['computed', 'notImported']),
    note: z.string().nullable(),
    cells: z.array(ReportCell$),
  })
  .strict()
export const ReportCheck$ = z
  .object({ id: z.string(), label: z.string(), ok: z.boolean(), blocking: z.boolean(), detail: z.string() })
  .strict()
export const ReportVersionSummary$ = z
  .object({
    id: z.number().int(),
    version: z.number().int(),
    cutoffOn: IsoDate$,
    submittedBy: z.string(),
    submittedAt: z.string(),
    sha256: z.string(),
  })
  .strict()
export const CellDifference$ = z.object({ id: z.string(), submitted: CellValue$, recomputed: CellValue$ }).strict()

export const MonthlyReport$ = z
  .object({
    reportMonth: ReportMonth$,
    baseDate: IsoDate$,
    cutoffOn: IsoDate$,
    placement: z.object({ inKindServiceMonth: ReportMonth$, reimbursementDecisionMonth: ReportMonth$ }).strict(),
    tables: z.array(ReportTable$),
    checks: z.array(ReportCheck$),
    /** The previous month's submitted cells that a later correction changed (shown as 訂正差異). */
    previousDifferences: z.array(CellDifference$),
    versions: z.array(ReportVersionSummary$),
    source: z.string(),
  })
  .strict()
export type MonthlyReport = z.infer<typeof MonthlyReport$>

export const DrillDownQuery$ = z
  .object({ reportMonth: ReportMonth$, cutoffOn: IsoDate$.nullable().default(null), cellId: z.string().min(1).max(80) })
  .strict()
export type DrillDownQuery = z.input<typeof DrillDownQuery$>

export const DrillDownRow$ = z
  .object({
    personId: z.number().int(),
    insuredNumber: z.string().nullable(),
    name: z.string(),
    birthDate: IsoDate$,
    detail: z.string(),
  })
  .strict()
export const DrillDown$ = z
  .object({ cellId: z.string(), label: z.string(), value: CellValue$, rows: z.array(DrillDownRow$) })
  .strict()
export type DrillDown = z.infer<typeof DrillDown$>

export const SubmitReportRequest$ = z
  .object({
    idempotencyKey: IdempotencyKey$,
    reportMonth: ReportMonth$,
    cutoffOn: IsoDate$.nullable().default(null),
    differenceNote: z.string().trim().max(400).nullable().default(null),
  })
  .strict()
export type SubmitReportRequest = z.input<typeof SubmitReportRequest$>

export const ReportFileQuery$ = z
  .object({
    reportMonth: ReportMonth$,
    cutoffOn: IsoDate$.nullable().default(null),
    /** A submitted version to print as submitted; the current computation when null. */
    versionId: z.number().int().positive().nullable().default(null),
    format: z.enum(['xlsx', 'pdf']),
  })
  .strict()
export type ReportFileQuery = z.input<typeof ReportFileQuery$>

export const ReportFile$ = z
  .object({
    fileName: z.string(),
    mediaType: z.enum(['application/pdf', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet']),
    contentBase64: z.string(),
  })
  .strict()
export type ReportFile = z.infer<typeof ReportFile$>

// ─── 年報 ──────────────────────────────────────────────────────────────────────────────────────────────────────────

export const FiscalYear$ = z.number().int().min(2000).max(2100)

export const AnnualReportQuery$ = z
  .object({ fiscalYear: FiscalYear$, cutoffOn: IsoDate$.nullable().default(null) })
  .strict()
export type AnnualReportQuery = z.input<typeof AnnualReportQuery$>

export const AnnualReport$ = z
  .object({
    fiscalYear: FiscalYear$,
    baseDate: IsoDate$,
    cutoffOn: IsoDate$,
    tables: z.array(ReportTable$),
    checks: z.array(ReportCheck$),
    versions: z.array(ReportVersionSummary$),
    source: z.string(),
  })
  .strict()
export type AnnualReport = z.infer<typeof AnnualReport$>

export const AnnualDrillDownQuery$ = z
  .object({
    fiscalYear: FiscalYear$,
    cutoffOn: IsoDate$.nullable().default(null),
    cellId: z.string().min(1).max(80),
  })
  .strict()
export type AnnualDrillDownQuery = z.input<typeof AnnualDrillDownQuery$>

export const SubmitAnnualReportRequest$ = z
  .object({ idempotencyKey: IdempotencyKey$, fiscalYear: FiscalYear$, cutoffOn: IsoDate$.nullable().default(null) })
  .strict()
export type SubmitAnnualReportRequest = z.input<typeof SubmitAnnualReportRequest$>

export const AnnualReportFileQuery$ = z
  .object({
    fiscalYear: FiscalYear$,
    cutoffOn: IsoDate$.nullable().default(null),
    versionId: z.number().int().positive().nullable().default(null),
    format: z.enum(['xlsx', 'pdf']),
  })
  .strict()
export type AnnualReportFileQuery = z.input<typeof AnnualReportFileQuery$>

export const statisticsApiRoutes = {
  'statistics.monthlyReport': {
    method: 'POST',
    path: '/api/v1/statistics/monthly',
    input: MonthlyReportQuery$,
    output: MonthlyReport$,
  },
  'statistics.drillDown': {
    method: 'POST',
    path: '/api/v1/statistics/monthly/drill-down',
    input: DrillDownQuery$,
    output: DrillDown$,
  },
  'statistics.submit': {
    method: 'POST',
    path: '/api/v1/statistics/monthly/submit',
    input: SubmitReportRequest$,
    output: ReportVersionSummary$,
  },
  'statistics.reportFile': {
    method: 'POST',
    path: '/api/v1/statistics/monthly/file',
    input: ReportFileQuery$,
    output: ReportFile$,
  },
  'statistics.annualReport': {
    method: 'POST',
    path: '/api/v1/statistics/annual',
    input: AnnualReportQuery$,
    output: AnnualReport$,
  },
  'statistics.annualDrillDown': {
    method: 'POST',
    path: '/api/v1/statistics/annual/drill-down',
    input: AnnualDrillDownQuery$,
    output: DrillDown$,
  },
  'statistics.annualSubmit': {
    method: 'POST',
    path: '/api/v1/statistics/annual/submit',
    input: SubmitAnnualReportRequest$,
    output: ReportVersionSummary$,
  },
  'statistics.annualReportFile': {
    method: 'POST',
    path: '/api/v1/statistics/annual/file',
    input: AnnualReportFileQuery$,
    output: ReportFile$,
  },
} as const
