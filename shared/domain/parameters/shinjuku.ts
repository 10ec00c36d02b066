/**
 * 新宿区 (insurer 13104x) defaults for the ward parameters. Callers pass ward parameters explicitly; these objects are
 * the shipped defaults until an administrator loads the ordinance values. Every figure that docs/sources/domain.md marks ⚠️ is
 * listed in {@link SHINJUKU_UNVERIFIED} so the UI can flag it as an unverified default.
 */
import type { Versioned } from '../versioned'

/** Where the remainder of an installment split goes. */
export type RemainderPlacement = 'first' | 'last'

/** How an amount is split into installments (期割). */
export interface InstallmentRule {
  /** Each installment except the one taking the remainder is a multiple of `unit` yen. */
  readonly unit: number
  /** Which installment takes the remainder (端数). */
  readonly remainderTo: RemainderPlacement
}

/** Shinjuku's late-charge method (延滞金), as published on the ward site [S35]. */
export interface LateChargeMethod {
  /** 計算基礎の保険料の端数切捨て単位 (1,000円未満切捨て). */
  readonly baseUnit: number
  /** No late charge when the premium is below this (2,000円未満は延滞金なし). */
  readonly minimumBase: number
  /** Rate A applies from the day after the due date until the day this many months have passed (3か月). */
  readonly earlyPeriodMonths: number
  /** Day-count denominator (365, also in leap years). */
  readonly daysPerYear: number
  /** 延滞金の端数切捨て単位 (100円未満切捨て). */
  readonly resultUnit: number
  /** Not collected when below this (1,000円未満は徴収しない). */
  readonly minimumCharge: number
  /**
   * Truncate each (rate, calendar year) part below 1 yen before adding (`true`), or add the exact parts and truncate
   * only the total (`false`, default: the ward's formula names no per-part truncation) ⚠️.
   */
  readonly truncatePerPeriod: boolean
}

/** Late-charge rates of one calendar year, in percent per year (A = early, B = late). */
export interface LateChargeRate {
  readonly year: number
  readonly early: number
  readonly late: number
}

/** Shinjuku base premium (基準額, annual) of the 第9期 plan (令和6〜8年度) [S10][S22]: 月額6,600円 = 年額79,200円. */
export const SHINJUKU_BASE_PREMIUM: readonly Versioned<number>[] = [
  { from: '2024-04-01', to: '2027-03-31', value: 79_200, source: '新宿区「第9期の介護保険料設定の考え方」[S22]' },
]

/** Number of premium stages of Shinjuku's 第9期 (18段階) [S10]. Rates/boundaries per stage: ⚠️ not yet obtained. */
export const SHINJUKU_STAGE_COUNT = 18

/**
 * Annual-amount rounding of Shinjuku ⚠️ (not published in the sources): default 'floor10' (年額10円未満切捨て),
 * the most common rule among the observed insurers [S7].
 */
export const SHINJUKU_PREMIUM_ROUNDING = 'floor10' as const

/**
 * 普通徴収: 原則 7月〜翌3月の9回 ✅[S10]. Split rule ⚠️: default = the usual ordinance wording "各納期の額に100円未満の
 * 端数があるとき、又はその額が100円未満であるときは、その端数金額又はその全額を最初の納期に合算する".
 */
export const SHINJUKU_DIRECT_PAYMENT = {
  installmentMonths: [7, 8, 9, 10, 11, 12, 1, 2, 3] as readonly number[],
  rule: { unit: 100, remainderTo: 'first' } as InstallmentRule,
}

/** 本徴収 split ⚠️: default 100円未満 to the October payment (docs/sources/domain.md §3.6 example). */
export const SHINJUKU_FINAL_WITHHOLDING: InstallmentRule = { unit: 100, remainderTo: 'first' }

/** Shinjuku late-charge method ✅[S35] (truncatePerPeriod ⚠️). */
export const SHINJUKU_LATE_CHARGE_METHOD: LateChargeMethod = {
  baseUnit: 1_000,
  minimumBase: 2_000,
  earlyPeriodMonths: 3,
  daysPerYear: 365,
  resultUnit: 100,
  minimumCharge: 1_000,
  truncatePerPeriod: false,
}

/**
 * Late-charge rates (延滞金特例基準割合 + 1 % / + 7.3 %; 地方税法附則第3条の2の例, [S37]).
 * 令和4〜6年 2.4 % / 8.7 % ✅[S35]; 令和7年 2.4 % / 8.7 %, 令和8年 2.8 % / 9.1 % ✅[S36].
 */
export const SHINJUKU_LATE_CHARGE_RATES: readonly LateChargeRate[] = [
  { year: 2022, early: 2.4, late: 8.7 },
  { year: 2023, early: 2.4, late: 8.7 },
  { year: 2024, early: 2.4, late: 8.7 },
  { year: 2025, early: 2.4, late: 8.7 },
  { year: 2026, early: 2.8, late: 9.1 },
]

/** Rounding of the 給付額減額期間 in months ⚠️ (施行規則 to be confirmed): default 'ceil' (1月未満切上げ). */
export const DEFAULT_BENEFIT_REDUCTION_ROUNDING = 'ceil' as const

/** Whether criterion ⑦ (うつ) of the basic checklist makes a person 事業対象者 ⚠️: default true (docs/sources/domain.md §7 list). */
export const DEFAULT_CHECKLIST_COUNTS_DEPRESSION = true

/** Keys of the shipped defaults that are unverified (⚠️) and must be flagged in the UI. */
export const SHINJUKU_UNVERIFIED: readonly string[] = [
  'insurerNumber (131045 computed by the check digit)',
  'premiumStageTable (18 stages: rates and boundaries not obtained; national 13 stages used as placeholder)',
  'premiumRounding (floor10)',
  'pensionIncomeBoundary FY2026 (施行令 826,500; ward adoption unconfirmed)',
  'directPayment.rule (100-yen unit, remainder to the first installment)',
  'directPayment due dates (month ends?)',
  'finalWithholding rule (100-yen unit, remainder to October)',
  'lateCharge.truncatePerPeriod (false)',
  'benefitReductionRounding (ceil)',
  'checklistCountsDepression (true)',
]

/** 新宿区の保険者番号 ⚠️ (13104 + check digit 5; to be confirmed against the national insurer list). */
export const SHINJUKU_INSURER_NUMBER = '131045'

/** 新宿区 = 1級地 (告示第93号: 東京都特別区, 令和6〜8年度) ✅[S46]. */
export const SHINJUKU_REGION_GRADE = 1
