/**
 * Calendar arithmetic on ISO 'YYYY-MM-DD' strings, done on integer (year, month, day) and on a day number — never on
 * a local-time `Date`.
 */
import { assertInteger } from './arith'
import { MONTHS_PER_YEAR } from './parameters/units'
import {
  FISCAL_YEAR_START_MONTH,
  JAPAN_UTC_OFFSET_HOURS,
  MILLISECONDS_PER_HOUR,
  UNIX_EPOCH_YEAR,
} from './parameters/calendar'

/** An ISO calendar date 'YYYY-MM-DD' (proleptic Gregorian, year 0001 or later). */
export type IsoDate = string

/** A calendar date as integers. */
export interface CivilDate {
  readonly year: number
  readonly month: number
  readonly day: number
}

/** Thrown for malformed or non-existent dates (2026-02-30, 令和0年…, 平成32年…). */
export class InvalidDateError extends RangeError {
  readonly input: string
  constructor(input: string, reason: string) {
    super(`Invalid date "${input}": ${reason}`)
    this.name = 'InvalidDateError'
    this.input = input
  }
}

const CUMULATIVE_DAYS = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334] as const
const DAYS_IN_COMMON_YEAR = 365

/** Gregorian leap year. */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
}

/** Number of days of `month` (1–12) in `year`. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31
}

/** Whether (year, month, day) is an existing calendar date (year ≥ 1). */
export function isValidCivilDate(year: number, month: number, day: number): boolean {
  return (
    Number.isInteger(year) &&
    Number.isInteger(month) &&
    Number.isInteger(day) &&
    year >= 1 &&
    month >= 1 &&
    month <= MONTHS_PER_YEAR &&
    day >= 1 &&
    day <= daysInMonth(year, month)
  )
}

const ISO_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/

/** Parses a strict ISO 'YYYY-MM-DD' date; throws {@link InvalidDateError} otherwise. */
export function parseIsoDate(date: IsoDate): CivilDate {
  const match = ISO_PATTERN.exec(date)
  if (match === null) throw new InvalidDateError(String(date), "expected 'YYYY-MM-DD'")
  const year = Number(match[1])
  const month = Number(match[2])
  const day = Number(match[3])
  if (!isValidCivilDate(year, month, day)) throw new InvalidDateError(date, 'no such calendar date')
  return { year, month, day }
}

/** Throws {@link InvalidDateError} unless `date` is a valid ISO date. */
export function assertIsoDate(date: IsoDate, name: string): void {
  if (typeof date !== 'string') throw new InvalidDateError(String(date), `${name} must be an ISO date string`)
  parseIsoDate(date)
}

/** Whether `date` is a strict ISO 'YYYY-MM-DD' naming an existing calendar date (2026-02-31 and 0000-01-01 are not). */
export function isValidIsoDate(date: unknown): date is IsoDate {
  if (typeof date !== 'string') return false
  const match = ISO_PATTERN.exec(date)
  return match !== null && isValidCivilDate(Number(match[1]), Number(match[2]), Number(match[3]))
}

const HOURS_PER_DAY = 24

/**
 * The calendar date in Japan (JST, UTC+9) of an instant — "today" for the ward, whatever the machine's time zone.
 * The instant is always passed in (from a clock), never read here, so that tests can set the date.
 */
export function todayInJapan(now: Date): IsoDate {
  const japanMs = now.getTime() + JAPAN_UTC_OFFSET_HOURS * MILLISECONDS_PER_HOUR
  const daysSinceEpoch = Math.floor(japanMs / (HOURS_PER_DAY * MILLISECONDS_PER_HOUR))
  return fromDayNumber(daysBeforeYear(UNIX_EPOCH_YEAR) + daysSinceEpoch)
}

/** Formats integers as 'YYYY-MM-DD'; throws {@link InvalidDateError} for non-existent dates. */
export function toIsoDate(year: number, month: number, day: number): IsoDate {
  const text = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
  if (!isValidCivilDate(year, month, day)) throw new InvalidDateError(text, 'no such calendar date')
  return text
}

function daysBeforeYear(year: number): number {
  const y = year - 1
  return DAYS_IN_COMMON_YEAR * y + Math.floor(y / 4) - Math.floor(y / 100) + Math.floor(y / 400)
}

/** Day number: days since 0001-01-01 (= 0). */
export function dayNumber(date: IsoDate): number {
  const { year, month, day } = parseIsoDate(date)
  const leapDay = month > 2 && isLeapYear(year) ? 1 : 0
  return daysBeforeYear(year) + (CUMULATIVE_DAYS[month - 1] as number) + leapDay + day - 1
}

