import { is } from 'drizzle-orm'
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core'
import { describe, expect, it } from 'vitest'
import * as core from '../../../../../server/src/core/db/schema'
import * as persons from '../../../../../server/src/areas/persons/schema'

const tables = ([...Object.values(core), ...Object.values(persons)] as unknown[]).filter((v): v is PgTable =>
  is(v, PgTable),
)

/** Tables without a row version, and why (everything else is a mutable record and must carry one). */
const exempt: Record<string, string> = {
  audit_log: 'append-only (trigger, no UPDATE for the application role)',
  record_versions: 'append-only history of the versioned records',
  sessions: 'technical: session bookkeeping, never edited by staff',
  login_challenges: 'technical: one sign-in attempt, consumed once',
  idempotency_keys: 'technical: the stored first response of a request',
  quarantined_files: 'append-only (trigger): the record of a refused, infected file',
}

// Every mutable record carries a row version (a stale update gets 409).
describe('the core schema', () => {
  it('gives every mutable table a row_version column (integer, not null, default 1)', () => {
    const names = tables.map((t) => getTableConfig(t).name)
    expect(names).toEqual(expect.arrayContaining(['users', 'designations', 'households', 'persons']))
    for (const table of tables) {
      const config = getTableConfig(table)
      if (exempt[config.name]) continue
      const column = config.columns.find((c) => c.name === 'row_version')
      expect(column, `${config.name} needs row_version`).toBeDefined()
      expect(column!.notNull).toBe(true)
      expect(column!.default).toBe(1)
    }
  })

  it('names only existing tables as exempt', () => {
    const names = new Set(tables.map((t) => getTableConfig(t).name))
    for (const name of Object.keys(exempt)) expect(names.has(name)).toBe(true)
  })
})
