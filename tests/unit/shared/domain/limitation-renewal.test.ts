import { describe, expect, it } from 'vitest'
import { isTimeBarred, renewalDate, renewedLimitationEndDate } from '../../../../shared/domain/limitation-renewal'

// 介護保険法第200条 (2 years, docs/sources/domain.md §4.2), counted from the day after the due date; a 督促 renews it
// (法第200条第2項, 地方自治法第236条第4項) from the day 10 days have passed since its issue; an acknowledgement
// (分納誓約, partial payment: 民法第152条) from its day; an expired right is extinguished (地方自治法第236条第2項).

describe('renewalDate: the day the limitation runs again from', () => {
  it('a 督促 issued 2026-08-10 → 2026-08-20 (発付日から起算して10日を経過した日)', () => {
    expect(renewalDate('demandNotice', '2026-08-10')).toBe('2026-08-20')
  })
  it('a 督促 issued 2026-12-25 → 2027-01-04 (across the year end)', () => {
    expect(renewalDate('demandNotice', '2026-12-25')).toBe('2027-01-04')
  })
  it('a 分納誓約 or a partial payment renews on its own day', () => {
    expect(renewalDate('installmentPledge', '2026-09-01')).toBe('2026-09-01')
    expect(renewalDate('partialPayment', '2026-09-01')).toBe('2026-09-01')
  })
})

describe('renewedLimitationEndDate: 2 years again from the day after each renewal', () => {
  it('without renewals: due 2024-07-31 → 2026-07-31', () => {
    expect(renewedLimitationEndDate('2024-07-31', [])).toBe('2026-07-31')
  })
  it('renewed 2024-08-20 → the 2 years run from 2024-08-21 → 2026-08-20', () => {
    expect(renewedLimitationEndDate('2024-07-31', ['2024-08-20'])).toBe('2026-08-20')
  })
  it('a renewal on the last day still renews (→ 2028-07-31); one the day after does not (2026-07-31 stays)', () => {
    expect(renewedLimitationEndDate('2024-07-31', ['2026-07-31'])).toBe('2028-07-31')
    expect(renewedLimitationEndDate('2024-07-31', ['2026-08-01'])).toBe('2026-07-31')
  })
  it('renewals chain: 2024-08-20 then 2026-08-20 (its last day) → 2028-08-20, in any order given', () => {
    expect(renewedLimitationEndDate('2024-07-31', ['2026-08-20', '2024-08-20'])).toBe('2028-08-20')
  })
  it('a renewal on or before the due date has no effect', () => {
    expect(renewedLimitationEndDate('2024-07-31', ['2024-07-31', '2024-07-01'])).toBe('2026-07-31')
  })
  it('a leap day: due 2026-02-27 renewed 2026-02-28 → the period from 2026-03-01 → 2028-02-29', () => {
    expect(renewedLimitationEndDate('2026-02-27', ['2026-02-28'])).toBe('2028-02-29')
  })
})

describe('isTimeBarred: from the day after the last day', () => {
  it('on the last day 2026-07-31: not yet; on 2026-08-01: time-barred', () => {
    expect(isTimeBarred('2026-07-31', '2026-07-31')).toBe(false)
    expect(isTimeBarred('2026-07-31', '2026-08-01')).toBe(true)
  })
})
