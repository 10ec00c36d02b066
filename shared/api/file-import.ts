/**
 * The vocabulary every file import shares (住基異動, 住民税課税情報, and the payment, 国保連, pension and migration
 * files to come): how the file's encoding is asked for, a problem named by line and column, and the fields of every
 * import's result. An importer's result extends `fileImportResultShape` with its own counts.
 */
import { z } from 'zod'

/** The encoding the staff member chose, or 'auto' (strict UTF-8, else CP932). */
export const FileEncoding$ = z.enum(['auto', 'utf-8', 'shift_jis'])

/** One problem of a file: the line (1 = header), the column's Japanese label, and why. */
export const FileImportProblem$ = z.object({ line: z.number().int(), column: z.string(), reason: z.string() }).strict()
export type FileImportProblem = z.infer<typeof FileImportProblem$>

export const fileImportResultShape = {
  /** applied | validated (dry run, no problem) | rejected (problems: nothing applied) | alreadyImported (same file). */
  status: z.enum(['applied', 'validated', 'rejected', 'alreadyImported']),
  /** The encoding the file was read in (null when it was not read). */
  encoding: z.enum(['utf-8', 'shift_jis']).nullable(),
  /** Data lines (without the header). */
  records: z.number().int(),
  /** Records applied now (in a dry run: that would be applied). */
  applied: z.number().int(),
  /** Records an earlier file already applied: skipped. */
  alreadyApplied: z.number().int(),
  problems: z.array(FileImportProblem$),
  /** true when more problems existed than are listed. */
  truncated: z.boolean(),
  /** What the staff member must know about the records applied (or to be applied), one Japanese line each. */
  notices: z.array(z.string()),
  /** Said about the file itself, shown above the result: demo mode took it without a malware scan (C-05). */
  warnings: z.array(z.string()).optional(),
}