/** Inverse of {@link dayNumber}. */
export function fromDayNumber(n: number): IsoDate {
  assertInteger(n, 'day number', 0)
  let year = Math.floor(n / DAYS_IN_COMMON_YEAR) + 1
  while (daysBeforeYear(year) > n) year -= 1
  let rest = n - daysBeforeYear(year)
  let month = 1
  while (rest >= daysInMonth(year, month)) {
    rest -= daysInMonth(year, month)
    month += 1
  }
  return toIsoDate(year, month, rest + 1)
}

/** `date` + `days` (may be negative). */
export function addDays(date: IsoDate, days: number): IsoDate {
  assertInteger(days, 'days')
  return fromDayNumber(dayNumber(date) + days)
}

/** Days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return dayNumber(to) - dayNumber(from)
}

/** Month index (year × 12 + month − 1) of a date, for month arithmetic. */
export function monthIndexOf(date: IsoDate): number {
  const { year, month } = parseIsoDate(date)
  return year * MONTHS_PER_YEAR + month - 1
}

/** Last day of the month with the given month index. */
export function endOfMonthIndex(index: number): IsoDate {
  const year = Math.floor(index / MONTHS_PER_YEAR)
  const month = (index % MONTHS_PER_YEAR) + 1
  return toIsoDate(year, month, daysInMonth(year, month))
}

/** Last day of the month containing `date`. */
export function endOfMonth(date: IsoDate): IsoDate {
  return endOfMonthIndex(monthIndexOf(date))
}

/**
 * End of a period of `months` months whose first day is `start` (the first day counts), per 民法143条: the day before
 * the corresponding day (応当日) of the last month, or — when that month has no corresponding day — its last day
 * (143条2項但し書).
 */
export function periodEndByMonths(start: IsoDate, months: number): IsoDate {
  assertInteger(months, 'months', 1)
  const { year, month, day } = parseIsoDate(start)
  const target = year * MONTHS_PER_YEAR + month - 1 + months
  const targetYear = Math.floor(target / MONTHS_PER_YEAR)
  const targetMonth = (target % MONTHS_PER_YEAR) + 1
  if (day > daysInMonth(targetYear, targetMonth)) return endOfMonthIndex(target)
  return addDays(toIsoDate(targetYear, targetMonth, day), -1)
}

/**
 * The date on which a person born on `birthDate` attains `age` (満N歳に達する日): the day before the N-th birthday.
 * 年齢計算ニ関スル法律 (age counts from the day of birth) with 民法143条; a 2/29 birthday has no corresponding day in a
 * common year, so the period ends on the last day of February (143条2項但し書): 1960-02-29 → 65 on 2025-02-28, the
 * same day as 1960-03-01.
 */
export function ageAttainmentDate(birthDate: IsoDate, age: number): IsoDate {
  assertInteger(age, 'age', 1)
  return periodEndByMonths(birthDate, age * MONTHS_PER_YEAR)
}

/**
 * Age in law (満年齢) on `on`: the largest N whose {@link ageAttainmentDate} is on or before `on` — N is attained on the
 * day before the N-th birthday (年齢計算ニ関スル法律; 民法143条), so 1961-04-02 is 65 on 2026-04-01 and 1961-04-03 is
 * still 64. A 2/29 birthday attains on 2/28 of a common year. Throws when `on` precedes `birthDate`.
 */
export function ageOn(birthDate: IsoDate, on: IsoDate): number {
  const birth = parseIsoDate(birthDate)
  const day = parseIsoDate(on)
  if (on < birthDate) throw new RangeError(`${on} precedes the birth date ${birthDate}`)
  // The day after `on`: N is attained on `on` exactly when that day is on or after the N-th birthday (a 2/29
  // birthday's "birthday" in a common year is 3/1, which the (month, day) comparison below gives for free).
  let year = day.year
  let month = day.month
  let next = day.day + 1
  if (next > daysInMonth(year, month)) {
    next = 1
    month += 1
    if (month > MONTHS_PER_YEAR) {
      month = 1
      year += 1
    }
  }
  const beforeBirthday = month < birth.month || (month === birth.month && next < birth.day)
  return year - birth.year - (beforeBirthday ? 1 : 0)
}

/**
 * Fiscal year (年度, April–March; 地方自治法208条) of a date: 2026 for 2026-04-01 … 2027-03-31.
 */
export function fiscalYearOf(date: IsoDate): number {
  const { year, month } = parseIsoDate(date)
  return month >= FISCAL_YEAR_START_MONTH ? year : year - 1
}

/** First day (April 1) of a fiscal year. */
export function fiscalYearStart(fiscalYear: number): IsoDate {
  assertInteger(fiscalYear, 'fiscalYear', 1)
  return toIsoDate(fiscalYear, FISCAL_YEAR_START_MONTH, 1)
}

/** Month index of April of a fiscal year (see {@link monthIndexOf}). */
export function fiscalYearStartMonthIndex(fiscalYear: number): number {
  return monthIndexOf(fiscalYearStart(fiscalYear))
}
