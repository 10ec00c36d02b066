/**
 * Calendar arithmetic on ISO date strings through integer day numbers (proleptic Gregorian, days since 1970-01-01).
 * No Date objects: nothing here depends on the local time zone.
 */
import type { IsoDate } from '../dummy-ward-model'

export interface CivilDate {
  year: number
  month: number
  day: number
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
}

export function daysInMonth(year: number, month: number): number {
  return month === 2 ? (isLeapYear(year) ? 29 : 28) : [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!
}

function digits(text: string, from: number, to: number): number {
  let value = 0
  for (let i = from; i < to; i++) {
    const d = text.charCodeAt(i) - 48
    if (d < 0 || d > 9) return Number.NaN
    value = value * 10 + d
  }
  return value
}

/** 'YYYY-MM-DD' → its parts; throws for anything else or a day that does not exist. (Hand-parsed: this is hot.) */
export function parseIsoDate(iso: string): CivilDate {
  if (iso.length !== 10 || iso[4] !== '-' || iso[7] !== '-') throw new RangeError(`not an ISO date: ${iso}`)
  const year = digits(iso, 0, 4)
  const month = digits(iso, 5, 7)
  const day = digits(iso, 8, 10)
  if (Number.isNaN(year) || Number.isNaN(month) || Number.isNaN(day)) throw new RangeError(`not an ISO date: ${iso}`)
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) throw new RangeError(`no such date: ${iso}`)
  return { year, month, day }
}

/** Days since 1970-01-01 (H. Hinnant's days_from_civil). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year
  const era = Math.floor(y / 400)
  const yoe = y - era * 400
  const mp = (month + 9) % 12
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy
  return era * 146097 + doe - 719468
}

export function civilFromDays(days: number): CivilDate {
  const z = days + 719468
  const era = Math.floor(z / 146097)
  const doe = z - era * 146097
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365)
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100))
  const mp = Math.floor((5 * doy + 2) / 153)
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1
  const month = mp < 10 ? mp + 3 : mp - 9
  return { year: era * 400 + yoe + (month <= 2 ? 1 : 0), month, day }
}

export function toDays(iso: IsoDate): number {
  const { year, month, day } = parseIsoDate(iso)
  return daysFromCivil(year, month, day)
}

export function fromDays(days: number): IsoDate {
  const { year, month, day } = civilFromDays(days)
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

export function addDays(iso: IsoDate, days: number): IsoDate {
  return fromDays(toDays(iso) + days)
}

/**
 * The day number of the n-th anniversary of a date. A 29 February with no anniversary that year falls on 1 March,
 * so that the day before it (the age attainment day) is the last day of February (民法143条2項但し書).
 */
function anniversaryDays(birth: CivilDate, years: number): number {
  const year = birth.year + years
  if (birth.month === 2 && birth.day === 29 && !isLeapYear(year)) return daysFromCivil(year, 3, 1)
  return daysFromCivil(year, birth.month, birth.day)
}

/** 年齢到達日: the day before the n-th birthday (年齢計算ニ関スル法律, 民法143条). */
export function ageAttainmentDays(birthDate: IsoDate, age: number): number {
  return anniversaryDays(parseIsoDate(birthDate), age) - 1
}

export function ageAttainmentDate(birthDate: IsoDate, age: number): IsoDate {
  return fromDays(ageAttainmentDays(birthDate, age))
}

/** Age in law on a date: the largest n whose attainment day is on or before it. */
export function legalAge(birthDate: IsoDate, on: IsoDate): number {
  const birth = parseIsoDate(birthDate)
  const day = toDays(on)
  let age = parseIsoDate(on).year - birth.year
  while (age > 0 && anniversaryDays(birth, age) - 1 > day) age--
  while (anniversaryDays(birth, age + 1) - 1 <= day) age++
  return Math.max(0, age)
}

/** 年度 (April–March) of a date. */
export function fiscalYearOf(iso: IsoDate): number {
  const { year, month } = parseIsoDate(iso)
  return month >= 4 ? year : year - 1
}
