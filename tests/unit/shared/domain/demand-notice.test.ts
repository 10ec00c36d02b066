import { describe, expect, it } from 'vitest'
import { demandDeadline, isDemandDue, isLateDemand } from '../../../../shared/domain/demand-notice'
import { SHINJUKU_DEMAND_NOTICE, type DemandNoticeSettings } from '../../../../shared/domain/parameters/dunning'
import { valueAt } from '../../../../shared/domain/versioned'

// 督促 (地方自治法第231条の3第1項, docs/sources/domain.md §4.1): the ward's timing ⚠️ as in
// shared/domain/parameters/dunning.ts — grace 10 days, 納期限後20日以内, 指定期限 発付日から起算して10日, no fee.
const settings: DemandNoticeSettings = { graceDays: 10, issueWithinDays: 20, periodDays: 10, fee: 0 }

describe('the shipped Shinjuku settings', () => {
  it('are in force in FY2026 and charge no 督促手数料', () => {
    expect(valueAt(SHINJUKU_DEMAND_NOTICE, '2026-08-12', 'demandNotice')).toEqual(settings)
  })
})

describe('isDemandDue: unpaid, not yet demanded, graceDays after the due date', () => {
  const due = { dueDate: '2026-07-31', balance: 8_800, alreadyDemanded: false }
  it('due 2026-07-31: not on 2026-08-09, from 2026-08-10', () => {
    expect(isDemandDue(due, '2026-08-09', settings)).toBe(false)
    expect(isDemandDue(due, '2026-08-10', settings)).toBe(true)
  })
  it('nothing owed (0 or 過誤納) → none', () => {
    expect(isDemandDue({ ...due, balance: 0 }, '2026-08-12', settings)).toBe(false)
    expect(isDemandDue({ ...due, balance: -100 }, '2026-08-12', settings)).toBe(false)
    expect(isDemandDue({ ...due, balance: 1 }, '2026-08-12', settings)).toBe(true)
  })
  it('one 督促 per installment', () => {
    expect(isDemandDue({ ...due, alreadyDemanded: true }, '2026-08-12', settings)).toBe(false)
  })
})

describe('isLateDemand: after 納期限後20日', () => {
  it('due 2026-07-31: on 2026-08-20 in time, on 2026-08-21 late', () => {
    expect(isLateDemand('2026-07-31', '2026-08-20', settings)).toBe(false)
    expect(isLateDemand('2026-07-31', '2026-08-21', settings)).toBe(true)
  })
})

describe('demandDeadline: 発付日から起算して10日', () => {
  it('issued 2026-08-12 → 2026-08-21; issued 2026-12-28 → 2027-01-06', () => {
    expect(demandDeadline('2026-08-12', settings)).toBe('2026-08-21')
    expect(demandDeadline('2026-12-28', settings)).toBe('2027-01-06')
  })
})
