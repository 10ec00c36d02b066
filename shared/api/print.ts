// Printing (control C-28): only through main, only to allowlisted printers, every print of personal data audited.
import { z } from 'zod'

export const PrintForm$ = z.string().trim().min(1).max(60)

/** What the renderer asks main to print: the form shown in the window, and whose data it holds. */
export const PrintRequest$ = z
  .object({
    form: PrintForm$,
    printer: z.string().min(1).max(256),
    /** Internal ids of the persons on the printout (empty for forms without resident data). */
    personIds: z.array(z.number().int().positive()).max(1_000),
  })
  .strict()
export type PrintRequest = z.infer<typeof PrintRequest$>

/** The server's print audit row (HTTP). */
export const PrintRecordInput$ = PrintRequest$.extend({ idempotencyKey: z.uuid() }).strict()

export const PrinterInfo$ = z.object({ name: z.string(), allowed: z.boolean(), reason: z.string().nullable() }).strict()
export const PrinterList$ = z.object({ printers: z.array(PrinterInfo$) }).strict()
export type PrinterList = z.infer<typeof PrinterList$>
