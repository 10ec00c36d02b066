import { describe, expect, it } from 'vitest'
import { dateFromText } from '../../../../renderer/src/lib/date-input'

describe('typed dates: the one reading of a typed date', () => {
  it('reads 和暦 short and long forms and Western dates', () => {
    expect(dateFromText('R8.4.1')).toBe('2026-04-01')
    expect(dateFromText(' 昭和35年4月1日 ')).toBe('1960-04-01')
    expect(dateFromText('2026-04-01')).toBe('2026-04-01')
  })

  it('gives null for an empty text', () => {
    expect(dateFromText('')).toBeNull()
    expect(dateFromText('   ')).toBeNull()
  })

  it('gives null for a day that does not exist, and accepts the last day that does', () => {
    expect(dateFromText('2026-02-28')).toBe('2026-02-28')
    expect(dateFromText('2026-02-29')).toBeNull()
    expect(dateFromText('R8.2.30')).toBeNull()
  })

  it('gives null for text that is no date', () => {
    expect(dateFromText('あした')).toBeNull()
  })
})
