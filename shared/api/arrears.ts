/**
 * 滞納管理 and 給付制限 contract: the 滞納者 work list, a person's case (contacts, 分納計画 / 分納誓約 and their
 * progress, 連帯納付義務者, 財産調査 / 差押, the 給付制限 and its steps), the writes on it, and the 催告書 / 給付制限
 * notices as PDF. Rules: shared/domain/arrears-plan.ts, shared/domain/arrears.ts; docs/sources/domain.md §4.3.
 */
import { z } from 'zod'
import { restrictionSteps, type RestrictionMeasure } from '../domain/arrears-plan'
import { IdempotencyKey$, IsoDate$, RecordId$, Yen$ } from './primitives'

export {
  restrictionMeasureLabels,
  restrictionStepLabels,
  restrictionSteps,
  type RestrictionMeasure,
  type RestrictionStep,
} from '../domain/arrears-plan'

export const restrictionMeasures = [
  'reimbursementOnly',
  'suspension',
  'reduction',
] as const satisfies readonly RestrictionMeasure[]
export const contactKinds = ['demandLetter', 'phone', 'visit', 'consultation'] as const
export type ContactKind = (typeof contactKinds)[number]
export const contactKindLabels: Record<ContactKind, string> = {
  demandLetter: '催告',
  phone: '電話',
  visit: '訪問',
  consultation: '納付相談',
}
export const planKinds = ['plan', 'pledge'] as const
export const planKindLabels: Record<(typeof planKinds)[number], string> = { plan: '分納計画', pledge: '分納誓約' }
export const propertyKinds = ['investigation', 'seizure'] as const
export const propertyKindLabels: Record<(typeof propertyKinds)[number], string> = {
  investigation: '財産調査',
  seizure: '差押',
}

const Method$ = z.enum(['withholding', 'direct'])
const Note$ = z.string().trim().max(500).default('')

export const ArrearsWorkListQuery$ = z
  .object({
    /** Only persons owing at least this much (yen). */
    minAmount: Yen$.min(0).default(0),
    /** Only debts whose oldest unpaid due date is at least this many days ago. */
    minAgeDays: z.number().int().min(0).max(36_500).default(0),
    /** 日常生活圏域 of the household. */
    careArea: z.string().trim().max(40).nullable().default(null),
    limit: z.number().int().min(1).max(1000).default(200),
  })
  .strict()
export type ArrearsWorkListQuery = z.input<typeof ArrearsWorkListQuery$>

export const ArrearsWorkListRow$ = z
  .object({
    personId: z.number().int(),
    name: z.string(),
    insuredNumber: z.string().nullable(),
    careArea: z.string().nullable(),
    oldestDueDate: IsoDate$,
    ageDays: z.number().int(),
    unpaidAmount: Yen$,
    unpaidInstallments: z.number().int(),
    /** The measure of 給付制限 the length of arrears calls for (null: none yet). */
    measureDue: z.enum(restrictionMeasures).nullable(),
    activePlan: z.enum(['kept', 'broken']).nullable(),
  })
  .strict()
export const ArrearsWorkList$ = z.object({ rows: z.array(ArrearsWorkListRow$), total: z.number().int() }).strict()
export type ArrearsWorkList = z.infer<typeof ArrearsWorkList$>

export const ArrearsCaseQuery$ = z.object({ personId: RecordId$ }).strict()

const Staff$ = z.object({ loginId: z.string(), displayName: z.string() }).strict()

export const UnpaidInstallment$ = z
  .object({
    fiscalYear: z.number().int(),
    method: Method$,
    installmentSeq: z.number().int(),
    dueDate: IsoDate$,
    charged: Yen$,
    paid: Yen$,
    balance: Yen$,
    limitationEnd: IsoDate$,
    timeBarred: z.boolean(),
    /** Past its 納期限 (滞納); false for an unpaid installment not yet due (現年度の今後の納期). */
    overdue: z.boolean(),
  })
  .strict()
export type UnpaidInstallment = z.infer<typeof UnpaidInstallment$>

export const ArrearsPlan$ = z
  .object({
    id: z.number().int(),
    kind: z.enum(planKinds),
    agreedOn: IsoDate$,
    debt: Yen$,
    instalments: z.array(
      z
        .object({
          dueOn: IsoDate$,
          amount: Yen$,
          covered: Yen$,
          state: z.enum(['paid', 'pending', 'late', 'broken']),
        })
        .strict(),
    ),
    paidSinceAgreement: Yen$,
    status: z.enum(['kept', 'broken', 'completed', 'ended']),
    brokenSince: IsoDate$.nullable(),
    note: z.string(),
    recordedBy: Staff$,
  })
  .strict()
