import { z } from 'zod'
import { AuditReportRequest$ } from '../api/audit'

/**
 * The committee's PDF of the audit analysis, printed by main (control C-28): main fetches it from the server and
 * sends it to an allowlisted printer; the renderer names the period and the printer and gets the outcome back.
 */
export const PrintAuditReportRequest$ = AuditReportRequest$.extend({
  printer: z.string().min(1).max(256),
}).strict()
export type PrintAuditReportRequest = z.input<typeof PrintAuditReportRequest$>

export const PrintedAuditReport$ = z.object({ title: z.string(), printer: z.string(), rows: z.number().int() }).strict()
export type PrintedAuditReport = z.infer<typeof PrintedAuditReport$>
