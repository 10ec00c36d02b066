/**
 * 収納 — late charges (延滞金) and the limitation of the collection right (時効).
 */
import { assertInteger, floorDiv, floorTo, mul, toScaledInteger } from './arith'
import type { IsoDate } from './dates'
import { addDays, assertIsoDate, daysBetween, parseIsoDate, periodEndByMonths, toIsoDate } from './dates'
import { LIMITATION_MONTHS } from './parameters/collection'
import type { LateChargeMethod, LateChargeRate } from './parameters/shinjuku'
import { SHINJUKU_LATE_CHARGE_METHOD } from './parameters/shinjuku'
import { PERCENT_HUNDREDTHS_DENOMINATOR } from './parameters/units'

/** A late premium payment. */
export interface LateChargeInput {
  /** The premium (installment) paid late, yen. */
  readonly amount: number
  /** 納期限 (already moved to the next business day when it fell on a holiday). */
  readonly dueDate: IsoDate
  /** 納付日. */
  readonly paidOn: IsoDate
}

interface Part {
  readonly year: number
  readonly late: boolean
  readonly days: number
}

function splitByYear(from: IsoDate, to: IsoDate, late: boolean, parts: Part[]): void {
  let start = from
  while (start <= to) {
    const year = parseIsoDate(start).year
    const yearEnd = toIsoDate(year, 12, 31)
    const end = yearEnd < to ? yearEnd : to
    parts.push({ year, late, days: daysBetween(start, end) + 1 })
    start = addDays(end, 1)
  }
}

/**
 * 延滞金 by Shinjuku's method ([S35]; 地方自治法第231条の3第2項, 新宿区介護保険条例): the premium truncated below
 * 1,000 yen (none when the premium is under 2,000 yen) × days × rate ÷ 365 (also in leap years), with rate A (early)
 * from the day after the due date until the day 3 months have passed (民法143条) and rate B (late) afterwards, up to
 * and including the payment day; each calendar year at its own rates (`rates`, percent per year); the result
 * truncated below 100 yen and not collected when under 1,000 yen. All ward figures come from `method`
 * (default {@link SHINJUKU_LATE_CHARGE_METHOD}). Throws when a needed year has no rates.
 */
export function lateCharge(
  input: LateChargeInput,
  rates: readonly LateChargeRate[],
  method: LateChargeMethod = SHINJUKU_LATE_CHARGE_METHOD,
): number {
  const { amount, dueDate, paidOn } = input
  assertInteger(amount, 'amount', 0)
  assertIsoDate(dueDate, 'dueDate')
  assertIsoDate(paidOn, 'paidOn')
  if (paidOn <= dueDate || amount < method.minimumBase) return 0
  const base = floorTo(amount, method.baseUnit)
  const start = addDays(dueDate, 1)
  const earlyEnd = periodEndByMonths(start, method.earlyPeriodMonths)
  const parts: Part[] = []
  splitByYear(start, paidOn < earlyEnd ? paidOn : earlyEnd, false, parts)
  if (paidOn > earlyEnd) splitByYear(addDays(earlyEnd, 1), paidOn, true, parts)
  const denominator = mul(method.daysPerYear, PERCENT_HUNDREDTHS_DENOMINATOR)
  let exactNumerator = 0
  let truncatedSum = 0
  for (const part of parts) {
    const rate = rates.find((r) => r.year === part.year)
    if (rate === undefined) throw new RangeError(`no late-charge rates for ${part.year}`)
    const percent = part.late ? rate.late : rate.early
    const hundredths = toScaledInteger(percent, 2, 'exact', `late-charge rate ${part.year}`)
    const numerator = mul(mul(base, part.days), hundredths)
    exactNumerator += numerator
    truncatedSum += floorDiv(numerator, denominator)
  }
  const total = method.truncatePerPeriod ? truncatedSum : floorDiv(exactNumerator, denominator)
  const charge = floorTo(total, method.resultUnit)
  return charge < method.minimumCharge ? 0 : charge
}

/**
 * Last day of the 2-year collection right of a premium (介護保険法第200条第1項), counted from the day after the due
 * date as its first day (起算日 = 納期限の翌日; 民法143条): due 2024-07-31 → 2026-07-31; time-barred from the next day.
 * Interruptions/renewals (督促による時効の更新, 法第200条第2項) are not applied.
 */
export function limitationEndDate(dueDate: IsoDate): IsoDate {
  return periodEndByMonths(addDays(dueDate, 1), LIMITATION_MONTHS)
}
