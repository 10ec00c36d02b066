/**
 * 督促・延滞金・時効・不納欠損 (docs/sources/domain.md §4.1, §4.2): the routes, the renewals of the limitation other
 * sub-areas record (分納誓約), and the time-barred lookup the ledger's payment path takes.
 */
export { dunningRoutes } from './dunning-routes'
export {
  installmentLimitations,
  recordLimitationRenewal,
  timeBarredInstallments,
  timeBarredLookup,
  timeBarredReason,
  type InstallmentLimitation,
  type InstallmentRef,
  type LimitationRenewalInput,
  type TimeBarred,
} from './limitation'
export { lateChargeQuote } from './late-charge-quote'
