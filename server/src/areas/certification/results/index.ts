/** Results: the decisions' ledger (受給者台帳), the 受給者異動 queue and the notices. */
export { resultRoutes } from './result-routes'
export { certificationHistoryOf, certificationsOf, pendingRecipientChanges } from './ledger'
export { certifiedPersons, recipientChangeQueue } from './schema'
