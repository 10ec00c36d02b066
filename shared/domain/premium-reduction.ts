/**
 * 保険料の減免・徴収猶予 (介護保険法第142条): the reduction a reason and its figures give under the ward's table, the
 * limit of a 猶予, and how approved reliefs enter the assessment of a person's year (the reduced annual amount spread
 * over the 納期 not yet due; the due dates of deferred 納期 moved). Pure: the callers load and store.
 */
import { assertInteger, floorDiv } from './arith'
import type { IsoDate } from './dates'
import { isBusinessDay, onOrNextBusinessDay } from './business-days'
import { addDays, assertIsoDate, periodEndByMonths } from './dates'
import type { ReliefBand, ReliefReason, ReliefRule, ReliefTable } from './parameters/premium-reduction'
import { RATE_DENOMINATOR } from './parameters/units'
import type { InstallmentSlot, PlannedInstallment } from './premium-assessment'

export type { ReliefBand, ReliefReason, ReliefRule, ReliefTable } from './parameters/premium-reduction'
export { reliefReasons, SHINJUKU_RELIEF_TABLE } from './parameters/premium-reduction'

/** 減免 (the premium is reduced) or 徴収猶予 (the due dates are moved, the amount stays). */
export const reliefKinds = ['reduction', 'deferral'] as const
export type ReliefKind = (typeof reliefKinds)[number]

export const reliefKindLabels: Record<ReliefKind, string> = { reduction: '減免', deferral: '徴収猶予' }
export const reliefReasonLabels: Record<ReliefReason, string> = {
  disaster: '災害',
  unemployment: '失業・事業の休廃止',
  incomeDrop: '収入の著しい減少',
  detention: '拘禁',
}

const yen = (n: number) => `${n.toLocaleString('en-US')}円`
const percent = (ratio: number) => `${(ratio / (RATE_DENOMINATOR / 100)).toString()}%`

/** The figures a reason needs (those of other reasons are ignored). */
export interface ReliefFigures {
  /** 損害割合 of the dwelling or household goods, whole percent 0–100 (災害). */
  readonly damagePercent?: number | null
  /** Last year's 合計所得金額 (or 事業収入) and this year's expected one, yen (失業・休廃業, 収入の著しい減少). */
  readonly previousIncome?: number | null
  readonly expectedIncome?: number | null
}

/** The rate a reason's rule gives: a reduction rate (1/10,000), or why the figures do not qualify. */
export type ReliefRate =
  | { readonly kind: 'rate'; readonly rate: number; readonly steps: readonly string[] }
  | { readonly kind: 'notEligible'; readonly reason: string }

function band(bands: readonly ReliefBand[], ratio: number): ReliefBand | null {
  return [...bands].sort((a, b) => b.minRatio - a.minRatio).find((b) => ratio >= b.minRatio) ?? null
}

/**
 * The reduction rate of `reason` under `table` for the figures: 災害 by the damage ratio, 失業・休廃業 and 収入の著しい
 * 減少 by the drop of the expected income against last year's, 拘禁 in full. The drop ratio is truncated to 1/10,000
 * (a 29.99 % drop is not 30 %). Missing figures say which one is missing.
 */
