import { z } from 'zod'
import {
  BankAccountRevision$,
  ChangeBankAccountRequest$,
  DirectDebitApproveRequest$,
  DirectDebitDownloadRequest$,
  DirectDebitDryRun$,
  DirectDebitDryRunRequest$,
  DirectDebitFileRequest$,
  DirectDebitPrepared$,
  PersonBankAccounts$,
  PersonBankAccountsQuery$,
  RegisterBankAccountRequest$,
  StopDirectDebitRequest$,
} from '../api/direct-debit'
import {
  PersonReliefsQuery$,
  ReliefApplication$,
  ReliefApplications$,
  ReliefApplyRequest$,
  ReliefDecideRequest$,
  ReliefDecisionResult$,
  ReliefQueueQuery$,
  ReliefWithdrawRequest$,
} from '../api/premium-reductions'
import { Yen$ } from '../api/primitives'

/**
 * What the renderer learns of a saved 口座振替依頼 file: its name, where it went, its SHA-256 and the totals — never
 * its bytes (main fetches them from the server and writes them through the export control, C-21).
 */
export const DirectDebitSaved$ = z
  .object({
    requestId: z.number().int(),
    transferDate: z.string(),
    fileName: z.string(),
    destination: z.string(),
    fileSha256: z.string(),
    count: z.number().int(),
    total: Yen$,
  })
  .strict()
export type DirectDebitSaved = z.infer<typeof DirectDebitSaved$>

/**
 * The 口座・口座振替 and 減免・徴収猶予 channels: each passes to the server route of the same verb under `premiums.`
 * as it is (the server checks the permission, 支援措置, four eyes and the step-up, and audits every read), except
 * `saveDirectDebitFile`, which main fetches and writes through the export control. Nothing is kept on the terminal.
 * contract.ts spreads these into `ipcChannels`; channels.ts lists the same names.
 */
export const premiumRecordsIpcChannels = {
  'premiumRecords.bankAccounts': { req: PersonBankAccountsQuery$, res: PersonBankAccounts$ },
  'premiumRecords.registerBankAccount': { req: RegisterBankAccountRequest$, res: BankAccountRevision$ },
  'premiumRecords.changeBankAccount': { req: ChangeBankAccountRequest$, res: BankAccountRevision$ },
  'premiumRecords.stopDirectDebit': { req: StopDirectDebitRequest$, res: BankAccountRevision$ },
  'premiumRecords.directDebitDryRun': { req: DirectDebitDryRunRequest$, res: DirectDebitDryRun$ },
  'premiumRecords.directDebitFile': { req: DirectDebitFileRequest$, res: DirectDebitPrepared$ },
  'premiumRecords.directDebitApprove': { req: DirectDebitApproveRequest$, res: DirectDebitPrepared$ },
  'premiumRecords.saveDirectDebitFile': { req: DirectDebitDownloadRequest$, res: DirectDebitSaved$ },
  'premiumRecords.reductionApply': { req: ReliefApplyRequest$, res: ReliefApplication$ },
  'premiumRecords.reductionWithdraw': { req: ReliefWithdrawRequest$, res: ReliefApplication$ },
  'premiumRecords.reductionDecide': { req: ReliefDecideRequest$, res: ReliefDecisionResult$ },
  'premiumRecords.reductionQueue': { req: ReliefQueueQuery$, res: ReliefApplications$ },
  'premiumRecords.personReductions': { req: PersonReliefsQuery$, res: ReliefApplications$ },
} as const

export type PremiumRecordsChannel = keyof typeof premiumRecordsIpcChannels

/** The channels passed through as they are, and the server route each goes to. */
export const premiumRecordsRoutes = {
  'premiumRecords.bankAccounts': 'premiums.bankAccounts',
  'premiumRecords.registerBankAccount': 'premiums.registerBankAccount',
  'premiumRecords.changeBankAccount': 'premiums.changeBankAccount',
  'premiumRecords.stopDirectDebit': 'premiums.stopDirectDebit',
  'premiumRecords.directDebitDryRun': 'premiums.directDebitDryRun',
  'premiumRecords.directDebitFile': 'premiums.directDebitFile',
  'premiumRecords.directDebitApprove': 'premiums.directDebitApprove',
  'premiumRecords.reductionApply': 'premiums.reductionApply',
  'premiumRecords.reductionWithdraw': 'premiums.reductionWithdraw',
  'premiumRecords.reductionDecide': 'premiums.reductionDecide',
  'premiumRecords.reductionQueue': 'premiums.reductionQueue',
  'premiumRecords.personReductions': 'premiums.personReductions',
} as const satisfies Partial<Record<PremiumRecordsChannel, string>>

export type PremiumRecordsPassThrough = keyof typeof premiumRecordsRoutes
