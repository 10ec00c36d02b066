/**
 * Residents (住民) and their households: the tables the person search, the eligibility history and the forms point
 * at. Other areas import them from here (an area's schema file is part of its public surface, like its index.ts).
 * The search indexes that are expressions over these columns (the loose カナ key, the phone suffix, the address
 * bigrams of address-index.ts) are hand-written SQL in the migration journal (server/drizzle/).
 */
import { sql } from 'drizzle-orm'
import {
  bigint,
  boolean,
  date,
  index,
  integer,
  pgTable,
  serial,
  smallint,
  text,
  uniqueIndex,
} from 'drizzle-orm/pg-core'

export const households = pgTable(
  'households',
  {
    id: serial('id').primaryKey(),
    householdCode: text('household_code').notNull().unique(),
    postalCode: text('postal_code').notNull(),
    town: text('town').notNull(),
    address: text('address').notNull(),
    /** 日常生活圏域 derived from the 町丁目 (null outside the ward, e.g. 住所地特例 facilities). */
    careArea: text('care_area'),
    rowVersion: integer('row_version').notNull().default(1),
  },
  (t) => [index('households_care_area_idx').on(t.careArea)],
)

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
    // 支援措置: the few protected persons, read on every person view, search, card and export (support-measure.ts).
    index('persons_protected_household_idx')
      .on(t.householdId)
      .where(sql`${t.isProtected}`),
  ],
)
