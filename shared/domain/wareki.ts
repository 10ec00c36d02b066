/**
 * 和暦 (Japanese-era) formatting and parsing of dates.
 */
import type { IsoDate } from './dates'
import { InvalidDateError, addDays, isValidCivilDate, parseIsoDate, toIsoDate } from './dates'
import type { EraDefinition } from './parameters/eras'
import { ERAS } from './parameters/eras'

interface EraInfo {
  readonly era: EraDefinition
  readonly index: number
  readonly year: number
}

function eraOf(date: IsoDate): EraInfo {
  let index = -1
  ERAS.forEach((era, i) => {
    if (era.start <= date) index = i
  })
  const era = ERAS[index]
  if (era === undefined) throw new InvalidDateError(date, `before the first supported era (${ERAS[0]?.start})`)
  return { era, index, year: parseIsoDate(date).year - parseIsoDate(era.start).year + 1 }
}

/**
 * Formats a date in the Japanese era: long `令和8年11月25日` (year 1 as `元年`: `令和元年5月1日`), short `R8.11.25`
 * (year 1 as `R1.5.1`). Month and day are not zero-padded. Era boundaries per 元号法 and the 元号を改める政令
 * (平成 from 1989-01-08, 令和 from 2019-05-01).
 */
export function formatWareki(date: IsoDate, style: 'long' | 'short' = 'long'): string {
  const { month, day } = parseIsoDate(date)
  const { era, year } = eraOf(date)
  if (style === 'short') return `${era.letter}${year}.${month}.${day}`
  return `${era.name}${year === 1 ? '元' : year}年${month}月${day}日`
}

/** Offset between full-width ASCII variants (U+FF01–U+FF5E) and ASCII. */
const FULL_WIDTH_OFFSET = '０'.charCodeAt(0) - '0'.charCodeAt(0)

function normalize(text: string): string {
  return text
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - FULL_WIDTH_OFFSET))
    .replace(/[\u2010-\u2015\u2212\u30FC]/g, '-')
    .replace(/[\s\u3000]/g, '')
}

const ERA_NAMES = ERAS.map((e) => e.name).join('|')
const ERA_LETTERS = ERAS.map((e) => e.letter).join('')
const LONG_ERA = new RegExp(`^(${ERA_NAMES})(\\d{1,2}|元)年(\\d{1,2})月(\\d{1,2})日$`)
const SHORT_ERA = new RegExp(`^([${ERA_LETTERS}])(\\d{1,2})([./-])(\\d{1,2})\\3(\\d{1,2})$`, 'i')
const GREGORIAN = /^(\d{4})([-/])(\d{1,2})\2(\d{1,2})$/

function fromEra(input: string, eraKey: string, eraYear: number, month: number, day: number): IsoDate {
  const index = ERAS.findIndex((e) => e.name === eraKey || e.letter === eraKey.toUpperCase())
  const era = ERAS[index] as EraDefinition
  if (eraYear < 1) throw new InvalidDateError(input, `${era.name} has no year ${eraYear} (the first year is 元年)`)
  const year = parseIsoDate(era.start).year + eraYear - 1
  if (!isValidCivilDate(year, month, day)) throw new InvalidDateError(input, 'no such calendar date')
  const iso = toIsoDate(year, month, day)
  if (iso < era.start) throw new InvalidDateError(input, `${era.name} began on ${era.start}`)
  const next = ERAS[index + 1]
  if (next !== undefined && iso >= next.start) {
    throw new InvalidDateError(input, `${era.name} ended on ${addDays(next.start, -1)} (the date is ${next.name})`)
  }
  return iso
}

/**
 * Parses a date written as `令和8年11月25日`, `令和元年5月1日`, `R8.11.25` (also `R8/11/25`, `r08.11.25`), `S35.4.1`,
 * `昭和35年4月1日`, `2026-11-25`, `2026/11/25`, with full-width digits/letters/separators and spaces allowed.
 *
 * Strict: an era date must fall inside that era (令和0年, 令和元年4月30日 and 平成32年 / 平成31年5月1日 are rejected —
 * decision documented in docs/domain.md), and the calendar date must exist. Throws {@link InvalidDateError} with the
 * reason. Era boundaries per 元号法 and the 元号を改める政令.
 */
export function parseJapaneseDate(text: string): IsoDate {
  const input = String(text)
  const s = normalize(input)
  const long = LONG_ERA.exec(s)
  if (long !== null) {
    const eraYear = long[2] === '元' ? 1 : Number(long[2])
    return fromEra(input, long[1] as string, eraYear, Number(long[3]), Number(long[4]))
  }
  const short = SHORT_ERA.exec(s)
  if (short !== null) {
    return fromEra(input, short[1] as string, Number(short[2]), Number(short[4]), Number(short[5]))
  }
  const gregorian = GREGORIAN.exec(s)
  if (gregorian !== null) {
    const [year, month, day] = [Number(gregorian[1]), Number(gregorian[3]), Number(gregorian[4])]
    if (!isValidCivilDate(year, month, day)) throw new InvalidDateError(input, 'no such calendar date')
    return toIsoDate(year, month, day)
  }
  throw new InvalidDateError(input, 'unrecognised format (expected e.g. 令和8年11月25日, R8.11.25 or 2026-11-25)')
}
