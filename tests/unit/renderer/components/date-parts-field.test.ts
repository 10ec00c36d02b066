import { describe, expect, it } from 'vitest'
import {
  datePartsToIso,
  isEmptyDateParts,
  isoToDateParts,
  optionalDate,
} from '../../../../renderer/src/components/DatePartsField'

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

describe('an optional date typed as parts', () => {
  it('is no date while only the 元号 is there', () => {
    expect(isEmptyDateParts({ era: 'R', year: '', month: '', day: '' })).toBe(true)
    expect(optionalDate({ era: 'R', year: '', month: '', day: '' })).toBeNull()
  })

  it('is the date once complete', () => {
    expect(optionalDate({ era: 'R', year: '1', month: '5', day: '1' })).toBe('2019-05-01')
  })

  it('is invalid when typed but incomplete, or no such day', () => {
    expect(isEmptyDateParts({ era: 'R', year: '8', month: '', day: '' })).toBe(false)
    expect(optionalDate({ era: 'R', year: '8', month: '4', day: '' })).toBe('invalid')
    expect(optionalDate({ era: 'R', year: '8', month: '2', day: '29' })).toBe('invalid')
    expect(optionalDate({ era: 'R', year: '8', month: '2', day: '28' })).toBe('2026-02-28')
  })
})

describe('a Western date typed as parts (元号 W = 西暦, 4-digit year)', () => {
  it('reads W with a 4-digit year as that calendar date', () => {
    expect(datePartsToIso({ era: 'W', year: '2026', month: '4', day: '1' })).toBe('2026-04-01')
    expect(datePartsToIso({ era: 'w', year: '1960', month: '04', day: '01' })).toBe('1960-04-01')
  })
  it('gives nothing for a short year or a day that does not exist (2024-02-29 yes, 2026-02-29 no)', () => {
    expect(datePartsToIso({ era: 'W', year: '26', month: '4', day: '1' })).toBeNull()
    expect(datePartsToIso({ era: 'W', year: '2024', month: '2', day: '29' })).toBe('2024-02-29')
    expect(datePartsToIso({ era: 'W', year: '2026', month: '2', day: '29' })).toBeNull()
  })
  it('keeps a 4-digit year from being read as an era year', () => {
    expect(datePartsToIso({ era: 'R', year: '2026', month: '4', day: '1' })).toBeNull()
  })
})
