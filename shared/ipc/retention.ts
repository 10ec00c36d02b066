import { z } from 'zod'
import { RetentionRunId$ } from '../api/retention'

/**
 * The 消去報告書 of an erased run (control C-20), printed by main (control C-28): main fetches the PDF from the server
 * and sends it to an allowlisted printer; the renderer names the run and the printer and gets the outcome back.
 */
export const PrintErasureReportRequest$ = RetentionRunId$.extend({
  printer: z.string().min(1).max(256),
}).strict()
export type PrintErasureReportRequest = z.input<typeof PrintErasureReportRequest$>

export const PrintedErasureReport$ = z
  .object({ title: z.string(), printer: z.string(), runId: z.number().int() })
  .strict()
export type PrintedErasureReport = z.infer<typeof PrintedErasureReport$>
