import type { RouteDefinition } from '../../core/http/route'
import { defineRoute } from '../../core/http/route'
import { buildAuditReport } from './audit-report'

/** The supervisor's analysis report (control C-08); the report itself is an audited personal-data access. */
export function auditRoutes(personalDataActions: () => ReadonlySet<string>): RouteDefinition<'audit.report'>[] {
  return [
    defineRoute({
      name: 'audit.report',
      access: { kind: 'permission', permission: 'audit.report' },
      personalData: true,
      audit: { action: 'audit.report' },
      effect: 'read',
      async handle({ input, db, audit }) {
        const from = new Date(input.from)
        const to = new Date(input.to)
        audit.purpose(`分析期間 ${from.toISOString()} – ${to.toISOString()}`)
        return buildAuditReport(db, {
          from,
          to,
          bulkThresholdPerHour: input.bulkThresholdPerHour,
          officeHours: { start: input.officeStart, end: input.officeEnd },
          personalDataActions: personalDataActions(),
        })
      },
    }),
  ]
}
