import { z } from 'zod'
import { IsoDate$ } from '../api/person'

/** What a history row records. */
export const eligibilityEventKinds = [
  'acquisition',
  'categoryChange',
  'loss',
  'residenceExceptionStart',
  'residenceExceptionEnd',
  'excludedFacilityStart',
  'excludedFacilityEnd',
  /** A correction that cancels the row it supersedes. */
  'void',
  /** Residence in the ward began / ended for a person who was not insured then (転入・出生 / 転出・死亡). */
  'residenceStart',
  'residenceEnd',
] as const
export type EligibilityEventKind = (typeof eligibilityEventKinds)[number]

export const eligibilityReasons = [
  'reachingAge65',
  'reachingAge40',
  'moveIn',
  'application',
  'excludedFacilityExit',
  'moveOut',
  'death',
  'excludedFacilityEntry',
  'leftHealthInsurance',
  'facilityEntry',
  'facilityChange',
  'facilityExit',
  'correction',
  'birth',
] as const
export type EligibilityReason = (typeof eligibilityReasons)[number]

export const eligibilityKindLabels: Record<EligibilityEventKind, string> = {
  acquisition: '資格取得',
  categoryChange: '資格変更（区分）',
  loss: '資格喪失',
  residenceExceptionStart: '住所地特例 開始',
  residenceExceptionEnd: '住所地特例 終了',
  excludedFacilityStart: '適用除外施設 入所',
  excludedFacilityEnd: '適用除外施設 退所',
  void: '取消（訂正）',
  residenceStart: '住民登録（資格なし）',
  residenceEnd: '住民登録の消除（資格なし）',
}

export const eligibilityReasonLabels: Record<EligibilityReason, string> = {
  reachingAge65: '65歳到達',
  reachingAge40: '40歳到達',
  moveIn: '転入',
  application: '認定申請（第2号）',
  excludedFacilityExit: '適用除外施設退所',
  moveOut: '転出',
  death: '死亡',
  excludedFacilityEntry: '適用除外施設入所',
  leftHealthInsurance: '医療保険脱退',
  facilityEntry: '施設入所',
  facilityChange: '施設変更',
  facilityExit: '施設退所',
  correction: '訂正',
  birth: '出生',
}

/**
 * 住所地特例 対象施設 (domain.md §2.4): 介護保険施設 and 特定施設, and サ高住 that are 有料老人ホーム (from 2015-04).
 * Not covered: 地域密着型 facilities, グループホーム, サ高住 that are not 有料老人ホーム.
 */
export const residenceExceptionFacilityTypes = [
  '介護老人福祉施設（特別養護老人ホーム）',
  '介護老人保健施設',
  '介護医療院',
  '有料老人ホーム',
  '軽費老人ホーム',
  '養護老人ホーム',
  'サービス付き高齢者向け住宅（有料老人ホーム該当）',
] as const

export const EligibilityEventDetail$ = z
  .object({
    facilityType: z.string().optional(),
    facilityName: z.string().optional(),
    facilityMunicipality: z.string().optional(),
    /** The date of the underlying fact (転出日, 死亡日, 入所日) when it differs from the effective date. */
    factOn: IsoDate$.optional(),
    /** Why a correction was made (manual rows). */
    note: z.string().optional(),
  })
  .strict()
export type EligibilityEventDetail = z.infer<typeof EligibilityEventDetail$>

export const EligibilityEvent$ = z
  .object({
    id: z.number().int(),
    kind: z.enum(eligibilityEventKinds),
    category: z.union([z.literal(1), z.literal(2)]).nullable(),
    reason: z.enum(eligibilityReasons),
    effectiveOn: IsoDate$,
    /** ISO timestamp of the recording. */
    recordedAt: z.string(),
    source: z.string(),
    detail: EligibilityEventDetail$,
    supersedesId: z.number().int().nullable(),
  })
  .strict()
export type EligibilityEvent = z.infer<typeof EligibilityEvent$>

export const EligibilityHistoryQuery$ = z
  .object({
    personId: z.number().int().positive(),
    /** "As known on" this date (end of day, Japan time); today when omitted. */
    asKnownOn: IsoDate$.optional(),
  })
  .strict()
