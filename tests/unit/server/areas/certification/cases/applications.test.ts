import { describe, expect, it } from 'vitest'
import { priorityOf, renewalWindowProblem } from '../../../../../../server/src/areas/certification/cases/applications'
import { opinionFee } from '../../../../../../server/src/areas/certification/opinions/opinions'

/**
 * Renewal window (介護保険法第28条第2項; docs/sources/certification.md §1.2): from 60 days before the end of validity up
 * to the end. Validity to 2027-01-31 → opens 2026-12-02 (2027-01-31 − 30 = 2027-01-01, − 30 = 2026-12-02).
 */
describe('a renewal may be applied for from 60 days before the end of validity, not earlier and not after it', () => {
  it('2026-12-01 (61 days before) is refused, naming the first day', () => {
    expect(renewalWindowProblem('2027-01-31', '2026-12-01')).toContain('2026-12-02')
  })
  it('2026-12-02 (60 days before) is accepted', () =>
    expect(renewalWindowProblem('2027-01-31', '2026-12-02')).toBeNull())
  it('the last day of validity is accepted', () => expect(renewalWindowProblem('2027-01-31', '2027-01-31')).toBeNull())
  it('the day after the end is a new application', () =>
    expect(renewalWindowProblem('2027-01-31', '2027-02-01')).toContain('新規申請'))
})

describe('urgent flags set the priority: 末期がん 2, 退院調整 1, none 0 (docs/sources/certification.md §1.14)', () => {
  it.each([
    [[], 0],
    [['dischargePlanning'], 1],
    [['terminalCancer'], 2],
    [['dischargePlanning', 'terminalCancer'], 2],
  ] as const)('%j → %i', (flags, expected) => expect(priorityOf(flags)).toBe(expected))
})

/** 意見書作成料 (docs/sources/certification.md §1.4): 在宅新規 5,000 (11), 在宅継続 4,000 (12), 施設新規 4,000 (21), 施設継続 3,000 (22). */
describe('the opinion fee follows the category 在宅・施設 × 新規・継続', () => {
  it.each([
    ['home', 'new', 5000, '11'],
    ['home', 'continued', 4000, '12'],
    ['facility', 'new', 4000, '21'],
    ['facility', 'continued', 3000, '22'],
  ] as const)('%s %s → %i円 (%s)', (place, round, fee, code) => {
    expect(opinionFee('2026-12-01', place, round)).toEqual({ fee, code })
  })
})
