/**
 * 滞納 — benefit restrictions for premium arrears (介護保険法第66条〜第69条).
 */
import { ceilDiv, floorDiv, mul, toScaledInteger } from './arith'
import type { IsoDate } from './dates'
import { addDays, assertIsoDate, periodEndByMonths } from './dates'
import {
  BENEFIT_REDUCTION_FACTOR,
  REDUCED_COPAY_RATE,
  REIMBURSEMENT_ONLY_AFTER_MONTHS,
  SUSPENSION_AFTER_MONTHS,
} from './parameters/collection'
import { DEFAULT_BENEFIT_REDUCTION_ROUNDING } from './parameters/shinjuku'
import { YEAR_THOUSANDTHS } from './parameters/units'

/** Restriction level by the length of arrears. */
export type BenefitRestrictionLevel = 'none' | 'reimbursementOnly' | 'suspension'

/** Whether the period of `months` months counted from the day after `dueDate` has fully elapsed before `asOf`. */
function elapsed(dueDate: IsoDate, months: number, asOf: IsoDate): boolean {
  return asOf > periodEndByMonths(addDays(dueDate, 1), months)
}

/**
 * Restriction level for a person whose oldest unpaid premium fell due on `oldestUnpaidDueDate`:
 * 'reimbursementOnly' (支払方法の変更, 介護保険法第66条; 施行規則第99条: 1年) once one year from the due date has
 * elapsed, 'suspension' (保険給付の一時差止, 法第67条: 1年6月) once 18 months have elapsed. Periods count from the day
 * after the due date (民法140条) and have elapsed on the day after their last day: due 2025-07-31 →
 * reimbursementOnly from 2026-08-01, suspension from 2027-02-01. Only the length of arrears is judged (not special
 * circumstances, 弁明, or the formal decision). `null` = nothing unpaid.
 */
export function benefitRestrictionLevel(input: {
  readonly oldestUnpaidDueDate: IsoDate | null
  readonly asOf: IsoDate
}): BenefitRestrictionLevel {
  assertIsoDate(input.asOf, 'asOf')
  const due = input.oldestUnpaidDueDate
  if (due === null) return 'none'
  assertIsoDate(due, 'oldestUnpaidDueDate')
  if (elapsed(due, SUSPENSION_AFTER_MONTHS, input.asOf)) return 'suspension'
  if (elapsed(due, REIMBURSEMENT_ONLY_AFTER_MONTHS, input.asOf)) return 'reimbursementOnly'
  return 'none'
}

/**
 * 給付額減額期間 in months: X² ÷ (X + Y) × 1/2 × 12 = 6X² ÷ (X + Y) (介護保険法第69条; 施行規則第113条), where X =
 * 保険料徴収権消滅期間 and Y = 保険料納付済期間 in years. Years are taken to 0.001 (further decimals truncated, as
 * the values are held in the data model). Fractions of a month are rounded by `rounding`: default 'ceil'
 * (1月未満切上げ ⚠️ {@link DEFAULT_BENEFIT_REDUCTION_ROUNDING}); 'floor' truncates. 0 when X = 0.
 * Example: X 1.511, Y 3.738 → 2.6097… → 3 (ceil) / 2 (floor).
 */
export function benefitReductionMonths(
  expiredYears: number,
  paidYears: number,
  rounding: 'ceil' | 'floor' = DEFAULT_BENEFIT_REDUCTION_ROUNDING,
): number {
  const x = toScaledInteger(expiredYears, 3, 'truncate', 'expiredYears')
  const y = toScaledInteger(paidYears, 3, 'truncate', 'paidYears')
  if (x === 0) return 0
  const numerator = mul(mul(BENEFIT_REDUCTION_FACTOR.numerator, x), x)
  const denominator = mul(mul(BENEFIT_REDUCTION_FACTOR.denominator, YEAR_THOUSANDTHS), x + y)
  return rounding === 'ceil' ? ceilDiv(numerator, denominator) : floorDiv(numerator, denominator)
}

/**
 * 利用者負担割合 during a 給付額減額 (介護保険法第69条: 給付率 9割・8割 → 7割, 7割 → 6割): 1 or 2 → 3, 3 → 4 (tenths).
 */
export function reducedCopayRate(copayRate: 1 | 2 | 3): 3 | 4 {
  const reduced = REDUCED_COPAY_RATE[copayRate]
  if (reduced === undefined) throw new RangeError(`copayRate must be 1, 2 or 3, got ${String(copayRate)}`)
  return reduced
}
