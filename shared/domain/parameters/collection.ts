/**
 * Collection and arrears figures fixed by national law.
 */

/** 保険料等を徴収する権利は2年を経過したときは時効によって消滅する (介護保険法第200条第1項). In months. */
export const LIMITATION_MONTHS = 24

/**
 * 支払方法の変更 (償還払い化): 納期限から1年が経過するまでに納付しない場合 (介護保険法第66条; 施行規則第99条).
 * 保険給付の一時差止: 1年6月 (介護保険法第67条; 施行規則第103条). In months.
 */
export const REIMBURSEMENT_ONLY_AFTER_MONTHS = 12
export const SUSPENSION_AFTER_MONTHS = 18

/**
 * 給付額減額期間 = X² ÷ (X + Y) × 1/2 × 12 = 6X² ÷ (X + Y) months (介護保険法第69条; 施行規則第113条, [S43]).
 * Held as numerator/denominator of the constant factor (1/2 × 12 = 6/1).
 */
export const BENEFIT_REDUCTION_FACTOR = { numerator: 6, denominator: 1 } as const

/** 給付額減額中の利用者負担割合 (tenths): 1・2割 → 3割, 3割 → 4割 (介護保険法第69条; 施行令第30条の2 [S39][S40]). */
export const REDUCED_COPAY_RATE: Readonly<Record<1 | 2 | 3, 3 | 4>> = { 1: 3, 2: 3, 3: 4 }
