/**
 * 高額介護（予防）サービス費 (介護保険法第51条・第61条) — the household and individual excess and its apportionment — and the
 * 償還払 limits of 住宅改修費 and 福祉用具購入費 (法第44条・第45条). Caps come from `highCostCap` (./benefits).
 */
import { assertInteger, floorDiv, mul } from './arith'
import { splitCost } from './benefits'
import type { IsoDate } from './dates'
import { assertIsoDate, fiscalYearOf } from './dates'
import type { BenefitLevel } from './parameters/benefits'
import { REIMBURSEMENT_LIMITS } from './parameters/high-cost'
import { valueAt } from './versioned'

const yen = (n: number) => `${n.toLocaleString('ja-JP')}円`

/**
 * Splits `total` yen among `weights` in proportion, as integers that sum exactly to `total` (largest remainder,
 * Hamilton): each part is ⌊total × w ÷ Σw⌋, then the yen left over go one each to the largest remainders; equal
 * remainders go to the larger weight, then to the earlier position. docs/sources/domain.md §5.4 ("shared in proportion
 * to each one's payments", rounding ⚠️ — this is the documented choice, docs/high-cost.md).
 */
export function apportionByShare(total: number, weights: readonly number[]): number[] {
  assertInteger(total, 'total', 0)
  weights.forEach((w, i) => assertInteger(w, `weights[${i}]`, 0))
  const sum = weights.reduce((a, b) => a + b, 0)
  if (total === 0) return weights.map(() => 0)
  if (sum === 0) throw new RangeError('cannot apportion a positive total over zero weights')
  const parts = weights.map((w) => floorDiv(mul(total, w), sum))
  const remainders = weights.map((w, i) => ({ i, w, r: mul(total, w) - mul(parts[i]!, sum) }))
  remainders.sort((a, b) => b.r - a.r || b.w - a.w || a.i - b.i)
  let left = total - parts.reduce((a, b) => a + b, 0)
  for (const { i } of remainders) {
    if (left === 0) break
    parts[i]! += 1
    left -= 1
  }
  return parts
}

/**
 * The 住民税 fiscal year whose record decides a service month's 高額介護サービス費 cap: the income of the year before the
 * service month's year, two years before for January–July (docs/sources/domain.md §5.4 "The year used"); the record of
 * fiscal year N holds the income of year N − 1. 2026-07 → 2025 (income 2024), 2026-08 → 2026 (income 2025).
 */
export function highCostTaxFiscalYear(serviceMonth: string): number {
  const match = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(serviceMonth)
  if (match === null) throw new RangeError(`serviceMonth must be YYYY-MM, got ${serviceMonth}`)
  const year = Number(match[1])
  return Number(match[2]) >= 8 ? year : year - 1
}

/** One member of a household in a service month. */
export interface HighCostMember {
  readonly personId: number
  /** 利用者負担額 of the month that counts for 高額 (within the 区分支給限度基準額; no food, room, purchases). */
  readonly copay: number
  /** The individual cap (15,000: 生活保護, or 非課税世帯 with 年金収入等 ≤ L' / 老齢福祉年金), when one applies. */
  readonly individualCap?: number
  /** Under a 給付額減額 (法第69条): no 高額介護サービス費 during the reduction. */
  readonly benefitReduced: boolean
}

export interface HighCostMemberRefund {
  readonly personId: number
  readonly copay: number
  /** The part of the refund from the individual cap (copay − individual cap). */
  readonly individualPart: number
  /** The member's share of the household excess (largest remainder). */
  readonly householdPart: number
  readonly refund: number
  /** Why nothing is paid, in Japanese, when refund is 0 for a reason other than "within the cap". */
  readonly excludedReason?: string
}

export interface HighCostHouseholdResult {
  readonly householdCap: number
  /** Σ copay of the members counted (not reduced), after the individual step. */
  readonly householdCopayAfterIndividual: number
  readonly totalRefund: number
  readonly members: readonly HighCostMemberRefund[]
}

