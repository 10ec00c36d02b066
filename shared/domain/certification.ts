/**
 * 認定 — validity periods, deadlines, first-stage level from minutes and the basic checklist.
 */
import { assertFinite, assertInteger, mul } from './arith'
import type { IsoDate } from './dates'
import { addDays, assertIsoDate, endOfMonthIndex, monthIndexOf, parseIsoDate } from './dates'
import type { CareLevel } from './parameters/certification'
import {
  BMI_UNDERWEIGHT_BELOW,
  CARE_MINUTE_BANDS,
  CHECKLIST_BMI_ITEM,
  CHECKLIST_CRITERIA,
  CHECKLIST_ITEM_COUNT,
  CHECKLIST_NO_COUNTS,
  DECISION_DAYS,
  DEMENTIA_PROBABILITY_THRESHOLD_PERCENT,
  RENEWAL_APPLICATION_DAYS_BEFORE,
  VALIDITY_LIMITS,
} from './parameters/certification'
import { DEFAULT_CHECKLIST_COUNTS_DEPRESSION } from './parameters/shinjuku'
import { SQUARE_CM_PER_SQUARE_M } from './parameters/units'
import type { ValidityLimits } from './parameters/certification'
import { valueAt } from './versioned'

/** Kind of certification application. */
export type ApplicationKind = 'new' | 'levelChange' | 'renewal'

function limitFor(limits: ValidityLimits, kind: ApplicationKind, sameLevel: boolean): number {
  if (kind === 'renewal') return sameLevel ? limits.renewalSameLevel : limits.renewalDifferentLevel
  if (kind === 'new' || kind === 'levelChange') return limits[kind]
  throw new RangeError(`unknown application kind ${String(kind)}`)
}

/**
 * Maximum validity in months (介護保険法施行規則第38条・第41条) under the rules of the application date: new /
 * levelChange 12; renewal 48 with the same level as before, 36 otherwise (applications from 2021-04-01). `sameLevel`
 * defaults to false (the stricter 36) so 48 must be asked for.
 */
export function maxValidityMonths(kind: ApplicationKind, applicationDate: IsoDate, sameLevel = false): number {
  return limitFor(valueAt(VALIDITY_LIMITS, applicationDate, 'validity limits'), kind, sameLevel)
}

/** Input of {@link validityPeriod}. */
export interface ValidityPeriodInput {
  readonly kind: ApplicationKind
  readonly applicationDate: IsoDate
  /** End of the previous certification (required for renewal). */
  readonly previousEnd?: IsoDate
  /** Period set by the board, in months (3 … maximum). */
  readonly months: number
  /** Renewal with the same level as before (allows 48 months); default false. */
  readonly sameLevel?: boolean
}

/**
 * Validity period (有効期間) of a certification (介護保険法第28条・第29条・第33条; 施行規則第38条・第41条).
 * Start: the application date (new, level change — 効力は申請日に遡る, 法第27条第8項) or the day after the previous end
 * (renewal). End: the last day of a month — when the start is the 1st, the start month counts as month 1
 * (4/1 + 6 → 9/30); otherwise the partial first month is added to `months` full months (4/15 + 6 → 10/31).
 * Throws when `months` is not an integer between 3 and the maximum for the kind (rules of the application date).
 */
export function validityPeriod(input: ValidityPeriodInput): { start: IsoDate; end: IsoDate } {
  const { kind, applicationDate, previousEnd, months } = input
  assertIsoDate(applicationDate, 'applicationDate')
  const limits = valueAt(VALIDITY_LIMITS, applicationDate, 'validity limits')
  const maximum = limitFor(limits, kind, input.sameLevel ?? false)
  assertInteger(months, 'months', limits.minimum)
  if (months > maximum) throw new RangeError(`months ${months} exceeds the maximum ${maximum} for ${kind}`)
  let start = applicationDate
  if (kind === 'renewal') {
    if (previousEnd === undefined) throw new RangeError('previousEnd is required for a renewal')
    start = addDays(previousEnd, 1)
  }
  const firstDay = parseIsoDate(start).day === 1
  return { start, end: endOfMonthIndex(monthIndexOf(start) + months - (firstDay ? 1 : 0)) }
}