export type EligibilityHistoryQuery = z.input<typeof EligibilityHistoryQuery$>

export const Period$ = z
  .object({
    from: IsoDate$,
    /** null while open. */
    to: IsoDate$.nullable(),
    facilityType: z.string().nullable(),
    facilityName: z.string().nullable(),
    facilityMunicipality: z.string().nullable(),
  })
  .strict()
export type Period = z.infer<typeof Period$>

export const EligibilityStatus$ = z
  .object({
    insured: z.boolean(),
    category: z.union([z.literal(1), z.literal(2)]).nullable(),
    /** The effective date of the last acquisition or change while insured, of the loss otherwise. */
    since: IsoDate$.nullable(),
  })
  .strict()
export type EligibilityStatus = z.infer<typeof EligibilityStatus$>

export const EligibilityHistory$ = z
  .object({
    personId: z.number().int(),
    asKnownOn: IsoDate$,
    /** Effective rows in effective-date order (superseded rows left out). */
    events: z.array(EligibilityEvent$),
    /** Rows recorded up to asKnownOn that later corrections replaced (shown struck through). */
    superseded: z.array(EligibilityEvent$),
    status: EligibilityStatus$,
    residenceExceptionPeriods: z.array(Period$),
    excludedFacilityPeriods: z.array(Period$),
  })
  .strict()
export type EligibilityHistory = z.infer<typeof EligibilityHistory$>

/** One key per user action: a resent request returns the first result (the server's idempotency store). */
export const IdempotencyKey$ = z.uuid('再送キー（UUID）が必要です')

export const Age65BatchRequest$ = z
  .object({ from: IsoDate$, to: IsoDate$, idempotencyKey: IdempotencyKey$ })
  .strict()
  .refine((r) => r.from <= r.to, { message: '開始日は終了日以前の日付を指定してください' })
  .refine((r) => r.from >= '1990-01-01' && r.to <= '2100-12-31', { message: '対象期間が範囲外です' })
export type Age65BatchRequest = z.input<typeof Age65BatchRequest$>

export const Age65BatchResult$ = z
  .object({
    from: IsoDate$,
    to: IsoDate$,
    /** Persons reaching 65 in the range who are residents of the ward. */
    candidates: z.number().int(),
    /** New rows recorded by this run (0 on a re-run). */
    recorded: z.number().int(),
    /** Already recorded by an earlier run or already category 1. */
    unchanged: z.number().int(),
    /** Skipped: in an 適用除外施設 or lost before the date. */
    skipped: z.number().int(),
  })
  .strict()
export type Age65BatchResult = z.infer<typeof Age65BatchResult$>

/** 被保険者証の交付・再交付 (issue 7 §6). A second issuance needs the reason of the 再交付. */
export const IssueInsuranceCardRequest$ = z
  .object({
    personId: z.number().int().positive(),
    /** Ward setting: the folded card or A4. */
    layout: z.enum(['card', 'a4']).default('a4'),
    reissueReason: z.string().trim().min(1).max(100).optional(),
    idempotencyKey: IdempotencyKey$,
  })
  .strict()
export type IssueInsuranceCardRequest = z.input<typeof IssueInsuranceCardRequest$>

export const IssuedInsuranceCard$ = z
  .object({
    kind: z.enum(['issue', 'reissue']),
    /** 1 for the first issue; n for the n-th 再交付. */
    count: z.number().int(),
    issuedOn: IsoDate$,
    fileName: z.string(),
    pdfBase64: z.string(),
    /** What the PDF prints, for the on-screen preview (the renderer may not frame a PDF). */
    card: z
      .object({
        insuredNumber: z.string(),
        name: z.string(),
        nameKana: z.string(),
        birthDate: IsoDate$,
        sex: z.enum(['male', 'female']),
        address: z.string().nullable(),
        category: z.union([z.literal(1), z.literal(2)]),
        acquiredOn: IsoDate$.nullable(),
        insurerNumber: z.string(),
        insurerName: z.string(),
      })
      .strict(),
  })
  .strict()
export type IssuedInsuranceCard = z.infer<typeof IssuedInsuranceCard$>
