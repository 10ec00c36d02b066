/**
 * 収納 ledger contract (docs/collection.md): a person's ledger per fiscal year and installment (調定, 収納, 還付, 充当,
 * 不納欠損, 残高, 延滞金 today, 時効), the 窓口 payment with its quote (延滞金 shown before the money is taken), the
 * 過誤納 → 充当 run of a person, the 還付 proposals and their decision by a second person, the 還付通知書 and the
 * 収納状況 report. Rules: shared/domain/collection-ledger.ts.
 */
import { z } from 'zod'
import { ledgerKinds } from '../domain/collection-ledger'
import { collectionMethods } from './premiums'
import { IdempotencyKey$, IsoDate$, RecordId$, Yen$ } from './primitives'

export { ledgerKindLabels, ledgerKinds, type LedgerKind } from '../domain/collection-ledger'

const FiscalYear$ = z.number().int().min(2000).max(2100)
const Method$ = z.enum(collectionMethods)

export const InstallmentRef$ = z
  .object({ fiscalYear: FiscalYear$, method: Method$, seq: z.number().int().min(1).max(99) })
  .strict()
export type InstallmentRef = z.infer<typeof InstallmentRef$>

export const PersonLedgerQuery$ = z.object({ personId: RecordId$ }).strict()
export type PersonLedgerQuery = z.input<typeof PersonLedgerQuery$>

export const LedgerEntryView$ = z
  .object({
    id: z.number().int(),
    kind: z.enum(ledgerKinds),
    amount: Yen$,
    occurredOn: IsoDate$,
    receivedOn: IsoDate$.nullable(),
    channel: z.string(),
    source: z.string(),
    batchId: z.string().nullable(),
  })
  .strict()

export const LedgerInstallment$ = z
  .object({
    fiscalYear: z.number().int(),
    method: Method$,
    seq: z.number().int(),
    dueDate: IsoDate$.nullable(),
    charged: Yen$,
    paid: Yen$,
    refunded: Yen$,
    offset: Yen$,
    writtenOff: Yen$,
    balance: Yen$,
    lateChargeBalance: Yen$,
    /** 延滞金 if the whole 残高 were paid today (shared/domain lateCharge), not yet fixed. */
    lateChargeToday: Yen$,
    /** Last day of the collection right, with its renewals (督促, 分納誓約) when the dunning sub-area knows them. */
    limitationEnd: IsoDate$.nullable(),
    timeBarred: z.boolean(),
    entries: z.array(LedgerEntryView$),
  })
  .strict()
export type LedgerInstallment = z.infer<typeof LedgerInstallment$>

export const refundStatuses = ['pending', 'approved', 'rejected'] as const
export type RefundStatus = (typeof refundStatuses)[number]
export const refundStatusLabels: Record<RefundStatus, string> = {
  pending: '決定待ち',
  approved: '還付決定',
  rejected: '却下',
}

export const RefundProposal$ = z
  .object({
    id: z.number().int(),
    personId: z.number().int(),
    person: z.object({ name: z.string(), insuredNumber: z.string().nullable() }).strict(),
    fiscalYear: z.number().int(),
    method: Method$,
    seq: z.number().int(),
    amount: Yen$,
    arisenOn: IsoDate$,
    /** 還付請求権 ends (介護保険法第200条: 2 years). */
    rightEndsOn: IsoDate$,
    proposedOn: IsoDate$,
    proposedBy: z.string().nullable(),
    status: z.enum(refundStatuses),
    payee: z.enum(['account', 'cash']).nullable(),
    decidedOn: IsoDate$.nullable(),
    decidedBy: z.string().nullable(),
    reason: z.string().nullable(),
  })
  .strict()
export type RefundProposal = z.infer<typeof RefundProposal$>

export const PersonLedger$ = z
  .object({
    personId: z.number().int(),
    person: z.object({ name: z.string(), insuredNumber: z.string().nullable() }).strict(),
    asOf: IsoDate$,
    years: z.array(
      z
        .object({
          fiscalYear: z.number().int(),
          charged: Yen$,
          paid: Yen$,
          balance: Yen$,
          lateChargeToday: Yen$,
          installments: z.array(LedgerInstallment$),
        })
        .strict(),
    ),
    /** Σ negative 残高 (過誤納 not yet offset or refunded). */
    overpaid: Yen$,
    refunds: z.array(RefundProposal$),
  })
  .strict()
export type PersonLedger = z.infer<typeof PersonLedger$>

// ——— 窓口 payment ———

export const CounterPaymentQuoteRequest$ = z
  .object({
    personId: RecordId$,
    /** The installment paid for; null = the oldest due first. */
    target: InstallmentRef$.nullable().default(null),
    amount: z.number().int().min(1).max(100_000_000),
    paidOn: IsoDate$,
  })
  .strict()
export type CounterPaymentQuoteRequest = z.input<typeof CounterPaymentQuoteRequest$>

export const PaymentAllocationLine$ = z
  .object({
    fiscalYear: z.number().int(),
    method: Method$,
    seq: z.number().int(),
    kind: z.enum(ledgerKinds),
    amount: Yen$,
  })
  .strict()

