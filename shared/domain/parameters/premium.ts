/**
 * National premium parameters for 第1号被保険者 (介護保険法第129条; 介護保険法施行令第38条・第39条).
 * Fiscal-year tables are keyed by the first day of the fiscal year (YYYY-04-01).
 */
import type { Versioned } from '../versioned'

/** A band limit: yen, the year's 年金収入等 boundary L, or no limit. */
export type BandLimit = number | 'pensionIncomeBoundary' | null

/** Rate of one stage in 1/10,000 of the base premium (see parameters/units.ts RATE_DENOMINATOR). */
export interface StageRate {
  readonly stage: number
  /** Standard rate, e.g. 0.455 → 4,550. */
  readonly rateBp: number
  /** Rate after the public-fund reduction (公費による軽減), e.g. 0.285 → 2,850. */
  readonly reducedRateBp?: number
}

/** The stage structure of 施行令第38条 with L left symbolic. */
export interface StageStructureTemplate {
  readonly publicAssistanceStage: number
  readonly oldAgeWelfarePensionStage: number
  /** 世帯全員非課税: bands on 年金収入等, upper limits inclusive (以下). */
  readonly householdExemptBands: readonly { readonly stage: number; readonly upTo: BandLimit }[]
  /** 本人非課税・世帯課税: bands on 年金収入等, upper limits inclusive (以下). */
  readonly householdTaxableBands: readonly { readonly stage: number; readonly upTo: BandLimit }[]
  /** 本人課税: bands on 合計所得金額, upper limits exclusive (未満). */
  readonly selfTaxableBands: readonly { readonly stage: number; readonly below: number | null }[]
  readonly rates: readonly StageRate[]
}

/**
 * 年金収入等 boundary L of the standard stages 1/2 and 4/5 (介護保険法施行令第38条第1項第1号・第4号).
 * Linked to the full 老齢基礎年金 amount (介護保険部会 第126回 資料3, 2025-10-09).
 */
export const PENSION_INCOME_BOUNDARY: readonly Versioned<number>[] = [
  // 令和6年度: 80万円 (施行令第38条, 令和6年4月1日施行の13段階化; docs/sources/domain.md [S1])
  { from: '2024-04-01', to: '2025-03-31', value: 800_000, source: '介護保険法施行令第38条第1項 (令和6年度) [S1]' },
  // 令和7年度: 80.9万円 (令和6年中の老齢基礎年金満額 809,000円; 施行令第38条 令和7年4月1日施行; [S1][S3])
  { from: '2025-04-01', to: '2026-03-31', value: 809_000, source: '介護保険法施行令第38条第1項 (令和7年度) [S1][S3]' },
  // 令和8年度: 82.65万円 (令和8年政令第68号, 2026-04-01施行; [S1][S3])
  { from: '2026-04-01', value: 826_500, source: '介護保険法施行令第38条第1項 (令和8年政令第68号) [S1][S3]' },
]

/**
 * The 13 standard stages (令和6年度〜). Standard rates: 施行令第38条第1項; public-fund reductions 0.17/0.20/0.005
 * (介護保険法第124条の2; 施行令第38条, [S1]) giving 0.285/0.485/0.685. Income bands: 120万 (stage 2/3),
 * 合計所得 120万/210万/320万/420万/520万/620万/720万 (stages 6–13).
 */
export const NATIONAL_STANDARD_STAGES: readonly Versioned<StageStructureTemplate>[] = [
  {
    from: '2024-04-01',
    source: '介護保険法施行令第38条第1項・第124条の2による軽減 (令和6年度〜) [S1][S2][S24]',
    value: {
      publicAssistanceStage: 1,
      oldAgeWelfarePensionStage: 1,
      householdExemptBands: [
        { stage: 1, upTo: 'pensionIncomeBoundary' },
        { stage: 2, upTo: 1_200_000 },
        { stage: 3, upTo: null },
      ],
      householdTaxableBands: [
        { stage: 4, upTo: 'pensionIncomeBoundary' },
        { stage: 5, upTo: null },
      ],
      selfTaxableBands: [
        { stage: 6, below: 1_200_000 },
        { stage: 7, below: 2_100_000 },
        { stage: 8, below: 3_200_000 },
        { stage: 9, below: 4_200_000 },
        { stage: 10, below: 5_200_000 },
        { stage: 11, below: 6_200_000 },
        { stage: 12, below: 7_200_000 },
        { stage: 13, below: null },
      ],
      rates: [
        { stage: 1, rateBp: 4_550, reducedRateBp: 2_850 },
        { stage: 2, rateBp: 6_850, reducedRateBp: 4_850 },
        { stage: 3, rateBp: 6_900, reducedRateBp: 6_850 },
        { stage: 4, rateBp: 9_000 },
        { stage: 5, rateBp: 10_000 },
        { stage: 6, rateBp: 12_000 },
        { stage: 7, rateBp: 13_000 },
        { stage: 8, rateBp: 15_000 },
        { stage: 9, rateBp: 17_000 },
        { stage: 10, rateBp: 19_000 },
        { stage: 11, rateBp: 21_000 },
        { stage: 12, rateBp: 23_000 },
        { stage: 13, rateBp: 24_000 },
      ],
    },
  },
]

/**
 * 本徴収 (final withholding) happens at the October, December and February pension payments
 * (介護保険法第135条〜第140条; 年金の定期払い 年6回 = 4・6・8・10・12・2月). Their count splits the remaining annual amount.
 */
export const FINAL_WITHHOLDING_MONTHS: readonly number[] = [10, 12, 2]

/** 仮徴収 (provisional withholding) happens at the April, June and August pension payments (介護保険法第140条). */
export const PROVISIONAL_WITHHOLDING_MONTHS: readonly number[] = [4, 6, 8]

/**
 * 所得の10万円控除 for premiums (令和3年度〜): from 合計所得金額, up to 100,000 yen of the total of 給与所得 and 公的年金等に
 * 係る雑所得 is deducted; for the 年金収入等 of stages 1–5, up to 100,000 yen of 給与所得 is deducted from the "other"
 * income (介護保険法施行令第22条の2第2項, 第38条第4項; docs/sources/domain.md §3.2 [S25][S26]).
 */
export const PREMIUM_INCOME_DEDUCTION: readonly Versioned<number>[] = [
  { from: '2021-04-01', value: 100_000, source: '介護保険法施行令第38条第4項 (令和3年度〜) [S25][S26]' },
]

/**
 * 賦課権の期間制限: an assessment may not be made or corrected after 2 years, counted from the day after the year's
 * first due date (for someone who becomes insured during the year, from the day after acquisition) (介護保険法第200条の2;
 * docs/sources/domain.md §3.4 [S32]). In months.
 */
export const ASSESSMENT_RIGHT_MONTHS = 24
