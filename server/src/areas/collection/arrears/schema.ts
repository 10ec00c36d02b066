/**
 * 滞納管理 and 給付制限 tables, all append-only (triggers in the custom migration): the contact history (催告, 電話,
 * 訪問, 納付相談), the 分納計画 / 分納誓約 with their instalments, the ending of a plan, the 財産調査 / 差押 record, and
 * the steps of each 給付制限 (予告 → 弁明書 → 決定 → 被保険者証への記載 → 解除). A unique idempotency key on every row
 * makes a repeated request insert nothing. Rules: docs/sources/domain.md §4.3.
 */
import { date, index, integer, jsonb, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core'
import type { PlanInstalment, RestrictionMeasure, RestrictionStep } from '../../../../../shared/domain/arrears-plan'
import { persons } from '../../persons/schema'

export type ContactKind = 'demandLetter' | 'phone' | 'visit' | 'consultation'

export const arrearsContacts = pgTable(
  'arrears_contacts',
  {
    id: serial('id').primaryKey(),
    personId: integer('person_id')
      .notNull()
      .references(() => persons.id),
    kind: text('kind').$type<ContactKind>().notNull(),
    occurredOn: date('occurred_on', { mode: 'string' }).notNull(),
    note: text('note').notNull(),
    idempotencyKey: text('idempotency_key').notNull().unique(),
    recordedAt: timestamp('recorded_at', { withTimezone: true, mode: 'date' }).notNull(),
    recordedBy: integer('recorded_by').notNull(),
  },
  (t) => [index('arrears_contacts_person_idx').on(t.personId, t.occurredOn)],
)

/** The installments a plan covers, with the balance each had when the plan was agreed. */
export interface CoveredInstallment {
  fiscalYear: number
  method: 'withholding' | 'direct'
  installmentSeq: number
  dueDate: string
  balance: number
}

export const arrearsPlans = pgTable(
  'arrears_plans',
  {
    id: serial('id').primaryKey(),
    personId: integer('person_id')
      .notNull()
      .references(() => persons.id),
    /** 'pledge' = 分納誓約 (signed by the debtor; renews the limitation), 'plan' = 分納計画 only. */
    kind: text('kind').$type<'plan' | 'pledge'>().notNull(),
    agreedOn: date('agreed_on', { mode: 'string' }).notNull(),
    debt: integer('debt').notNull(),
    covers: jsonb('covers').$type<CoveredInstallment[]>().notNull(),
    instalments: jsonb('instalments').$type<PlanInstalment[]>().notNull(),
    /** The 収納 on the covered installments when the plan was agreed (progress counts what came after). */
    paidAtAgreement: integer('paid_at_agreement').notNull(),
    note: text('note').notNull(),
    idempotencyKey: text('idempotency_key').notNull().unique(),
    recordedAt: timestamp('recorded_at', { withTimezone: true, mode: 'date' }).notNull(),
    recordedBy: integer('recorded_by').notNull(),
  },
  (t) => [index('arrears_plans_person_idx').on(t.personId)],
)

/** The end of a plan (取消, e.g. after 不履行); a plan has at most one. */
export const arrearsPlanEnds = pgTable('arrears_plan_ends', {
  id: serial('id').primaryKey(),
  planId: integer('plan_id')
    .notNull()
    .unique()
    .references(() => arrearsPlans.id),
  endedOn: date('ended_on', { mode: 'string' }).notNull(),
  reason: text('reason').notNull(),
  recordedAt: timestamp('recorded_at', { withTimezone: true, mode: 'date' }).notNull(),
  recordedBy: integer('recorded_by').notNull(),
})

/** 財産調査 (what was found) and 差押 (what was decided), minimal (地方税法の滞納処分の例, 介護保険法第144条). */
export const arrearsPropertyRecords = pgTable(
  'arrears_property_records',
  {
    id: serial('id').primaryKey(),
    personId: integer('person_id')
      .notNull()
      .references(() => persons.id),
    kind: text('kind').$type<'investigation' | 'seizure'>().notNull(),
    recordedOn: date('recorded_on', { mode: 'string' }).notNull(),
    /** 預金, 給与, 不動産 … and where. */
    found: text('found').notNull(),
    decision: text('decision').notNull(),
    amount: integer('amount').notNull(),
    idempotencyKey: text('idempotency_key').notNull().unique(),
    recordedAt: timestamp('recorded_at', { withTimezone: true, mode: 'date' }).notNull(),
    recordedBy: integer('recorded_by').notNull(),
  },
  (t) => [index('arrears_property_records_person_idx').on(t.personId)],
)

/** One step of a person's 給付制限 (its measure, dated; the deadline of a 予告 for the 弁明書). */
export const benefitRestrictionSteps = pgTable(
  'benefit_restriction_steps',
  {
    id: serial('id').primaryKey(),
    personId: integer('person_id')
      .notNull()
      .references(() => persons.id),
    measure: text('measure').$type<RestrictionMeasure>().notNull(),
    step: text('step').$type<RestrictionStep>().notNull(),
    stepOn: date('step_on', { mode: 'string' }).notNull(),
    /** 予告: the 弁明書 deadline; 決定 of a 減額: the last day of the reduction. */
    untilOn: date('until_on', { mode: 'string' }),
    /** 給付額減額: its length in months (benefitReductionMonths). */
    reductionMonths: integer('reduction_months'),
    note: text('note').notNull(),
    idempotencyKey: text('idempotency_key').notNull().unique(),
    recordedAt: timestamp('recorded_at', { withTimezone: true, mode: 'date' }).notNull(),
    recordedBy: integer('recorded_by').notNull(),
  },
  (t) => [index('benefit_restriction_steps_person_idx').on(t.personId, t.id)],
)
