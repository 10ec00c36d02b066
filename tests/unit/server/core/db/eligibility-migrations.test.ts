import { readFileSync, readdirSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { migrationStreams } from '../../../../../server/src/core/db/connect'
import { PLAIN_KANA, VOICED_KANA } from '../../../../../shared/text/kana'

const folder = new URL('../../../../../server/drizzle-eligibility/', import.meta.url)
const sql = readdirSync(folder)
  .filter((f) => f.endsWith('.sql'))
  .map((f) => readFileSync(new URL(f, folder), 'utf8'))
  .join('\n')

describe('the eligibility migration stream', () => {
  it('is registered after the core stream with its own tracking table', () => {
    const tables = migrationStreams.map((s) => s.table)
    expect(tables).toContain('__drizzle_migrations_eligibility')
    expect(tables.indexOf('__drizzle_migrations_eligibility')).toBeGreaterThan(tables.indexOf('__drizzle_migrations'))
  })
  it('indexes the voiced-mark-tolerant カナ key with exactly the tables of shared/text/kana.ts', () => {
    expect(sql).toContain(`translate(kana_key, '${VOICED_KANA}', '${PLAIN_KANA}')`)
  })
  it('makes the history append-only (no UPDATE, DELETE or TRUNCATE)', () => {
    expect(sql).toMatch(/BEFORE UPDATE OR DELETE ON eligibility_events/)
    expect(sql).toMatch(/BEFORE TRUNCATE ON eligibility_events/)
  })
})