export function reliefRate(reason: ReliefReason, figures: ReliefFigures, table: ReliefTable): ReliefRate {
  const rule: ReliefRule = table.reasons[reason]
  const label = reliefReasonLabels[reason]
  if (rule.kind === 'full') return { kind: 'rate', rate: RATE_DENOMINATOR, steps: [`${label}: 全額`] }
  let ratio: number
  let what: string
  if (rule.kind === 'damageRatio') {
    const p = figures.damagePercent
    if (p === null || p === undefined) return { kind: 'notEligible', reason: `${label}には損害割合が必要です` }
    assertInteger(p, 'damagePercent', 0)
    if (p > 100) return { kind: 'notEligible', reason: '損害割合は100%以下で入力してください' }
    ratio = p * (RATE_DENOMINATOR / 100)
    what = `損害割合 ${p}%`
  } else {
    const before = figures.previousIncome
    const after = figures.expectedIncome
    if (before === null || before === undefined || after === null || after === undefined)
      return { kind: 'notEligible', reason: `${label}には前年の所得と本年の見込所得が必要です` }
    assertInteger(before, 'previousIncome')
    assertInteger(after, 'expectedIncome')
    if (before <= 0) return { kind: 'notEligible', reason: '前年の所得がないため、収入の減少率を計算できません' }
    ratio = Math.max(0, floorDiv((before - Math.max(0, after)) * RATE_DENOMINATOR, before))
    what = `収入の減少率 (${yen(before)} − ${yen(Math.max(0, after))}) ÷ ${yen(before)} = ${percent(ratio)}（小数第2位未満切捨て）`
  }
  const hit = band(rule.bands, ratio)
  if (hit === null) {
    const lowest = Math.min(...rule.bands.map((b) => b.minRatio))
    return {
      kind: 'notEligible',
      reason: `${what} が区の基準（${percent(lowest)}以上）に達しないため、${label}による減免の対象外です`,
    }
  }
  return {
    kind: 'rate',
    rate: hit.rate,
    steps: [`${label}: ${what} ≥ ${percent(hit.minRatio)} → 減免割合 ${percent(hit.rate)}`],
  }
}

/**
 * The 納期 an application concerns that are not yet due on `today` (due date ≥ today): a relief never touches an
 * installment already due. `seqs` empty = every 納期 of the year.
 */
export function installmentsConcerned(
  installments: readonly PlannedInstallment[],
  seqs: readonly number[],
  today: IsoDate,
): PlannedInstallment[] {
  assertIsoDate(today, 'today')
  return installments.filter((i) => (seqs.length === 0 || seqs.includes(i.seq)) && i.dueDate >= today)
}

export interface ReductionResult {
  /** Σ of the 納期 concerned not yet due: the most a reduction can be. */
  readonly base: number
  readonly rate: number
  /** The reduction, integer yen: base × rate, truncated below 1 yen (in the resident's disfavour by at most 1 yen ⚠️). */
  readonly amount: number
  readonly steps: readonly string[]
}

/**
 * The 減免額 of an application: the rate of its reason ({@link reliefRate}) × the 納期 concerned not yet due
 * ({@link installmentsConcerned}); never more than those 納期. Not eligible: the reason, in Japanese.
 */
export function computeReduction(input: {
  reason: ReliefReason
  figures: ReliefFigures
  table: ReliefTable
  installments: readonly PlannedInstallment[]
  seqs: readonly number[]
  today: IsoDate
}): ReductionResult | { readonly notEligible: string } {
  const rate = reliefRate(input.reason, input.figures, input.table)
  if (rate.kind === 'notEligible') return { notEligible: rate.reason }
  const concerned = installmentsConcerned(input.installments, input.seqs, input.today)
  if (concerned.length === 0) return { notEligible: '対象の納期はすべて納期限を過ぎているため、減免できません' }
  const base = concerned.reduce((s, i) => s + i.amount, 0)
  const amount = Math.min(base, floorDiv(base * rate.rate, RATE_DENOMINATOR))
  return {
    base,
    rate: rate.rate,
    amount,
    steps: [
      ...rate.steps,
      `対象の納期 ${concerned.map((i) => `${i.month}（${i.dueDate}）`).join('・')}（納期限前）計 ${yen(base)} × ${percent(rate.rate)} = 減免額 ${yen(amount)}（1円未満切捨て）`,
    ],
  }
}

/**
 * The problem with a 猶予 until `until` of the 納期 concerned, or null: every 納期 concerned must be not yet due, and
 * `until` after each of their due dates, within the ward's longest 猶予 from the earliest one, and a day the ward's
 * offices are open (a 期限 on a holiday would move to the next business day, 地方自治法第4条の2第4項: the decision names
 * that day itself).
 */
