import { readFileSync, readdirSync } from 'node:fs'
import { relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import config from '../../../../../server/drizzle.config'
import { migrationsFolder } from '../../../../../server/src/core/db/connect'
import { addressBigrams } from '../../../../../server/src/areas/persons/address-index'
import { PLAIN_KANA, VOICED_KANA } from '../../../../../shared/text/kana'

const server = new URL('../../../../../server/', import.meta.url).pathname
const journalSql = readdirSync(migrationsFolder)
  .filter((f) => f.endsWith('.sql'))
  .sort()
  .map((f) => readFileSync(`${migrationsFolder}/${f}`, 'utf8'))
  .join('\n')

/** Every schema file of the server: the core's and each area's (`schema.ts`, in an area or a sub-area). */
const schemaFiles = readdirSync(`${server}src`, { recursive: true })
  .map(String)
  .filter((f) => f === 'core/db/schema.ts' || (f.startsWith('areas/') && f.endsWith('/schema.ts')))
  .map((f) => `./src/${f}`)
  .sort()

describe('the migration journal', () => {
  it('is the only drizzle config and the only migrations folder of the server', () => {
    expect(
      readdirSync(server)
        .filter((f) => f.startsWith('drizzle'))
        .sort(),
    ).toEqual(['drizzle', 'drizzle.config.ts'])
    expect(relative(server, migrationsFolder)).toBe(config.out?.replace(/^\.\//, ''))
  })

  it("lists every area's schema file and the core's, and keeps drizzle's default tracking table", () => {
    expect(schemaFiles).toContain('./src/core/db/schema.ts')
    expect(schemaFiles).toContain('./src/areas/persons/schema.ts')
    expect([...(config.schema as string[])].sort()).toEqual(schemaFiles)
    expect(config.migrations?.table).toBeUndefined()
  })
})

describe('the hand-written SQL of the journal', () => {
  it('indexes the voiced-mark-tolerant カナ key with exactly the tables of shared/text/kana.ts', () => {
    expect(journalSql).toContain(`translate(kana_key, '${VOICED_KANA}', '${PLAIN_KANA}')`)
  })

  it('makes the history tables append-only (no UPDATE, DELETE or TRUNCATE)', () => {
    for (const table of [
      'audit_log',
      'record_versions',
      'master_versions',
      'master_rows',
      'export_ledger',
      'eligibility_events',
    ]) {
      expect(journalSql).toMatch(new RegExp(`CREATE TRIGGER ${table}_no_update BEFORE UPDATE OR DELETE ON ${table} `))
      expect(journalSql).toMatch(new RegExp(`CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table} `))
    }
  })

  it('indexes the address bigrams with the expression the search sends (ideographic spaces removed, IMMUTABLE)', () => {
    expect(journalSql).toContain("replace(address, chr(12288), '')")
    expect(journalSql).toMatch(/USING gin \(address_bigrams\(address\)\)/)
    expect(journalSql).toMatch(/FUNCTION address_bigrams\(address text\)[^$]*IMMUTABLE/)
  })

  it('keeps the 資格者証 ledger with its application date, expiry and layout', () => {
    const table = /CREATE TABLE "provisional_card_issuances" \(([^;]*)\);/.exec(journalSql)?.[1] ?? ''
    for (const column of ['application_date', 'valid_until', 'layout', 'count', 'reason'])
      expect(table).toContain(`"${column}"`)
  })
})

describe('the address bigrams of a search fragment', () => {
  it('are the distinct bigrams by code point, as PostgreSQL counts characters', () => {
    expect(addressBigrams('西新宿二丁目')).toEqual(['西新', '新宿', '宿二', '二丁', '丁目'])
    expect(addressBigrams('𠮷野家𠮷野')).toEqual(['𠮷野', '野家', '家𠮷'])
  })

  it('are none for a one-character fragment (the search falls back to the scan)', () => {
    expect(addressBigrams('西')).toEqual([])
  })

  it('skip ideographic spaces, as the index does', () => {
    expect(addressBigrams('新宿\u3000三丁目')).toEqual(['新宿', '宿三', '三丁', '丁目'])
  })
})
