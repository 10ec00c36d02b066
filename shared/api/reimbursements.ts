/**
 * 償還払 contract (docs/reimbursements.md): the application of a person who paid 10割 — 住宅改修 (事前申請 then 完了),
 * 福祉用具購入, 償還払い化 under arrears (介護保険法第66条), a service before the certification — its insurer share
 * computed on registration, the decision by a second person, the application read back and the 支給決定通知書.
 */
import { z } from 'zod'
import { IdempotencyKey$, IsoDate$, RecordId$, Yen$ } from './primitives'

export const reimbursementKinds = ['homeAlteration', 'equipmentPurchase', 'arrears', 'beforeCertification'] as const
export type ReimbursementKindValue = (typeof reimbursementKinds)[number]

export const reimbursementKindLabels: Record<ReimbursementKindValue, string> = {
  homeAlteration: '住宅改修費',
  equipmentPurchase: '福祉用具購入費',
  arrears: '償還払い（給付制限）',
  beforeCertification: '認定前のサービス利用',
}

const Text$ = (max: number) => z.string().trim().min(1).max(max)

export const ReimbursementApplicationRequest$ = z
  .object({
    personId: RecordId$,
    kind: z.enum(reimbursementKinds),
    /** The day of the service, of the purchase, or the 着工日 of a 住宅改修. */
    serviceOn: IsoDate$,
    /** 費用額 the person paid in full (10割). */
    cost: Yen$.min(1),
    /** The provider, shop or builder paid. */
    provider: Text$(100),
    receivedOn: IsoDate$,
    /** 住宅改修: the dwelling altered (an address or its id) — another dwelling after a move starts the limit again. */
    dwelling: Text$(200).optional(),
    /** 住宅改修: the day the 事前申請 was received (before the 着工). */
    priorApplicationOn: IsoDate$.optional(),
    idempotencyKey: IdempotencyKey$,
  })
  .strict()
export type ReimbursementApplicationRequest = z.input<typeof ReimbursementApplicationRequest$>

export const ReimbursementQuery$ = z.object({ applicationId: RecordId$ }).strict()

export const ReimbursementDecisionRequest$ = z
  .object({
    applicationId: RecordId$,
    approve: z.boolean(),
    /** Required when the application is rejected; a note when approved. */
    reason: z.string().trim().max(500).optional(),
    idempotencyKey: IdempotencyKey$,
  })
  .strict()
export type ReimbursementDecisionRequest = z.input<typeof ReimbursementDecisionRequest$>

export const ReimbursementNoticeRequest$ = z
  .object({ applicationId: RecordId$, idempotencyKey: IdempotencyKey$ })
  .strict()

/** The figures of an application: the limit, what was counted before, the covered cost and its split. */
export const ReimbursementFigures$ = z
  .object({
    /** The limit in force (住宅改修 200,000 / 福祉用具 100,000 a fiscal year); null for the kinds without one. */
    limit: Yen$.nullable(),
    used: Yen$,
    remaining: Yen$.nullable(),
    coveredCost: Yen$,
    uncoveredCost: Yen$,
    /** 負担割合 in tenths on the service day (4 = 3割 under a 給付額減額 of a 3割 person). */
    copayRate: z.number().int().min(1).max(4),
    insurerShare: Yen$,
    userShare: Yen$,
    /** Notes in Japanese: the part above the limit, a reset of the limit, a 給付制限. */
    notes: z.array(z.string()),
  })
  .strict()
export type ReimbursementFigures = z.infer<typeof ReimbursementFigures$>

export const ReimbursementDecision$ = z
  .object({
    outcome: z.enum(['approved', 'refused']),
    coveredCost: Yen$,
    insurerShare: Yen$,
    copayRate: z.number().int(),
    reason: z.string().nullable(),
    decidedAt: z.string(),
    decidedBy: RecordId$,
  })
  .strict()

export const ReimbursementApplication$ = z
  .object({
    id: RecordId$,
    personId: RecordId$,
    kind: z.enum(reimbursementKinds),
    serviceOn: IsoDate$,
    cost: Yen$,
    provider: z.string().nullable(),
    receivedOn: IsoDate$,
    dwelling: z.string().nullable(),
    careLevel: z.string().nullable(),
    priorApplicationOn: IsoDate$.nullable(),
    recordedBy: RecordId$,
    /** The figures as the inputs give them now (for a decided application: as decided). */
    figures: ReimbursementFigures$,
    decision: ReimbursementDecision$.nullable(),
  })
  .strict()
export type ReimbursementApplication = z.infer<typeof ReimbursementApplication$>

export const PersonReimbursementsQuery$ = z.object({ personId: RecordId$ }).strict()
/** A person's 償還払 applications, newest first, each read back as `reimbursement.application` answers it. */
export const PersonReimbursements$ = z
  .object({ personId: RecordId$, applications: z.array(ReimbursementApplication$) })
  .strict()
export type PersonReimbursements = z.infer<typeof PersonReimbursements$>

export const ReimbursementNotice$ = z.object({ fileName: z.string(), pdfBase64: z.string() }).strict()

export const reimbursementApiRoutes = {
  // 償還払 (docs/reimbursements.md): application, decision by a second person, 支給決定通知書.
  'reimbursement.register': {
    method: 'POST',
    path: '/api/v1/benefits/reimbursements/applications',
    input: ReimbursementApplicationRequest$,
    output: ReimbursementApplication$,
  },
  'reimbursement.application': {
    method: 'POST',
    path: '/api/v1/benefits/reimbursements/applications/detail',
    input: ReimbursementQuery$,
    output: ReimbursementApplication$,
  },
  'reimbursement.personApplications': {
    method: 'POST',
    path: '/api/v1/benefits/reimbursements/person',
    input: PersonReimbursementsQuery$,
    output: PersonReimbursements$,
  },
  'reimbursement.decide': {
    method: 'POST',
    path: '/api/v1/benefits/reimbursements/applications/decide',
    input: ReimbursementDecisionRequest$,
    output: ReimbursementApplication$,
  },
  'reimbursement.notice': {
    method: 'POST',
    path: '/api/v1/benefits/reimbursements/applications/notice',
    input: ReimbursementNoticeRequest$,
    output: ReimbursementNotice$,
  },
} as const