/**
 * 高額介護サービス費 of one household and month (介護保険法第51条; 施行令第22条の2の2 — docs/sources/domain.md §5.4):
 * 1. a member with an individual cap is refunded what exceeds it (copay − 15,000) and counts at the cap after that;
 * 2. what the household's counted co-pays then exceed the household cap by is apportioned among the counted members by
 *    their (remaining) co-pay, with {@link apportionByShare}.
 * A member under 給付額減額 (法第69条, docs/sources/domain.md §4.3) receives nothing and is not counted in the
 * household sum ⚠️ (the ward's reading: the reduced member's payments do not raise the others' refund).
 */
export function highCostHouseholdRefund(
  householdCap: number,
  members: readonly HighCostMember[],
): HighCostHouseholdResult {
  assertInteger(householdCap, 'householdCap', 0)
  const counted = members.filter((m) => !m.benefitReduced)
  const afterIndividual = counted.map((m) => {
    assertInteger(m.copay, 'copay', 0)
    const cap = m.individualCap
    if (cap === undefined || m.copay <= cap) return { m, individualPart: 0, remaining: m.copay }
    return { m, individualPart: m.copay - cap, remaining: cap }
  })
  const sum = afterIndividual.reduce((a, x) => a + x.remaining, 0)
  const excess = Math.max(0, sum - householdCap)
  const shares = apportionByShare(
    excess,
    afterIndividual.map((x) => x.remaining),
  )
  const byId = new Map(afterIndividual.map((x, i) => [x.m.personId, { ...x, householdPart: shares[i]! }]))
  const result = members.map((m): HighCostMemberRefund => {
    const x = byId.get(m.personId)
    if (x === undefined) {
      return {
        personId: m.personId,
        copay: m.copay,
        individualPart: 0,
        householdPart: 0,
        refund: 0,
        excludedReason: '給付額減額の期間中のため高額介護サービス費は支給されません（介護保険法第69条）',
      }
    }
    return {
      personId: m.personId,
      copay: m.copay,
      individualPart: x.individualPart,
      householdPart: x.householdPart,
      refund: x.individualPart + x.householdPart,
    }
  })
  return {
    householdCap,
    householdCopayAfterIndividual: sum,
    totalRefund: result.reduce((a, r) => a + r.refund, 0),
    members: result,
  }
}

/**
 * 介護の必要の程度の段階 for the 住宅改修 3段階 reset (平成12年老企第42号): 要支援1 (and 経過的要介護) 1, 要支援2 and
 * 要介護1 2, 要介護2 3, 要介護3 4, 要介護4 5, 要介護5 6.
 */
export function careNeedStep(level: BenefitLevel): number {
  const steps: Record<BenefitLevel, number> = {
    support1: 1,
    transitionalCare: 1,
    support2: 2,
    care1: 2,
    care2: 3,
    care3: 4,
    care4: 5,
    care5: 6,
  }
  const step = steps[level]
  if (step === undefined) throw new RangeError(`unknown level ${String(level)}`)
  return step
}

/** A 住宅改修 already decided (or the one applied for). */
export interface HomeAlteration {
  /** 着工日 (the day the work started). */
  readonly startedOn: IsoDate
  /** 費用額 counted against the limit (for a past one: what was covered). */
  readonly cost: number
  readonly level: BenefitLevel
  /** The dwelling (住宅改修の対象住宅), e.g. the address id: another dwelling after a move resets the limit. */
  readonly dwelling: string
}

export interface ReimbursementAllowance {
  /** The limit in force (費用額). */
  readonly limit: number
  /** Already counted against the current limit before this application. */
  readonly used: number
  /** The part of the cost covered (≤ limit − used). */
  readonly coveredCost: number
  /** The cost left to the person in full (above the limit). */
  readonly uncoveredCost: number
  /** Refused outright (nothing left): the reason in Japanese. */
  readonly refusal?: string
  /** A note for a partial cover, in Japanese. */
  readonly note?: string
  /** Why the limit started again for this application, when it did. */
  readonly reset?: 'move' | 'levelRise'
}

function allowance(limit: number, used: number, cost: number, what: string, reset?: 'move' | 'levelRise') {
  const remaining = Math.max(0, limit - used)
  const coveredCost = Math.min(cost, remaining)
  const base = { limit, used, coveredCost, uncoveredCost: cost - coveredCost, ...(reset ? { reset } : {}) }
  if (remaining === 0) {
    return {
      ...base,
      refusal: `${what}の支給限度基準額（${yen(limit)}）を使い切っています（支給対象済み ${yen(used)}）`,
    }
  }
  if (coveredCost < cost) {
    return {
      ...base,
      note: `${what}の支給限度基準額（${yen(limit)}）の残り ${yen(remaining)} を超える ${yen(cost - coveredCost)} は支給対象外です`,
    }
  }
  return base
}

