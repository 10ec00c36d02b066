import { z } from 'zod'
import {
  DunningCommitResult$,
  DunningDryRunRequest$,
  DunningRejectRequest$,
  DunningRunAction$,
  DunningRunDetail$,
  DunningRunList$,
  DunningRunQuery$,
  DunningRunsQuery$,
  DunningRunSummary$,
  LateChargeQuote$,
  LateChargeQuoteRequest$,
} from '../api/dunning'
import { RecordId$ } from '../api/primitives'

/**
 * The 督促・不納欠損 print: main fetches the run's 督促状 (one PDF) from the server and sends it to an allowlisted
 * printer (control C-28); the renderer names the run and the printer and gets the outcome back, never the PDF.
 */
export const PrintDemandNoticesRequest$ = z.object({ runId: RecordId$, printer: z.string().min(1).max(256) }).strict()
export type PrintDemandNoticesRequest = z.input<typeof PrintDemandNoticesRequest$>

export const PrintedDemandNotices$ = z
  .object({
    title: z.string(),
    printer: z.string(),
    runId: z.number().int(),
    notices: z.number().int(),
    withheld: z.number().int(),
    pages: z.number().int(),
  })
  .strict()
export type PrintedDemandNotices = z.infer<typeof PrintedDemandNotices$>

/**
 * The 督促・不納欠損 channels (one per operation): passed to the server as they are — it checks the permission, four
 * eyes and the step-up, and audits — except the print, which is main's own. contract.ts spreads these into
 * `ipcChannels`; channels.ts lists the same names.
 */
export const dunningIpcChannels = {
  'dunning.dryRun': { req: DunningDryRunRequest$, res: DunningRunDetail$ },
  'dunning.runs': { req: DunningRunsQuery$, res: DunningRunList$ },
  'dunning.run': { req: DunningRunQuery$, res: DunningRunDetail$ },
  'dunning.approve': { req: DunningRunAction$, res: DunningRunSummary$ },
  'dunning.reject': { req: DunningRejectRequest$, res: DunningRunSummary$ },
  'dunning.commit': { req: DunningRunAction$, res: DunningCommitResult$ },
  'dunning.lateChargeQuote': { req: LateChargeQuoteRequest$, res: LateChargeQuote$ },
  'dunning.printNotices': { req: PrintDemandNoticesRequest$, res: PrintedDemandNotices$ },
} as const

/** The routes main passes through (their IPC channel has the same name as the server route). */
export type DunningPassThrough = Exclude<keyof typeof dunningIpcChannels, 'dunning.printNotices'>
