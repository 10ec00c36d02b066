import { describe, expect, it } from 'vitest'
import type { EligibilityEvent } from '../../../../shared/eligibility/contract'
import {
  endOfDayJst,
  excludedOn,
  historyAsKnownOn,
  inExcludedFacility,
  openPeriodOn,
  periodsOf,
  statusOn,
} from '../../../../shared/eligibility/history'

let nextId = 1
function ev(patch: Partial<EligibilityEvent> & Pick<EligibilityEvent, 'kind' | 'effectiveOn'>): EligibilityEvent {
  return {
    id: nextId++,
    category: null,
    reason: 'moveIn',
    recordedAt: '2026-01-01T00:00:00.000Z',
    source: 'manual',
    detail: {},
    supersedesId: null,
    ...patch,
  }
}

describe('endOfDayJst: "as known on X" ends at midnight after X in Japan', () => {
  it('is 15:00 UTC of X', () => {
    expect(new Date(endOfDayJst('2026-03-31')).toISOString()).toBe('2026-03-31T15:00:00.000Z')
  })
})

describe('historyAsKnownOn: recorded by the end of the day, corrections applied, nothing deleted', () => {
  const acquired = ev({
    kind: 'acquisition',
    category: 1,
    effectiveOn: '2026-03-31',
    recordedAt: '2026-04-01T01:00:00Z',
  })
  const corrected = ev({
    kind: 'acquisition',
    category: 1,
    effectiveOn: '2026-03-30',
    recordedAt: '2026-05-10T03:00:00Z',
    supersedesId: acquired.id,
    reason: 'correction',
  })
  it('leaves out rows recorded after the day (boundary: 14:59:59Z on the day is in, 15:00Z is out)', () => {
    const inside = ev({ kind: 'loss', effectiveOn: '2026-06-01', recordedAt: '2026-06-01T14:59:59Z' })
    const outside = ev({ kind: 'loss', effectiveOn: '2026-06-01', recordedAt: '2026-06-01T15:00:00Z' })
    expect(historyAsKnownOn([inside], '2026-06-01').events).toHaveLength(1)
    expect(historyAsKnownOn([outside], '2026-06-01').events).toHaveLength(0)
  })
  it('shows the original row before the correction was recorded and the corrected one after', () => {
    expect(historyAsKnownOn([acquired, corrected], '2026-05-09').events.map((e) => e.effectiveOn)).toEqual([
      '2026-03-31',
    ])
    const after = historyAsKnownOn([acquired, corrected], '2026-05-10')
    expect(after.events.map((e) => e.effectiveOn)).toEqual(['2026-03-30'])
    expect(after.superseded.map((e) => e.id)).toEqual([acquired.id])
  })
  it('a void row cancels without taking the place of the row', () => {
    const v = ev({
      kind: 'void',
      effectiveOn: '2026-03-31',
      recordedAt: '2026-06-01T00:00:00Z',
      supersedesId: acquired.id,
    })
    expect(historyAsKnownOn([acquired, v], '2026-12-31').events).toEqual([])
  })
})

describe('statusOn: acquisition and change set the category, loss ends it', () => {
  const rows = [
    ev({ kind: 'acquisition', category: 2, effectiveOn: '2000-01-01' }),
    ev({ kind: 'categoryChange', category: 1, effectiveOn: '2026-03-31' }),
    ev({ kind: 'loss', effectiveOn: '2026-11-04' }),
  ]
  it.each([
    ['1999-12-31', { insured: false, category: null, since: null }],
    ['2000-01-01', { insured: true, category: 2, since: '2000-01-01' }],
    ['2026-03-30', { insured: true, category: 2, since: '2000-01-01' }],
    ['2026-03-31', { insured: true, category: 1, since: '2026-03-31' }],
    ['2026-11-03', { insured: true, category: 1, since: '2026-03-31' }],
    ['2026-11-04', { insured: false, category: null, since: '2026-11-04' }],
  ])('on %s', (date, status) => {
    expect(statusOn(rows, date)).toEqual(status)
  })
  it('a category change without insurance does not make the person insured', () => {
    expect(
      statusOn([ev({ kind: 'categoryChange', category: 1, effectiveOn: '2026-01-01' })], '2026-02-01').insured,
    ).toBe(false)
  })
})

