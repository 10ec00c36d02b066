import { describe, expect, it } from 'vitest'
import { datePartsToIso, isoToDateParts } from '../../../../renderer/src/components/DatePartsField'

describe('和暦 date parts (fixed-length fields that move on by themselves)', () => {
  it('reads era letter, year, month and day as the date they spell', () => {
    expect(datePartsToIso({ era: 'R', year: '08', month: '11', day: '26' })).toBe('2026-11-26')
    expect(datePartsToIso({ era: 's', year: '35', month: '4', day: '1' })).toBe('1960-04-01')
    expect(datePartsToIso({ era: 'H', year: '31', month: '04', day: '30' })).toBe('2019-04-30')
  })
  it('gives nothing while incomplete or for a day that does not exist', () => {
    expect(datePartsToIso({ era: 'R', year: '8', month: '11', day: '' })).toBeNull()
    expect(datePartsToIso({ era: 'R', year: '8', month: '2', day: '30' })).toBeNull()
    expect(datePartsToIso({ era: 'H', year: '31', month: '05', day: '01' })).toBeNull() // 令和元年 by then
  })
  it('splits an ISO date into the parts of its era (元年 as 1)', () => {
    expect(isoToDateParts('2026-11-26')).toEqual({ era: 'R', year: '8', month: '11', day: '26' })
    expect(isoToDateParts('2019-05-01')).toEqual({ era: 'R', year: '1', month: '5', day: '1' })
  })
})
