/**
 * 被保険者証 issuances (eligibility migration stream): every 交付 and 再交付, with its count and reason — the
 * ledger behind "reissue with reason and count" and the audit of each issuance.
 */
import { date, integer, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core'
import { persons } from '../../core/db/schema'

export const cardIssuances = pgTable('card_issuances', {
  id: serial('id').primaryKey(),
  personId: integer('person_id')
    .notNull()
    .references(() => persons.id),
  insuredNumber: text('insured_number').notNull(),
  /** issue (交付) | reissue (再交付) */
  kind: text('kind').$type<'issue' | 'reissue'>().notNull(),
  /** 1 for the first issue; n for the n-th 再交付. */
  count: integer('count').notNull(),
  reason: text('reason'),
  layout: text('layout').notNull(),
  issuedOn: date('issued_on', { mode: 'string' }).notNull(),
  issuedAt: timestamp('issued_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  issuedBy: integer('issued_by'),
})