describe('periodsOf / inExcludedFacility', () => {
  const rows = [
    ev({ kind: 'excludedFacilityStart', effectiveOn: '2020-04-01', detail: { facilityName: '施設A' } }),
    ev({ kind: 'excludedFacilityEnd', effectiveOn: '2021-03-31' }),
    ev({
      kind: 'residenceExceptionStart',
      effectiveOn: '2022-01-10',
      detail: { facilityMunicipality: '埼玉県所沢市' },
    }),
  ]
  it('closes a period at its end row and leaves the last one open', () => {
    expect(periodsOf(rows, 'excludedFacilityStart', 'excludedFacilityEnd')).toMatchObject([
      { from: '2020-04-01', to: '2021-03-31', facilityName: '施設A' },
    ])
    expect(periodsOf(rows, 'residenceExceptionStart', 'residenceExceptionEnd')).toMatchObject([
      { from: '2022-01-10', to: null, facilityMunicipality: '埼玉県所沢市' },
    ])
  })
  it('is in the facility from the first to the last day inclusive', () => {
    expect(inExcludedFacility(rows, '2020-03-31')).toBe(false)
    expect(inExcludedFacility(rows, '2020-04-01')).toBe(true)
    expect(inExcludedFacility(rows, '2021-03-31')).toBe(true)
    expect(inExcludedFacility(rows, '2021-04-01')).toBe(false)
  })
})

describe('periodsOf with a 住所地特例 change (連続入所, docs/sources/domain.md §2.4)', () => {
  const rows = [
    ev({ kind: 'residenceExceptionStart', effectiveOn: '2026-04-01', detail: { facilityName: '施設A' } }),
    ev({ kind: 'residenceExceptionChange', effectiveOn: '2026-07-01', detail: { facilityName: '施設B' } }),
    ev({ kind: 'residenceExceptionEnd', effectiveOn: '2026-09-30' }),
  ]
  it('closes the first period the day before the change and opens the next one', () => {
    expect(periodsOf(rows, 'residenceExceptionStart', 'residenceExceptionEnd')).toMatchObject([
      { from: '2026-04-01', to: '2026-06-30', facilityName: '施設A' },
      { from: '2026-07-01', to: '2026-09-30', facilityName: '施設B' },
    ])
  })
  it('a change does not open an 適用除外施設 period', () => {
    expect(periodsOf(rows, 'excludedFacilityStart', 'excludedFacilityEnd')).toEqual([])
  })
  it('openPeriodOn finds the period of a date, boundaries included', () => {
    expect(openPeriodOn(rows, 'residenceException', '2026-03-31')).toBeNull()
    expect(openPeriodOn(rows, 'residenceException', '2026-06-30')).toMatchObject({ facilityName: '施設A' })
    expect(openPeriodOn(rows, 'residenceException', '2026-07-01')).toMatchObject({ facilityName: '施設B' })
    expect(openPeriodOn(rows, 'residenceException', '2026-10-01')).toBeNull()
  })
})

describe('excludedOn: the days an 適用除外施設 stay keeps the person out of insurance', () => {
  // Entry 2026-05-10 → loss 2026-05-11 (介護保険法施行法第11条); exit 2026-08-20 → acquisition that day (docs/sources/domain.md §2.2).
  const rows = [
    ev({ kind: 'excludedFacilityStart', effectiveOn: '2026-05-10' }),
    ev({ kind: 'excludedFacilityEnd', effectiveOn: '2026-08-20' }),
  ]
  it.each([
    ['2026-05-10', false],
    ['2026-05-11', true],
    ['2026-08-19', true],
    ['2026-08-20', false],
  ])('%s → %s', (date, expected) => {
    expect(excludedOn(rows, date)).toBe(expected)
  })
  it('an open stay excludes every day after the entry day', () => {
    expect(excludedOn([rows[0]!], '2099-01-01')).toBe(true)
  })
})
