/**
 * Calendar constants fixed by law.
 */

/** 会計年度は4月1日に始まり翌年3月31日に終わる (地方自治法第208条第1項). */
export const FISCAL_YEAR_START_MONTH = 4
