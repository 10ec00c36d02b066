/**
 * 休日 and business days. The national holidays (国民の祝日に関する法律: 祝日, 振替休日, 国民の休日) come from the
 * maintained package `@holiday-jp/holiday_jp` (MIT; updated when the Cabinet Office publishes the next year), never
 * from a hand-typed list. Two calendars:
 * - 'municipal': the ward's 休日 of 地方自治法第4条の2第1項 (新宿区の休日を定める条例) — 日曜日・土曜日, 国民の祝日に
 *   関する法律の休日, and 12月29日〜翌年1月3日. A 期限 falling on such a day moves to the next day that is not one
 *   (同条第4項): this is the rule for a 納期限.
 * - 'bank': the days 金融機関 are closed (銀行法施行令第5条第1項) — 日曜日・土曜日, 国民の祝日に関する法律の休日,
 *   and 12月31日〜翌年1月3日: a 口座振替日 must be a bank business day.
 */
import holidayJp from '@holiday-jp/holiday_jp'
import { addDays, assertIsoDate, dayNumber, parseIsoDate, type IsoDate } from './dates'

export type BusinessCalendar = 'municipal' | 'bank'

/** 0 = Monday … 6 = Sunday (day number 0 is 0001-01-01, a Monday in the proleptic Gregorian calendar). */
const SATURDAY = 5
const SUNDAY = 6
const DAYS_PER_WEEK = 7
const DECEMBER = 12
const JANUARY = 1

/** The first day of the year-end closure in December, by calendar (新宿区の休日を定める条例; 銀行法施行令第5条). */
const YEAR_END_FROM: Record<BusinessCalendar, number> = { municipal: 29, bank: 31 }
/** The last day of the new-year closure in January (both calendars: 1月3日). */
const NEW_YEAR_TO = 3

/** The name of the national holiday on `date` (祝日・振替休日・国民の休日), or null. */
export function nationalHolidayName(date: IsoDate): string | null {
  assertIsoDate(date, 'date')
  const holidays: Readonly<Record<string, { name: string }>> = holidayJp.holidays
  return holidays[date]?.name ?? null
}

/** 0 = Monday … 6 = Sunday. */
export function weekdayOf(date: IsoDate): number {
  return dayNumber(date) % DAYS_PER_WEEK
}

/** True on a 休日 of the calendar: weekend, national holiday or the year-end/new-year closure. */
export function isHoliday(date: IsoDate, calendar: BusinessCalendar): boolean {
  const weekday = weekdayOf(date)
  if (weekday === SATURDAY || weekday === SUNDAY) return true
  if (nationalHolidayName(date) !== null) return true
  const { month, day } = parseIsoDate(date)
  return (month === DECEMBER && day >= YEAR_END_FROM[calendar]) || (month === JANUARY && day <= NEW_YEAR_TO)
}

export function isBusinessDay(date: IsoDate, calendar: BusinessCalendar): boolean {
  return !isHoliday(date, calendar)
}

/** `date` itself when it is a business day, else the next business day (地方自治法第4条の2第4項 for 'municipal'). */
export function onOrNextBusinessDay(date: IsoDate, calendar: BusinessCalendar): IsoDate {
  let d = date
  while (isHoliday(d, calendar)) d = addDays(d, 1)
  return d
}

/** The first business day strictly after `date`. */
export function nextBusinessDay(date: IsoDate, calendar: BusinessCalendar): IsoDate {
  return onOrNextBusinessDay(addDays(date, 1), calendar)
}

/** The last business day strictly before `date`. */
export function previousBusinessDay(date: IsoDate, calendar: BusinessCalendar): IsoDate {
  let d = addDays(date, -1)
  while (isHoliday(d, calendar)) d = addDays(d, -1)
  return d
}
