/**
 * Retention (保存期間, control C-20): when a record of a kind is past its retention. The periods are the dated ward
 * parameters of parameters/retention.ts; the version in force on the day of the check applies.
 */
import type { IsoDate } from './dates'
import { addDays, assertIsoDate, periodEndByMonths } from './dates'
import { RETENTION_PERIODS, type RetentionKind, type RetentionRule } from './parameters/retention'
import { valueAt } from './versioned'

/** The rule of `kind` in force on `on`. */
export function retentionRule(kind: RetentionKind, on: IsoDate): RetentionRule {
  return valueAt(RETENTION_PERIODS[kind], on, `retention.${kind}`)
}

/**
 * The last day a record of `kind` whose reference date is `reference` is kept, under the rule in force on `on`; null
 * when the kind is kept indefinitely. N years counted from the day after the reference date (民法第140条, 第143条):
 * loss on 2020-04-01, 5 years → kept through 2025-04-01; loss on 2020-02-29 → through 2025-02-28.
 */
export function retentionEndDate(kind: RetentionKind, reference: IsoDate, on: IsoDate): IsoDate | null {
  assertIsoDate(reference, 'reference')
  const rule = retentionRule(kind, on)
  if (rule.kind === 'keep') return null
  return periodEndByMonths(addDays(reference, 1), rule.years * 12)
}

/** Whether a record of `kind` with reference date `reference` is past its retention on `on` (the day after the end). */
export function isPastRetention(kind: RetentionKind, reference: IsoDate, on: IsoDate): boolean {
  const end = retentionEndDate(kind, reference, on)
  return end !== null && on > end
}
