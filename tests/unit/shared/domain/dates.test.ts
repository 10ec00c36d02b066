import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  InvalidDateError,
  addDays,
  ageAttainmentDate,
  ageOn,
  daysBetween,
  endOfMonth,
  fiscalYearOf,
  fiscalYearStart,
  formatWareki,
  isLeapYear,
  parseIsoDate,
  parseJapaneseDate,
  periodEndByMonths,
} from '../../../../shared/domain'
import {
  assertIsoDate,
  dayNumber,
  daysInMonth,
  fromDayNumber,
  toIsoDate,
  todayInJapan,
} from '../../../../shared/domain/dates'

/** Oracle for tests only: the UTC day count of an ISO date. */
const utcDays = (iso: string): number =>
  Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / 86_400_000

const isoDate = (min = '1900-01-01', max = '2100-12-31') =>
  fc.integer({ min: utcDays(min), max: utcDays(max) }).map((d) => new Date(d * 86_400_000).toISOString().slice(0, 10))

describe('calendar arithmetic on ISO dates (no local-time Date)', () => {
  it('parses strict ISO dates and rejects impossible ones', () => {
    expect(parseIsoDate('2024-02-29')).toEqual({ year: 2024, month: 2, day: 29 })
    expect(() => parseIsoDate('2026-02-29')).toThrow(InvalidDateError)
    expect(() => parseIsoDate('2026-13-01')).toThrow(/no such calendar date/)
    expect(() => parseIsoDate('2026-04-31')).toThrow(InvalidDateError)
    expect(() => parseIsoDate('0000-01-01')).toThrow(InvalidDateError)
    expect(() => parseIsoDate('2026-4-1')).toThrow(/YYYY-MM-DD/)
    expect(() => assertIsoDate(20260401 as unknown as string, 'x')).toThrow(/ISO date string/)
    expect(() => toIsoDate(2026, 2, 30)).toThrow(InvalidDateError)
  })

  it('knows leap years (Gregorian 4/100/400) and month lengths', () => {
    expect([1900, 2000, 2024, 2026].map(isLeapYear)).toEqual([false, true, true, false])
    expect([1, 2, 4, 6, 9, 11, 12].map((m) => daysInMonth(2026, m))).toEqual([31, 28, 30, 30, 30, 30, 31])
    expect(daysInMonth(2024, 2)).toBe(29)
  })

  it('day numbers agree with the UTC oracle and round-trip (property)', () => {
    expect(dayNumber('0001-01-01')).toBe(0)
    expect(fromDayNumber(0)).toBe('0001-01-01')
    expect(() => fromDayNumber(-1)).toThrow(RangeError)
    fc.assert(
      fc.property(isoDate('1600-01-01', '2400-12-31'), (d) => {
        expect(fromDayNumber(dayNumber(d))).toBe(d)
        expect(daysBetween('2000-01-01', d)).toBe(utcDays(d) - utcDays('2000-01-01'))
      }),
    )
  })

  it('adds days across month, year and leap boundaries', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29')
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01')
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01')
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31')
    expect(() => addDays('2026-01-01', 0.5)).toThrow(RangeError)
    expect(endOfMonth('2024-02-10')).toBe('2024-02-29')
    expect(endOfMonth('2026-02-10')).toBe('2026-02-28')
  })
})

describe('民法143条 period end by months', () => {
  it('ends the day before the corresponding day', () => {
    expect(periodEndByMonths('2026-08-01', 3)).toBe('2026-10-31')
    expect(periodEndByMonths('2026-01-29', 3)).toBe('2026-04-28')
    expect(periodEndByMonths('2026-11-15', 2)).toBe('2027-01-14')
  })
  it('ends on the last day of the month when there is no corresponding day (143条2項但し書)', () => {
    expect(periodEndByMonths('2025-11-30', 3)).toBe('2026-02-28') // 2026-02-30 does not exist
    expect(periodEndByMonths('2023-11-29', 3)).toBe('2024-02-28') // 2024-02-29 exists → day before
    expect(periodEndByMonths('2025-11-29', 3)).toBe('2026-02-28') // 2026-02-29 does not exist
  })
  it('rejects non-positive month counts', () => {
    expect(() => periodEndByMonths('2026-01-01', 0)).toThrow(RangeError)
  })
})

