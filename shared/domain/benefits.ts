/**
 * 給付 — caps, unit prices, cost split, co-payment rate, high-cost caps and facility cost relief.
 */
import { assertInteger, floorDiv, mul } from './arith'
import type { IsoDate } from './dates'
import { assertIsoDate } from './dates'
import type { BenefitLevel, FacilityReliefStage, PersonnelRatio, RoomType } from './parameters/benefits'
import {
  COPAY_THRESHOLDS,
  FACILITY_RELIEF_AMOUNTS,
  FACILITY_RELIEF_THRESHOLDS,
  HIGH_COST_CAPS,
  MONTHLY_BENEFIT_CAPS,
  RELIEF_PENSION_INCOME_BOUNDARY,
  UNIT_PRICE_RATIOS,
} from './parameters/benefits'
import { SEN_PER_YEN } from './parameters/units'
import { valueAt } from './versioned'

/**
 * 区分支給限度基準額 in units per month (介護保険法第43条・第55条; 平成12年厚生省告示第33号):
 * support1 5,032 … care5 36,217, transitionalCare 6,150. `on` (the service month) selects the version in force.
 */
export function monthlyBenefitCap(level: BenefitLevel, on: IsoDate): number {
  const caps = valueAt(MONTHLY_BENEFIT_CAPS, on, 'monthly benefit caps')
  const cap = caps[level]
  if (cap === undefined) throw new RangeError(`unknown level ${String(level)}`)
  return cap
}

/**
 * Price of one unit in integer 銭 (1/100 yen): 10円 × the 告示 ratio (厚生労働大臣が定める一単位の単価, 平成27年厚生労働省
 * 告示第93号). `regionGrade` 1–7 (1 = 東京都特別区), 8 = その他; `personnelRatio` 70/55/45 %, 0 = no uplift.
 * 1級地: 1,140 / 1,110 / 1,090 / 1,000 (11.40円 …). `on` (the service date) selects the version in force.
 */
export function unitPrice(regionGrade: number, personnelRatio: PersonnelRatio, on: IsoDate): number {
  const table = valueAt(UNIT_PRICE_RATIOS, on, 'unit price ratios')
  const grade = table[regionGrade]
  if (grade === undefined) throw new RangeError(`regionGrade must be 1–8, got ${regionGrade}`)
  const ratio = grade[personnelRatio]
  if (ratio === undefined) throw new RangeError(`personnelRatio must be 70, 55, 45 or 0, got ${personnelRatio}`)
  return ratio
}

/**
 * Service cost in yen: units × unit price (銭), truncated below 1 yen (介護給付費の算定基準の告示: 単位数×単価の
 * 1円未満切捨て [S45]). E.g. 123 units × 10.90円 = 1,340.7 → 1,340.
 */
export function serviceCost(units: number, unitPrice: number): number {
  assertInteger(units, 'units', 0)
  assertInteger(unitPrice, 'unitPrice (銭)', 0)
  return floorDiv(mul(units, unitPrice), SEN_PER_YEN)
}

/**
 * Splits a service cost: insurer = cost × (10 − copayRate) ÷ 10 truncated below 1 yen, user = the rest
 * (介護保険法第41条第4項・第49条の2・第69条 — 給付率; 国保連請求の端数処理 ⚠️ docs/sources/domain.md §5.2). copayRate in tenths (4 =
 * during a 給付額減額 for a 3割 person).
 */
export function splitCost(cost: number, copayRate: 1 | 2 | 3 | 4): { insurer: number; user: number } {
  assertInteger(cost, 'cost', 0)
  if (![1, 2, 3, 4].includes(copayRate)) throw new RangeError(`copayRate must be 1–4, got ${String(copayRate)}`)
  const insurer = floorDiv(mul(cost, 10 - copayRate), 10)
  return { insurer, user: cost - insurer }
}

/** Facts deciding the co-payment rate (判定: 前年所得, 8/1〜7/31). */
export interface CopayRateInput {
  readonly category: 1 | 2
  readonly onPublicAssistance: boolean
  readonly residentTaxExempt: boolean
  /** 本人の合計所得金額. */
  readonly totalIncome: number
  /** Number of 65+ persons (第1号被保険者) in the household, the person included. */
  readonly over65InHousehold: number
  /** Sum over those persons of 年金収入 + その他の合計所得金額. */
  readonly householdPensionAndOtherIncome: number
}