/**
 * First day a renewal can be applied for: 60 days before the end of the current validity (介護保険法第28条第2項;
 * 同法施行規則): previousEnd − 60 days.
 */
export function renewalApplicationOpens(previousEnd: IsoDate): IsoDate {
  return addDays(previousEnd, -RENEWAL_APPLICATION_DAYS_BEFORE)
}

/**
 * Deadline of the decision: 30 days from the application date, not counting the first day (介護保険法第27条第11項;
 * 民法140条): 2026-11-25 → 2026-12-25. (Extension with notice is possible; not modelled.)
 */
export function decisionDeadline(applicationDate: IsoDate): IsoDate {
  return addDays(applicationDate, DECISION_DAYS)
}

/** 認知症高齢者の日常生活自立度. */
export type DementiaIndependence = '自立' | 'I' | 'IIa' | 'IIb' | 'IIIa' | 'IIIb' | 'IV' | 'M'

const DEMENTIA_LEVELS: readonly DementiaIndependence[] = ['自立', 'I', 'IIa', 'IIb', 'IIIa', 'IIIb', 'IV', 'M']

function atLeastII(level: DementiaIndependence, name: string): boolean {
  const index = DEMENTIA_LEVELS.indexOf(level)
  if (index < 0) throw new RangeError(`${name} must be one of ${DEMENTIA_LEVELS.join(', ')}, got ${String(level)}`)
  return index >= 2
}

/** Facts for the 要支援2 / 要介護1 split. */
export interface CareLevelFactors {
  /** 認知症高齢者の日常生活自立度 by the assessor (認定調査). */
  readonly dementiaAssessor?: DementiaIndependence
  /** … by the physician (主治医意見書). */
  readonly dementiaDoctor?: DementiaIndependence
  /** 認知症自立度Ⅱ以上の蓋然性 in percent (0–100), from the national software. */
  readonly dementiaProbability?: number
  /** 状態の安定性: true = unstable (不安定). */
  readonly unstable?: boolean
}

/**
 * Care level from the 要介護認定等基準時間 (minutes, after the 認知症加算 computed by the national software): < 25
 * notApplicable, < 32 support1, < 50 support2/care1, < 70 care2, < 90 care3, < 110 care4, else care5 (平成12年厚生省
 * 告示第91号; 要介護認定等に係る介護認定審査会による審査及び判定の基準等に関する省令第1条・第2条). The 32–50 band: both
 * dementia levels ≥ Ⅱ → care1; exactly one ≥ Ⅱ → probability ≥ 50 % → care1, else the stability test; neither →
 * stability: unstable → care1, stable → support2 (docs/sources/domain.md §6.3, [S59]). Throws when a needed factor is missing.
 */
export function careLevelFromMinutes(minutes: number, factors: CareLevelFactors = {}): CareLevel {
  assertFinite(minutes, 'minutes', 0)
  let band = CARE_MINUTE_BANDS[0] as (typeof CARE_MINUTE_BANDS)[number]
  for (const b of CARE_MINUTE_BANDS) if (minutes >= b.from) band = b
  if (band.level !== 'support2OrCare1') return band.level
  const { dementiaAssessor, dementiaDoctor, dementiaProbability, unstable } = factors
  if (dementiaAssessor === undefined || dementiaDoctor === undefined) {
    throw new RangeError('dementiaAssessor and dementiaDoctor are required in the 32–50 minute band')
  }
  const assessorII = atLeastII(dementiaAssessor, 'dementiaAssessor')
  const doctorII = atLeastII(dementiaDoctor, 'dementiaDoctor')
  if (assessorII && doctorII) return 'care1'
  if (assessorII || doctorII) {
    if (dementiaProbability === undefined) {
      throw new RangeError('dementiaProbability is required when only one dementia level is Ⅱ or above')
    }
    assertFinite(dementiaProbability, 'dementiaProbability', 0)
    if (dementiaProbability > 100) throw new RangeError('dementiaProbability is a percentage (0–100)')
    if (dementiaProbability >= DEMENTIA_PROBABILITY_THRESHOLD_PERCENT) return 'care1'
  }
  if (unstable === undefined) throw new RangeError('unstable (状態の安定性) is required to split support2 / care1')
  return unstable ? 'care1' : 'support2'
}

