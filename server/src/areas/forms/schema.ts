/**
 * The forms ledgers: every 交付 and 再交付 of a 被保険者証 (card_issuances) and of a 資格者証
 * (provisional_card_issuances), with its count and reason — the ledgers behind "reissue with reason and count" and
 * the audit of each issuance. The 資格者証 ledger also keeps the application date, the expiry it printed and the
 * layout used.
 */
import { date, integer, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core'
import { persons } from '../persons/schema'

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
