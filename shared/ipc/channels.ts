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
] as const

export type IpcChannelName = (typeof ipcChannelNames)[number]

/** Main → renderer event names (C-31): delivered by webContents.send in Electron, by long-poll on the loopback bridge. */
export const ipcEventNames = ['session.locked', 'session.unlocked'] as const

export type IpcEventName = (typeof ipcEventNames)[number]