export type ArrearsPlan = z.infer<typeof ArrearsPlan$>

export const ArrearsCase$ = z
  .object({
    person: z
      .object({
        id: z.number().int(),
        name: z.string(),
        insuredNumber: z.string().nullable(),
        certified: z.boolean(),
      })
      .strict(),
    asOf: IsoDate$,
    unpaid: z.array(UnpaidInstallment$),
    unpaidAmount: Yen$,
    timeBarredAmount: Yen$,
    /** 連帯納付義務者 (介護保険法第132条): 世帯主 and 配偶者 of the household. */
    jointObligors: z
      .array(z.object({ personId: z.number().int(), name: z.string(), relationship: z.string() }).strict())
      .default([]),
    contacts: z.array(
      z
        .object({
          id: z.number().int(),
          kind: z.enum(contactKinds),
          occurredOn: IsoDate$,
          note: z.string(),
          recordedBy: Staff$,
        })
        .strict(),
    ),
    plans: z.array(ArrearsPlan$),
    property: z.array(
      z
        .object({
          id: z.number().int(),
          kind: z.enum(propertyKinds),
          recordedOn: IsoDate$,
          found: z.string(),
          decision: z.string(),
          amount: Yen$,
        })
        .strict(),
    ),
    restriction: z
      .object({
        measureDue: z.enum(restrictionMeasures).nullable(),
        /** The measure in force (decided and not released), null when none. */
        inForce: z.enum(restrictionMeasures).nullable(),
        steps: z.array(
          z
            .object({
              id: z.number().int(),
              measure: z.enum(restrictionMeasures),
              step: z.enum(restrictionSteps),
              stepOn: IsoDate$,
              untilOn: IsoDate$.nullable(),
              reductionMonths: z.number().int().nullable(),
              note: z.string(),
              recordedBy: Staff$,
            })
            .strict(),
        ),
        /** Released on full payment or a kept plan: whether the person qualifies today. */
        releasable: z.boolean(),
      })
      .strict(),
  })
  .strict()
export type ArrearsCase = z.infer<typeof ArrearsCase$>

export const RecordContactRequest$ = z
  .object({
    personId: RecordId$,
    kind: z.enum(contactKinds),
    occurredOn: IsoDate$,
    note: Note$,
    idempotencyKey: IdempotencyKey$,
  })
  .strict()
export type RecordContactRequest = z.input<typeof RecordContactRequest$>

export const RecordPlanRequest$ = z
  .object({
    personId: RecordId$,
    kind: z.enum(planKinds),
    agreedOn: IsoDate$,
    /** Also cover the unpaid installments not yet due (分納誓約 over 滞納分 and 現年度分). */
    includeNotYetDue: z.boolean().default(false),
    /** The unpaid installments the plan covers; empty = every overdue installment not time-barred. */
    covers: z
      .array(z.object({ fiscalYear: z.number().int(), method: Method$, installmentSeq: z.number().int() }).strict())
      .max(200)
      .default([]),
    instalments: z
      .array(z.object({ dueOn: IsoDate$, amount: Yen$ }).strict())
      .min(1)
      .max(60),
    note: Note$,
    idempotencyKey: IdempotencyKey$,
  })
  .strict()
export type RecordPlanRequest = z.input<typeof RecordPlanRequest$>

export const EndPlanRequest$ = z
  .object({
    planId: RecordId$,
    endedOn: IsoDate$,
    endReason: z.string().trim().min(1).max(500),
    idempotencyKey: IdempotencyKey$,
  })
  .strict()

export const RecordPropertyRequest$ = z
  .object({
    personId: RecordId$,
    kind: z.enum(propertyKinds),
    recordedOn: IsoDate$,
    found: z.string().trim().min(1).max(500),
    decision: z.string().trim().max(500).default(''),
    amount: Yen$.min(0),
    idempotencyKey: IdempotencyKey$,
  })
  .strict()

export const RestrictionStepRequest$ = z
  .object({
    personId: RecordId$,
    measure: z.enum(restrictionMeasures),
    step: z.enum(restrictionSteps),
    stepOn: IsoDate$,
    note: Note$,
    idempotencyKey: IdempotencyKey$,
  })
  .strict()
export type RestrictionStepRequest = z.input<typeof RestrictionStepRequest$>

export const ArrearsNoticeRequest$ = z
  .object({ personId: RecordId$, notice: z.enum(['demandLetter', 'restriction']) })
  .strict()
export const ArrearsNoticePdf$ = z
  .object({ fileName: z.string(), contentBase64: z.string(), text: z.array(z.string()) })
  .strict()
export type ArrearsNoticePdf = z.infer<typeof ArrearsNoticePdf$>
