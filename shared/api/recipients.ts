/**
 * 受給者管理 (recipients) contract: 負担割合 (yearly determination batch, re-determination, 負担割合証),
 * 負担限度額認定 (補足給付, 負担限度額認定証), 減免 and 居宅サービス計画作成依頼届出.
 * Rules: docs/sources/domain.md §5.3 (負担割合), §5.5 (補足給付).
 */
import { z } from 'zod'
import { copayReductionKindLabels, copayReductionKinds, type CopayReductionKind } from '../domain/copay-reduction'
import { IdempotencyKey$, IsoDate$, RecordId$, RowVersion$, Yen$ } from './primitives'

export const copayRunStatuses = ['awaitingApproval', 'approved', 'committed', 'rejected'] as const
export type CopayRunStatus = (typeof copayRunStatuses)[number]
export const copayRunStatusLabels: Record<CopayRunStatus, string> = {
  awaitingApproval: '承認待ち',
  approved: '承認済み',
  committed: '実行済み',
  rejected: '差戻し',
}

export const decisionStatuses = ['applied', 'approved', 'rejected'] as const
export type DecisionStatus = (typeof decisionStatuses)[number]
export const decisionStatusLabels: Record<DecisionStatus, string> = {
  applied: '申請中',
  approved: '承認',
  rejected: '却下',
}

/** The facts a 負担割合 was decided on (shown in the "why" panel). */
export const CopayBasis$ = z
  .object({
    category: z.union([z.literal(1), z.literal(2)]),
    onPublicAssistance: z.boolean(),
    residentTaxExempt: z.boolean(),
    /** 本人の合計所得金額 (after the 10万円 deduction where it applies). */
    totalIncome: Yen$,
    over65InHousehold: z.number().int().min(1),
    householdPensionAndOtherIncome: Yen$,
    /** Where the income came from, e.g. '令和8年度 住民税課税情報 第1版' or '住民記録の所得'. */
    incomeSource: z.string(),
  })
  .strict()
export type CopayBasis = z.infer<typeof CopayBasis$>

export const CopayRatio$ = z.union([z.literal(1), z.literal(2), z.literal(3)])

export const CopayPeriod$ = z
  .object({
    id: RecordId$,
    validFrom: IsoDate$,
    validTo: IsoDate$,
    ratio: CopayRatio$,
    reason: z.enum(['yearly', 'redetermination']),
    decidedOn: IsoDate$,
    note: z.string().nullable(),
    basis: CopayBasis$,
  })
  .strict()
export type CopayPeriod = z.infer<typeof CopayPeriod$>

// --- the yearly batch -------------------------------------------------------------------------------------------

/** The 判定年度 by its starting year: 2026 = 2026-08-01〜2027-07-31. */
export const CopayYear$ = z.number().int().min(2018).max(2100)

export const CopayDryRunRequest$ = z.object({ copayYear: CopayYear$, idempotencyKey: IdempotencyKey$ }).strict()
export type CopayDryRunRequest = z.input<typeof CopayDryRunRequest$>

export const CopayRunSummary$ = z
  .object({
    runId: RecordId$,
    yearStart: IsoDate$,
    status: z.enum(copayRunStatuses),
    asOf: IsoDate$,
    persons: z.number().int(),
    changed: z.number().int(),
    byRatio: z.object({ '1': z.number().int(), '2': z.number().int(), '3': z.number().int() }).strict(),
    preparedName: z.string(),
    approvedName: z.string().nullable(),
    committedAt: z.string().nullable(),
  })
  .strict()
export type CopayRunSummary = z.infer<typeof CopayRunSummary$>

export const CopayChangeRow$ = z
  .object({
    personId: RecordId$,
    insuredNumber: z.string().nullable(),
    name: z.string(),
    oldRatio: CopayRatio$.nullable(),
    newRatio: CopayRatio$,
  })
  .strict()
export type CopayChangeRow = z.infer<typeof CopayChangeRow$>

export const CopayRunDetail$ = z
  .object({
    run: CopayRunSummary$,
    changes: z.object({ offset: z.number().int(), total: z.number().int(), rows: z.array(CopayChangeRow$) }).strict(),
  })
  .strict()
export type CopayRunDetail = z.infer<typeof CopayRunDetail$>

export const CopayRunQuery$ = z
  .object({
    runId: RecordId$,
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(500).default(100),
  })
  .strict()
export type CopayRunQuery = z.input<typeof CopayRunQuery$>

export const CopayRunsQuery$ = z.object({ copayYear: CopayYear$.optional() }).strict()
export const CopayRunList$ = z.object({ runs: z.array(CopayRunSummary$) }).strict()

