/**
 * The issuance ledger of the premium notices (決定通知書, 変更通知書, 納付書): one row per notice printed — who, when,
 * which assessment version, which kind, and the address it was sent to (the 送付先 in force, the 住民票 address, or
 * none for a 支援措置 person handed the notice at the counter). Append-only (trigger in the custom migration); the
 * retention erasure deletes a person's rows through the run mark, as it does the eligibility history.
 */
import { date, index, integer, pgTable, serial, smallint, text, timestamp } from 'drizzle-orm/pg-core'
import type { NoticeAddressSource, NoticeKind } from '../../../../../shared/api/notices'
import { persons } from '../../persons/schema'
import { premiumAssessments } from '../schema'

export const noticeIssuances = pgTable(
  'notice_issuances',
  {
    id: serial('id').primaryKey(),
    personId: integer('person_id')
      .notNull()
      .references(() => persons.id),
    assessmentId: integer('assessment_id')
      .notNull()
      .references(() => premiumAssessments.id),
    fiscalYear: smallint('fiscal_year').notNull(),
    version: smallint('version').notNull(),
    kind: text('kind').$type<NoticeKind>().notNull(),
    installmentSeq: smallint('installment_seq'),
    /** The batch print (a UUID) the notice was part of; null for a single issuance. */
    batchId: text('batch_id'),
    addressSource: text('address_source').$type<NoticeAddressSource>().notNull(),
    /** The 送付先 row used (mailing_addresses.id; the address itself is kept here as printed). */
    mailingAddressId: integer('mailing_address_id'),
    recipientName: text('recipient_name').notNull(),
    postalCode: text('postal_code'),
    address: text('address'),
    issuedOn: date('issued_on', { mode: 'string' }).notNull(),
    issuedAt: timestamp('issued_at', { withTimezone: true, mode: 'date' }).notNull(),
    issuedBy: integer('issued_by'),
  },
  (t) => [index('notice_issuances_person_idx').on(t.personId), index('notice_issuances_batch_idx').on(t.batchId)],
)
