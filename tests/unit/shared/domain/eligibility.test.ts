import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  addDays,
  category1AcquisitionDate,
  category2AcquisitionDate,
  liableMonths,
  lossDate,
  type LossEvent,
} from '../../../../shared/domain'

const utcDays = (iso: string): number =>
  Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / 86_400_000
const isoDate = (min = '1930-01-01', max = '2090-12-31') =>
  fc.integer({ min: utcDays(min), max: utcDays(max) }).map((d) => new Date(d * 86_400_000).toISOString().slice(0, 10))

describe('acquisition by age (介護保険法第9条・第10条; docs/sources/domain.md §2.2)', () => {
  it('第1号: the day of attaining 65 (day before the 65th birthday)', () => {
    expect(category1AcquisitionDate('1961-11-26')).toBe('2026-11-25')
    expect(category1AcquisitionDate('1960-02-29')).toBe('2025-02-28')
    expect(category1AcquisitionDate('1960-03-01')).toBe('2025-02-28')
    // 8/1 生まれ → 7/31 到達 → 保険料は7月分から (docs/sources/domain.md §1.1)
    expect(category1AcquisitionDate('1961-08-01')).toBe('2026-07-31')
    expect(liableMonths(2026, category1AcquisitionDate('1961-08-01'), null)).toBe(9) // July … March
    expect(liableMonths(2026, category1AcquisitionDate('1961-08-02'), null)).toBe(8) // August … March (+1 day)
  })
  it('第2号: the day of attaining 40', () => {
    expect(category2AcquisitionDate('1986-11-26')).toBe('2026-11-25')
    expect(category2AcquisitionDate('1984-02-29')).toBe('2024-02-28')
  })
})

describe('loss date (介護保険法第11条; 施行法第11条; docs/sources/domain.md §2.3)', () => {
  it('move out: next day; same day when residence elsewhere begins that day', () => {
    expect(lossDate({ kind: 'moveOut', movedOutOn: '2026-11-03' })).toBe('2026-11-04')
    // 摂津市の例 [S5]: 11/3 に他市へ転入 → 喪失日 11/3
    expect(lossDate({ kind: 'moveOut', movedOutOn: '2026-11-03', residenceElsewhereFrom: '2026-11-03' })).toBe(
      '2026-11-03',
    )
    expect(lossDate({ kind: 'moveOut', movedOutOn: '2026-11-03', residenceElsewhereFrom: '2026-11-04' })).toBe(
      '2026-11-04',
    )
    expect(() => lossDate({ kind: 'moveOut', movedOutOn: '2026-11-03', residenceElsewhereFrom: '2026-11-02' })).toThrow(
      /precedes/,
    )
    expect(() => lossDate({ kind: 'moveOut', movedOutOn: '2026-11-31' })).toThrow(RangeError)
    expect(() => lossDate({ kind: 'moveOut', movedOutOn: '2026-11-03', residenceElsewhereFrom: 'soon' })).toThrow(
      RangeError,
    )
  })
  it('death: next day (11/3 死亡 → 11/4)', () => {
    expect(lossDate({ kind: 'death', diedOn: '2026-11-03' })).toBe('2026-11-04')
    expect(lossDate({ kind: 'death', diedOn: '2026-12-31' })).toBe('2027-01-01')
  })
  it('第2号 leaving health insurance: the same day', () => {
    expect(lossDate({ kind: 'leftHealthInsurance', on: '2026-11-03' })).toBe('2026-11-03')
    expect(() => lossDate({ kind: 'leftHealthInsurance', on: '2026-02-30' })).toThrow(RangeError)
  })
  it('entering an excluded facility: next day', () => {
    expect(lossDate({ kind: 'enteredExcludedFacility', on: '2026-02-28' })).toBe('2026-03-01')
  })
  it('property: the loss date is the event day or the next day, never before acquisition', () => {
    const eventArb = fc.oneof(
      fc.record({ kind: fc.constant('moveOut' as const), offset: fc.integer({ min: 0, max: 3 }) }),
      fc.constant({ kind: 'death' as const, offset: 0 }),
      fc.constant({ kind: 'leftHealthInsurance' as const, offset: 0 }),
      fc.constant({ kind: 'enteredExcludedFacility' as const, offset: 0 }),
    )
    fc.assert(
      fc.property(
        isoDate('1930-01-01', '1980-12-31'),
        fc.integer({ min: 0, max: 20_000 }),
        eventArb,
        (birth, after, e) => {
          const acquired = category1AcquisitionDate(birth)
          const day = addDays(acquired, after)
          let event: LossEvent
          if (e.kind === 'moveOut')
            event = { kind: 'moveOut', movedOutOn: day, residenceElsewhereFrom: addDays(day, e.offset) }
          else if (e.kind === 'death') event = { kind: 'death', diedOn: day }
          else event = { kind: e.kind, on: day }
          const lost = lossDate(event)
          expect([day, addDays(day, 1)]).toContain(lost)
          expect(lost >= acquired).toBe(true)
          expect(liableMonths(2026, acquired, lost)).toBeGreaterThanOrEqual(0)
        },
      ),
    )
  })
})

describe('liable months (月割: 取得月から喪失月の前月まで; docs/sources/domain.md §2, §3.4)', () => {
  it('摂津市の例: loss on 11/3 or 11/4 → April … October = 7 months', () => {
    expect(liableMonths(2026, null, '2026-11-03')).toBe(7)
    expect(liableMonths(2026, null, '2026-11-04')).toBe(7)
    // ±1 day at the month boundary: loss on 11/1 → 7 months; on 10/31 → 6 months
    expect(liableMonths(2026, null, '2026-11-01')).toBe(7)
    expect(liableMonths(2026, null, '2026-10-31')).toBe(6)
  })
  it('acquisition month counts: 2026-10-31 → 6 months, 2026-11-01 → 5 months', () => {
    expect(liableMonths(2026, '2026-10-31', null)).toBe(6)
    expect(liableMonths(2026, '2026-11-01', null)).toBe(5)
  })
  it('whole year, outside the year and same-month acquisition and loss', () => {
    expect(liableMonths(2026, null, null)).toBe(12)
    expect(liableMonths(2026, '2026-04-01', '2027-04-01')).toBe(12)
    expect(liableMonths(2026, '2020-01-01', '2027-03-31')).toBe(11)
    expect(liableMonths(2026, '2027-04-01', null)).toBe(0)
    expect(liableMonths(2026, null, '2026-04-30')).toBe(0)
    expect(liableMonths(2026, null, '2025-12-01')).toBe(0)
    expect(liableMonths(2026, '2026-06-05', '2026-06-20')).toBe(0)
    expect(liableMonths(2026, '2026-06-05', '2026-07-01')).toBe(1)
  })
  it('rejects loss before acquisition and bad inputs', () => {
    expect(() => liableMonths(2026, '2026-06-05', '2026-06-04')).toThrow(/precedes/)
    expect(() => liableMonths(2026.5, null, null)).toThrow(RangeError)
    expect(() => liableMonths(2026, '2026-6-5', null)).toThrow(RangeError)
    expect(() => liableMonths(2026, null, '2026-02-30')).toThrow(RangeError)
  })
  it('property: months are 0–12 and add up when a year is split at any date', () => {
    fc.assert(
      fc.property(isoDate('2026-04-01', '2027-03-31'), (d) => {
        const before = liableMonths(2026, null, d)
        const after = liableMonths(2026, d, null)
        expect(before + after).toBe(12)
        expect(before).toBeGreaterThanOrEqual(0)
        expect(before).toBeLessThanOrEqual(12)
      }),
    )
  })
})
