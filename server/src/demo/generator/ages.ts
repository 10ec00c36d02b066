/**
 * Age pyramid of the category-1 population and birth-date sampling.
 *
 * weight(age) = cohort size of the birth year (births in Japan, relative; the 1947–49 baby boom, the 1945–46 war
 * dip, the 1966 丙午 dip) × Gompertz survival from 65 (mortality 1 % at 65, doubling every 6.5 years).
 * At asOf 2026-04-01 the table gives about 59 % aged 75+, 18 % aged 85+, 2 % aged 95+ and 0.3 % aged 100+. Births start at 1920-01-01
 * except for the few 老齢福祉年金 recipients, who by law were born on or before 1916-04-01.
 */
import type { IsoDate } from '../dummy-ward-model'
import {
  ageOn,
  CATEGORY1_AGE,
  dayNumber,
  fromDayNumber,
  parseIsoDate,
  toIsoDate,
  type CivilDate,
} from '../../../../shared/domain'
import { WeightedTable, type Rng } from './prng'

export const EARLIEST_REGULAR_BIRTH = '1920-01-01'

/** Relative births per year in Japan (millions), for the years where it matters. */
const BIRTHS: Readonly<Record<number, number>> = {
  1941: 2.2,
  1942: 2.2,
  1943: 2.2,
  1944: 2.1,
  1945: 1.7,
  1946: 1.9,
  1947: 2.68,
  1948: 2.68,
  1949: 2.7,
  1950: 2.34,
  1951: 2.14,
  1952: 2.0,
  1953: 1.87,
  1954: 1.77,
  1955: 1.73,
  1956: 1.67,
  1957: 1.57,
  1958: 1.65,
  1959: 1.63,
  1960: 1.61,
  1961: 1.59,
  1962: 1.62,
  1963: 1.66,
  1964: 1.72,
  1965: 1.82,
  1966: 1.36,
  1967: 1.94,
  1968: 1.87,
  1969: 1.89,
  1970: 1.93,
}

function cohortSize(birthYear: number): number {
  return BIRTHS[birthYear] ?? (birthYear < 1941 ? 2.1 : 2.0)
}

function survivalFrom65(age: number): number {
  const b = 0.01
  const c = Math.LN2 / 6.5
  return Math.exp(-(b / c) * (Math.exp(c * (age - CATEGORY1_AGE)) - 1))
}

/** Day number of (year, month, day) where the day may run past the month's end (29 February of a common year → 1 March). */
function dayNumberOf(year: number, month: number, day: number): number {
  return dayNumber(toIsoDate(year, month, 1)) + day - 1
}

export class AgeSampler {
  readonly maxElderlyAge: number
  private readonly asOf: IsoDate
  private readonly asOfCivil: CivilDate
  private readonly tables = new Map<string, { min: number; table: WeightedTable }>()
  private readonly earliestRegularDays = dayNumber(EARLIEST_REGULAR_BIRTH)

  constructor(asOf: IsoDate) {
    this.asOf = asOf
    this.asOfCivil = parseIsoDate(asOf)
    this.maxElderlyAge = Math.min(110, ageOn(EARLIEST_REGULAR_BIRTH, asOf))
  }

  /** Relative number of category-1 persons of an age. */
  weight(age: number): number {
    return cohortSize(this.asOfCivil.year - age - 1) * survivalFrom65(age)
  }

  /** An age in [min, max] drawn from the pyramid (both clamped to CATEGORY1_AGE…maxElderlyAge). */
  elderlyAge(rng: Rng, min = CATEGORY1_AGE, max = this.maxElderlyAge): number {
    const lo = Math.max(CATEGORY1_AGE, min)
    const hi = Math.min(this.maxElderlyAge, max)
    const key = `${lo}-${hi}`
    let entry = this.tables.get(key)
    if (entry === undefined) {
      const weights: number[] = []
      for (let a = lo; a <= hi; a++) weights.push(this.weight(a))
      entry = { min: lo, table: new WeightedTable(weights) }
      this.tables.set(key, entry)
    }
    return entry.min + entry.table.draw(rng)
  }

  /**
   * A birth date whose age in law on asOf is exactly `age`, optionally within [minDays, maxDays] (day numbers).
   * Regular persons are never born before 1920-01-01 unless `minDays` says otherwise.
   */
  birthDateForAge(
    rng: Rng,
    age: number,
    minDays = this.earliestRegularDays,
    maxDays = Number.POSITIVE_INFINITY,
  ): IsoDate {
    const { year, month, day } = this.asOfCivil
    // Births of legal age `age` lie in (asOf + 1 day − (age + 1) years, asOf + 1 day − age years].
    const hi = Math.min(dayNumberOf(year - age, month, day) + 1, maxDays)
    const lo = Math.max(dayNumberOf(year - age - 1, month, day) + 1, minDays)
    for (let attempt = 0; attempt < 200; attempt++) {
      const d = rng.int(lo - 1, hi + 1)
      if (d < minDays || d > maxDays) continue
      const iso = fromDayNumber(d)
      if (ageOn(iso, this.asOf) === age) return iso
    }
    throw new RangeError(`no birth date of age ${age} within the bounds`)
  }
}
