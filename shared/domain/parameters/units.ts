/**
 * Fixed unit conversions used by the domain code. These are not dated figures (they never change by law); they live
 * here so that the rule modules contain no large numeric literals and the literal scan
 * (tests/unit/shared/domain/parameters.test.ts) stays strict.
 */

/** Stage rates are integer fractions of the base premium in 1/10,000 (0.285 → 2,850). */
export const RATE_DENOMINATOR = 10_000

/** Unit prices are integer 銭 (1/100 yen): 11.40 円 → 1,140. */
export const SEN_PER_YEN = 100

/** Per-mille ratios of 告示第93号 (千分の千百四十 → 1,140) map 1:1 onto 銭 for a 10-yen unit. */
export const PER_MILLE = 1_000

/** Percent rates are held as integer hundredths of a percent (2.4 % → 240); 100 % = 10,000. */
export const PERCENT_HUNDREDTHS_DENOMINATOR = 10_000

/** Years (給付額減額の期間) are held as integer thousandths of a year (1.511 年 → 1,511). */
export const YEAR_THOUSANDTHS = 1_000

/** cm² per m² (BMI = kg / m²). */
export const SQUARE_CM_PER_SQUARE_M = 10_000

/** Months in a year. */
export const MONTHS_PER_YEAR = 12