export const CounterPaymentQuote$ = z
  .object({
    lines: z.array(PaymentAllocationLine$),
    premiumPaid: Yen$,
    /** 延滞金 this payment fixes (shared/domain lateCharge on the premium paid late). */
    lateCharge: Yen$,
    lateChargePaid: Yen$,
    overpaid: Yen$,
    /** What must be paid today to clear the premium and its 延滞金 of the installments concerned. */
    totalDueToday: Yen$,
    refusal: z.string().nullable(),
  })
  .strict()
export type CounterPaymentQuote = z.infer<typeof CounterPaymentQuote$>

export const CounterPaymentRequest$ = z
  .object({
    personId: RecordId$,
    target: InstallmentRef$.nullable().default(null),
    amount: z.number().int().min(1).max(100_000_000),
    paidOn: IsoDate$,
    /** 領収日 when the money was received on another day than 納付日 (e.g. a 納付書 paid elsewhere). */
    receivedOn: IsoDate$.nullable().default(null),
    note: z.string().trim().max(200).default(''),
    idempotencyKey: IdempotencyKey$,
  })
  .strict()
export type CounterPaymentRequest = z.input<typeof CounterPaymentRequest$>

export const CounterPaymentResult$ = z
  .object({
    applied: z.boolean(),
    lines: z.array(PaymentAllocationLine$),
    premiumPaid: Yen$,
    lateCharge: Yen$,
    lateChargePaid: Yen$,
    overpaid: Yen$,
    /** 過誤納 offset to other installments (充当) by this payment. */
    offset: Yen$,
    /** 還付 proposals created for what stayed overpaid. */
    refundProposals: z.array(z.number().int()),
  })
  .strict()
export type CounterPaymentResult = z.infer<typeof CounterPaymentResult$>

// ——— 過誤納 → 充当 / 還付 ———

export const SettleOverpaymentsRequest$ = z.object({ personId: RecordId$, idempotencyKey: IdempotencyKey$ }).strict()
export type SettleOverpaymentsRequest = z.input<typeof SettleOverpaymentsRequest$>

export const SettleOverpaymentsResult$ = z.object({ offset: Yen$, refundProposals: z.array(z.number().int()) }).strict()

export const RefundQueueQuery$ = z.object({}).strict()
export const RefundProposals$ = z.object({ proposals: z.array(RefundProposal$) }).strict()

export const RefundDecideRequest$ = z
  .object({
    proposalId: RecordId$,
    decision: z.enum(['approve', 'reject']),
    /** 還付先: the person's 口座 (latest revision, 口座振替 not stopped) or 現金 (窓口). */
    payee: z.enum(['account', 'cash']).nullable().default(null),
    comment: z.string().trim().max(500).default(''),
    idempotencyKey: IdempotencyKey$,
  })
  .strict()
export type RefundDecideRequest = z.input<typeof RefundDecideRequest$>

export const RefundNoticeRequest$ = z.object({ proposalId: RecordId$ }).strict()

/** A document made by the server (PDF or CSV) with its text, for the print control or the save dialog of main. */
export const CollectionFile$ = z
  .object({
    fileName: z.string(),
    mediaType: z.enum(['application/pdf', 'text/csv']),
    contentBase64: z.string(),
    /** The text of the document (the PDF's lines / the CSV), for the screen and the tests. */
    text: z.string(),
    /** Internal ids of the persons in the document (the print row names them). */
    personIds: z.array(z.number().int()),
  })
  .strict()
export type CollectionFile = z.infer<typeof CollectionFile$>

// ——— 収納状況 ———

export const CollectionStatusQuery$ = z
  .object({ fiscalYear: FiscalYear$, asOf: IsoDate$.nullable().default(null) })
  .strict()
export const CollectionStatusFileQuery$ = z
  .object({ fiscalYear: FiscalYear$, asOf: IsoDate$.nullable().default(null), format: z.enum(['csv', 'pdf']) })
  .strict()
export type CollectionStatusFileQuery = z.input<typeof CollectionStatusFileQuery$>
export type CollectionStatusQuery = z.input<typeof CollectionStatusQuery$>

export const CollectionStatusRow$ = z
  .object({
    /** 現年度分 (installments of the report year) or 滞納繰越分 (earlier years). */
    part: z.enum(['current', 'arrears']),
    method: Method$,
    charged: Yen$,
    /** 収納 (money received, before 還付). */
    paid: Yen$,
    refunded: Yen$,
    /** 充当 net into the installments of the row. */
    offset: Yen$,
    writtenOff: Yen$,
    balance: Yen$,
    /** 収納額 = 収納 − 還付 + 充当 = 調定 − 不納欠損 − 残高 (docs/collection.md §5). */
    collected: Yen$,
    /** 収納率 = 収納額 ÷ 調定額 in hundredths of a percent, truncated (null when 調定額 is 0). */
    rateBasisPoints: z.number().int().nullable(),
  })
  .strict()

export const CollectionStatus$ = z
  .object({
    fiscalYear: z.number().int(),
    asOf: IsoDate$,
    rows: z.array(CollectionStatusRow$),
    total: CollectionStatusRow$.omit({ part: true, method: true }),
  })
  .strict()
export type CollectionStatus = z.infer<typeof CollectionStatus$>
