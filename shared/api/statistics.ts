/**
 * 統計・報告 contract (docs/statistics.md): the 事業状況報告 月報 computed as known at a cut-off, the drill-down from a
 * cell to its persons, the submission of a version (監督者, step-up) and the report as Excel or PDF; the 年報 likewise.
 */
import { z } from 'zod'
import { Empty$, IdempotencyKey$, IsoDate$, RecordId$, RowVersion$ } from './primitives'
import { ExportRequestSummary$ } from './export'
import { extractItemIds } from '../domain/statistics/extract'

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

const reportApiRoutes = {
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

// ── EUC extracts (簡易検索・抽出): templates, runs masked per shared/domain/statistics/extract.ts, the export ──

/** The base population of an extract, on its base date. */
export const ExtractPopulation$ = z.enum(['insured1', 'certified', 'premium'])
export type ExtractPopulation = z.infer<typeof ExtractPopulation$>
export const extractPopulationLabels: Record<ExtractPopulation, string> = {
  insured1: '第1号被保険者（基準日）',
  certified: '認定者（基準日に有効な認定）',
  premium: '賦課（基準日の年度の賦課）',
}

const TextList$ = z.array(z.string().trim().min(1).max(60)).max(50)

export const ExtractFilters$ = z
  .object({
    towns: TextList$.default([]),
    careAreas: TextList$.default([]),
    sex: z.enum(['male', 'female']).nullable().default(null),
    careLevels: z
      .array(z.string().regex(/^\d{2}$/, '要介護状態区分のコードは2桁です'))
      .max(10)
      .default([]),
    premiumStages: z.array(z.number().int().min(1).max(30)).max(30).default([]),
    ageFrom: z.number().int().min(0).max(130).nullable().default(null),
    ageTo: z.number().int().min(0).max(130).nullable().default(null),
  })
  .strict()

/** Columns and groupBy are item ids of the catalogue (extractItems); a forbidden item is refused with its name. */
export const ExtractDefinition$ = z
  .object({
    population: ExtractPopulation$,
    columns: z.array(z.string().min(1).max(40)).max(extractItemIds.length),
    groupBy: z.array(z.string().min(1).max(40)).max(3).default([]),
    filters: ExtractFilters$.default({
      towns: [],
      careAreas: [],
      sex: null,
      careLevels: [],
      premiumStages: [],
      ageFrom: null,
      ageTo: null,
    }),
  })
  .strict()
export type ExtractDefinition = z.infer<typeof ExtractDefinition$>

/** Create (templateId null) or update (templateId, the rowVersion read and a reason). */
export const SaveExtractTemplateInput$ = z
  .object({
    idempotencyKey: IdempotencyKey$,
    templateId: RecordId$.nullable().default(null),
    rowVersion: RowVersion$.nullable().default(null),
    reason: z.string().trim().max(200).nullable().default(null),
    templateName: z.string().trim().min(1, 'テンプレート名を入力してください').max(80),
    shared: z.boolean().default(false),
    definition: ExtractDefinition$,
  })
  .strict()
export type SaveExtractTemplateInput = z.input<typeof SaveExtractTemplateInput$>

export const ExtractTemplate$ = z
  .object({
    id: z.number().int(),
    templateName: z.string(),
    shared: z.boolean(),
    definition: ExtractDefinition$,
    rowVersion: z.number().int(),
    createdBy: z.string(),
    createdAt: z.string(),
    updatedAt: z.string().nullable(),
  })
  .strict()
export type ExtractTemplate = z.infer<typeof ExtractTemplate$>

export const ExtractCatalogueItem$ = z
  .object({ id: z.string(), label: z.string(), group: z.string(), identifying: z.boolean(), groupable: z.boolean() })
  .strict()
export const ExtractTemplateList$ = z
  .object({ items: z.array(ExtractTemplate$), catalogue: z.array(ExtractCatalogueItem$) })
  .strict()

/** A reason of 4 characters or more shows the identifying items (audited); without one they print 「＊＊＊＊」. */
export const RunExtractInput$ = z
  .object({
    templateId: RecordId$,
    baseDate: IsoDate$,
    reason: z.string().trim().max(200).nullable().default(null),
  })
  .strict()
export type RunExtractInput = z.input<typeof RunExtractInput$>

export const ExtractRun$ = z
  .object({
    extractRunId: z.number().int(),
    templateId: z.number().int(),
    baseDate: IsoDate$,
    header: z.array(z.string()),
    /** The first 200 rows as the CSV has them (the whole file leaves only through statistics.exportExtract). */
    rows: z.array(z.array(z.string())),
    rowCount: z.number().int(),
    personCount: z.number().int(),
    maskedItems: z.array(z.string()),
    /** Grouped results: the number of cells shown 「*」 (1 … threshold−1 persons). */
    suppressedCells: z.number().int(),
    sha256: z.string(),
    ranBy: z.string(),
    ranAt: z.string(),
  })
  .strict()
export type ExtractRun = z.infer<typeof ExtractRun$>

export const ExportExtractInput$ = z
  .object({
    idempotencyKey: IdempotencyKey$,
    extractRunId: RecordId$,
    purpose: z.string().trim().min(4, '持出の目的を4文字以上で入力してください').max(200),
  })
  .strict()
export type ExportExtractInput = z.input<typeof ExportExtractInput$>

const extractApiRoutes = {
  'statistics.extractTemplates': {
    method: 'POST',
    path: '/api/v1/statistics/extracts/templates',
    input: Empty$,
    output: ExtractTemplateList$,
  },
  'statistics.saveExtractTemplate': {
    method: 'POST',
    path: '/api/v1/statistics/extracts/templates/save',
    input: SaveExtractTemplateInput$,
    output: ExtractTemplate$,
  },
  'statistics.runExtract': {
    method: 'POST',
    path: '/api/v1/statistics/extracts/run',
    input: RunExtractInput$,
    output: ExtractRun$,
  },
  'statistics.exportExtract': {
    method: 'POST',
    path: '/api/v1/statistics/extracts/export',
    input: ExportExtractInput$,
    output: ExportRequestSummary$,
  },
} as const

export const statisticsApiRoutes = { ...reportApiRoutes, ...extractApiRoutes } as const
