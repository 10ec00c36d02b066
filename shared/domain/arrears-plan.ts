/**
 * 滞納管理 — 分納計画 / 分納誓約 and the stage of 給付制限 (介護保険法第66条〜第69条) judged from the ledger.
 * Rules: docs/sources/domain.md §4.2, docs/sources/domain.md §4.3.
 */
import type { IsoDate } from './dates'
import { addDays, assertIsoDate, daysInMonth, periodEndByMonths, toIsoDate } from './dates'
import { benefitRestrictionLevel } from './arrears'
import { LIMITATION_MONTHS } from './parameters/collection'
import { SHINJUKU_PLAN_RULES, type PlanRules } from './parameters/arrears'
import { valueAt } from './versioned'

/** One dated instalment of a 分納計画. */
export interface PlanInstalment {
  readonly dueOn: IsoDate
  readonly amount: number
}

export { SHINJUKU_PLAN_RULES, type PlanRules }

export const planRulesOn = (on: IsoDate): PlanRules => valueAt(SHINJUKU_PLAN_RULES, on, 'plan rules')

/**
 * The reasons a 分納計画 cannot be accepted, in Japanese (empty: it is valid): each instalment a positive integer
 * yen on a date after the agreement, dates strictly ascending, within `maxMonths` of the agreement, and the
 * instalments adding up exactly to the debt the plan covers.
 */
export function planProblems(input: {
  readonly debt: number
  readonly agreedOn: IsoDate
  readonly instalments: readonly PlanInstalment[]
  readonly rules: PlanRules
}): string[] {
  assertIsoDate(input.agreedOn, 'agreedOn')
  const problems: string[] = []
  if (input.instalments.length === 0) problems.push('分納の回数が0回です')
  const last = periodEndByMonths(addDays(input.agreedOn, 1), input.rules.maxMonths)
  let previous: IsoDate | null = null
  let total = 0
  input.instalments.forEach((i, n) => {
    assertIsoDate(i.dueOn, `instalments[${n}].dueOn`)
    const line = `第${n + 1}回（${i.dueOn}）`
    if (!Number.isSafeInteger(i.amount) || i.amount <= 0) problems.push(`${line}: 金額は1円以上の整数です`)
    if (i.dueOn < input.agreedOn) problems.push(`${line}: 納付予定日が誓約日（${input.agreedOn}）より前です`)
    if (previous !== null && i.dueOn <= previous) problems.push(`${line}: 納付予定日が前回（${previous}）以前です`)
    if (i.dueOn > last) problems.push(`${line}: 分納期間は${input.rules.maxMonths}か月（${last}）までです`)
    previous = i.dueOn
    total += i.amount
  })
  if (input.instalments.length > 0 && total !== input.debt)
    problems.push(
      `分納額の合計 ${total.toLocaleString('ja-JP')}円 が対象の滞納額 ${input.debt.toLocaleString('ja-JP')}円 と一致しません`,
    )
  return problems
}

export type InstalmentState = 'paid' | 'pending' | 'late' | 'broken'

/** Where a plan stands: each instalment's state, and whether it is broken (不履行). */
export interface PlanProgress {
  readonly instalments: readonly { dueOn: IsoDate; amount: number; covered: number; state: InstalmentState }[]
  readonly broken: boolean
  readonly brokenSince: IsoDate | null
  readonly completed: boolean
}

/**
 * Tracks a plan against what was paid on the debt it covers since the agreement (`paidSinceAgreement`, yen, from
 * the ledger): payments cover the instalments in date order. An instalment not fully covered is 'pending' up to its
 * date, 'late' for `brokenAfterDays` days after it, and 'broken' from the day after that; one broken instalment
 * makes the plan broken.
 */
export function planProgress(input: {
  readonly instalments: readonly PlanInstalment[]
  readonly paidSinceAgreement: number
  readonly asOf: IsoDate
  readonly rules: PlanRules
}): PlanProgress {
  assertIsoDate(input.asOf, 'asOf')
  let left = Math.max(0, input.paidSinceAgreement)
  let brokenSince: IsoDate | null = null
  const instalments = input.instalments.map((i) => {
    const covered = Math.min(left, i.amount)
    left -= covered
    let state: InstalmentState = 'paid'
    if (covered < i.amount) {
      const breaksOn = addDays(i.dueOn, input.rules.brokenAfterDays + 1)
      if (input.asOf <= i.dueOn) state = 'pending'
      else if (input.asOf < breaksOn) state = 'late'
      else {
        state = 'broken'
        if (brokenSince === null) brokenSince = breaksOn
      }
    }
    return { dueOn: i.dueOn, amount: i.amount, covered, state }
  })
  return {
    instalments,
    broken: brokenSince !== null,
    brokenSince,
    completed: instalments.every((i) => i.state === 'paid'),
  }
}

