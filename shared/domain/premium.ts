/**
 * 賦課 — premium stage, annual amount, proration and installments for 第1号被保険者.
 */
import { assertInteger, ceilDiv, floorDiv, floorTo, mul } from './arith'
import { fiscalYearStart } from './dates'
import type { BandLimit, StageRate } from './parameters/premium'
import {
  FINAL_WITHHOLDING_MONTHS,
  NATIONAL_STANDARD_STAGES,
  PENSION_INCOME_BOUNDARY,
  PROVISIONAL_WITHHOLDING_MONTHS,
} from './parameters/premium'
import type { InstallmentRule } from './parameters/shinjuku'
import {
  SHINJUKU_BASE_PREMIUM,
  SHINJUKU_DIRECT_PAYMENT,
  SHINJUKU_FINAL_WITHHOLDING,
  SHINJUKU_PREMIUM_ROUNDING,
} from './parameters/shinjuku'
import { MONTHS_PER_YEAR, RATE_DENOMINATOR } from './parameters/units'
import { valueAt, versionAt } from './versioned'

/**
 * Rounding of premium amounts (端数処理, a ward rule 🔧):
 * - 'none': truncated below 1 yen only (国等の債権債務等の金額の端数計算に関する法律の例)
 * - 'floor10' / 'floor100': annual amount truncated below 10 / 100 yen
 * - 'monthlyCeil10': monthly amount (annual ÷ 12) rounded up to 10 yen, × 12
 */
export type RoundingRule = 'none' | 'floor10' | 'floor100' | 'monthlyCeil10'

/** An income band on 年金収入等 (upper limit inclusive, 以下; null = no limit). */
export interface PensionIncomeBand {
  readonly stage: number
  readonly upTo: number | null
}

/** An income band on 合計所得金額 (upper limit exclusive, 未満; null = no limit). */
export interface TotalIncomeBand {
  readonly stage: number
  readonly below: number | null
}

/**
 * A ward's stage table for one fiscal year: who falls in which stage, each stage's rate and the rounding rules.
 * Rates are integer 1/10,000 of `basePremium` (0.285 → 2,850). Bands are checked in order.
 */
export interface StageTable {
  readonly fiscalYear: number
  /** 基準額 (annual yen). */
  readonly basePremium: number
  /** Rounding of the annual amount. */
  readonly rounding: RoundingRule
  /** Rounding of a prorated (月割) amount; 'none' = 1円未満切捨て; 'monthlyCeil10' = ⌈annual/12⌉₁₀ × months. */
  readonly prorationRounding: RoundingRule
  /** The 年金収入等 boundary L used by the bands (informational). */
  readonly pensionIncomeBoundary: number
  /** Stage of 生活保護受給者. */
  readonly publicAssistanceStage: number
  /** Stage of 老齢福祉年金受給者 in a household where everyone is exempt. */
  readonly oldAgeWelfarePensionStage: number
  /** 世帯全員非課税 — bands on 年金収入等. */
  readonly householdExemptBands: readonly PensionIncomeBand[]
  /** 本人非課税・世帯に課税者 — bands on 年金収入等. */
  readonly householdTaxableBands: readonly PensionIncomeBand[]
  /** 本人課税 — bands on 合計所得金額. */
  readonly selfTaxableBands: readonly TotalIncomeBand[]
  readonly rates: readonly StageRate[]
}

/** Facts deciding the premium stage (as of the 賦課期日 4/1, or the acquisition date). */
export interface PremiumStageInput {
  readonly fiscalYear: number
  readonly onPublicAssistance: boolean
  /** Receives 老齢福祉年金. */
  readonly oldAgeWelfarePension: boolean
  /** The person is subject to municipal resident tax. */
  readonly selfTaxable: boolean
  /** Someone in the household is subject to municipal resident tax. */
  readonly householdTaxable: boolean
  /** 合計所得金額 (after the deductions of docs/sources/domain.md §3.2); negative is treated as 0. */
  readonly totalIncome: number
  /** 年金収入等 = 公的年金等の収入金額 + (合計所得金額 − 公的年金等に係る雑所得). */
  readonly pensionAndOtherIncome: number
}

function resolveLimit(limit: BandLimit, boundary: number): number | null {
  return limit === 'pensionIncomeBoundary' ? boundary : limit
}