describe('age attainment (年齢計算ニ関スル法律; 民法143条) — docs/sources/domain.md §1.1', () => {
  it('is the day before the birthday', () => {
    expect(ageAttainmentDate('1961-11-26', 65)).toBe('2026-11-25')
    expect(ageAttainmentDate('1986-04-01', 40)).toBe('2026-03-31')
  })
  it('1960-02-29 and 1960-03-01 both reach 65 on 2025-02-28', () => {
    expect(ageAttainmentDate('1960-02-29', 65)).toBe('2025-02-28')
    expect(ageAttainmentDate('1960-03-01', 65)).toBe('2025-02-28')
    // ±1 day: born 02-28 → 02-27
    expect(ageAttainmentDate('1960-02-28', 65)).toBe('2025-02-27')
  })
  it('2/29 births reach an age in a leap year on 2/28 (the day before 2/29)', () => {
    expect(ageAttainmentDate('1964-02-29', 60)).toBe('2024-02-28')
  })
  it('a 1st-of-month birth attains on the last day of the previous month (8/1 → 7/31)', () => {
    expect(ageAttainmentDate('1961-08-01', 65)).toBe('2026-07-31')
    expect(ageAttainmentDate('1961-01-01', 65)).toBe('2025-12-31')
  })
  it('rejects ages below 1 and non-integers', () => {
    expect(() => ageAttainmentDate('1960-01-01', 0)).toThrow(RangeError)
    expect(() => ageAttainmentDate('1960-01-01', 64.5)).toThrow(RangeError)
  })
  it('property: the attainment date is the day before the birthday or, for 2/29 in a common year, 2/28', () => {
    fc.assert(
      fc.property(isoDate('1900-01-01', '2000-12-31'), fc.integer({ min: 1, max: 110 }), (birth, age) => {
        const attained = ageAttainmentDate(birth, age)
        const year = +birth.slice(0, 4) + age
        const md = birth.slice(5)
        const expected = md === '02-29' && !isLeapYear(year) ? `${year}-02-28` : addDays(`${year}-${md}`, -1)
        expect(attained).toBe(expected)
      }),
    )
  })
})

describe('fiscal year (地方自治法208条)', () => {
  it('2026 for 2026-04-01 … 2027-03-31', () => {
    expect(fiscalYearOf('2026-03-31')).toBe(2025)
    expect(fiscalYearOf('2026-04-01')).toBe(2026)
    expect(fiscalYearOf('2027-03-31')).toBe(2026)
    expect(fiscalYearOf('2027-04-01')).toBe(2027)
    expect(fiscalYearStart(2026)).toBe('2026-04-01')
    expect(() => fiscalYearStart(0)).toThrow(RangeError)
  })
  it('property: a date lies between its fiscal year start and the next start', () => {
    fc.assert(
      fc.property(isoDate(), (d) => {
        const fy = fiscalYearOf(d)
        expect(fiscalYearStart(fy) <= d && d < fiscalYearStart(fy + 1)).toBe(true)
      }),
    )
  })
})

describe('formatWareki (元号; docs/sources/domain.md §1.2)', () => {
  it('long and short forms', () => {
    expect(formatWareki('2026-11-25')).toBe('令和8年11月25日')
    expect(formatWareki('2026-11-25', 'long')).toBe('令和8年11月25日')
    expect(formatWareki('2026-11-25', 'short')).toBe('R8.11.25')
    expect(formatWareki('1960-04-01', 'short')).toBe('S35.4.1')
  })
  it('year 1 is 元年 in long form and 1 in short form', () => {
    expect(formatWareki('2019-05-01')).toBe('令和元年5月1日')
    expect(formatWareki('2019-05-01', 'short')).toBe('R1.5.1')
  })
  it.each([
    ['1868-01-24', null],
    ['1868-01-25', '明治元年1月25日'],
    ['1912-07-29', '明治45年7月29日'],
    ['1912-07-30', '大正元年7月30日'],
    ['1926-12-24', '大正15年12月24日'],
    ['1926-12-25', '昭和元年12月25日'],
    ['1989-01-07', '昭和64年1月7日'],
    ['1989-01-08', '平成元年1月8日'],
    ['2019-04-30', '平成31年4月30日'],
    ['2019-05-01', '令和元年5月1日'],
  ])('era boundary %s → %s', (iso, expected) => {
    if (expected === null) expect(() => formatWareki(iso)).toThrow(InvalidDateError)
    else expect(formatWareki(iso)).toBe(expected)
  })
})

