import { describe, expect, it } from 'vitest'
import {
  isBusinessDay,
  isHoliday,
  nationalHolidayName,
  nextBusinessDay,
  onOrNextBusinessDay,
  previousBusinessDay,
  weekdayOf,
} from '../../../../shared/domain/business-days'

/*
 * Dates are the ones the Cabinet Office publishes (内閣府「国民の祝日について」, 令和8年・令和9年の祝日) and the weekday
 * of the civil calendar; the year-end closures are 新宿区の休日を定める条例 (12/29〜1/3, 地方自治法第4条の2第1項) and
 * 銀行法施行令第5条第1項 (12/31〜1/3).
 */

describe('weekday of a date', () => {
  it('2026-12-03 is a Thursday, 2026-10-31 a Saturday, 2027-01-31 a Sunday', () => {
    expect(weekdayOf('2026-12-03')).toBe(3)
    expect(weekdayOf('2026-10-31')).toBe(5)
    expect(weekdayOf('2027-01-31')).toBe(6)
  })
})

describe('national holidays come from the maintained list (国民の祝日に関する法律)', () => {
  it('祝日: 2027-01-01 元日, 2026-09-21 敬老の日, 2026-09-23 秋分の日', () => {
    expect(nationalHolidayName('2027-01-01')).toBe('元日')
    expect(nationalHolidayName('2026-09-21')).toBe('敬老の日')
    expect(nationalHolidayName('2026-09-23')).toBe('秋分の日')
  })
  it('国民の休日 (第3条第3項): 2026-09-22, between two 祝日 (シルバーウィーク)', () => {
    expect(nationalHolidayName('2026-09-22')).not.toBeNull()
    expect(isHoliday('2026-09-22', 'municipal')).toBe(true)
    expect(isHoliday('2026-09-22', 'bank')).toBe(true)
  })
  it('振替休日 (第3条第2項): 2026-05-06 (こどもの日 2026-05-05 … 憲法記念日 on a Sunday), 2027-03-22', () => {
    expect(nationalHolidayName('2026-05-06')).toContain('振替休日')
    expect(nationalHolidayName('2027-03-22')).toContain('振替休日')
  })
  it('an ordinary weekday is no holiday: 2026-09-24 (Thursday), 2026-05-07', () => {
    expect(nationalHolidayName('2026-09-24')).toBeNull()
    expect(isBusinessDay('2026-09-24', 'municipal')).toBe(true)
    expect(isBusinessDay('2026-05-07', 'bank')).toBe(true)
  })
  it('refuses a date that does not exist', () => {
    expect(() => nationalHolidayName('2026-02-30')).toThrow(RangeError)
  })
})

describe('weekends are 休日 on both calendars', () => {
  it('Saturday 2026-10-31 and Sunday 2026-11-01 are, Friday 2026-10-30 and Monday 2026-11-02 are not', () => {
    for (const calendar of ['municipal', 'bank'] as const) {
      expect(isHoliday('2026-10-30', calendar)).toBe(false)
      expect(isHoliday('2026-10-31', calendar)).toBe(true)
      expect(isHoliday('2026-11-01', calendar)).toBe(true)
      expect(isHoliday('2026-11-02', calendar)).toBe(false)
    }
  })
})

describe('year-end closure: the ward from 12/29, the banks from 12/31, both to 1/3', () => {
  it('2025-12-29 (Monday) and 2025-12-30 are 休日 of the ward, business days of the banks', () => {
    expect(isHoliday('2025-12-29', 'municipal')).toBe(true)
    expect(isHoliday('2025-12-30', 'municipal')).toBe(true)
    expect(isHoliday('2025-12-29', 'bank')).toBe(false)
    expect(isHoliday('2025-12-30', 'bank')).toBe(false)
  })
  it('2025-12-26 (Friday, before) is a business day of both; 2025-12-31 is a 休日 of both', () => {
    expect(isBusinessDay('2025-12-26', 'municipal')).toBe(true)
    expect(isHoliday('2025-12-31', 'municipal')).toBe(true)
    expect(isHoliday('2025-12-31', 'bank')).toBe(true)
  })
  it('2026-01-02 and 2026-01-03 are closed, 2026-01-05 (Monday) is open again', () => {
    expect(isHoliday('2026-01-02', 'bank')).toBe(true)
    expect(isHoliday('2026-01-03', 'municipal')).toBe(true)
    expect(isBusinessDay('2026-01-05', 'municipal')).toBe(true)
  })
})

describe('a 期限 on a 休日 moves to the next business day (地方自治法第4条の2第4項)', () => {
  it('a business day stays: 2026-07-31 (Friday)', () => {
    expect(onOrNextBusinessDay('2026-07-31', 'municipal')).toBe('2026-07-31')
  })
  it('シルバーウィーク: 2026-09-19 (Saturday) … 2026-09-23 → 2026-09-24', () => {
    for (const d of ['2026-09-19', '2026-09-20', '2026-09-21', '2026-09-22', '2026-09-23']) {
      expect(onOrNextBusinessDay(d, 'municipal')).toBe('2026-09-24')
    }
  })
  it('年末年始: 2026-12-31 → 2027-01-04 (1/1 元日, 1/2 Saturday, 1/3 Sunday)', () => {
    expect(onOrNextBusinessDay('2026-12-31', 'municipal')).toBe('2027-01-04')
    expect(onOrNextBusinessDay('2026-12-29', 'municipal')).toBe('2027-01-04')
    expect(onOrNextBusinessDay('2026-12-29', 'bank')).toBe('2026-12-29')
  })
  it('振替休日: 2027-03-21 (Sunday, 春分の日) and 2027-03-22 → 2027-03-23', () => {
    expect(onOrNextBusinessDay('2027-03-21', 'bank')).toBe('2027-03-23')
    expect(onOrNextBusinessDay('2027-03-22', 'bank')).toBe('2027-03-23')
  })
})

describe('next and previous business days', () => {
  it('next after Friday 2026-09-18 is 2026-09-24; previous before 2026-09-24 is 2026-09-18', () => {
    expect(nextBusinessDay('2026-09-18', 'bank')).toBe('2026-09-24')
    expect(previousBusinessDay('2026-09-24', 'bank')).toBe('2026-09-18')
  })
  it('next after an ordinary Tuesday is the Wednesday: 2026-12-01 → 2026-12-02', () => {
    expect(nextBusinessDay('2026-12-01', 'municipal')).toBe('2026-12-02')
  })
})
