/**
 * 督促・不納欠損 (demand notices and write-offs) contract: two kinds of run with the pattern of the 賦課バッチ — a dry
 * run that stores the list the commit acts on (counts, amounts, the installments), a 監督者's sign-off by a second
 * person, a commit in one transaction — plus the 督促状 of a committed run as one PDF and the 延滞金 / 時効 quote of a
 * person's installments (docs/sources/domain.md §4.1, §4.2).
 */
import { z } from 'zod'
import { IdempotencyKey$, IsoDate$, RecordId$, Yen$ } from './primitives'

/** demand: 督促状 for the installments unpaid after their due date; writeOff: 不納欠損 of what is time-barred. */
export const dunningRunKinds = ['demand', 'writeOff'] as const
export const DunningRunKind$ = z.enum(dunningRunKinds)
export type DunningRunKind = z.infer<typeof DunningRunKind$>
export const dunningRunKindLabels: Record<DunningRunKind, string> = { demand: '督促', writeOff: '不納欠損' }

/**
 * awaitingApproval: dry run stored; approved: signed off; rejected: refused by the 監督者 (with the reason);
 * committed: written; superseded: a later dry run of the same kind replaced it before its commit.
 */
export const dunningRunStatuses = ['awaitingApproval', 'approved', 'rejected', 'committed', 'superseded'] as const
export const DunningRunStatus$ = z.enum(dunningRunStatuses)
export type DunningRunStatus = z.infer<typeof DunningRunStatus$>
export const dunningRunStatusLabels: Record<DunningRunStatus, string> = {
  awaitingApproval: '承認待ち',
  approved: '承認済み',
  rejected: '差戻し',
  committed: '実行済み',
  superseded: '再試算により無効',
}

export const limitationRenewalKinds = ['demandNotice', 'installmentPledge', 'partialPayment'] as const
export const LimitationRenewalKind$ = z.enum(limitationRenewalKinds)
export const limitationRenewalKindLabels: Record<(typeof limitationRenewalKinds)[number], string> = {
  demandNotice: '督促',
  installmentPledge: '分納誓約',
  partialPayment: '一部納付',
}

const Method$ = z.enum(['withholding', 'direct'])

export const DunningRunSummary$ = z
  .object({
    id: z.number().int(),
    kind: DunningRunKind$,
    status: DunningRunStatus$,
    /** 督促状の発付日 / 不納欠損日: the day the run was computed for. */
    asOf: IsoDate$,
    /** 指定期限 of the 督促状 (null for a 不納欠損 run). */
    deadline: IsoDate$.nullable(),
    /** 督促手数料 per 督促状 (0: none). */
    feePerNotice: Yen$,
    persons: z.number().int(),
    installments: z.number().int(),
    /** Σ of the unpaid balances listed (督促: demanded; 不納欠損: written off). */
    totalAmount: Yen$,
    /** 督促 issued later than the 条例's window (納期限後20日以内) — still issued, flagged. */
    lateNotices: z.number().int(),
    preparedBy: z.string(),
    preparedAt: z.string(),
    approvedBy: z.string().nullable(),
    approvedAt: z.string().nullable(),
    rejectedBy: z.string().nullable(),
    rejectionReason: z.string().nullable(),
    committedAt: z.string().nullable(),
  })
  .strict()
export type DunningRunSummary = z.infer<typeof DunningRunSummary$>

export const DunningRunItem$ = z
  .object({
    personId: z.number().int(),
    name: z.string(),
    fiscalYear: z.number().int(),
    method: Method$,
    installmentSeq: z.number().int(),
    dueDate: IsoDate$,
    balance: Yen$,
    /** The limitation's last day as the dry run saw it. */
    limitationEnd: IsoDate$,
    late: z.boolean(),
  })
  .strict()
export type DunningRunItem = z.infer<typeof DunningRunItem$>

export const DunningRunDetail$ = z
  .object({
    summary: DunningRunSummary$,
    items: z
      .object({
        offset: z.number().int(),
        limit: z.number().int(),
        total: z.number().int(),
        rows: z.array(DunningRunItem$),
      })
      .strict(),
  })
  .strict()
export type DunningRunDetail = z.infer<typeof DunningRunDetail$>

export const DunningDryRunRequest$ = z.object({ kind: DunningRunKind$, idempotencyKey: IdempotencyKey$ }).strict()
export type DunningDryRunRequest = z.input<typeof DunningDryRunRequest$>

export const DunningRunsQuery$ = z.object({ kind: DunningRunKind$.optional() }).strict()
export type DunningRunsQuery = z.input<typeof DunningRunsQuery$>

export const DunningRunList$ = z.object({ runs: z.array(DunningRunSummary$) }).strict()
export type DunningRunList = z.infer<typeof DunningRunList$>

export const DunningRunQuery$ = z
  .object({
    runId: RecordId$,
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(1_000).default(100),
  })
  .strict()
export type DunningRunQuery = z.input<typeof DunningRunQuery$>

export const DunningRunAction$ = z.object({ runId: RecordId$, idempotencyKey: IdempotencyKey$ }).strict()
export type DunningRunAction = z.input<typeof DunningRunAction$>

export const DunningRejectRequest$ = z
  .object({
    runId: RecordId$,
    reason: z.string().trim().min(1, '差戻しの理由を入力してください').max(500),
    idempotencyKey: IdempotencyKey$,
  })
  .strict()
export type DunningRejectRequest = z.input<typeof DunningRejectRequest$>

export const DunningCommitResult$ = z
  .object({
    summary: DunningRunSummary$,
    /** Renewal events (督促) or 不納欠損 ledger entries written by this call (0 on a repeat). */
    written: z.number().int(),
  })
  .strict()
export type DunningCommitResult = z.infer<typeof DunningCommitResult$>

/** The 督促状 of a committed 督促 run, one PDF (cover page first), as one print job. */
export const DunningNoticesRequest$ = z.object({ runId: RecordId$ }).strict()
export const DunningNotices$ = z
  .object({
    runId: z.number().int(),
    notices: z.number().int(),
    withheld: z.number().int(),
    pages: z.number().int(),
    pdfBase64: z.string(),
  })
  .strict()
export type DunningNotices = z.infer<typeof DunningNotices$>

export const LateChargeQuoteRequest$ = z
  .object({ personId: RecordId$, /** Default: today (the server's clock). */ asOf: IsoDate$.optional() })
  .strict()
export type LateChargeQuoteRequest = z.input<typeof LateChargeQuoteRequest$>

export const LateChargeQuoteRow$ = z
  .object({
    fiscalYear: z.number().int(),
    method: Method$,
    installmentSeq: z.number().int(),
    dueDate: IsoDate$,
    balance: Yen$,
    /** 延滞金 if the balance is paid on asOf (shared/domain lateCharge). */
    lateCharge: Yen$,
    limitationEnd: IsoDate$,
    timeBarred: z.boolean(),
    renewals: z.array(z.object({ kind: LimitationRenewalKind$, occurredOn: IsoDate$, renewedOn: IsoDate$ }).strict()),
  })
  .strict()
export type LateChargeQuoteRow = z.infer<typeof LateChargeQuoteRow$>

export const LateChargeQuote$ = z
  .object({
    personId: z.number().int(),
    asOf: IsoDate$,
    rows: z.array(LateChargeQuoteRow$),
    totalBalance: Yen$,
    totalLateCharge: Yen$,
  })
  .strict()
export type LateChargeQuote = z.infer<typeof LateChargeQuote$>
