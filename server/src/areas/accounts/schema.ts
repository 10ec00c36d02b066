import { index, integer, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core'
import { users } from '../../core/db/schema'

const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' })

/**
 * Second-factor resets with four eyes (control C-06): an administrator asks with a reason; a different
 * administrator or 監督者 — never the one who asked, never the account holder — approves or rejects. Only the
 * approval clears the TOTP secret. A request is decided once; at most one is pending per account.
 */
export const totpResetRequests = pgTable(
  'totp_reset_requests',
  {
    id: serial('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    reason: text('reason').notNull(),
    status: text('status').$type<'pending' | 'approved' | 'rejected'>().notNull(),
    requestedBy: integer('requested_by')
      .notNull()
      .references(() => users.id),
    requestedAt: at('requested_at').notNull(),
    requestedTerminal: text('requested_terminal').notNull(),
    decidedBy: integer('decided_by').references(() => users.id),
    decidedAt: at('decided_at'),
    decidedTerminal: text('decided_terminal'),
    decisionComment: text('decision_comment'),
  },
  (t) => [index('totp_reset_requests_user_idx').on(t.userId), index('totp_reset_requests_status_idx').on(t.status)],
)