describe('parseJapaneseDate', () => {
  it.each([
    ['令和8年11月25日', '2026-11-25'],
    ['令和元年5月1日', '2019-05-01'],
    ['R8.11.25', '2026-11-25'],
    ['r08.11.25', '2026-11-25'],
    ['R8/11/25', '2026-11-25'],
    ['S35.4.1', '1960-04-01'],
    ['昭和35年4月1日', '1960-04-01'],
    ['H31.4.30', '2019-04-30'],
    ['M44.4.1', '1911-04-01'],
    ['T1.7.30', '1912-07-30'],
    ['2026-11-25', '2026-11-25'],
    ['2026/11/25', '2026-11-25'],
    ['2026/1/5', '2026-01-05'],
    ['令和８年１１月２５日', '2026-11-25'],
    ['Ｒ８．１１．２５', '2026-11-25'],
    ['２０２６／１１／２５', '2026-11-25'],
    ['２０２６－１１－２５', '2026-11-25'],
    [' 令和 8年 11月 25日 ', '2026-11-25'],
  ])('%s → %s', (text, iso) => {
    expect(parseJapaneseDate(text)).toBe(iso)
  })

  it.each([
    ['令和0年1月1日', /no year 0/],
    ['R0.1.1', /no year 0/],
    ['令和元年4月30日', /began on 2019-05-01/],
    ['平成32年1月1日', /ended on 2019-04-30/],
    ['平成31年5月1日', /ended on 2019-04-30/],
    ['昭和64年1月8日', /ended on 1989-01-07/],
    ['令和8年2月29日', /no such calendar date/],
    ['R8.13.1', /no such calendar date/],
    ['2026-02-29', /no such calendar date/],
    ['2026-11/25', /unrecognised format/],
    ['X8.11.25', /unrecognised format/],
    ['', /unrecognised format/],
  ])('%s is rejected with a clear error', (text, reason) => {
    expect(() => parseJapaneseDate(text)).toThrow(InvalidDateError)
    expect(() => parseJapaneseDate(text)).toThrow(reason)
  })

  it('property: formatWareki and parseJapaneseDate round-trip (long and short)', () => {
    fc.assert(
      fc.property(isoDate('1868-01-25', '2100-12-31'), (d) => {
        expect(parseJapaneseDate(formatWareki(d))).toBe(d)
        expect(parseJapaneseDate(formatWareki(d, 'short'))).toBe(d)
      }),
    )
  })
})

describe('todayInJapan: the calendar date in Japan (UTC+9) of an instant', () => {
  it.each([
    ['2026-03-31T14:59:59.999Z', '2026-03-31'],
    ['2026-03-31T15:00:00.000Z', '2026-04-01'],
    ['2024-02-28T15:00:00.000Z', '2024-02-29'],
    ['2026-12-31T15:00:00.000Z', '2027-01-01'],
  ])('%s is %s in Japan', (instant, date) => {
    expect(todayInJapan(new Date(instant))).toBe(date)
  })

  it('agrees with the UTC+9 reading of the instant from 1900 to 2100', () => {
    const min = Date.UTC(1900, 0, 1)
    const max = Date.UTC(2100, 11, 31)
    fc.assert(
      fc.property(fc.integer({ min, max }), (ms) => {
        const oracle = new Date(ms + 9 * 3_600_000).toISOString().slice(0, 10)
        expect(todayInJapan(new Date(ms))).toBe(oracle)
      }),
    )
  })
})

// 年齢計算ニ関スル法律 with 民法143条: N is attained on the day before the N-th birthday.
describe('ageOn: age in law on a date', () => {
  it('is 65 from the day before the 65th birthday, 64 the day before that', () => {
    expect(ageOn('1961-04-02', '2026-04-01')).toBe(65)
    expect(ageOn('1961-04-03', '2026-04-01')).toBe(64)
    expect(ageOn('1961-04-03', '2026-04-02')).toBe(65)
  })

  it('attains on 28 February of a common year for a 29 February birthday, on 28 February of a leap year too', () => {
    expect(ageOn('1960-02-29', '2025-02-27')).toBe(64)
    expect(ageOn('1960-02-29', '2025-02-28')).toBe(65)
    expect(ageOn('1964-02-29', '2024-02-27')).toBe(59)
    expect(ageOn('1964-02-29', '2024-02-28')).toBe(60)
  })

  it('crosses a year end: born 1 January, a year older on 31 December', () => {
    expect(ageOn('1960-01-01', '2024-12-30')).toBe(64)
    expect(ageOn('1960-01-01', '2024-12-31')).toBe(65)
    expect(ageOn('2000-01-01', '2000-01-01')).toBe(0)
  })

  it('agrees with ageAttainmentDate: ageOn(b, on) ≥ n ⇔ ageAttainmentDate(b, n) ≤ on', () => {
    fc.assert(
      fc.property(
        isoDate('1910-01-01', '2000-12-31'),
        isoDate('2001-01-01', '2030-12-31'),
        fc.integer({ min: 1, max: 110 }),
        (b, on, n) => {
          expect(ageOn(b, on) >= n).toBe(ageAttainmentDate(b, n) <= on)
        },
      ),
    )
  })

  it('throws for a date before the birth', () => {
    expect(() => ageOn('2000-01-02', '2000-01-01')).toThrow(RangeError)
  })
})