export const CopayRunAction$ = z.object({ runId: RecordId$, idempotencyKey: IdempotencyKey$ }).strict()
export type CopayRunAction = z.input<typeof CopayRunAction$>

export const CopayRunReject$ = z
  .object({
    runId: RecordId$,
    reason: z.string().trim().min(1, '差戻しの理由を入力してください').max(500),
    idempotencyKey: IdempotencyKey$,
  })
  .strict()

export const CopayCommitResult$ = z.object({ run: CopayRunSummary$, written: z.number().int() }).strict()

// --- one person ---------------------------------------------------------------------------------------------------

export const CopayRedetermineRequest$ = z
  .object({
    personId: RecordId$,
    /** The first day the new determination applies (e.g. the 更正 or the household change). */
    effectiveFrom: IsoDate$,
    reason: z.string().trim().min(1, '再判定の理由を入力してください').max(500),
    idempotencyKey: IdempotencyKey$,
  })
  .strict()
export type CopayRedetermineRequest = z.input<typeof CopayRedetermineRequest$>

export const CopayRedetermineResult$ = z
  .object({
    personId: RecordId$,
    oldRatio: CopayRatio$.nullable(),
    newRatio: CopayRatio$,
    /** null when the ratio did not change (nothing written). */
    period: CopayPeriod$.nullable(),
  })
  .strict()

export const RecipientQuery$ = z.object({ personId: RecordId$ }).strict()

export const ReliefStage$ = z.enum(['1', '2', '3-1', '3-2'])
export type ReliefStage = z.infer<typeof ReliefStage$>
export const reliefStageLabels: Record<ReliefStage, string> = {
  '1': '第1段階',
  '2': '第2段階',
  '3-1': '第3段階①',
  '3-2': '第3段階②',
}

export const ReliefCertification$ = z
  .object({
    id: RecordId$,
    appliedOn: IsoDate$,
    validFrom: IsoDate$,
    validTo: IsoDate$,
    savings: Yen$,
    married: z.boolean(),
    spouseTaxable: z.boolean(),
    stage: ReliefStage$.nullable(),
    status: z.enum(decisionStatuses),
    decidedOn: IsoDate$.nullable(),
    decisionNote: z.string().nullable(),
    rowVersion: RowVersion$,
  })
  .strict()
export type ReliefCertification = z.infer<typeof ReliefCertification$>

/** The kinds of 減免 (the seed's record types 57–59, 61): rules and rates in shared/domain/copay-reduction.ts. */
export const reductionKinds = copayReductionKinds
export type ReductionKind = CopayReductionKind
export const reductionKindLabels: Record<ReductionKind, string> = copayReductionKindLabels

export const CopayReduction$ = z
  .object({
    id: RecordId$,
    kind: z.enum(reductionKinds),
    ratePercent: z.number().int().nullable(),
    appliedOn: IsoDate$,
    validFrom: IsoDate$,
    validTo: IsoDate$,
    reason: z.string(),
    status: z.enum(decisionStatuses),
    decidedOn: IsoDate$.nullable(),
    decisionNote: z.string().nullable(),
    rowVersion: RowVersion$,
  })
  .strict()
export type CopayReduction = z.infer<typeof CopayReduction$>

export const CarePlanNotification$ = z
  .object({
    id: RecordId$,
    planKind: z.enum(['office', 'self']),
    providerNumber: z.string().nullable(),
    providerName: z.string().nullable(),
    notifiedOn: IsoDate$,
    validFrom: IsoDate$,
    validTo: IsoDate$.nullable(),
    rowVersion: RowVersion$,
  })
  .strict()
export type CarePlanNotification = z.infer<typeof CarePlanNotification$>

export const RecipientOverview$ = z
  .object({
    personId: RecordId$,
    copayPeriods: z.array(CopayPeriod$),
    reliefCertifications: z.array(ReliefCertification$),
    reductions: z.array(CopayReduction$),
    carePlanNotifications: z.array(CarePlanNotification$),
  })
  .strict()
export type RecipientOverview = z.infer<typeof RecipientOverview$>

// --- 負担限度額認定 ---------------------------------------------------------------------------------------------------

export const ReliefApplyRequest$ = z
  .object({
    personId: RecordId$,
    appliedOn: IsoDate$,
    savings: Yen$.refine((v) => v >= 0, '0円以上を入力してください'),
    married: z.boolean(),
    spouseTaxable: z.boolean(),
    /**
     * 更新申請 for the coming year: received in June or July, valid from the next 8/1 (the year's 7/31 ends the
     * current certificate); absent = valid from the 1st of the application's month.
     */
    forNextYear: z.boolean().optional(),
    idempotencyKey: IdempotencyKey$,
  })
  .strict()
