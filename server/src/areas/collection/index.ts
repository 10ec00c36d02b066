/**
 * The 収納・滞納 area (docs/collection.md): the ledger, payment intake, 督促・延滞金・時効・不納欠損, 滞納管理 and 給付制限.
 * Its public face for the composition root and other areas; each sub-folder adds its export lines here. The
 * sub-folders import one another's index (never this file).
 */
export * from './ledger'
export {
  collectionFigures,
  collectionFiguresByPerson,
  collectionReportRoutes,
  collectionStatus,
  type CollectionFiguresRow,
} from './reports'
export {
  dunningRoutes,
  installmentLimitations,
  lateChargeQuote,
  recordLimitationRenewal,
  timeBarredInstallments,
  timeBarredLookup,
  timeBarredReason,
} from './dunning'
export { paymentIntakeRoutes, paymentIntakeFiles, paymentIntakeLines, paymentWorkItems } from './payments'
export { arrearsRoutes, benefitRestrictionsOf, type BenefitRestriction } from './arrears'