/**
 * 利用者負担割合 in tenths (介護保険法第49条の2・第59条の2; 施行令第22条の2・第29条の2): 3 when 合計所得 ≥ 220万 AND the
 * household's 年金収入＋その他の合計所得 ≥ 340万 (one 65+ person) / 463万 (two or more); otherwise 2 when 合計所得 ≥ 160万
 * AND ≥ 280万 / 346万; otherwise 1. Always 1 for 第2号, 生活保護 and 住民税非課税. `on` (the day judged) selects the version
 * in force (thresholds since 2018-08-01).
 */
export function copayRate(input: CopayRateInput, on: IsoDate): 1 | 2 | 3 {
  assertInteger(input.totalIncome, 'totalIncome')
  assertInteger(input.householdPensionAndOtherIncome, 'householdPensionAndOtherIncome')
  assertInteger(input.over65InHousehold, 'over65InHousehold', 1)
  if (input.category === 2 || input.onPublicAssistance || input.residentTaxExempt) return 1
  const t = valueAt(COPAY_THRESHOLDS, on, 'copay thresholds')
  const single = input.over65InHousehold === 1
  const household = input.householdPensionAndOtherIncome
  if (
    input.totalIncome >= t.threeTenthsTotalIncome &&
    household >= (single ? t.threeTenthsSingle : t.threeTenthsMulti)
  ) {
    return 3
  }
  if (input.totalIncome >= t.twoTenthsTotalIncome && household >= (single ? t.twoTenthsSingle : t.twoTenthsMulti)) {
    return 2
  }
  return 1
}

function monthStart(serviceMonth: IsoDate | string): IsoDate {
  const on = /^\d{4}-\d{2}$/.test(serviceMonth) ? `${serviceMonth}-01` : serviceMonth
  assertIsoDate(on, 'serviceMonth')
  return `${on.slice(0, 7)}-01`
}

/** Facts deciding the 高額介護サービス費 cap (judged on the first day of the service month). */
export interface HighCostCapInput {
  /** 'YYYY-MM' or any ISO date in the month. */
  readonly serviceMonth: IsoDate
  readonly onPublicAssistance: boolean
  readonly householdAllExempt: boolean
  readonly oldAgeWelfarePension: boolean
  /** 公的年金等の収入 + その他の合計所得金額 — excluding non-taxable pensions. */
  readonly pensionAndOtherIncome: number
  /** Largest 課税所得 among the household's 65+ members (after the 年少扶養控除 adjustment). */
  readonly householdMaxTaxableIncome: number
}

/**
 * 高額介護（予防）サービス費の負担上限額 per month (介護保険法第51条・第61条; 施行令第22条の2の2・第29条の2の2):
 * 生活保護 15,000 (individual; household also 15,000); 世帯全員非課税 24,600, with an individual cap of 15,000 when
 * 年金収入等 ≤ L' (80.9万 → 82.65万 from 2026-08-01) or 老齢福祉年金; taxable households by the largest 課税所得:
 * ≥ 690万 140,100, ≥ 380万 93,000, else 44,400. 境界層 reductions are not modelled.
 */
export function highCostCap(input: HighCostCapInput): { household: number; individual?: number } {
  const on = monthStart(input.serviceMonth)
  assertInteger(input.pensionAndOtherIncome, 'pensionAndOtherIncome')
  assertInteger(input.householdMaxTaxableIncome, 'householdMaxTaxableIncome')
  const caps = valueAt(HIGH_COST_CAPS, on, 'high-cost caps')
  if (input.onPublicAssistance) return { household: caps.publicAssistance, individual: caps.publicAssistance }
  if (input.householdAllExempt) {
    const boundary = valueAt(RELIEF_PENSION_INCOME_BOUNDARY, on, "pension income boundary L'")
    if (input.oldAgeWelfarePension || input.pensionAndOtherIncome <= boundary) {
      return { household: caps.householdExempt, individual: caps.lowIncomeIndividual }
    }
    return { household: caps.householdExempt }
  }
  if (input.householdMaxTaxableIncome >= caps.taxableIncome690) return { household: caps.taxable690 }
  if (input.householdMaxTaxableIncome >= caps.taxableIncome380) return { household: caps.taxable380 }
  return { household: caps.taxableGeneral }
}

