/**
 * 送付先 (mailing addresses): where a person's notices go instead of the 住民票 address, for a period and with a
 * reason. Append-only (trigger in the custom migration): ending, correcting or withdrawing a registration writes a
 * new row that supersedes it; nothing is overwritten. The retention erasure deletes a person's rows through the
 * same run mark as the eligibility history (mailing_addresses_refuse_change in the migration journal).
 */
import { boolean, date, index, integer, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'
import type { MailingAddressReason } from '../../../../../shared/api/mailing-address'
import { persons } from '../schema'

export const mailingAddresses = pgTable(
  'mailing_addresses',
  {
    id: serial('id').primaryKey(),
    personId: integer('person_id')
      .notNull()
      .references(() => persons.id),
    recipientName: text('recipient_name').notNull(),
    careOf: text('care_of'),
    postalCode: text('postal_code').notNull(),
    mailingAddress: text('mailing_address').notNull(),
    reason: text('reason').$type<MailingAddressReason>().notNull(),
    note: text('note'),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    validTo: date('valid_to', { mode: 'string' }),
    /** The row this one replaces (an ending or a withdrawal). */
    supersedesId: integer('supersedes_id'),
    withdrawn: boolean('withdrawn').notNull().default(false),
    endReason: text('end_reason'),
    recordedAt: timestamp('recorded_at', { withTimezone: true, mode: 'date' }).notNull(),
    recordedBy: integer('recorded_by'),
  },
  (t) => [
    index('mailing_addresses_person_idx').on(t.personId),
    // A registration is superseded once: two clerks ending the same 送付先 at once cannot both succeed.
    uniqueIndex('mailing_addresses_supersedes_uq').on(t.supersedesId),
  ],
)
