import {
  PaymentImportRequest$,
  PaymentImportResult$,
  PaymentWorkDecision$,
  PaymentWorkItem$,
  PaymentWorkList$,
  PaymentWorkListQuery$,
  WithholdingResultFiles$,
  WithholdingResultFilesQuery$,
  WithholdingResultPostRequest$,
} from '../api/payment-intake'

/**
 * The 消込 channels (one per operation), passed to the server route as they are: it checks the permission and the
 * person's area, applies the file in one transaction and audits every answer naming persons. Nothing is kept on the
 * terminal. contract.ts spreads these into `ipcChannels`; channels.ts lists the same names.
 */
export const paymentIntakeIpcChannels = {
  'paymentIntake.import': { req: PaymentImportRequest$, res: PaymentImportResult$ },
  'paymentIntake.workList': { req: PaymentWorkListQuery$, res: PaymentWorkList$ },
  'paymentIntake.decide': { req: PaymentWorkDecision$, res: PaymentWorkItem$ },
  'paymentIntake.withholdingFiles': { req: WithholdingResultFilesQuery$, res: WithholdingResultFiles$ },
  'paymentIntake.postWithholding': { req: WithholdingResultPostRequest$, res: PaymentImportResult$ },
} as const

export type PaymentIntakeChannel = keyof typeof paymentIntakeIpcChannels

/** The server route each channel goes to. */
export const paymentIntakeRoutes = {
  'paymentIntake.import': 'collection.importPayments',
  'paymentIntake.workList': 'collection.paymentWorkList',
  'paymentIntake.decide': 'collection.decidePaymentWork',
  'paymentIntake.withholdingFiles': 'collection.withholdingResultFiles',
  'paymentIntake.postWithholding': 'collection.postWithholdingResults',
} as const satisfies Record<PaymentIntakeChannel, string>

/** The largest payment file the client sends in one request (base64 in the body: about 1.33 × on the wire). */
export const PAYMENT_FILE_MAX_BYTES = 20_000_000
