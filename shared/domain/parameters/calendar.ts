/**
 * Calendar constants fixed by law.
 */

/** 会計年度は4月1日に始まり翌年3月31日に終わる (地方自治法第208条第1項). */
export const FISCAL_YEAR_START_MONTH = 4

/** 日本の標準時は協定世界時より9時間進んだ時刻 (JST = UTC+9; daylight saving time is not used). */
export const JAPAN_UTC_OFFSET_HOURS = 9

/** The year of the Unix epoch (1970-01-01T00:00:00Z), from which a JavaScript instant counts its milliseconds. */
export const UNIX_EPOCH_YEAR = 1970

/** Milliseconds in an hour (JavaScript time has no leap seconds). */
export const MILLISECONDS_PER_HOUR = 3_600_000