/** Facts deciding the 補足給付 stage. */
export interface FacilityReliefStageInput {
  readonly serviceDate: IsoDate
  readonly category: 1 | 2
  readonly onPublicAssistance: boolean
  /** Everyone in the household (and a spouse in another household) is exempt from resident tax. */
  readonly householdAllExempt: boolean
  readonly oldAgeWelfarePension: boolean
  /** 年金収入等 including non-taxable pensions (遺族・障害). */
  readonly pensionAndOtherIncome: number
  /** 預貯金等 (of the couple when married). */
  readonly savings: number
  readonly married: boolean
}

/**
 * 特定入所者介護サービス費 (補足給付) stage (介護保険法第51条の3; 施行規則第83条の5): 生活保護 → 1 (no asset test);
 * otherwise only when the household is all exempt: 老齢福祉年金 → 1, 年金収入等 ≤ L' (80.9万; 82.65万 from
 * 2026-08-01) → 2, ≤ 120万 → '3-1', else '3-2'; then the savings test (以下) — single/couple 1,000/2,000万,
 * 650/1,650万, 550/1,550万, 500/1,500万; 第2号 1,000/2,000万 at every stage. null = not eligible.
 */
export function facilityReliefStage(input: FacilityReliefStageInput): FacilityReliefStage | null {
  assertIsoDate(input.serviceDate, 'serviceDate')
  assertInteger(input.pensionAndOtherIncome, 'pensionAndOtherIncome')
  assertInteger(input.savings, 'savings')
  if (input.onPublicAssistance) return 1
  if (!input.householdAllExempt) return null
  const t = valueAt(FACILITY_RELIEF_THRESHOLDS, input.serviceDate, 'facility relief thresholds')
  const boundary = valueAt(RELIEF_PENSION_INCOME_BOUNDARY, input.serviceDate, "pension income boundary L'")
  let stage: FacilityReliefStage
  if (input.oldAgeWelfarePension) stage = 1
  else if (input.pensionAndOtherIncome <= boundary) stage = 2
  else if (input.pensionAndOtherIncome <= t.stage31UpTo) stage = '3-1'
  else stage = '3-2'
  const limits = input.category === 2 ? t.category2SavingsLimits : t.savingsLimits[stage]
  const limit = input.married ? limits[1] : limits[0]
  return input.savings <= limit ? stage : null
}

/** Daily food and room amounts of 補足給付. */
export interface FacilityReliefDailyAmounts {
  /** 食費の基準費用額. */
  baseFood: number
  /** 食費の負担限度額 (the user's daily limit). */
  food: number
  /** 居住費の基準費用額. */
  baseRoom: number
  /** 居住費の負担限度額. */
  room: number
}

/**
 * 基準費用額 and 負担限度額 per day for a stage, date and room type (介護保険法第51条の3第2項; 厚生労働大臣告示;
 * 令和8年厚生労働省告示第88号 from 2026-08-01). `setting` selects the food row: 'facility' (default) or 'shortStay'
 * (短期入所). Benefit per day = (base − limit).
 */
export function facilityReliefDailyAmounts(
  stage: FacilityReliefStage,
  serviceDate: IsoDate,
  roomType: RoomType,
  setting: 'facility' | 'shortStay' = 'facility',
): FacilityReliefDailyAmounts {
  const amounts = valueAt(FACILITY_RELIEF_AMOUNTS, serviceDate, 'facility relief amounts')
  const food = setting === 'shortStay' ? amounts.foodShortStay : amounts.food
  const room = amounts.rooms[roomType]
  if (room === undefined) throw new RangeError(`unknown roomType ${String(roomType)}`)
  const foodLimit = food.limits[stage]
  if (foodLimit === undefined) throw new RangeError(`unknown stage ${String(stage)}`)
  return { baseFood: food.base, food: foodLimit, baseRoom: room.base, room: room.limits[stage] }
}