/** The measure of 給付制限 the arrears call for. */
export type RestrictionMeasure = 'reimbursementOnly' | 'suspension' | 'reduction'

/**
 * The measure the length of arrears calls for (docs/sources/domain.md §4.3): 給付額減額 (法第69条) when premiums
 * are time-barred (`timeBarredAmount` > 0) and 2 years from the oldest unpaid due date have elapsed (the limitation
 * period, 法第200条: due 2024-07-31 → from 2026-08-01); otherwise 一時差止 (法第67条, 1年6月) or 償還払い化
 * (法第66条, 1年) as `benefitRestrictionLevel` judges it; null = none.
 */
export function restrictionMeasure(input: {
  readonly oldestUnpaidDueDate: IsoDate | null
  readonly timeBarredAmount: number
  readonly asOf: IsoDate
}): RestrictionMeasure | null {
  const due = input.oldestUnpaidDueDate
  if (due !== null && input.timeBarredAmount > 0) {
    assertIsoDate(due, 'oldestUnpaidDueDate')
    if (input.asOf > periodEndByMonths(addDays(due, 1), LIMITATION_MONTHS)) return 'reduction'
  }
  const level = benefitRestrictionLevel({ oldestUnpaidDueDate: due, asOf: input.asOf })
  return level === 'none' ? null : level
}

export const restrictionMeasureLabels: Record<RestrictionMeasure, string> = {
  reimbursementOnly: '支払方法の変更（償還払い化）',
  suspension: '保険給付の一時差止',
  reduction: '給付額の減額',
}

/** The steps of a restriction, in order (docs/sources/domain.md §4.3, procedure). */
export const restrictionSteps = ['notice', 'explanation', 'decision', 'cardNote', 'release'] as const
export type RestrictionStep = (typeof restrictionSteps)[number]
export const restrictionStepLabels: Record<RestrictionStep, string> = {
  notice: '予告',
  explanation: '弁明書の受付・期限',
  decision: '決定',
  cardNote: '被保険者証への記載',
  release: '解除',
}

/**
 * The step that may follow `last` (null = none taken yet): 予告 first, then 弁明書 (its receipt or the passing of its
 * deadline), 決定, 被保険者証への記載; 解除 may follow any step. A reduction (減額) is never released by payment
 * (time-barred premiums cannot be paid, docs/sources/domain.md §4.3) — only when its period ends.
 */
export function nextStepAllowed(last: RestrictionStep | null, step: RestrictionStep): boolean {
  if (last === 'release') return step === 'notice'
  if (step === 'release') return last !== null
  const at = last === null ? -1 : restrictionSteps.indexOf(last)
  return restrictionSteps.indexOf(step) === at + 1
}

/** The 弁明書 deadline: `days` days after the 予告 (区の取扱い ⚠️; default 14). */
export const explanationDeadline = (noticeOn: IsoDate, days = 14): IsoDate => addDays(noticeOn, days)

/**
 * A monthly schedule of `count` instalments for `debt` yen from `firstDueOn`, the same day each month (the month's
 * last day when it is shorter): equal amounts in whole yen, the remainder in the first instalment, so that the
 * instalments add up to the debt exactly.
 */
export function monthlySchedule(debt: number, count: number, firstDueOn: IsoDate): PlanInstalment[] {
  assertIsoDate(firstDueOn, 'firstDueOn')
  if (!Number.isSafeInteger(count) || count < 1) throw new RangeError(`count must be a positive integer, got ${count}`)
  const each = Math.floor(debt / count)
  const [y, m, d] = firstDueOn.split('-').map(Number) as [number, number, number]
  return Array.from({ length: count }, (_, i) => {
    const month = (m - 1 + i) % 12
    const year = y + Math.floor((m - 1 + i) / 12)
    const dueOn = toIsoDate(year, month + 1, Math.min(d, daysInMonth(year, month + 1)))
    return { dueOn, amount: i === 0 ? debt - each * (count - 1) : each }
  })
}
