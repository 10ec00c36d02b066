import { describe, expect, it } from 'vitest'
import { isDatabaseUnavailable } from '../../../../../server/src/core/db/unavailable'

const pgError = (code: string) => Object.assign(new Error('postgres says no'), { code })

describe('a database that cannot be reached or written is told apart from a fault of the request', () => {
  // SQLSTATE codes: PostgreSQL documentation, Appendix A "PostgreSQL Error Codes".
  it.each([
    ['57P01', 'admin_shutdown (pg_ctl restart -m fast)'],
    ['57P02', 'crash_shutdown'],
    ['57P03', 'cannot_connect_now (starting up)'],
    ['08006', 'connection_failure'],
    ['08001', 'sqlclient_unable_to_establish_sqlconnection'],
    ['53100', 'disk_full'],
    ['58030', 'io_error'],
  ])('%s (%s) is unavailability', (code) => {
    expect(isDatabaseUnavailable(pgError(code))).toBe(true)
  })

  it.each([
    ['23505', 'unique_violation'],
    ['23503', 'foreign_key_violation'],
    ['40001', 'serialization_failure'],
    ['42P01', 'undefined_table'],
    ['57014', 'query_canceled (statement timeout)'],
    ['P0001', 'raise_exception (an append-only trigger)'],
  ])('%s (%s) is not', (code) => {
    expect(isDatabaseUnavailable(pgError(code))).toBe(false)
  })

  it('looks through the causes a query builder wraps around the driver error', () => {
    const wrapped = new Error('Failed query: insert into audit_log …', { cause: pgError('57P01') })
    expect(isDatabaseUnavailable(new Error('outer', { cause: wrapped }))).toBe(true)
  })

  it("knows the driver's own words for a cut connection and a full disk", () => {
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true)
    expect(isDatabaseUnavailable(Object.assign(new Error('write'), { code: 'ENOSPC' }))).toBe(true)
    expect(isDatabaseUnavailable(new Error('could not extend file: No space left on device'))).toBe(true)
    expect(isDatabaseUnavailable(new Error('Cannot read properties of undefined'))).toBe(false)
    expect(isDatabaseUnavailable('a string')).toBe(false)
    expect(isDatabaseUnavailable(undefined)).toBe(false)
  })
})
