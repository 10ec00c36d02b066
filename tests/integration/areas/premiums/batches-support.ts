/**
 * Dummy inputs of a 賦課バッチ at scale, written set-based (generate_series, INSERT … SELECT): many insured persons,
 * each in a household of their own, with a 住民税課税情報 record of the year; and records for the generated ward's
 * persons from their dummy income figures (server/src/demo/generator). Used by the batch tests and the bench.
 */
import { sql } from 'drizzle-orm'
import type { Db } from '../../../../server/src/core/db/connect'
import { normalizeKana, normalizeKanjiName } from '../../../../shared/text/kana'

/** A 住民税課税情報 file row the seeded records point at (the intake itself is tested elsewhere). */
async function taxFile(db: Db, name: string, records: number): Promise<number> {
  const result = (await db.execute(sql`
    insert into resident_tax_files (file_hash, file_name, encoding, records, applied, imported_at, imported_by)
    values (${`seed:${name}:${Date.now()}:${Math.random()}`}, ${name}, 'utf-8', ${records}, ${records}, now(), null)
    returning id`)) as unknown as { rows: { id: number }[] }
  return Number(result.rows[0]!.id)
}

export interface InsuredWardOptions {
  count: number
  /** First digit(s) of the 宛名番号 and 世帯番号, so that several calls never collide. */
  prefix: string
  fiscalYear: number
  birthDate?: string
  acquiredOn?: string
  taxable?: boolean
  totalIncome?: number
}

/**
 * `count` category-1 persons (acquired on `acquiredOn`, reaching 65), each in a household of their own, with a
 * 当初 resident-tax record of the year (非課税, 合計所得 0 unless told).
 */
export async function addInsuredWard(db: Db, options: InsuredWardOptions): Promise<void> {
  const { count, prefix, fiscalYear } = options
  const width = 10 - prefix.length
  await db.execute(sql`
    insert into households (household_code, postal_code, town, address)
    select ${prefix} || lpad(g::text, ${width}, '0'), '160-0022', '新宿', '東京都新宿区新宿一丁目1番1号（検証）'
    from generate_series(1, ${count}) g`)
  await db.execute(sql`
    insert into persons (resident_code, household_id, relationship, family_name, given_name, family_name_kana,
      given_name_kana, kana_key, name_key, sex, birth_date, phone, individual_number, insured_number,
      insured_category, acquired_on, is_protected, resident_taxable, total_income, taxable_pension_income,
      pension_and_other_income, on_public_assistance, old_age_welfare_pension)
    select ${prefix} || lpad(g::text, ${width}, '0'), h.id, '世帯主', '検証', '賦課', 'ケンショウ', 'フカ',
      ${normalizeKana('ケンショウフカ')}, ${normalizeKanjiName('検証賦課')}, 'female', ${options.birthDate ?? '1950-05-05'}::date,
      null, '990000000002', null, null, null, false, ${options.taxable ?? false}, ${options.totalIncome ?? 0}, 0, 0,
      false, false
    from generate_series(1, ${count}) g
    join households h on h.household_code = ${prefix} || lpad(g::text, ${width}, '0')`)
  await db.execute(sql`
    insert into eligibility_events (person_id, kind, category, reason, effective_on, recorded_at, source, dedupe_key)
    select p.id, 'acquisition', 1, 'reachingAge65', ${options.acquiredOn ?? '2015-05-04'}::date,
      '2015-05-04T00:00:00Z'::timestamptz, 'seed', 'test:batches:' || p.resident_code
    from persons p where p.resident_code like ${`${prefix}%`} and length(p.resident_code) = 10`)
  const file = await taxFile(db, `KAZEI_${prefix}.csv`, count)
  await db.execute(sql`
    insert into resident_tax_records (person_id, fiscal_year, revision, taxable, total_income, public_pension_income,
      pension_misc_income, salary_income, tax_exempt_pension, corrected_on, source_file_id, source_line, recorded_at)
    select p.id, ${fiscalYear}, 1, p.resident_taxable, p.total_income, 0, 0, 0, false, null, ${file},
      row_number() over (order by p.id) + 1, now()
    from persons p where p.resident_code like ${`${prefix}%`} and length(p.resident_code) = 10`)
}

/**
 * A 当初 resident-tax record of the year for every person without one, from the dummy income figures of the
 * generated ward (課税区分, 合計所得金額, 公的年金等収入金額; 雑所得 = 年金収入 − 110万円, between 0 and 合計所得).
 */
export async function seedResidentTaxFromPersons(db: Db, fiscalYear: number): Promise<number> {
  const file = await taxFile(db, `KAZEI_${fiscalYear}_WARD.csv`, 0)
  const result = (await db.execute(sql`
    insert into resident_tax_records (person_id, fiscal_year, revision, taxable, total_income, public_pension_income,
      pension_misc_income, salary_income, tax_exempt_pension, corrected_on, source_file_id, source_line, recorded_at)
    select p.id, ${fiscalYear}, 1, p.resident_taxable, p.total_income, p.taxable_pension_income,
      greatest(0, least(p.total_income, greatest(p.taxable_pension_income - 1100000, 0))), 0, false, null, ${file},
      row_number() over (order by p.id) + 1, now()
    from persons p
    where not exists (select 1 from resident_tax_records r where r.person_id = p.id and r.fiscal_year = ${fiscalYear})`)) as unknown as {
    rowCount?: number | null
  }
  return Number(result.rowCount ?? 0)
}