export type ReliefApplyRequest = z.input<typeof ReliefApplyRequest$>

export const DecideRequest$ = z
  .object({
    recordId: RecordId$,
    approve: z.boolean(),
    decisionNote: z.string().trim().max(500).optional(),
    rowVersion: RowVersion$,
    reason: z.string().trim().min(1, '決定の理由を入力してください').max(500),
    idempotencyKey: IdempotencyKey$,
  })
  .strict()
export type DecideRequest = z.input<typeof DecideRequest$>

/** The 判定年度 whose 7/31 the certifications expire on; absent = the year of today (the coming 7/31). */
export const ReliefRenewalQuery$ = z.object({ copayYear: CopayYear$.optional() }).strict()
export const ReliefRenewalList$ = z
  .object({
    /** The 7/31 the listed certifications expire on. */
    expiresOn: IsoDate$,
    rows: z.array(
      z
        .object({
          personId: RecordId$,
          certificationId: RecordId$,
          name: z.string(),
          insuredNumber: z.string().nullable(),
          stage: ReliefStage$,
          validFrom: IsoDate$,
          validTo: IsoDate$,
          /** An application reaching past that 7/31 (the following year's), not rejected, is already in. */
          renewalApplied: z.boolean(),
        })
        .strict(),
    ),
  })
  .strict()
export type ReliefRenewalList = z.infer<typeof ReliefRenewalList$>

// --- 減免 ----------------------------------------------------------------------------------------------------------

export const ReductionApplyRequest$ = z
  .object({
    personId: RecordId$,
    kind: z.enum(reductionKinds),
    ratePercent: z.number().int().min(1).max(100).nullable(),
    appliedOn: IsoDate$,
    validFrom: IsoDate$,
    validTo: IsoDate$,
    reason: z.string().trim().min(1, '理由を入力してください').max(500),
    idempotencyKey: IdempotencyKey$,
  })
  .strict()
export type ReductionApplyRequest = z.input<typeof ReductionApplyRequest$>

export const RecipientReductions$ = z.object({ personId: RecordId$, reductions: z.array(CopayReduction$) }).strict()
export type RecipientReductions = z.infer<typeof RecipientReductions$>

// --- 居宅サービス計画作成依頼届出 ------------------------------------------------------------------------------------

export const CarePlanNotifyRequest$ = z
  .object({
    personId: RecordId$,
    planKind: z.enum(['office', 'self']),
    /** 事業所番号 of a 居宅介護支援 (43) / 介護予防支援 (46) office in the 事業所 master; null for 自己作成. */
    providerNumber: z
      .string()
      .regex(/^\d{10}$/, '事業所番号は10桁の数字です')
      .nullable(),
    notifiedOn: IsoDate$,
    validFrom: IsoDate$,
    validTo: IsoDate$.nullable(),
    idempotencyKey: IdempotencyKey$,
  })
  .strict()
export type CarePlanNotifyRequest = z.input<typeof CarePlanNotifyRequest$>

export const CarePlanEndRequest$ = z
  .object({
    recordId: RecordId$,
    validTo: IsoDate$,
    rowVersion: RowVersion$,
    reason: z.string().trim().min(1, '終了の理由を入力してください').max(500),
    idempotencyKey: IdempotencyKey$,
  })
  .strict()

// --- certificates -----------------------------------------------------------------------------------------------

export const CopayCertificateRequest$ = z
  .object({
    /** One person (reissue) or the persons of a committed run (the yearly issue). */
    personId: RecordId$.optional(),
    runId: RecordId$.optional(),
    /** The date whose ratio the certificate shows (the reissue); the run's yearStart for a run. */
    on: IsoDate$.optional(),
    idempotencyKey: IdempotencyKey$,
  })
  .strict()
  .refine(
    (v) => (v.personId === undefined) !== (v.runId === undefined),
    '対象者か判定バッチのどちらかを指定してください',
  )
export type CopayCertificateRequest = z.input<typeof CopayCertificateRequest$>

export const ReliefCertificateRequest$ = z.object({ recordId: RecordId$, idempotencyKey: IdempotencyKey$ }).strict()

export const RecipientPdf$ = z.object({ fileName: z.string(), pages: z.number().int(), pdfBase64: z.string() }).strict()
export type RecipientPdf = z.infer<typeof RecipientPdf$>
