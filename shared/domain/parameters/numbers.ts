/**
 * 保険者番号の検証番号: weights 2, 1, 2, 1 … from the rightmost digit, modulus 10 (same rule as the medical-insurance
 * insurer number; [S17]).
 */
export const CHECK_DIGIT_WEIGHTS: readonly number[] = [2, 1]
export const CHECK_DIGIT_MODULUS = 10
