import { z } from 'zod'
import {
  MigrationAcceptReport$,
  MigrationDecideGaiji$,
  MigrationExtract$,
  MigrationExtractList$,
  MigrationGaijiEntry$,
  MigrationGaijiList$,
  MigrationGaijiQuery$,
  MigrationReport$,
  MigrationReportQuery$,
} from '../api/migration'
import { Empty$, RecordId$ } from '../api/primitives'

/**
 * Where the upload of an extract stands: main holds the files it read from the folder the 移行担当 chose (the
 * renderer never reads them) and sends them in chunks of MIGRATION_CHUNK_BYTES, one chunk per `sendNextChunk`.
 */
export const MigrationUpload$ = z
  .object({
    extract: MigrationExtract$,
    /** The folder chosen in main's dialog (its name only). */
    folderName: z.string(),
    sentBytes: z.number().int(),
    totalBytes: z.number().int(),
    /** Every chunk sent: the extract may be finished. */
    complete: z.boolean(),
  })
  .strict()
export type MigrationUpload = z.infer<typeof MigrationUpload$>

export const MigrationExtractId$ = z.object({ extractId: RecordId$ }).strict()

/**
 * The データ移行 channels (one per operation). The extract is loaded by main: `openExtract` opens the folder dialog,
 * reads the manifest and the CSV files it lists and begins the extract on the server; `sendNextChunk` sends the next
 * chunk (the renderer shows the progress); `finishExtract` asks the server to assemble, scan and validate. The
 * report, the list, the acceptance and the 外字 workbench pass to the server route of the same name as they are.
 * contract.ts spreads these into `ipcChannels`; channels.ts lists the same names.
 */
export const migrationIpcChannels = {
  'migration.openExtract': { req: Empty$, res: MigrationUpload$ },
  'migration.sendNextChunk': { req: MigrationExtractId$, res: MigrationUpload$ },
  'migration.finishExtract': { req: MigrationExtractId$, res: MigrationExtract$ },
  'migration.extracts': { req: Empty$, res: MigrationExtractList$ },
  'migration.report': { req: MigrationReportQuery$, res: MigrationReport$ },
  'migration.acceptReport': { req: MigrationAcceptReport$, res: MigrationExtract$ },
  'migration.gaijiList': { req: MigrationGaijiQuery$, res: MigrationGaijiList$ },
  'migration.decideGaiji': { req: MigrationDecideGaiji$, res: MigrationGaijiEntry$ },
} as const

/** The routes main passes through (their IPC channel has the same name as the server route). */
export type MigrationPassThrough =
  'migration.extracts' | 'migration.report' | 'migration.acceptReport' | 'migration.gaijiList' | 'migration.decideGaiji'
