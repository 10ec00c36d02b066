/**
 * 賦課 (premiums) contract: the 住民税課税情報 intake (docs/interfaces/resident-tax.md), the assessment of one person's
 * fiscal year (賦課基本 versions with their 期割) and reading a person's assessments.
 */
import { z } from 'zod'
import { FileEncoding$, fileImportResultShape } from './file-import'
import { IdempotencyKey$, IsoDate$, RecordId$, Yen$ } from './primitives'

export const welfareStatusKinds = ['publicAssistance', 'oldAgeWelfarePension'] as const
export type WelfareStatusKind = (typeof welfareStatusKinds)[number]
export const welfareStatusLabels: Record<WelfareStatusKind, string> = {
  publicAssistance: '生活保護',
  oldAgeWelfarePension: '老齢福祉年金',
}

/** Why a version was made: the first assessment, or the kind of 更正. */
export const assessmentReasons = [
  'initial',
  'acquisition',
  'loss',
  'incomeCorrection',
  'stageChange',
  'reduction',
  'exOfficio',
  'provisional',
  'withholdingChange',
] as const
export type AssessmentReason = (typeof assessmentReasons)[number]
export const assessmentReasonLabels: Record<AssessmentReason, string> = {
  initial: '当初賦課',
  acquisition: '資格取得',
  loss: '資格喪失',
  incomeCorrection: '所得更正',
  stageChange: '段階変更',
  reduction: '減免',
  exOfficio: '職権',
  provisional: '仮算定',
  withholdingChange: '徴収方法変更',
}

/** 特別徴収 (withheld from the pension) or 普通徴収 (納付書・口座振替). */
export const collectionMethods = ['withholding', 'direct'] as const
export type CollectionMethod = (typeof collectionMethods)[number]

// ——— Intake of 住民税課税情報 ———

export const ResidentTaxIntakeRequest$ = z
  .object({
    fileName: z.string().trim().min(1).max(200),
    /** The file's bytes, base64. */
    contentBase64: z.string().min(1).max(20_000_000),
    encoding: FileEncoding$.default('auto'),
    /** Validate only: report problems, apply nothing. */
    dryRun: z.boolean().default(false),
    idempotencyKey: IdempotencyKey$,
  })
  .strict()
export type ResidentTaxIntakeRequest = z.input<typeof ResidentTaxIntakeRequest$>

export const ResidentTaxIntakeResult$ = z
  .object({
    ...fileImportResultShape,
    /** 更正 records among the applied (当初 records identical to the one kept count as alreadyApplied). */
    corrections: z.number().int(),
    /** One Japanese line each, e.g. a 更正 of a year whose 賦課権 has expired (kept, but it cannot be reassessed). */
    notices: z.array(z.string()),
  })
  .strict()
export type ResidentTaxIntakeResult = z.infer<typeof ResidentTaxIntakeResult$>

// ——— Assessment ———

const Period$ = z.object({ from: IsoDate$, to: IsoDate$.nullable() }).strict()

export const AssessmentExplanation$ = z
  .object({
    /** 賦課期日: 4/1, or the acquisition date for someone insured during the year. */
    assessmentDate: IsoDate$,
    household: z.array(z.object({ personId: z.number().int(), taxable: z.boolean().nullable() }).strict()),
    taxRecord: z
      .object({
        id: z.number().int(),
        revision: z.number().int(),
        taxable: z.boolean(),
        totalIncome: Yen$,
        publicPensionIncome: Yen$,
        pensionMiscIncome: Yen$,
        salaryIncome: Yen$,
        taxExemptPension: z.boolean(),
      })
      .strict()
      .nullable(),
    incomesForPremium: z.object({ totalIncome: Yen$, pensionAndOtherIncome: Yen$ }).strict(),
    insuredPeriods: z.array(z.object({ from: IsoDate$, lostOn: IsoDate$.nullable() }).strict()),
    publicAssistance: z.array(Period$),
    oldAgeWelfarePension: z.array(Period$),
    table: z
      .object({
        version: z.string(),
        basePremium: Yen$,
        rounding: z.string(),
        prorationRounding: z.string(),
        pensionIncomeBoundary: Yen$,
      })
      .strict(),
    /** Ward defaults used that are not verified against the ordinance (⚠️). */
    unverified: z.array(z.string()),
    steps: z.array(z.string()),
  })
  .strict()
