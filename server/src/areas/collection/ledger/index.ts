/**
 * The 収納 ledger (docs/collection.md): the entries table, appending set-based, balances, 調定 synced from 賦課, the
 * allocation of payments and the 充当 of overpayments. The other collection sub-folders import this index.
 */
export { collectionEntries, collectionRefundDecisions, collectionRefundProposals } from './schema'
export {
  appendLedgerEntries,
  applyPayment,
  applyPayments,
  installmentBalances,
  LedgerRuleError,
  lockPersons,
  readLedgerSnapshot,
  settleOverpayments,
  syncCharges,
  type AppliedPayment,
  type ApplyPaymentOptions,
  type BalanceQuery,
  type InstallmentBalance,
  type LedgerDb,
  type LedgerEntry,
  type LedgerEntryInput,
  type LedgerSnapshot,
  type PaymentInput,
  type SettleOptions,
  type SettleResult,
  type SyncChargesResult,
  type TimeBarredLookup,
} from './ledger'
export { collectionLedgerRoutes } from './ledger-routes'
export { readPersonLedger, type LimitationLookup } from './person-ledger'
export { verifyLedger, type LedgerVerification, type LedgerViolation, type LedgerViolationRule } from './verify'
