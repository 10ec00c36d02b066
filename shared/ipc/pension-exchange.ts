import { z } from 'zod'
import {
  PensionExchangeFiles$,
  PensionExchangeFilesQuery$,
  PensionFileApproveRequest$,
  PensionFileDownloadRequest$,
  PensionRequestsExportRequest$,
  PensionRequestsExportResult$,
  PensionResultsImportResult$,
  PensionSentFile$,
  PensionTargetsImportResult$,
} from '../api/pension-withholding'

const FiscalYear$ = z.number().int().min(2024).max(2100)

/**
 * The import of a 特別徴収対象者情報 (Z11) file: main opens its file dialog and reads the file itself (the renderer
 * never holds the bytes), then sends it to the server, which validates the whole file and applies all or nothing.
 */
export const PensionTargetsFileImport$ = z
  .object({ fiscalYear: FiscalYear$, dryRun: z.boolean().default(false) })
  .strict()
export type PensionTargetsFileImport = z.input<typeof PensionTargetsFileImport$>

/** The import of a 特別徴収結果 (Z14) file, chosen in main's file dialog. */
export const PensionResultsFileImport$ = z.object({ dryRun: z.boolean().default(false) }).strict()
export type PensionResultsFileImport = z.input<typeof PensionResultsFileImport$>

/** What the server answered for the file, and the name of the file main read (its name only, never the path). */
export const PensionTargetsFileImported$ = PensionTargetsImportResult$.extend({ fileName: z.string() }).strict()
export type PensionTargetsFileImported = z.infer<typeof PensionTargetsFileImported$>
export const PensionResultsFileImported$ = PensionResultsImportResult$.extend({ fileName: z.string() }).strict()
export type PensionResultsFileImported = z.infer<typeof PensionResultsFileImported$>

/**
 * What the renderer learns of a saved 依頼 / 各種異動 file: its name, where it went, its SHA-256 and its record
 * count — never its bytes (main fetches them from the server and writes them through the export control, C-21).
 */
export const PensionFileSaved$ = z
  .object({
    fileId: z.number().int(),
    fileName: z.string(),
    destination: z.string(),
    fileSha256: z.string(),
    records: z.number().int(),
  })
  .strict()
export type PensionFileSaved = z.infer<typeof PensionFileSaved$>

/**
 * The 年金特別徴収 exchange channels (one per operation): the list of files, the 依頼 file (dry run, or prepared for a
 * 監督者's sign-off) and the sign-off pass to the server route as they are (it checks the permission, four eyes and
 * the step-up, and audits every answer naming persons); the two imports are main's (its file dialog, then the
 * route); the save of an approved file is main's (the export control). Nothing is kept on the terminal.
 * contract.ts spreads these into `ipcChannels`; channels.ts lists the same names.
 */
export const pensionExchangeIpcChannels = {
  'pensionExchange.files': { req: PensionExchangeFilesQuery$, res: PensionExchangeFiles$ },
  'pensionExchange.importTargets': { req: PensionTargetsFileImport$, res: PensionTargetsFileImported$ },
  'pensionExchange.importResults': { req: PensionResultsFileImport$, res: PensionResultsFileImported$ },
  'pensionExchange.exportRequests': { req: PensionRequestsExportRequest$, res: PensionRequestsExportResult$ },
  'pensionExchange.approveFile': { req: PensionFileApproveRequest$, res: PensionSentFile$ },
  'pensionExchange.saveFile': { req: PensionFileDownloadRequest$, res: PensionFileSaved$ },
} as const

export type PensionExchangeChannel = keyof typeof pensionExchangeIpcChannels

/** The channels passed through as they are, and the server route each goes to. */
export const pensionExchangeRoutes = {
  'pensionExchange.files': 'premiums.withholdingExchangeFiles',
  'pensionExchange.exportRequests': 'premiums.exportWithholdingRequests',
  'pensionExchange.approveFile': 'premiums.withholdingFileApprove',
} as const satisfies Partial<Record<PensionExchangeChannel, string>>

export type PensionExchangePassThrough = keyof typeof pensionExchangeRoutes

/**
 * The largest 特別徴収 file main sends in one request: the server takes 60,000,000 base64 characters
 * (shared/api/pension-withholding.ts), i.e. 45,000,000 bytes (90,000 records of 500 bytes).
 */
export const PENSION_FILE_MAX_BYTES = 45_000_000
