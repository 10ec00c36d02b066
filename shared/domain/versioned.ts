import type { IsoDate } from './dates'
import { assertIsoDate } from './dates'

/**
 * One version of a dated parameter: `value` applies from `from` (inclusive) to `to` (inclusive) or, when `to` is
 * absent, until a later version replaces it.
 */
export interface Versioned<T> {
  readonly from: IsoDate
  readonly to?: IsoDate
  readonly value: T
  /** Legal or published source of the figures in `value`. */
  readonly source: string
  /** `true` when the figure or its effective date is not verified against the ordinance/notice (⚠️ in docs/sources/domain.md). */
  readonly unverified?: boolean
}

/** Error thrown when no version of a parameter table is in force on the requested date. */
export class ParameterNotFoundError extends RangeError {
  readonly table: string
  readonly on: IsoDate
  constructor(table: string, on: IsoDate) {
    super(`No version of "${table}" is in force on ${on}`)
    this.name = 'ParameterNotFoundError'
    this.table = table
    this.on = on
  }
}

/**
 * Returns the version of a dated table in force on `on`: the latest version whose `from` ≤ `on` and, when it has a
 * `to`, `on` ≤ `to`. Throws {@link ParameterNotFoundError} when none applies (never falls back silently).
 */
export function versionAt<T>(table: readonly Versioned<T>[], on: IsoDate, name: string): Versioned<T> {
  assertIsoDate(on, 'on')
  let found: Versioned<T> | undefined
  for (const version of table) {
    if (version.from <= on && (found === undefined || version.from >= found.from)) found = version
  }
  if (found === undefined || (found.to !== undefined && on > found.to)) throw new ParameterNotFoundError(name, on)
  return found
}

/** The value of {@link versionAt}. */
export function valueAt<T>(table: readonly Versioned<T>[], on: IsoDate, name: string): T {
  return versionAt(table, on, name).value
}
