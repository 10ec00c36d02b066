/**
 * 資格者証 issuances (forms migration stream, server/drizzle-forms): every 交付 and 再交付 with its count, reason,
 * the application date and expiry it printed and the layout used — the ledger behind "reissue with reason and count".
 * The 被保険者証 ledger is card_issuances (forms/schema.ts, eligibility stream).
 */
import { date, integer, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core'
import { persons } from '../../core/db/schema'

export const provisionalCardIssuances = pgTable('provisional_card_issuances', {
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
  applicationDate: date('application_date', { mode: 'string' }).notNull(),
  validUntil: date('valid_until', { mode: 'string' }).notNull(),
  layout: text('layout').notNull(),
  issuedOn: date('issued_on', { mode: 'string' }).notNull(),
  issuedAt: timestamp('issued_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  issuedBy: integer('issued_by'),
})
