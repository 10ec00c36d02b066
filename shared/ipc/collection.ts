import { z } from 'zod'
import {
  CollectionStatus$,
  CollectionStatusQuery$,
  CounterPaymentQuote$,
  CounterPaymentQuoteRequest$,
  CounterPaymentRequest$,
  CounterPaymentResult$,
  PersonLedger$,
  PersonLedgerQuery$,
  RefundDecideRequest$,
  RefundProposal$,
  RefundProposals$,
  RefundQueueQuery$,
  SettleOverpaymentsRequest$,
  SettleOverpaymentsResult$,
} from '../api/collection'
import { IsoDate$, RecordId$ } from '../api/primitives'

const Printer$ = z.string().min(1).max(256)

/**
 * The 還付通知書 and the 収納状況 PDF are printed by main (control C-28): main fetches the PDF from the server and
 * sends it to an allowlisted printer; the renderer names the document and the printer and gets the outcome back.
 */
export const PrintRefundNoticeRequest$ = z.object({ proposalId: RecordId$, printer: Printer$ }).strict()
export type PrintRefundNoticeRequest = z.input<typeof PrintRefundNoticeRequest$>
export const PrintStatusReportRequest$ = z
  .object({
    fiscalYear: z.number().int().min(2000).max(2100),
    asOf: IsoDate$.nullable().default(null),
    printer: Printer$,
  })
  .strict()
export type PrintStatusReportRequest = z.input<typeof PrintStatusReportRequest$>
export const PrintedCollectionDocument$ = z.object({ title: z.string(), printer: z.string() }).strict()
export type PrintedCollectionDocument = z.infer<typeof PrintedCollectionDocument$>

/**
 * The 収納台帳 channels (one per operation): passed to the server as they are — it checks the permission, 支援措置,
 * four eyes and the step-up, and audits every read — except the prints, which are main's own. contract.ts spreads
 * these into `ipcChannels`; channels.ts lists the same names.
 */
export const collectionIpcChannels = {
  'collection.personLedger': { req: PersonLedgerQuery$, res: PersonLedger$ },
  'collection.counterQuote': { req: CounterPaymentQuoteRequest$, res: CounterPaymentQuote$ },
  'collection.counterPayment': { req: CounterPaymentRequest$, res: CounterPaymentResult$ },
  'collection.settleOverpayments': { req: SettleOverpaymentsRequest$, res: SettleOverpaymentsResult$ },
  'collection.refundQueue': { req: RefundQueueQuery$, res: RefundProposals$ },
  'collection.refundDecide': { req: RefundDecideRequest$, res: RefundProposal$ },
  'collection.statusReport': { req: CollectionStatusQuery$, res: CollectionStatus$ },
  'collection.printRefundNotice': { req: PrintRefundNoticeRequest$, res: PrintedCollectionDocument$ },
  'collection.printStatusReport': { req: PrintStatusReportRequest$, res: PrintedCollectionDocument$ },
} as const

/** The routes main passes through (their IPC channel has the same name as the server route). */
export type CollectionPassThrough = Exclude<
  keyof typeof collectionIpcChannels,
  'collection.printRefundNotice' | 'collection.printStatusReport'
>
