/** 統計・報告 (docs/statistics.md): the 事業状況報告 月報 as known at its cut-off, its drill-down, submission and files. */
export { statisticsRoutes } from './statistics-routes'
export { computeMonthly, monthlyReport } from './monthly-report'
export { monthlyReportPdf, monthlyReportXlsx, excelNameOf } from './report-files'
export { statisticsReportVersions, statisticsExtractRuns, statisticsExtractTemplates } from './schema'
