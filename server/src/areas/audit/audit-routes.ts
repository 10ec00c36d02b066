import type { RouteDefinition } from '../../core/http/route'
import { defineRoute } from '../../core/http/route'
import { buildAuditReport, type AuditReportOptions } from './audit-report'
import { AUDIT_PDF_LIST_ROWS, AUDIT_REPORT_TITLE, renderAuditReportPdf } from './audit-report-pdf'
import type { ApiInput } from '../../../../shared/api/routes'

type ReportInput = Required<Pick<ApiInput<'audit.report'>, 'from' | 'to'>> & {
  bulkThresholdPerHour: number
  officeStart: string
  officeEnd: string
}

const optionsOf = (input: ReportInput, personalDataActions: ReadonlySet<string>): AuditReportOptions => ({
  from: new Date(input.from),
  to: new Date(input.to),
  bulkThresholdPerHour: input.bulkThresholdPerHour,
  officeHours: { start: input.officeStart, end: input.officeEnd },
  personalDataActions,
})

/** The supervisor's analysis report (control C-08); the report itself is an audited personal-data access. */
export function auditRoutes(
  personalDataActions: () => ReadonlySet<string>,
): RouteDefinition<'audit.report' | 'audit.reportPdf'>[] {
  return [
    defineRoute({
      name: 'audit.report',
      access: { kind: 'permission', permission: 'audit.report' },
      personalData: true,
      audit: { action: 'audit.report' },
      effect: 'read',
      async handle({ input, db, audit }) {
        const options = optionsOf(input, personalDataActions())
        audit.purpose(`分析期間 ${options.from.toISOString()} – ${options.to.toISOString()}`)
        return buildAuditReport(db, options)
      },
    }),
    // The same analysis as a PDF for the committee: printed through the terminal's print control (C-28).
    defineRoute({
      name: 'audit.reportPdf',
      access: { kind: 'permission', permission: 'audit.report' },
      personalData: true,
      audit: { action: 'audit.reportPdf' },
      effect: 'read',
      async handle({ input, db, audit, now, user }) {
        const options = optionsOf(input, personalDataActions())
        audit.purpose(`委員会資料（PDF） 分析期間 ${options.from.toISOString()} – ${options.to.toISOString()}`)
        const report = await buildAuditReport(db, options)
        const pdf = await renderAuditReportPdf(report, {
          generatedAt: now,
          generatedBy: user?.loginId ?? '',
          bulkThresholdPerHour: input.bulkThresholdPerHour,
          officeHours: options.officeHours,
        })
        const listed = report.protectedAccess.slice(0, AUDIT_PDF_LIST_ROWS).flatMap((p) => p.personIds)
        return {
          title: AUDIT_REPORT_TITLE,
          pdfBase64: Buffer.from(pdf).toString('base64'),
          rows: report.rows,
          personIds: [...new Set(listed)].sort((a, b) => a - b),
        }
      },
    }),
  ]
}
