/** 消込 (payment intake): payment files in, exact payments applied, the work list (docs/interfaces/payments.md). */
export { paymentIntakeRoutes } from './payment-routes'
export { collectionLedger } from './ledger-adapter'
export type { LedgerPort, PaymentToApply } from './ledger-port'
export { paymentIntakeFiles, paymentIntakeLines, paymentWorkItems } from './schema'
