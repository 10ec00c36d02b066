import { z } from 'zod'
import {
  MigrationAcceptReport$,
  MigrationDecideGaiji$,
  MigrationDecision$,
  MigrationDifferenceRecords$,
  MigrationDifferenceRecordsQuery$,
  MigrationEraseTrialStore$,
  MigrationErasureReport$,
  MigrationExtract$,
  MigrationExtractList$,
  MigrationGaijiEntry$,
  MigrationGaijiList$,
  MigrationGaijiQuery$,
  MigrationReconcile$,
  MigrationReconciliation$,
  MigrationReconciliationList$,
  MigrationReconciliationListQuery$,
  MigrationRecordDecision$,
  MigrationRehearsalDryRun$,
  MigrationRehearsalPlan$,
  MigrationReport$,
  MigrationReportQuery$,
  MigrationReportRef$,
  MigrationSignOffReconciliation$,
  MigrationStartRehearsal$,
  MigrationTrialStore$,
  MigrationTrialStoreList$,
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
 * report, the list, the acceptance and the 外字 workbench pass to the server route of the same name as they are, and
 * so do section 2's: the 仮移行 (dry run, load, stores), the 突合 with its drill-down and sign-off, the 移行判定 and the
 * erasure of a trial store with its 消去報告書.
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
  'migration.rehearsalDryRun': { req: MigrationRehearsalDryRun$, res: MigrationRehearsalPlan$ },
  'migration.startRehearsal': { req: MigrationStartRehearsal$, res: MigrationTrialStore$ },
  'migration.trialStores': { req: Empty$, res: MigrationTrialStoreList$ },
  'migration.reconcile': { req: MigrationReconcile$, res: MigrationReconciliation$ },
  'migration.reconciliation': { req: MigrationReportRef$, res: MigrationReconciliation$ },
  'migration.reconciliationReports': { req: MigrationReconciliationListQuery$, res: MigrationReconciliationList$ },
  'migration.differenceRecords': { req: MigrationDifferenceRecordsQuery$, res: MigrationDifferenceRecords$ },
  'migration.signOffReconciliation': { req: MigrationSignOffReconciliation$, res: MigrationReconciliation$ },
  'migration.recordDecision': { req: MigrationRecordDecision$, res: MigrationDecision$ },
  'migration.eraseTrialStore': { req: MigrationEraseTrialStore$, res: MigrationErasureReport$ },
} as const

/** The routes main passes through (their IPC channel has the same name as the server route). */
export type MigrationPassThrough =
  | 'migration.extracts'
  | 'migration.report'
  | 'migration.acceptReport'
  | 'migration.gaijiList'
  | 'migration.decideGaiji'
  | 'migration.rehearsalDryRun'
  | 'migration.startRehearsal'
  | 'migration.trialStores'
  | 'migration.reconcile'
  | 'migration.reconciliation'
  | 'migration.reconciliationReports'
  | 'migration.differenceRecords'
  | 'migration.signOffReconciliation'
  | 'migration.recordDecision'
  | 'migration.eraseTrialStore'