export function deferralProblem(
  concerned: readonly PlannedInstallment[],
  until: IsoDate,
  table: ReliefTable,
): string | null {
  assertIsoDate(until, 'until')
  if (concerned.length === 0) return '猶予する納期（納期限前のもの）がありません'
  const earliest = concerned.map((i) => i.dueDate).sort()[0]!
  const latest = concerned.map((i) => i.dueDate).sort()[concerned.length - 1]!
  if (until <= latest) return `猶予期限は対象の納期限（${latest}）より後の日にしてください`
  const limit = periodEndByMonths(addDays(earliest, 1), table.maxDeferralMonths)
  if (until > limit)
    return `猶予期限は納期限 ${earliest} から${table.maxDeferralMonths}か月以内（${limit}まで）にしてください`
  if (!isBusinessDay(until, 'municipal'))
    return `猶予期限 ${until} は区の休日です。開庁日（例: ${onOrNextBusinessDay(until, 'municipal')}）にしてください`
  return null
}

/** An approved relief of a person's year, as the assessment applies it. */
export type ApprovedRelief =
  | { readonly id: number; readonly kind: 'reduction'; readonly reason: ReliefReason; readonly amount: number }
  | {
      readonly id: number
      readonly kind: 'deferral'
      readonly reason: ReliefReason
      readonly seqs: readonly number[]
      readonly deferredUntil: IsoDate
    }

export interface RelievedYear {
  /** The annual amount after the reductions (減免後の確定年額), at least 0. */
  readonly amount: number
  /** Σ of the approved reductions, at most the amount before them. */
  readonly reduction: number
  /** The 納期 with the deferred ones due on their 猶予期限. */
  readonly schedule: readonly InstallmentSlot[]
  readonly steps: readonly string[]
}

/**
 * Applies the approved reliefs of a year to its computed amount and 納期 (before planInstallments spreads the amount
 * over the 納期 not yet due): the reductions are subtracted from the annual amount (減免前年額 − 減免額 = 確定年額, never
 * below 0), a 猶予 moves the due date of each 納期 it names to its 猶予期限 (a later date only). No relief: unchanged.
 */
export function applyReliefs(
  amount: number,
  schedule: readonly InstallmentSlot[],
  reliefs: readonly ApprovedRelief[],
): RelievedYear {
  assertInteger(amount, 'amount', 0)
  if (reliefs.length === 0) return { amount, reduction: 0, schedule, steps: [] }
  const sorted = [...reliefs].sort((a, b) => a.id - b.id)
  const reductions = sorted.filter((r) => r.kind === 'reduction')
  const requested = reductions.reduce((s, r) => s + r.amount, 0)
  const reduction = Math.min(amount, requested)
  const deferrals = sorted.filter((r) => r.kind === 'deferral')
  const moved = schedule.map((slot) => {
    const until = deferrals
      .filter((d) => d.seqs.includes(slot.seq))
      .map((d) => d.deferredUntil)
      .sort()
      .pop()
    return until !== undefined && until > slot.dueDate ? { ...slot, dueDate: until } : slot
  })
  const steps = [
    ...reductions.map((r) => `減免（${reliefReasonLabels[r.reason]}）#${r.id}: ${yen(r.amount)}`),
    ...(reductions.length > 0
      ? [`減免前年額 ${yen(amount)} − 減免額 ${yen(reduction)} = 確定年額 ${yen(amount - reduction)}`]
      : []),
    ...deferrals.map(
      (d) =>
        `徴収猶予（${reliefReasonLabels[d.reason]}）#${d.id}: ${d.seqs.map((s) => `第${s}期`).join('・')}の納期限を ${d.deferredUntil} まで猶予`,
    ),
  ]
  return { amount: amount - reduction, reduction, schedule: moved, steps }
}
