import { describe, expect, it } from 'vitest'
import { category1Periods } from '../../../../../server/src/areas/premiums/assessment'
import type { EligibilityEvent } from '../../../../../shared/eligibility/contract'

let id = 0
const event = (
  kind: EligibilityEvent['kind'],
  effectiveOn: string,
  category: 1 | 2 | null = null,
): EligibilityEvent => ({
  id: ++id,
  kind,
  category,
  reason: kind === 'loss' ? 'death' : 'reachingAge65',
  effectiveOn,
  recordedAt: '2026-01-01T00:00:00.000Z',
  source: 'seed',
  detail: {},
  supersedesId: null,
})

// The category-1 periods the liable months are counted from (docs/sources/domain.md §2.2, §2.3, §3.4).
describe('category-1 periods from the eligibility history', () => {
  it('runs from the acquisition to the loss date', () => {
    expect(category1Periods([event('acquisition', '2010-07-31', 1), event('loss', '2026-07-01')])).toEqual([
      { from: '2010-07-31', lostOn: '2026-07-01' },
    ])
  })
  it('starts a category-2 person’s period at the change to category 1 (65歳到達)', () => {
    expect(category1Periods([event('acquisition', '2001-04-01', 2), event('categoryChange', '2026-10-20', 1)])).toEqual(
      [{ from: '2026-10-20', lostOn: null }],
    )
  })
  it('ignores rows that do not change category-1 insurance, and keeps separate periods apart', () => {
    const periods = category1Periods([
      event('acquisition', '2015-05-04', 1),
      event('residenceExceptionStart', '2020-01-01'),
      event('loss', '2024-06-02'),
      event('residenceStart', '2025-01-01'),
      event('acquisition', '2026-09-01', 1),
    ])
    expect(periods).toEqual([
      { from: '2015-05-04', lostOn: '2024-06-02' },
      { from: '2026-09-01', lostOn: null },
    ])
  })
})