/** Options of {@link basicChecklistResult}. */
export interface ChecklistOptions {
  /** Height in cm and weight in kg (to 0.1); when both are given, item 12 is BMI < 18.5 instead of the answer. */
  readonly heightCm?: number
  readonly weightKg?: number
  /** Whether criterion ⑦ (うつ) makes the person 事業対象者 ⚠️ (default true; ⑦ is reported either way). */
  readonly countDepression?: boolean
}

function underweight(heightCm: number, weightKg: number): boolean {
  assertFinite(heightCm, 'heightCm', 0)
  assertFinite(weightKg, 'weightKg', 0)
  if (heightCm === 0) throw new RangeError('heightCm must be positive')
  const h = Math.round(heightCm * 10) // 0.1 cm
  const w = Math.round(weightKg * 10) // 0.1 kg
  // BMI = (w/10) ÷ (h/10 cm)² × cm²/m² = w × 10 × cm²/m² ÷ h²; BMI < 37/2 ⇔ w × 10 × cm²/m² × 2 < 37 × h²
  const left = mul(mul(w * 10, SQUARE_CM_PER_SQUARE_M), BMI_UNDERWEIGHT_BELOW.denominator)
  return left < mul(BMI_UNDERWEIGHT_BELOW.numerator, mul(h, h))
}

/**
 * 基本チェックリスト (介護保険法第115条の45第1項第1号ニ; 地域支援事業実施要綱 様式第一): `answers` keyed 1…25,
 * `true` = はい. Items 1–8, 16, 19 count when いいえ, the others when はい; item 12 is BMI < 18.5 when height and
 * weight are given. Criteria (docs/sources/domain.md §7): ① 1–20 ≥ 10, ② 6–10 ≥ 3, ③ 11–12 both, ④ 13–15 ≥ 2, ⑤ 16, ⑥ 18–20 ≥ 1,
 * ⑦ 21–25 ≥ 2. `programEligible` when any criterion is met (⑦ only when `countDepression`, default true ⚠️).
 * 第2号 cannot be 事業対象者 (the caller checks the age). Throws when a needed answer is missing.
 */
export function basicChecklistResult(
  answers: Readonly<Record<number, boolean>>,
  options: ChecklistOptions = {},
): { programEligible: boolean; criteria: string[] } {
  const { heightCm, weightKg } = options
  const useBmi = heightCm !== undefined && weightKg !== undefined
  const counts = new Map<number, boolean>()
  for (let item = 1; item <= CHECKLIST_ITEM_COUNT; item += 1) {
    if (item === CHECKLIST_BMI_ITEM && useBmi) {
      counts.set(item, underweight(heightCm, weightKg))
      continue
    }
    const answer = answers[item]
    if (typeof answer !== 'boolean') throw new RangeError(`answer ${item} is missing`)
    counts.set(item, CHECKLIST_NO_COUNTS.includes(item) ? !answer : answer)
  }
  const countDepression = options.countDepression ?? DEFAULT_CHECKLIST_COUNTS_DEPRESSION
  const criteria: string[] = []
  let programEligible = false
  for (const c of CHECKLIST_CRITERIA) {
    const hits = c.items.filter((i) => counts.get(i) === true).length
    if (hits < c.atLeast) continue
    criteria.push(c.id)
    if (c.depression !== true || countDepression) programEligible = true
  }
  return { programEligible, criteria }
}
