/**
 * National benefit parameters: caps, unit prices, co-payment thresholds, high-cost caps and facility relief.
 */
import type { Versioned } from '../versioned'

/** 要介護状態区分等 used for the monthly cap. */
export type BenefitLevel =
  'support1' | 'support2' | 'care1' | 'care2' | 'care3' | 'care4' | 'care5' | 'transitionalCare'

/**
 * 区分支給限度基準額 (units per month): 平成12年厚生省告示第33号, last amended by 平成31年厚生労働省告示第101号
 * (applied from 2019-10-01); unchanged by the R6 and R8 fee revisions ✅[S3][S44].
 */
export const MONTHLY_BENEFIT_CAPS: readonly Versioned<Readonly<Record<BenefitLevel, number>>>[] = [
  {
    from: '2019-10-01',
    source: '平成12年厚生省告示第33号 (平成31年厚生労働省告示第101号による改正) [S3][S44]',
    value: {
      support1: 5_032,
      support2: 10_531,
      care1: 16_765,
      care2: 19_705,
      care3: 27_048,
      care4: 30_938,
      care5: 36_217,
      transitionalCare: 6_150,
    },
  },
]

/** 人件費割合 (%) of a service type: 70 / 55 / 45, or 0 for services without regional uplift. */
export type PersonnelRatio = 70 | 55 | 45 | 0

/**
 * 1単位の単価 ratios in 千分の (per mille) by 級地 (1–7; 8 = その他) and 人件費割合: 厚生労働大臣が定める一単位の単価
 * (平成27年厚生労働省告示第93号, 令和6年厚生労働省告示第86号による改正, 2024-04-01〜) ✅[S3][S45][S46].
 * A 10-yen unit × ratio‰ gives the unit price in 銭 equal to the per-mille figure (11.40円 = 1,140銭).
 */
export const UNIT_PRICE_RATIOS: readonly Versioned<
  Readonly<Record<number, Readonly<Record<PersonnelRatio, number>>>>
>[] = [
  {
    from: '2024-04-01',
    source: '平成27年厚生労働省告示第93号 (令和6年厚生労働省告示第86号) [S3][S46]',
    value: {
      1: { 70: 1_140, 55: 1_110, 45: 1_090, 0: 1_000 },
      2: { 70: 1_112, 55: 1_088, 45: 1_072, 0: 1_000 },
      3: { 70: 1_105, 55: 1_083, 45: 1_068, 0: 1_000 },
      4: { 70: 1_084, 55: 1_066, 45: 1_054, 0: 1_000 },
      5: { 70: 1_070, 55: 1_055, 45: 1_045, 0: 1_000 },
      6: { 70: 1_042, 55: 1_033, 45: 1_027, 0: 1_000 },
      7: { 70: 1_021, 55: 1_017, 45: 1_014, 0: 1_000 },
      8: { 70: 1_000, 55: 1_000, 45: 1_000, 0: 1_000 },
    },
  },
]

/** Thresholds of the 2割/3割 co-payment (介護保険法第49条の2, 第59条の2; 施行令第22条の2・第22条の2の2). */
export interface CopayThresholds {
  /** 3割: 合計所得金額 ≥ this … */
  readonly threeTenthsTotalIncome: number
  /** … and 年金収入＋その他の合計所得金額 ≥ this (one 65+ person in the household) / (two or more). */
  readonly threeTenthsSingle: number
  readonly threeTenthsMulti: number
  /** 2割: 合計所得金額 ≥ this … */
  readonly twoTenthsTotalIncome: number
  readonly twoTenthsSingle: number
  readonly twoTenthsMulti: number
}

/** 2割 since 2015-08-01 (平成26年改正), 3割 since 2018-08-01 (平成29年改正) ✅[S21][S47][S3]. */
export const COPAY_THRESHOLDS: readonly Versioned<CopayThresholds>[] = [
  {
    from: '2018-08-01',
    source: '介護保険法施行令第22条の2第1項・第3項 (平成30年8月〜) [S21][S47][S3]',
    value: {
      threeTenthsTotalIncome: 2_200_000,
      threeTenthsSingle: 3_400_000,
      threeTenthsMulti: 4_630_000,
      twoTenthsTotalIncome: 1_600_000,
      twoTenthsSingle: 2_800_000,
      twoTenthsMulti: 3_460_000,
    },
  },
]

/** 高額介護（予防）サービス費 monthly caps (介護保険法第51条; 施行令第22条の2の2) ✅[S48][S3] (Vol.997). */
export interface HighCostCaps {
  /** 課税所得690万円以上 (household). */
  readonly taxable690: number
  /** 課税所得380万円以上690万円未満. */
  readonly taxable380: number
  /** 市町村民税課税〜課税所得380万円未満. */
  readonly taxableGeneral: number
  /** 世帯全員が市町村民税非課税 (household). */
  readonly householdExempt: number
  /** 年金収入等 ≤ L' or 老齢福祉年金 — individual cap. */
  readonly lowIncomeIndividual: number
  /** 生活保護受給者等 (individual). */
  readonly publicAssistance: number
  /** 課税所得 boundaries. */
  readonly taxableIncome690: number
  readonly taxableIncome380: number
}

export const HIGH_COST_CAPS: readonly Versioned<HighCostCaps>[] = [
  {
    from: '2021-08-01',
    source: '介護保険法施行令第22条の2の2 (令和3年8月1日サービス分〜; 介護保険最新情報Vol.997) [S3][S48]',
    value: {
      taxable690: 140_100,
      taxable380: 93_000,
      taxableGeneral: 44_400,
      householdExempt: 24_600,
      lowIncomeIndividual: 15_000,
      publicAssistance: 15_000,
      taxableIncome690: 6_900_000,
      taxableIncome380: 3_800_000,
    },
  },
]

