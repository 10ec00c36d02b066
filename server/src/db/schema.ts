/**
 * The database schema (drizzle). The same migrations run on the embedded PGlite and on PostgreSQL 15+.
 * Dates are `date` columns read as 'YYYY-MM-DD' strings; money is bigint yen read as numbers (safe below 2^53).
 */
import { sql } from 'drizzle-orm'
import {
  bigint,
  bigserial,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  serial,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core'

export const users = pgTable('users', {
  id: serial('id').primaryKey(),
  loginId: text('login_id').notNull().unique(),
  displayName: text('display_name').notNull(),
  department: text('department').notNull(),
  roles: jsonb('roles').$type<string[]>().notNull(),
  passwordHash: text('password_hash').notNull(),
  failedLogins: integer('failed_logins').notNull().default(0),
  lockedUntil: timestamp('locked_until', { withTimezone: true, mode: 'date' }),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  rowVersion: integer('row_version').notNull().default(1),
})

export const sessions = pgTable(
  'sessions',
  {
    /** SHA-256 (hex) of the bearer token; the token itself is never stored. */
    tokenHash: text('token_hash').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    terminalId: text('terminal_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true, mode: 'date' }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
)

export const households = pgTable('households', {
  id: serial('id').primaryKey(),
  householdCode: text('household_code').notNull().unique(),
  postalCode: text('postal_code').notNull(),
  town: text('town').notNull(),
  address: text('address').notNull(),
  rowVersion: integer('row_version').notNull().default(1),
})

export const persons = pgTable(
  'persons',
  {
    id: serial('id').primaryKey(),
    residentCode: text('resident_code').notNull().unique(),
    householdId: integer('household_id')
      .notNull()
      .references(() => households.id),
    relationship: text('relationship').notNull(),
    familyName: text('family_name').notNull(),
    givenName: text('given_name').notNull(),
    familyNameKana: text('family_name_kana').notNull(),
    givenNameKana: text('given_name_kana').notNull(),
    /** normalizeKana(family + given): the カナ search key. */
    kanaKey: text('kana_key').notNull(),
    /** normalizeKanjiName(family + given): the 漢字 search key. */
    nameKey: text('name_key').notNull(),
    sex: text('sex').$type<'male' | 'female'>().notNull(),
    birthDate: date('birth_date', { mode: 'string' }).notNull(),
    phone: text('phone'),
    individualNumber: text('individual_number').notNull(),
    insuredNumber: text('insured_number'),
    insuredCategory: smallint('insured_category'),
    acquiredOn: date('acquired_on', { mode: 'string' }),
    isProtected: boolean('is_protected').notNull().default(false),
    residentTaxable: boolean('resident_taxable').notNull(),
    totalIncome: bigint('total_income', { mode: 'number' }).notNull(),
    taxablePensionIncome: bigint('taxable_pension_income', { mode: 'number' }).notNull(),
    pensionAndOtherIncome: bigint('pension_and_other_income', { mode: 'number' }).notNull(),
    onPublicAssistance: boolean('on_public_assistance').notNull(),
    oldAgeWelfarePension: boolean('old_age_welfare_pension').notNull(),
    rowVersion: integer('row_version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('persons_insured_number_uq').on(t.insuredNumber),
    index('persons_kana_key_idx').using('btree', sql`${t.kanaKey} text_pattern_ops`),
    index('persons_name_key_idx').using('btree', sql`${t.nameKey} text_pattern_ops`),
    index('persons_birth_date_idx').on(t.birthDate),
    index('persons_household_idx').on(t.householdId),
  ],
)

/**
 * Append-only, hash-chained audit log (control C-08). The application role may only INSERT and SELECT;
 * a trigger refuses UPDATE and DELETE on every database (see the migration).
 */
export const auditLog = pgTable('audit_log', {
  seq: bigserial('seq', { mode: 'number' }).primaryKey(),
  occurredAt: timestamp('occurred_at', { withTimezone: true, mode: 'date' }).notNull(),
  userId: integer('user_id'),
  loginId: text('login_id'),
  terminalId: text('terminal_id').notNull(),
  action: text('action').notNull(),
  targetIds: jsonb('target_ids').$type<number[]>().notNull(),
  purpose: text('purpose'),
  outcome: text('outcome').notNull(),
  prevHash: text('prev_hash').notNull(),
  hash: text('hash').notNull(),
})
