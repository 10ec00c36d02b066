/** The audit report over the core's audit log: the route and the report the CLI prints. */
export { auditRoutes } from './audit-routes'
export { buildAuditReport, type AuditReport, type AuditReportOptions } from './audit-report'
export { renderAuditReportPdf, AUDIT_REPORT_TITLE } from './audit-report-pdf'