/**
 * 住宅改修費: 20万円 (費用額) per person (介護保険法第45条; 平成12年厚生省告示第34号 — docs/sources/domain.md §5.1 ⚠️). The
 * limit starts again (a) for another dwelling after a move, and (b) once, when the 段階 at 着工 is 3 or more above the
 * 段階 at the first alteration counted against the current limit (平成12年老企第42号). `past` = alterations decided
 * before, in any order. A cost above what remains is the person's; nothing left = refused with the reason.
 */
export function homeAlterationAllowance(
  past: readonly HomeAlteration[],
  applied: HomeAlteration,
): ReimbursementAllowance {
  assertIsoDate(applied.startedOn, 'startedOn')
  assertInteger(applied.cost, 'cost', 0)
  const limits = valueAt(REIMBURSEMENT_LIMITS, applied.startedOn, 'reimbursement limits')
  const all = [...past].sort((a, b) => (a.startedOn < b.startedOn ? -1 : a.startedOn > b.startedOn ? 1 : 0))
  let pool: { dwelling: string; firstStep: number; used: number } | undefined
  let levelResetUsed = false
  let lastReset: 'move' | 'levelRise' | undefined
  const enter = (a: HomeAlteration): void => {
    const step = careNeedStep(a.level)
    lastReset = undefined
    if (pool === undefined) {
      pool = { dwelling: a.dwelling, firstStep: step, used: 0 }
    } else if (a.dwelling !== pool.dwelling) {
      pool = { dwelling: a.dwelling, firstStep: step, used: 0 }
      lastReset = 'move'
    } else if (!levelResetUsed && step >= pool.firstStep + limits.homeAlterationResetSteps) {
      levelResetUsed = true
      pool = { dwelling: a.dwelling, firstStep: step, used: 0 }
      lastReset = 'levelRise'
    }
  }
  for (const a of all) {
    enter(a)
    pool!.used += a.cost
  }
  enter(applied)
  return allowance(limits.homeAlteration, pool!.used, applied.cost, '住宅改修費', lastReset)
}

/** A 福祉用具 purchase already decided (or the one applied for). */
export interface EquipmentPurchase {
  readonly purchasedOn: IsoDate
  /** 費用額 counted against the limit (for a past one: what was covered). */
  readonly cost: number
}

/**
 * 福祉用具購入費: 10万円 (費用額) per fiscal year April–March of the purchase date (介護保険法第44条; 平成12年厚生省告示第34号 —
 * docs/sources/domain.md §5.1 ⚠️). A cost above what remains is the person's; nothing left = refused with the reason.
 */
export function equipmentPurchaseAllowance(
  past: readonly EquipmentPurchase[],
  applied: EquipmentPurchase,
): ReimbursementAllowance {
  assertIsoDate(applied.purchasedOn, 'purchasedOn')
  assertInteger(applied.cost, 'cost', 0)
  const limits = valueAt(REIMBURSEMENT_LIMITS, applied.purchasedOn, 'reimbursement limits')
  const year = fiscalYearOf(applied.purchasedOn)
  const used = past.filter((p) => fiscalYearOf(p.purchasedOn) === year).reduce((a, p) => a + p.cost, 0)
  return allowance(limits.equipmentPurchasePerFiscalYear, used, applied.cost, `福祉用具購入費（${year}年度）`)
}

/**
 * The insurer's share of a 償還払 (介護保険法第41条・第44条・第45条; docs/sources/domain.md §5.2): the covered cost split by
 * the person's co-pay rate in tenths (4 = 3割 under a 給付額減額), insurer truncated below 1 yen ({@link splitCost}).
 */
export function reimbursementInsurerShare(
  coveredCost: number,
  copayRate: 1 | 2 | 3 | 4,
): { insurer: number; user: number } {
  return splitCost(coveredCost, copayRate)
}