/**
 * The 13 standard stages of 介護保険法施行令第38条 for a fiscal year (令和6年度〜), with the public-fund reduction
 * applied to stages 1–3 (0.285 / 0.485 / 0.685; 法第124条の2) and that year's 年金収入等 boundary L
 * (80万 FY2024 / 80.9万 FY2025 / 82.65万 FY2026, 令和8年政令第68号). Proration uses the same rounding.
 * Throws for fiscal years before the 13-stage structure (FY2024).
 */
export function nationalStandardStageTable(
  fiscalYear: number,
  basePremium: number,
  rounding: RoundingRule,
): StageTable {
  assertInteger(basePremium, 'basePremium', 0)
  const on = fiscalYearStart(fiscalYear)
  const template = versionAt(NATIONAL_STANDARD_STAGES, on, 'national standard stages').value
  const boundary = versionAt(PENSION_INCOME_BOUNDARY, on, 'pension income boundary').value
  const pensionBands = (bands: StageStructureBands): PensionIncomeBand[] =>
    bands.map((b) => ({ stage: b.stage, upTo: resolveLimit(b.upTo, boundary) }))
  return {
    fiscalYear,
    basePremium,
    rounding,
    prorationRounding: rounding,
    pensionIncomeBoundary: boundary,
    publicAssistanceStage: template.publicAssistanceStage,
    oldAgeWelfarePensionStage: template.oldAgeWelfarePensionStage,
    householdExemptBands: pensionBands(template.householdExemptBands),
    householdTaxableBands: pensionBands(template.householdTaxableBands),
    selfTaxableBands: template.selfTaxableBands.map((b) => ({ ...b })),
    rates: template.rates.map((r) => ({ ...r })),
  }
}

/**
 * ⚠️ Placeholder stage table for 新宿区: the national 13 standard stages (施行令第38条) with Shinjuku's 基準額
 * (年79,200円, 第9期 令和6〜8年度 [S22]) and the default rounding {@link SHINJUKU_PREMIUM_ROUNDING}. Shinjuku's own
 * 18-stage table (新宿区介護保険条例) has not been obtained: an administrator must load it, and the UI must flag this
 * default as unverified. Throws outside FY2024–2026 (no 基準額 for the 第10期 yet).
 */
export function shinjukuProvisionalStageTable(fiscalYear: number): StageTable {
  const base = valueAt(SHINJUKU_BASE_PREMIUM, fiscalYearStart(fiscalYear), 'Shinjuku base premium')
  return nationalStandardStageTable(fiscalYear, base, SHINJUKU_PREMIUM_ROUNDING)
}

type StageStructureBands = readonly { readonly stage: number; readonly upTo: BandLimit }[]

function stageByPensionIncome(bands: readonly PensionIncomeBand[], income: number): number {
  const band = bands.find((b) => b.upTo === null || income <= b.upTo)
  if (band === undefined) throw new RangeError(`stage table has no band for 年金収入等 ${income}`)
  return band.stage
}

/**
 * Premium stage (保険料段階) of a 第1号被保険者 under a stage table (介護保険法施行令第38条・第39条; ward ordinance).
 * Order: 生活保護 → 本人課税 (合計所得, 未満 bands) → 世帯課税 (年金収入等, 以下 bands) → 世帯全員非課税: 老齢福祉年金
 * → 年金収入等 bands. `selfTaxable` implies a taxable household. Throws if `fiscalYear` differs from the table's.
 */
export function premiumStage(input: PremiumStageInput, table: StageTable): number {
  assertInteger(input.fiscalYear, 'fiscalYear', 1)
  if (input.fiscalYear !== table.fiscalYear) {
    throw new RangeError(`input is for FY${input.fiscalYear} but the stage table is for FY${table.fiscalYear}`)
  }
  assertInteger(input.totalIncome, 'totalIncome')
  assertInteger(input.pensionAndOtherIncome, 'pensionAndOtherIncome')
  if (input.onPublicAssistance) return table.publicAssistanceStage
  if (input.selfTaxable) {
    const income = Math.max(0, input.totalIncome)
    const band = table.selfTaxableBands.find((b) => b.below === null || income < b.below)
    if (band === undefined) throw new RangeError(`stage table has no band for 合計所得金額 ${income}`)
    return band.stage
  }
  if (input.householdTaxable) return stageByPensionIncome(table.householdTaxableBands, input.pensionAndOtherIncome)
  if (input.oldAgeWelfarePension) return table.oldAgeWelfarePensionStage
  return stageByPensionIncome(table.householdExemptBands, input.pensionAndOtherIncome)
}

