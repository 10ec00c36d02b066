import { z } from 'zod'
import {
  EXCLUDED_FACILITY_KINDS,
  RESIDENCE_EXCEPTION_FACILITY_KINDS,
  RESIDENCE_EXCEPTION_NOT_COVERED_KINDS,
} from '../domain'
import { IdempotencyKey$, IsoDate$, RecordId$, RowVersion$ } from '../api/primitives'
import { CardLayout$, PrintedPersonItems$ } from '../forms/contract'

/** What a history row records. */
export const eligibilityEventKinds = [
  'acquisition',
  'categoryChange',
  'loss',
  'residenceExceptionStart',
  /** Moving to another 住所地特例 facility: the open period ends the day before, the new one starts (連続入所). */
  'residenceExceptionChange',
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
  residenceExceptionChange: '住所地特例 変更（施設変更）',
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
 * 住所地特例 対象施設 (docs/sources/domain.md §2.4), as a vocabulary: every kind any version of the law names. Which kinds are covered
 * on a date is shared/domain's dated table (`residenceExceptionFacilitiesOn`, parameters/facilities.ts).
 */
export const residenceExceptionFacilityTypes = RESIDENCE_EXCEPTION_FACILITY_KINDS
export type ResidenceExceptionFacilityType = (typeof residenceExceptionFacilityTypes)[number]

/**
 * Facility types that are NOT 住所地特例 対象施設 (docs/sources/domain.md §2.4): named so that staff get the reason, not only a
 * refusal. 入所 to one of them moves the insurer to the facility's municipality (an ordinary 転出).
 */
export const residenceExceptionNotCoveredTypes = RESIDENCE_EXCEPTION_NOT_COVERED_KINDS

/**
 * 適用除外施設 (介護保険法施行法第11条, 施行規則第170条; docs/sources/domain.md §2.5): 入所者 are not insured. Vocabulary; by date:
 * shared/domain `excludedFacilitiesOn`.
 */
export const excludedFacilityTypes = EXCLUDED_FACILITY_KINDS
export type ExcludedFacilityType = (typeof excludedFacilityTypes)[number]

/** Why a facility type is refused for 住所地特例, in Japanese; null when it is a 対象施設. */
export function residenceExceptionTypeProblem(facilityType: string): string | null {
  if ((residenceExceptionFacilityTypes as readonly string[]).includes(facilityType)) return null
  if ((residenceExceptionNotCoveredTypes as readonly string[]).includes(facilityType))
    return `「${facilityType}」は住所地特例の対象施設ではありません（施設所在地の市町村が保険者になります）`
  return `施設種別「${facilityType}」は住所地特例の対象施設の一覧にありません`
}

/** Why a facility type is refused as 適用除外施設, in Japanese; null when it is one. */
export function excludedFacilityTypeProblem(facilityType: string): string | null {
  return (excludedFacilityTypes as readonly string[]).includes(facilityType)
    ? null
    : `施設種別「${facilityType}」は適用除外施設の一覧にありません`
}

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
    personId: RecordId$,
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

/** 被保険者証の交付・再交付. A second issuance needs the reason of the 再交付. */
export const IssueInsuranceCardRequest$ = z
  .object({
    personId: RecordId$,
    // The layout (card or A4) is the ward's setting (ward parameter forms.insuranceCardLayout), not the terminal's.
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
    layout: CardLayout$,
    fileName: z.string(),
    pdfBase64: z.string(),
    /** What the PDF prints, for the on-screen preview (the renderer may not frame a PDF). */
    card: PrintedPersonItems$,
  })
  .strict()
export type IssuedInsuranceCard = z.infer<typeof IssuedInsuranceCard$>

// ——— 住所地特例 / 適用除外施設: staff actions ———

/** What staff record about a facility stay; the intake codes 40–42 and 50–51 map to the same actions. */
export const facilityActions = [
  'residenceExceptionStart',
  'residenceExceptionChange',
  'residenceExceptionEnd',
  'excludedFacilityEntry',
  'excludedFacilityExit',
] as const
export type FacilityAction = (typeof facilityActions)[number]

export const facilityActionLabels: Record<FacilityAction, string> = {
  residenceExceptionStart: '住所地特例 開始（他市町村の施設へ入所）',
  residenceExceptionChange: '住所地特例 変更（施設の移り替え）',
  residenceExceptionEnd: '住所地特例 終了（施設を退所）',
  excludedFacilityEntry: '適用除外施設 入所',
  excludedFacilityExit: '適用除外施設 退所',
}

/** How a 住所地特例 ends: back to an address in the ward (still insured), to an ordinary address elsewhere, death. */
export const residenceExceptionOutcomes = ['returnedToWard', 'movedElsewhere', 'death'] as const
export type ResidenceExceptionOutcome = (typeof residenceExceptionOutcomes)[number]
export const residenceExceptionOutcomeLabels: Record<ResidenceExceptionOutcome, string> = {
  returnedToWard: '区内の住所へ戻る（資格継続）',
  movedElsewhere: '他市町村の住所へ（資格喪失）',
  death: '死亡（資格喪失）',
}

const FacilityText$ = (label: string) =>
  z.string().trim().min(1, `${label}を入力してください`).max(100, `${label}は100文字以内です`)

export const RecordFacilityEventRequest$ = z
  .object({
    personId: RecordId$,
    action: z.enum(facilityActions),
    /** 入所日・施設変更日・退所日（死亡のときは死亡日）. */
    on: IsoDate$,
    facilityType: FacilityText$('施設種別').optional(),
    facilityName: FacilityText$('施設名称').optional(),
    facilityMunicipality: FacilityText$('施設所在市町村').optional(),
    /** residenceExceptionEnd only. */
    outcome: z.enum(residenceExceptionOutcomes).optional(),
    /** residenceExceptionEnd / movedElsewhere: the day residence elsewhere began, when known. */
    residenceElsewhereFrom: IsoDate$.optional(),
    idempotencyKey: IdempotencyKey$,
  })
  .strict()
  .superRefine((r, ctx) => {
    const needsFacility = r.action !== 'residenceExceptionEnd' && r.action !== 'excludedFacilityExit'
    if (needsFacility && (!r.facilityType || !r.facilityName))
      ctx.addIssue({ code: 'custom', message: '施設種別と施設名称を入力してください', path: ['facilityType'] })
    if (r.action.startsWith('residenceException') && needsFacility && !r.facilityMunicipality)
      ctx.addIssue({ code: 'custom', message: '施設所在市町村を入力してください', path: ['facilityMunicipality'] })
    if (r.action === 'residenceExceptionEnd' && !r.outcome)
      ctx.addIssue({ code: 'custom', message: '住所地特例の終了の事由を選んでください', path: ['outcome'] })
    if (r.action !== 'residenceExceptionEnd' && r.outcome)
      ctx.addIssue({ code: 'custom', message: '終了の事由は住所地特例の終了のときだけ指定できます', path: ['outcome'] })
    if (r.residenceElsewhereFrom && r.outcome !== 'movedElsewhere')
      ctx.addIssue({
        code: 'custom',
        message: '転出先に住所を有するに至った日は「他市町村の住所へ」のときだけ指定できます',
        path: ['residenceElsewhereFrom'],
      })
  })
export type RecordFacilityEventRequest = z.input<typeof RecordFacilityEventRequest$>

export const FacilityEventResult$ = z
  .object({
    /** History rows recorded now (0 when the same fact was already recorded). */
    recorded: z.number().int(),
    /** The loss or acquisition the stay caused, with its date (shared/domain), when there was one. */
    lostOn: IsoDate$.nullable(),
    acquiredOn: IsoDate$.nullable(),
  })
  .strict()
export type FacilityEventResult = z.infer<typeof FacilityEventResult$>

// ——— 第2号被保険者: acquisition at the certification application (hook for the certification area) ———

export const AcquireCategory2Request$ = z
  .object({
    personId: RecordId$,
    /** 認定申請日. */
    appliedOn: IsoDate$,
    idempotencyKey: IdempotencyKey$,
  })
  .strict()
export type AcquireCategory2Request = z.input<typeof AcquireCategory2Request$>

export const AcquireCategory2Result$ = z
  .object({
    /** acquired now, or already insured (then nothing was recorded). */
    status: z.enum(['acquired', 'alreadyInsured']),
    category: z.union([z.literal(1), z.literal(2)]),
    acquiredOn: IsoDate$.nullable(),
    insuredNumber: z.string().nullable(),
  })
  .strict()
export type AcquireCategory2Result = z.infer<typeof AcquireCategory2Result$>

// ——— Manual corrections with a second person's approval (four eyes) ———

/** add: a missing row; replace: a new version of a row; void: cancel a row. */
export const correctionActions = ['add', 'replace', 'void'] as const
export type CorrectionAction = (typeof correctionActions)[number]
export const correctionActionLabels: Record<CorrectionAction, string> = {
  add: '記録の追加',
  replace: '記録の訂正',
  void: '記録の取消',
}

/** Kinds a correction may record (void is the action, residence rows come from 住基 only). */
export const correctableKinds = [
  'acquisition',
  'categoryChange',
  'loss',
  'residenceExceptionStart',
  'residenceExceptionChange',
  'residenceExceptionEnd',
  'excludedFacilityStart',
  'excludedFacilityEnd',
] as const

export const ProposedEvent$ = z
  .object({
    kind: z.enum(correctableKinds),
    category: z.union([z.literal(1), z.literal(2)]).nullable(),
    reason: z.enum(eligibilityReasons),
    effectiveOn: IsoDate$,
    facilityType: z.string().trim().max(100).optional(),
    facilityName: z.string().trim().max(100).optional(),
    facilityMunicipality: z.string().trim().max(100).optional(),
  })
  .strict()
  .superRefine((e, ctx) => {
    const needsCategory = e.kind === 'acquisition' || e.kind === 'categoryChange'
    if (needsCategory && e.category === null)
      ctx.addIssue({ code: 'custom', message: '資格取得・区分変更には被保険者の区分が必要です', path: ['category'] })
    if (!needsCategory && e.category !== null)
      ctx.addIssue({
        code: 'custom',
        message: '被保険者の区分は資格取得・区分変更のときだけ指定できます',
        path: ['category'],
      })
  })
export type ProposedEvent = z.infer<typeof ProposedEvent$>

export const ProposeCorrectionRequest$ = z
  .object({
    personId: RecordId$,
    action: z.enum(correctionActions),
    /** The row to replace or void. */
    targetEventId: RecordId$.optional(),
    /** The new row (add, replace). */
    event: ProposedEvent$.optional(),
    reason: z.string().trim().min(1, '訂正の理由を入力してください').max(200, '訂正の理由は200文字以内です'),
    idempotencyKey: IdempotencyKey$,
  })
  .strict()
  .superRefine((r, ctx) => {
    if (r.action !== 'add' && r.targetEventId === undefined)
      ctx.addIssue({ code: 'custom', message: '訂正・取消する記録を選んでください', path: ['targetEventId'] })
    if (r.action === 'add' && r.targetEventId !== undefined)
      ctx.addIssue({ code: 'custom', message: '追加では対象の記録を指定しません', path: ['targetEventId'] })
    if (r.action !== 'void' && !r.event)
      ctx.addIssue({ code: 'custom', message: '訂正後の内容を入力してください', path: ['event'] })
    if (r.action === 'void' && r.event)
      ctx.addIssue({ code: 'custom', message: '取消では訂正後の内容を指定しません', path: ['event'] })
  })
export type ProposeCorrectionRequest = z.input<typeof ProposeCorrectionRequest$>

/** A staff member as shown to colleagues: 氏名 and 所属 (control C-34). */
const StaffRef$ = z.object({ loginId: z.string(), displayName: z.string(), department: z.string() }).strict()

/** Whom a correction concerns, as a list across persons shows them (the list is an audited personal-data read). */
const CorrectionPerson$ = z.object({ name: z.string(), insuredNumber: z.string().nullable() }).strict()

export const EligibilityCorrection$ = z
  .object({
    id: z.number().int(),
    personId: z.number().int(),
    person: CorrectionPerson$,
    action: z.enum(correctionActions),
    target: EligibilityEvent$.nullable(),
    event: ProposedEvent$.nullable(),
    reason: z.string(),
    status: z.enum(['pending', 'approved', 'rejected']),
    /** Named by the decision (a stale one → 409). */
    rowVersion: RowVersion$,
    proposedBy: StaffRef$,
    proposedAt: z.string(),
    decidedBy: StaffRef$.nullable(),
    decidedAt: z.string().nullable(),
    decisionComment: z.string().nullable(),
    /** The history row the approval recorded. */
    appliedEventId: z.number().int().nullable(),
  })
  .strict()
export type EligibilityCorrection = z.infer<typeof EligibilityCorrection$>

export const CorrectionListQuery$ = z
  .object({
    /** One person's corrections; all persons' pending ones when omitted. */
    personId: RecordId$.optional(),
    status: z.enum(['pending', 'all']).default('pending'),
  })
  .strict()
export type CorrectionListQuery = z.input<typeof CorrectionListQuery$>

export const CorrectionList$ = z.object({ corrections: z.array(EligibilityCorrection$) }).strict()
export type CorrectionList = z.infer<typeof CorrectionList$>

export const DecideCorrectionRequest$ = z
  .object({
    id: RecordId$,
    rowVersion: RowVersion$,
    decision: z.enum(['approve', 'reject']),
    comment: z.string().trim().max(200, 'コメントは200文字以内です').default(''),
    idempotencyKey: IdempotencyKey$,
  })
  .strict()
  .refine((r) => r.decision === 'approve' || r.comment.length > 0, {
    message: '却下の理由をコメントに入力してください',
    path: ['comment'],
  })
export type DecideCorrectionRequest = z.input<typeof DecideCorrectionRequest$>
