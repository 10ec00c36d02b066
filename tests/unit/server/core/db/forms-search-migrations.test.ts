import { readFileSync, readdirSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { migrationStreams } from '../../../../../server/src/core/db/connect'
import { addressBigrams } from '../../../../../server/src/areas/persons/address-index'

const sqlOf = (stream: string) => {
  const folder = new URL(`../../../../../server/${stream}/`, import.meta.url)
  return readdirSync(folder)
    .filter((f) => f.endsWith('.sql'))
    .map((f) => readFileSync(new URL(f, folder), 'utf8'))
    .join('\n')
}

describe('the forms and search migration streams (issue 7 §1, §6)', () => {
  it('are registered after the eligibility stream, each with its own tracking table', () => {
    const tables = migrationStreams.map((s) => s.table)
    const eligibility = tables.indexOf('__drizzle_migrations_eligibility')
    expect(tables.indexOf('__drizzle_migrations_forms')).toBeGreaterThan(eligibility)
    expect(tables.indexOf('__drizzle_migrations_search')).toBeGreaterThan(eligibility)
  })

  it('keeps the 資格者証 ledger with its application date, expiry and layout', () => {
    const sql = sqlOf('drizzle-forms')
    for (const column of ['application_date', 'valid_until', 'layout', 'count', 'reason'])
      expect(sql).toContain(`"${column}"`)
  })

  it('indexes the address bigrams with the expression the search sends (ideographic spaces removed)', () => {
    const sql = sqlOf('drizzle-search')
    expect(sql).toContain("replace(address, chr(12288), '')")
    expect(sql).toMatch(/USING gin \(address_bigrams\(address\)\)/)
    expect(sql).toMatch(/IMMUTABLE/)
  })

  it('splits a fragment into distinct bigrams by code point, as PostgreSQL counts characters', () => {
    expect(addressBigrams('西新宿二丁目')).toEqual(['西新', '新宿', '宿二', '二丁', '丁目'])
    expect(addressBigrams('𠮷野家𠮷野')).toEqual(['𠮷野', '野家', '家𠮷'])
    expect(addressBigrams('西')).toEqual([])
    expect(addressBigrams('新宿\u3000三丁目')).toEqual(['新宿', '宿三', '三丁', '丁目'])
  })
})