/**
 * 年金収入等 boundary L' for 高額介護 (施行令第22条の2の2第9項) and 補足給付 (施行規則第83条の5).
 * 80.9万 until 2026-07-31; 82.65万 from 2026-08-01 (令和8年政令第219号 / 令和8年厚生労働省令第105号) ✅[S3].
 * ⚠️ The start of the 80.9万 version (2025-08-01) is inferred (docs/sources/domain.md gives "〜2026-07-31" only); earlier dates
 * have no version and throw.
 */
export const RELIEF_PENSION_INCOME_BOUNDARY: readonly Versioned<number>[] = [
  {
    from: '2025-08-01',
    to: '2026-07-31',
    value: 809_000,
    unverified: true,
    source: '介護保険法施行令第22条の2の2第9項; 施行規則第83条の5 (〜2026-07-31) [S3]; start date ⚠️',
  },
  {
    from: '2026-08-01',
    value: 826_500,
    source: '令和8年政令第219号; 令和8年厚生労働省令第105号 (2026-08-01〜) [S3]',
  },
]

/** 補足給付 stage. */
export type FacilityReliefStage = 1 | 2 | '3-1' | '3-2'

/** Facility relief thresholds (施行規則第83条の5) ✅[S3][S49]. */
export interface FacilityReliefThresholds {
  /** 第3段階① / ② boundary on 年金収入等 (以下). */
  readonly stage31UpTo: number
  /** 預貯金等 limits (以下) by stage: [single, couple]. */
  readonly savingsLimits: Readonly<Record<FacilityReliefStage, readonly [number, number]>>
  /** 第2号被保険者: [single, couple] regardless of stage. */
  readonly category2SavingsLimits: readonly [number, number]
}

export const FACILITY_RELIEF_THRESHOLDS: readonly Versioned<FacilityReliefThresholds>[] = [
  {
    from: '2021-08-01',
    source: '介護保険法施行規則第83条の5 (令和3年8月〜の預貯金要件) [S3][S49]',
    value: {
      stage31UpTo: 1_200_000,
      savingsLimits: {
        1: [10_000_000, 20_000_000],
        2: [6_500_000, 16_500_000],
        '3-1': [5_500_000, 15_500_000],
        '3-2': [5_000_000, 15_000_000],
      },
      category2SavingsLimits: [10_000_000, 20_000_000],
    },
  },
]

/** Room types of the 居住費. */
export type RoomType =
  | 'multiBedTokuyou'
  | 'multiBedRokenWithFee'
  | 'multiBedRokenNoFee'
  | 'conventionalTokuyou'
  | 'conventionalRoken'
  | 'unitSemiPrivate'
  | 'unitPrivate'

/** A base cost (基準費用額) and the daily limit (負担限度額) per stage. */
export interface ReliefRow {
  readonly base: number
  readonly limits: Readonly<Record<FacilityReliefStage, number>>
}

export interface FacilityReliefAmounts {
  readonly food: ReliefRow
  readonly foodShortStay: ReliefRow
  readonly rooms: Readonly<Record<RoomType, ReliefRow>>
}

const row = (base: number, s1: number, s2: number, s31: number, s32: number): ReliefRow => ({
  base,
  limits: { 1: s1, 2: s2, '3-1': s31, '3-2': s32 },
})

/**
 * Daily amounts (円/日): 基準費用額 and 負担限度額 set by 厚生労働大臣告示 under 介護保険法第51条の3第2項・第4項.
 * Version 2024-08-01 (居住費基準費用額 +60円, 令和6年8月 [S51]) ✅[S3][S50];
 * version 2026-08-01 (令和8年厚生労働省告示第88号: 食費基準 1,545, 第3段階の引上げ) ✅[S3].
 */
export const FACILITY_RELIEF_AMOUNTS: readonly Versioned<FacilityReliefAmounts>[] = [
  {
    from: '2024-08-01',
    to: '2026-07-31',
    source: '介護保険法第51条の3 基準費用額・負担限度額告示 (令和6年8月〜) [S3][S50][S51]',
    value: {
      food: row(1_445, 300, 390, 650, 1_360),
      foodShortStay: row(1_445, 300, 600, 1_000, 1_300),
      rooms: {
        multiBedTokuyou: row(915, 0, 430, 430, 430),
        multiBedRokenWithFee: row(697, 0, 430, 430, 430),
        multiBedRokenNoFee: row(437, 0, 430, 430, 430),
        conventionalTokuyou: row(1_231, 380, 480, 880, 880),
        conventionalRoken: row(1_728, 550, 550, 1_370, 1_370),
        unitSemiPrivate: row(1_728, 550, 550, 1_370, 1_370),
        unitPrivate: row(2_066, 880, 880, 1_370, 1_370),
      },
    },
  },
  {
    from: '2026-08-01',
    source: '令和8年厚生労働省告示第88号 (介護保険最新情報Vol.1481, 2026-08-01〜) [S3]',
    value: {
      food: row(1_545, 300, 390, 680, 1_420),
      foodShortStay: row(1_545, 300, 600, 1_030, 1_360),
      rooms: {
        multiBedTokuyou: row(915, 0, 430, 430, 530),
        multiBedRokenWithFee: row(697, 0, 430, 430, 530),
        multiBedRokenNoFee: row(437, 0, 430, 430, 430),
        conventionalTokuyou: row(1_231, 380, 480, 880, 980),
        conventionalRoken: row(1_728, 550, 550, 1_370, 1_470),
        unitSemiPrivate: row(1_728, 550, 550, 1_370, 1_470),
        unitPrivate: row(2_066, 880, 880, 1_370, 1_470),
      },
    },
  },
]