function roundRational(numerator: number, denominator: number, rule: RoundingRule): number {
  switch (rule) {
    case 'none':
      return floorDiv(numerator, denominator)
    case 'floor10':
      return floorDiv(numerator, mul(denominator, 10)) * 10
    case 'floor100':
      return floorDiv(numerator, mul(denominator, 100)) * 100
    case 'monthlyCeil10':
      return ceilDiv(numerator, mul(denominator, MONTHS_PER_YEAR * 10)) * 10 * MONTHS_PER_YEAR
  }
}

/**
 * Annual premium of a stage: 基準額 × the stage's rate (after the public-fund reduction when the stage has one),
 * then the table's rounding (介護保険法第129条; 施行令第38条; ward ordinance). Exact integer arithmetic:
 * 79,200 × 0.285 = 22,572; 59,400 × 0.285 = 16,929 → floor10 16,920.
 */
export function annualPremium(stage: number, table: StageTable): number {
  const rate = table.rates.find((r) => r.stage === stage)
  if (rate === undefined) throw new RangeError(`stage ${stage} is not in the FY${table.fiscalYear} stage table`)
  const numerator = mul(table.basePremium, rate.reducedRateBp ?? rate.rateBp)
  return roundRational(numerator, RATE_DENOMINATOR, table.rounding)
}

/**
 * Prorated premium (月割) for `months` liable months (0–12; see `liableMonths`): annual × months ÷ 12 rounded by
 * `table.prorationRounding` (🔧 ward ordinance; 'monthlyCeil10' = ⌈annual ÷ 12⌉ to 10 yen × months).
 * With 12 months a table-computed annual amount is returned unchanged.
 */
export function proratedPremium(annual: number, months: number, table: StageTable): number {
  assertInteger(annual, 'annual', 0)
  assertInteger(months, 'months', 0)
  if (months > MONTHS_PER_YEAR) throw new RangeError(`months must be ≤ 12, got ${months}`)
  if (table.prorationRounding === 'monthlyCeil10') return ceilDiv(annual, MONTHS_PER_YEAR * 10) * 10 * months
  return roundRational(mul(annual, months), MONTHS_PER_YEAR, table.prorationRounding)
}

/**
 * 普通徴収の期割: splits `amount` into `count` installments whose sum is `amount`. Every installment is the quotient
 * truncated to `rule.unit` yen and the remainder goes to the first (default) or last installment — the usual ordinance
 * wording (端数は最初の納期に合算). Default rule: {@link SHINJUKU_DIRECT_PAYMENT} (⚠️ unit 100, first).
 * 介護保険法第131条 (普通徴収), ward ordinance.
 */
export function directPaymentInstallments(
  amount: number,
  count: number,
  rule: InstallmentRule = SHINJUKU_DIRECT_PAYMENT.rule,
): number[] {
  assertInteger(amount, 'amount', 0)
  assertInteger(count, 'count', 1)
  assertInteger(rule.unit, 'unit', 1)
  const each = floorTo(floorDiv(amount, count), rule.unit)
  const installments = new Array<number>(count).fill(each)
  const at = rule.remainderTo === 'first' ? 0 : count - 1
  installments[at] = amount - each * (count - 1)
  return installments
}

/**
 * 本徴収 amounts for the October, December and February pension payments: (確定年額 − 仮徴収額の合計) ÷ 3
 * (介護保険法第135条〜第140条), split by `rule` (default {@link SHINJUKU_FINAL_WITHHOLDING}: ⚠️ 100-yen unit, remainder
 * to October). When the provisional payments already reach the annual amount, all three are 0 (the excess
 * `sum(provisionalPaid) − annual` is a refund, handled by the caller).
 */
export function finalWithholdingAmounts(
  annual: number,
  provisionalPaid: number[],
  rule: InstallmentRule = SHINJUKU_FINAL_WITHHOLDING,
): number[] {
  assertInteger(annual, 'annual', 0)
  if (provisionalPaid.length > PROVISIONAL_WITHHOLDING_MONTHS.length) {
    throw new RangeError(`at most 3 provisional withholdings (April, June, August), got ${provisionalPaid.length}`)
  }
  let paid = 0
  provisionalPaid.forEach((p, i) => {
    assertInteger(p, `provisionalPaid[${i}]`, 0)
    paid += p
  })
  const remaining = Math.max(0, annual - paid)
  return directPaymentInstallments(remaining, FINAL_WITHHOLDING_MONTHS.length, rule)
}
