/**
 * The IPC channel names, without their schemas, so the sandboxed preload can build `window.api` without
 * bundling zod. `contract.ts` must declare exactly these channels (a compile-time check).
 */
export const ipcChannelNames = [
  'app.info',
  'auth.login',
  'auth.verifyTotp',
  'auth.stepUp',
  'auth.logout',
  'auth.currentUser',
  'person.search',
  'person.summary',
  'person.revealIndividualNumber',
  // 送付先 (passed to the server: it applies the 支援措置 rule and audits)
  'person.mailingAddresses',
  'person.recordMailingAddress',
  'person.endMailingAddress',
  'eligibility.history',
  'eligibility.runAge65Batch',
  'eligibility.importResidentChanges',
  'eligibility.issueInsuranceCard',
  'eligibility.recordFacilityEvent',
  'eligibility.acquireCategory2AtApplication',
  'eligibility.proposeCorrection',
  'eligibility.corrections',
  'eligibility.decideCorrection',
  'eligibility.beginIntakeUpload',
  'eligibility.uploadIntakeChunk',
  'eligibility.finishIntakeUpload',
  'eligibility.issueProvisionalCard',
  'lock.status',
  'lock.unlock',
  // Export control (C-21, C-22)
  'export.request',
  'export.myRequests',
  'export.pending',
  'export.approve',
  'export.execute',
  'export.ledger',
  // Printing (C-28)
  'print.printers',
  'print.print',
  // Master cache (docs/masters.md)
  'masters.status',
  'masters.sync',
  'masters.search',
  'masters.premiumTable',
  'masters.wardChanges',
  'masters.wardChange',
  'masters.proposeWardChange',
  'masters.decideWardChange',
  // Administration (accounts, designations C-25, audit analysis C-08, terminal security events C-01)
  'admin.users',
  'admin.createUser',
  'admin.lockUser',
  'admin.unlockUser',
  'admin.totpResets',
  'admin.requestTotpReset',
  'admin.decideTotpReset',
  'admin.designations',
  'admin.createDesignation',
  'admin.correctDesignation',
  'admin.auditReport',
  'admin.printAuditReport',
  'admin.securityEvents',
  // Retention and erasure (C-20)
  'retention.runs',
  'retention.prepare',
  'retention.runPersons',
  'retention.approve',
  'retention.erase',
  'retention.printReport',
  // 賦課 (premiums): the 住民税課税情報 intake, a person's assessments, the batches (dry run, sign-off, commit)
  'premiums.importResidentTax',
  'premiums.assess',
  'premiums.personAssessments',
  'premiums.batchDryRun',
  'premiums.batchRuns',
  'premiums.batchRun',
  'premiums.batchApprove',
  'premiums.batchReject',
  'premiums.batchCommit',
  // 保険料通知書: the issuance history, one version's notice, the batch print of a committed run
  'premiums.noticeIssuances',
  'premiums.printNotice',
  'premiums.noticeBatchCount',
  'premiums.printNoticeBatch',
  // 口座・口座振替 (the 口座振替依頼 file saved through the export control) and 減免・徴収猶予
  'premiumRecords.bankAccounts',
  'premiumRecords.registerBankAccount',
  'premiumRecords.changeBankAccount',
  'premiumRecords.stopDirectDebit',
  'premiumRecords.directDebitDryRun',
  'premiumRecords.directDebitFile',
  'premiumRecords.directDebitApprove',
  'premiumRecords.saveDirectDebitFile',
  'premiumRecords.reductionApply',
  'premiumRecords.reductionWithdraw',
  'premiumRecords.reductionDecide',
  'premiumRecords.reductionQueue',
  'premiumRecords.personReductions',
] as const

export type IpcChannelName = (typeof ipcChannelNames)[number]

/** Main → renderer event names (C-31): delivered by webContents.send in Electron, by long-poll on the loopback bridge. */
export const ipcEventNames = ['session.locked', 'session.unlocked'] as const

export type IpcEventName = (typeof ipcEventNames)[number]
