/**
 * 償還払 (介護保険法第41条・第44条・第45条・第66条; docs/high-cost.md): applications of a person who paid 10割 and their
 * decisions (append-only).
 */
import { bigint, date, integer, pgTable, serial, smallint, text, timestamp, index } from 'drizzle-orm/pg-core'
import { persons } from '../../persons/schema'

export type ReimbursementKind = 'arrears' | 'homeAlteration' | 'equipmentPurchase' | 'beforeCertification'

export const reimbursementApplications = pgTable(
  'reimbursement_applications',
  {
    id: serial('id').primaryKey(),
    personId: integer('person_id')
      .notNull()
      .references(() => persons.id),
    kind: text('kind').$type<ReimbursementKind>().notNull(),
    /** The day of the service, purchase or 着工. */
    serviceOn: date('service_on', { mode: 'string' }).notNull(),
    /** 費用額 the person paid in full. */
    cost: bigint('cost', { mode: 'number' }).notNull(),
    /** The provider, shop or builder the person paid (事業者・販売事業者・施工業者). */
    provider: text('provider'),
    /** 住宅改修: the dwelling (address) altered; the 要介護度 at 着工 (BenefitLevel); the 事前申請 date. */
    dwelling: text('dwelling'),
    careLevel: text('care_level'),
    priorApplicationOn: date('prior_application_on', { mode: 'string' }),
    receivedOn: date('received_on', { mode: 'string' }).notNull(),
    idempotencyKey: text('idempotency_key').notNull().unique(),
    recordedAt: timestamp('recorded_at', { withTimezone: true, mode: 'date' }).notNull(),
    recordedBy: integer('recorded_by').notNull(),
  },
  (t) => [index('reimbursement_applications_person_idx').on(t.personId)],
)

export const reimbursementDecisions = pgTable('reimbursement_decisions', {
  id: serial('id').primaryKey(),
  applicationId: integer('application_id')
    .notNull()
    .unique()
    .references(() => reimbursementApplications.id),
  outcome: text('outcome').$type<'approved' | 'refused'>().notNull(),
  coveredCost: bigint('covered_cost', { mode: 'number' }).notNull(),
  insurerShare: bigint('insurer_share', { mode: 'number' }).notNull(),
  copayRate: smallint('copay_rate').notNull(),
  reason: text('reason'),
  idempotencyKey: text('idempotency_key').notNull().unique(),
  decidedAt: timestamp('decided_at', { withTimezone: true, mode: 'date' }).notNull(),
  decidedBy: integer('decided_by').notNull(),
})