export type AssessmentExplanation = z.infer<typeof AssessmentExplanation$>

export const Installment$ = z
  .object({
    method: z.enum(collectionMethods),
    seq: z.number().int(),
    period: z.string(),
    amount: Yen$,
    dueDate: IsoDate$,
  })
  .strict()
export type Installment = z.infer<typeof Installment$>

export const AssessmentVersion$ = z
  .object({
    id: z.number().int(),
    personId: z.number().int(),
    fiscalYear: z.number().int(),
    version: z.number().int(),
    reason: z.enum(assessmentReasons),
    intervals: z.array(
      z
        .object({
          stage: z.number().int(),
          fromMonth: z.string(),
          toMonth: z.string(),
          months: z.number().int(),
          amount: Yen$,
        })
        .strict(),
    ),
    liableMonths: z.number().int(),
    annualAmount: Yen$,
    overpaidAmount: Yen$,
    tableVersion: z.string(),
    assessedOn: IsoDate$,
    installments: z.array(Installment$),
    explanation: AssessmentExplanation$,
  })
  .strict()
export type AssessmentVersion = z.infer<typeof AssessmentVersion$>

export const AssessRequest$ = z
  .object({
    personId: RecordId$,
    fiscalYear: z.number().int().min(2024).max(2100),
    idempotencyKey: IdempotencyKey$,
  })
  .strict()
export type AssessRequest = z.input<typeof AssessRequest$>

export const AssessResult$ = z
  .object({
    /** false when nothing changed against the current version (no new version written). */
    changed: z.boolean(),
    assessment: AssessmentVersion$,
  })
  .strict()
export type AssessResult = z.infer<typeof AssessResult$>

export const PersonAssessmentsQuery$ = z.object({ personId: RecordId$ }).strict()
export type PersonAssessmentsQuery = z.input<typeof PersonAssessmentsQuery$>

export const PersonAssessments$ = z
  .object({
    personId: z.number().int(),
    /** Every version of every year, oldest first. */
    versions: z.array(AssessmentVersion$),
  })
  .strict()
export type PersonAssessments = z.infer<typeof PersonAssessments$>

// ——— The 住民税課税情報 file's columns (docs/interfaces/resident-tax.md) ———

export const residentTaxColumns = [
  { name: 'atena_no', label: '宛名番号', required: true },
  { name: 'nendo', label: '年度', required: true },
  { name: 'kazei_kubun', label: '課税区分', required: true },
  { name: 'gokei_shotoku', label: '合計所得金額', required: true },
  { name: 'nenkin_shunyu', label: '公的年金等収入金額', required: true },
  { name: 'nenkin_shotoku', label: '公的年金等に係る雑所得', required: true },
  { name: 'kyuyo_shotoku', label: '給与所得', required: true },
  { name: 'hikazei_nenkin', label: '非課税年金受給', required: true },
  { name: 'kosei_kubun', label: '更正区分', required: true },
  { name: 'kosei_date', label: '更正年月日', required: true },
  { name: 'seiho_kaishi', label: '生活保護開始日', required: false },
  { name: 'seiho_haishi', label: '生活保護廃止日', required: false },
  { name: 'rofuku_kaishi', label: '老齢福祉年金受給開始日', required: false },
  { name: 'rofuku_shuryo', label: '老齢福祉年金受給終了日', required: false },
] as const
export type ResidentTaxColumn = (typeof residentTaxColumns)[number]['name']
