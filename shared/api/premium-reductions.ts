/**
 * 減免・徴収猶予 (介護保険法第142条) contract: the application recorded by a 賦課収納担当, the decision by a second
 * person (監督者), the withdrawal, the queue of pending applications and a person's applications with their history.
 * Rules: shared/domain/premium-reduction.ts; docs/premium-reductions.md.
 */
import { z } from 'zod'
import { reliefKinds, reliefReasons } from '../domain/premium-reduction'
import { AssessResult$ } from './premiums'
import { IdempotencyKey$, IsoDate$, RecordId$, Yen$ } from './primitives'

export {
  reliefKindLabels,
  reliefKinds,
  reliefReasonLabels,
  reliefReasons,
  type ReliefKind,
  type ReliefReason,
} from '../domain/premium-reduction'

export const reliefStatuses = ['pending', 'approved', 'rejected', 'withdrawn'] as const
export type ReliefStatus = (typeof reliefStatuses)[number]
export const reliefStatusLabels: Record<ReliefStatus, string> = {
  pending: '決定待ち',
  approved: '承認',
  rejected: '却下',
  withdrawn: '取下げ',
}

export const ReliefFigures$ = z
  .object({
    damagePercent: z.number().int().min(0).max(100).nullable().default(null),
    previousIncome: Yen$.nullable().default(null),
    expectedIncome: Yen$.nullable().default(null),
  })
  .strict()

const FiscalYear$ = z.number().int().min(2024).max(2100)

export const ReliefApplyRequest$ = z
  .object({
    personId: RecordId$,
    fiscalYear: FiscalYear$,
    kind: z.enum(reliefKinds),
    reliefReason: z.enum(reliefReasons),
    /** The 普通徴収 納期 concerned (empty: every 納期 of the year not yet due). */
    seqs: z.array(z.number().int().min(1).max(14)).max(14).default([]),
    figures: ReliefFigures$.default({ damagePercent: null, previousIncome: null, expectedIncome: null }),
    /** The documents received with the application (り災証明書, 離職票, 収入見込の申立書 …). */
    documents: z.array(z.string().trim().min(1).max(100)).max(20).default([]),
    receivedOn: IsoDate$,
    /** 徴収猶予: the date the applicant asks the 納期 to be deferred to. */
    deferredUntil: IsoDate$.nullable().default(null),
    note: z.string().trim().max(500).default(''),
    idempotencyKey: IdempotencyKey$,
  })
  .strict()
export type ReliefApplyRequest = z.input<typeof ReliefApplyRequest$>

export const ReliefDecideRequest$ = z
  .object({
    applicationId: RecordId$,
    decision: z.enum(['approve', 'reject']),
    /** 徴収猶予 approved: the 猶予期限 decided (default: the one applied for). */
    deferredUntil: IsoDate$.nullable().default(null),
    /** Required for a rejection: the reason the applicant is told. */
    comment: z.string().trim().max(500).default(''),
    idempotencyKey: IdempotencyKey$,
  })
  .strict()
export type ReliefDecideRequest = z.input<typeof ReliefDecideRequest$>

export const ReliefWithdrawRequest$ = z
  .object({
    applicationId: RecordId$,
    comment: z.string().trim().max(500).default(''),
    idempotencyKey: IdempotencyKey$,
  })
  .strict()
export type ReliefWithdrawRequest = z.input<typeof ReliefWithdrawRequest$>

export const PersonReliefsQuery$ = z.object({ personId: RecordId$ }).strict()
export type PersonReliefsQuery = z.input<typeof PersonReliefsQuery$>

export const ReliefQueueQuery$ = z.object({ fiscalYear: FiscalYear$.optional() }).strict()
export type ReliefQueueQuery = z.input<typeof ReliefQueueQuery$>

const Staff$ = z.object({ loginId: z.string(), displayName: z.string() }).strict()

export const ReliefApplication$ = z
  .object({
    id: z.number().int(),
    personId: z.number().int(),
    person: z.object({ name: z.string(), insuredNumber: z.string().nullable() }).strict(),
    fiscalYear: z.number().int(),
    kind: z.enum(reliefKinds),
    reliefReason: z.enum(reliefReasons),
    seqs: z.array(z.number().int()),
    figures: z
      .object({
        damagePercent: z.number().int().nullable(),
        previousIncome: Yen$.nullable(),
        expectedIncome: Yen$.nullable(),
      })
      .strict(),
    documents: z.array(z.string()),
    receivedOn: IsoDate$,
    requestedDeferredUntil: IsoDate$.nullable(),
    note: z.string(),
    recordedBy: Staff$,
    recordedAt: z.string(),
    status: z.enum(reliefStatuses),
    /** Pending 減免: what the ward's table gives today (the decision recomputes it); null when not eligible. */
    proposal: z
      .object({
        amount: Yen$.nullable(),
        base: Yen$.nullable(),
        notEligible: z.string().nullable(),
        steps: z.array(z.string()),
      })
      .strict()
      .nullable(),
    decision: z
      .object({
        outcome: z.enum(['approved', 'rejected', 'withdrawn']),
        reductionAmount: Yen$.nullable(),
        deferredUntil: IsoDate$.nullable(),
        comment: z.string(),
        decidedOn: IsoDate$,
        decidedAt: z.string(),
        decidedBy: Staff$,
        /** The 賦課基本 version the approval produced (null: none, e.g. a rejection). */
        assessmentVersion: z.number().int().nullable(),
        steps: z.array(z.string()),
      })
      .strict()
      .nullable(),
  })
  .strict()
export type ReliefApplication = z.infer<typeof ReliefApplication$>

export const ReliefApplications$ = z.object({ applications: z.array(ReliefApplication$) }).strict()
export type ReliefApplications = z.infer<typeof ReliefApplications$>

export const ReliefDecisionResult$ = z
  .object({
    application: ReliefApplication$,
    /** The reassessment the approval ran in the same transaction (null for a rejection). */
    assessment: AssessResult$.nullable(),
  })
  .strict()
export type ReliefDecisionResult = z.infer<typeof ReliefDecisionResult$>
