// Printing (control C-28): only through main, only to allowlisted printers, every print of personal data audited.
import { z } from 'zod'
import { IdempotencyKey$, RecordId$ } from './primitives'

export const PrintForm$ = z.string().trim().min(1).max(60)

/** Who and what a print is: the audited part (the server's print row holds exactly this). */
const PrintTarget$ = z
  .object({
    form: PrintForm$,
    printer: z.string().min(1).max(256),
    /** Internal ids of the persons on the printout (empty for forms without resident data). */
    personIds: z.array(RecordId$).max(1_000),
  })
  .strict()

/**
 * A document to print instead of the window: an issued form's PDF as the server made it (被保険者証, 資格者証).
 * Main checks that it is a PDF; it is printed, never written to disk.
 */
export const PrintDocument$ = z
  .object({
    kind: z.literal('pdf'),
    base64: z
      .string()
      .min(8)
      .max(4_000_000, '印刷する PDF が大きすぎます')
      .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'PDF の形式が正しくありません'),
  })
  .strict()
export type PrintDocument = z.infer<typeof PrintDocument$>

/** What the renderer asks main to print: the form (the window, or the document), and whose data it holds. */
export const PrintRequest$ = PrintTarget$.extend({ document: PrintDocument$.optional() }).strict()
export type PrintRequest = z.infer<typeof PrintRequest$>

/** The server's print audit row (HTTP): never the document itself. */
export const PrintRecordInput$ = PrintTarget$.extend({ idempotencyKey: IdempotencyKey$ }).strict()

export const PrinterInfo$ = z.object({ name: z.string(), allowed: z.boolean(), reason: z.string().nullable() }).strict()
export const PrinterList$ = z.object({ printers: z.array(PrinterInfo$) }).strict()
export type PrinterList = z.infer<typeof PrinterList$>
