import { z } from 'zod'
import {
  AnnualDrillDownQuery$,
  AnnualReport$,
  AnnualReportFileQuery$,
  AnnualReportQuery$,
  DrillDown$,
  DrillDownQuery$,
  ExportExtractInput$,
  ExtractRun$,
  ExtractTemplate$,
  ExtractTemplateList$,
  MonthlyReport$,
  MonthlyReportQuery$,
  ReportFileQuery$,
  ReportVersionSummary$,
  RunExtractInput$,
  SaveExtractTemplateInput$,
  SubmitAnnualReportRequest$,
  SubmitReportRequest$,
} from '../api/statistics'
import { ExportRequestSummary$ } from '../api/export'
import { Empty$ } from '../api/primitives'

/**
 * What the renderer learns of a saved report file (Excel or PDF of the 月報 or 年報): its name, where it went and its
 * SHA-256 — never its bytes (main fetches them from the server and writes them through the export control, C-21).
 */
export const ReportFileSaved$ = z
  .object({ fileName: z.string(), destination: z.string(), fileSha256: z.string(), format: z.enum(['xlsx', 'pdf']) })
  .strict()
export type ReportFileSaved = z.infer<typeof ReportFileSaved$>

/**
 * The 統計・報告 channels (one per operation): the reports, drill-downs and submissions pass to the server route of
 * the same name as they are (it checks the permission and the step-up, and audits every read), except the two saves,
 * which main fetches and writes through the export control. The EUC extract channels (templates, run, 持出申請 of a
 * run) pass through too; the approved extract's file is written by `export.execute` (the export service: AES-256
 * ZIP, 持出管理簿). contract.ts spreads these into `ipcChannels`; channels.ts lists the same names.
 */
export const statisticsIpcChannels = {
  'statistics.monthlyReport': { req: MonthlyReportQuery$, res: MonthlyReport$ },
  'statistics.drillDown': { req: DrillDownQuery$, res: DrillDown$ },
  'statistics.submit': { req: SubmitReportRequest$, res: ReportVersionSummary$ },
  'statistics.saveReportFile': { req: ReportFileQuery$, res: ReportFileSaved$ },
  'statistics.annualReport': { req: AnnualReportQuery$, res: AnnualReport$ },
  'statistics.annualDrillDown': { req: AnnualDrillDownQuery$, res: DrillDown$ },
  'statistics.annualSubmit': { req: SubmitAnnualReportRequest$, res: ReportVersionSummary$ },
  'statistics.saveAnnualReportFile': { req: AnnualReportFileQuery$, res: ReportFileSaved$ },
  'statistics.extractTemplates': { req: Empty$, res: ExtractTemplateList$ },
  'statistics.saveExtractTemplate': { req: SaveExtractTemplateInput$, res: ExtractTemplate$ },
  'statistics.runExtract': { req: RunExtractInput$, res: ExtractRun$ },
  'statistics.exportExtract': { req: ExportExtractInput$, res: ExportRequestSummary$ },
} as const

/** The routes main passes through (their IPC channel has the same name as the server route). */
export type StatisticsPassThrough = Exclude<
  keyof typeof statisticsIpcChannels,
  'statistics.saveReportFile' | 'statistics.saveAnnualReportFile'
>
