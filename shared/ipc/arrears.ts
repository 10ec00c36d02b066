import { z } from 'zod'
import {
  ArrearsCase$,
  ArrearsCaseQuery$,
  ArrearsNoticeRequest$,
  ArrearsWorkList$,
  ArrearsWorkListQuery$,
  EndPlanRequest$,
  RecordContactRequest$,
  RecordPlanRequest$,
  RecordPropertyRequest$,
  RestrictionStepRequest$,
} from '../api/arrears'

/**
 * The 催告書 / 給付制限 notice print: main fetches the PDF from the server and sends it to an allowlisted printer
 * (control C-28); the renderer names the person, the notice and the printer and gets the outcome (and the text
 * lines for the screen) back, never the PDF.
 */
export const PrintArrearsNoticeRequest$ = ArrearsNoticeRequest$.extend({ printer: z.string().min(1).max(256) }).strict()
export type PrintArrearsNoticeRequest = z.input<typeof PrintArrearsNoticeRequest$>
export const PrintedArrearsNotice$ = z
  .object({ title: z.string(), printer: z.string(), text: z.array(z.string()) })
  .strict()
export type PrintedArrearsNotice = z.infer<typeof PrintedArrearsNotice$>

/**
 * The 滞納管理・給付制限 channels (one per operation), passed to the server as they are — it checks the permission,
 * the person's area, four eyes and the step-up, and audits — except the print, which is main's own. contract.ts
 * spreads these into `ipcChannels`; channels.ts lists the same names.
 */
export const arrearsIpcChannels = {
  'arrears.workList': { req: ArrearsWorkListQuery$, res: ArrearsWorkList$ },
  'arrears.case': { req: ArrearsCaseQuery$, res: ArrearsCase$ },
  'arrears.recordContact': { req: RecordContactRequest$, res: ArrearsCase$ },
  'arrears.recordPlan': { req: RecordPlanRequest$, res: ArrearsCase$ },
  'arrears.endPlan': { req: EndPlanRequest$, res: ArrearsCase$ },
  'arrears.recordProperty': { req: RecordPropertyRequest$, res: ArrearsCase$ },
  'arrears.restrictionStep': { req: RestrictionStepRequest$, res: ArrearsCase$ },
  'arrears.restrictionDecide': { req: RestrictionStepRequest$, res: ArrearsCase$ },
  'arrears.printNotice': { req: PrintArrearsNoticeRequest$, res: PrintedArrearsNotice$ },
} as const

/** The routes main passes through (their IPC channel has the same name as the server route). */
export type ArrearsPassThrough = Exclude<keyof typeof arrearsIpcChannels, 'arrears.printNotice'>
