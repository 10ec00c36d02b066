import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  addDays,
  benefitReductionMonths,
  benefitRestrictionLevel,
  lateCharge,
  limitationEndDate,
  reducedCopayRate,
  SHINJUKU_LATE_CHARGE_METHOD,
  SHINJUKU_LATE_CHARGE_RATES,
  type BenefitRestrictionLevel,
} from '../../../../shared/domain'

const utcDays = (iso: string): number =>
  Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / 86_400_000
const isoDate = (min: string, max: string) =>
  fc.integer({ min: utcDays(min), max: utcDays(max) }).map((d) => new Date(d * 86_400_000).toISOString().slice(0, 10))

// 新宿区 延滞金 [S35]; rates 令和4〜7年 2.4 % / 8.7 %, 令和8年 2.8 % / 9.1 % [S35][S36]
const rates = SHINJUKU_LATE_CHARGE_RATES
const exact = { ...SHINJUKU_LATE_CHARGE_METHOD, resultUnit: 1, minimumCharge: 0 }

describe('延滞金 — Shinjuku method (docs/sources/domain.md §4.1)', () => {
  it('rate A for 3 months after the due date, rate B afterwards (2026: 2.8 % / 9.1 %)', () => {
    // 50,000 due 2026-07-31, paid 2026-12-31: A 08-01…10-31 = 92 days, B 11-01…12-31 = 61 days
    // 50,000×92×2.8%/365 = 352.87… + 50,000×61×9.1%/365 = 760.41… = 1,113.28… → 1,100
    expect(lateCharge({ amount: 50_000, dueDate: '2026-07-31', paidOn: '2026-12-31' }, rates)).toBe(1_100)
  })
  it('±1 day at the 3-month boundary (A ends on 10-31 for a 07-31 due date)', () => {
    // 500,000 × 92 × 2.8 % / 365 = 3,528.76… → 3,500
    expect(lateCharge({ amount: 500_000, dueDate: '2026-07-31', paidOn: '2026-10-31' }, rates)).toBe(3_500)
    // + one day at 9.1 %: 124.65… → 3,653.42… → 3,600
    expect(lateCharge({ amount: 500_000, dueDate: '2026-07-31', paidOn: '2026-11-01' }, rates)).toBe(3_600)
  })
  it('none when paid on or before the due date; the first late day counts', () => {
    expect(lateCharge({ amount: 500_000, dueDate: '2026-07-31', paidOn: '2026-07-31' }, rates)).toBe(0)
    expect(lateCharge({ amount: 500_000, dueDate: '2026-07-31', paidOn: '2026-07-01' }, rates)).toBe(0)
    // 500,000 × 1 × 2.8 % / 365 = 38.35…
    expect(lateCharge({ amount: 500_000, dueDate: '2026-07-31', paidOn: '2026-08-01' }, rates, exact)).toBe(38)
  })
  it('base truncated below 1,000 yen; none under 2,000 yen (±1 yen)', () => {
    const due = { dueDate: '2026-01-31', paidOn: '2026-12-31' }
    // 2,000: A 89 days 13.65… + B 245 days 122.16… = 135.81… → 135 (exact method)
    expect(lateCharge({ amount: 2_000, ...due }, rates, exact)).toBe(135)
    expect(lateCharge({ amount: 1_999, ...due }, rates, exact)).toBe(0)
    expect(lateCharge({ amount: 2_999, ...due }, rates, exact)).toBe(135)
    expect(lateCharge({ amount: 50_999, ...due }, rates)).toBe(lateCharge({ amount: 50_000, ...due }, rates))
  })
  it('truncated below 100 yen and not collected under 1,000 yen (±1 day around 1,000)', () => {
    // 100,000 due 2026-01-31: A 89 days = 682.73…; B from 05-01: 12 days → 981.91… → 0; 13 days → 1,006.84… → 1,000
    expect(lateCharge({ amount: 100_000, dueDate: '2026-01-31', paidOn: '2026-05-12' }, rates)).toBe(0)
    expect(lateCharge({ amount: 100_000, dueDate: '2026-01-31', paidOn: '2026-05-13' }, rates)).toBe(1_000)
  })
  it('each calendar year at its own rates (2025: 2.4 %, 2026: 2.8 % / 9.1 %)', () => {
    // 100,000 due 2025-11-30: A 2025-12 31 days @2.4 = 203.83…, A 2026-01-01…02-28 59 days @2.8 = 452.60…,
    // B 03-01…03-31 31 days @9.1 = 772.87… → 1,429.31… → 1,400
    const input = { amount: 100_000, dueDate: '2025-11-30', paidOn: '2026-03-31' }
    expect(lateCharge(input, rates)).toBe(1_400)
    expect(lateCharge(input, rates, exact)).toBe(1_429)
    // ⚠️ parameter: truncating each part below 1 yen first gives 203 + 452 + 772 = 1,427
    expect(lateCharge(input, rates, { ...exact, truncatePerPeriod: true })).toBe(1_427)
  })
  it('days ÷ 365 also in leap years', () => {
    // 10,000,000 × 30 days (2024-02-01…03-01) × 2.4 % / 365 = 19,726.02… → 19,700 (÷366 would give 19,600)
    expect(lateCharge({ amount: 10_000_000, dueDate: '2024-01-31', paidOn: '2024-03-01' }, rates)).toBe(19_700)
  })
  it('throws for a year without rates, rates with more than 2 decimals and bad inputs', () => {
    expect(() => lateCharge({ amount: 100_000, dueDate: '2026-11-30', paidOn: '2027-01-05' }, rates)).toThrow(/2027/)
    const odd = [{ year: 2026, early: 2.845, late: 9.1 }]
    expect(() => lateCharge({ amount: 100_000, dueDate: '2026-01-31', paidOn: '2026-02-05' }, odd)).toThrow(
      /at most 2 decimals/,
    )
    expect(() => lateCharge({ amount: -1, dueDate: '2026-01-31', paidOn: '2026-02-05' }, rates)).toThrow(RangeError)
    expect(() => lateCharge({ amount: 1, dueDate: '2026-01-32', paidOn: '2026-02-05' }, rates)).toThrow(RangeError)
    expect(() => lateCharge({ amount: 1, dueDate: '2026-01-31', paidOn: '2026/02/05' }, rates)).toThrow(RangeError)
  })
  it('property: the charge is 0 or a multiple of 100 that is at least 1,000 and grows with the payment date', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 3_000_000 }),
        isoDate('2022-01-01', '2025-12-31'),
        fc.integer({ min: 0, max: 365 }),
        (amount, dueDate, late) => {
          const paidOn = addDays(dueDate, late)
          if (paidOn > '2026-12-31') return
          const charge = lateCharge({ amount, dueDate, paidOn }, rates)
          expect(charge === 0 || (charge % 100 === 0 && charge >= 1_000)).toBe(true)
          if (paidOn < '2026-12-31') {
            expect(lateCharge({ amount, dueDate, paidOn: addDays(paidOn, 1) }, rates)).toBeGreaterThanOrEqual(charge)
          }
        },
      ),
    )
  })
})

describe('時効 — 2 years from the day after the due date (法200条)', () => {
  it('due 2024-07-31 → last day 2026-07-31', () => {
    expect(limitationEndDate('2024-07-31')).toBe('2026-07-31')
    expect(limitationEndDate('2024-01-31')).toBe('2026-01-31')
    expect(limitationEndDate('2024-02-29')).toBe('2026-02-28')
    expect(limitationEndDate('2025-12-31')).toBe('2027-12-31')
  })
  it('due 2026-02-28 → counted from 2026-03-01 → ends 2028-02-29 (leap year), not 02-28', () => {
    expect(limitationEndDate('2026-02-28')).toBe('2028-02-29')
    expect(limitationEndDate('2026-02-27')).toBe('2028-02-27')
  })
  it('property: the day after the end is the corresponding day of the start 2 years later (民法143条)', () => {
    fc.assert(
      fc.property(isoDate('2000-01-01', '2090-12-31'), (due) => {
        const start = addDays(due, 1)
        const y = +start.slice(0, 4) + 2
        const md = start.slice(5)
        const end = limitationEndDate(due)
        if (md === '02-29' && !(y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0))) expect(end).toBe(`${y}-02-28`)
        else expect(addDays(end, 1)).toBe(`${y}-${md}`)
      }),
    )
  })
})

describe('給付制限の段階 (法66条 1年 / 法67条 1年6か月)', () => {
  it.each([
    ['2026-07-31', 'none'],
    ['2026-08-01', 'reimbursementOnly'],
    ['2027-01-31', 'reimbursementOnly'],
    ['2027-02-01', 'suspension'],
    ['2030-01-01', 'suspension'],
  ])('oldest unpaid due 2025-07-31, as of %s → %s', (asOf, level) => {
    expect(benefitRestrictionLevel({ oldestUnpaidDueDate: '2025-07-31', asOf })).toBe(level)
  })
  it('month-end clamping: due 2024-02-29 → reimbursementOnly from 2025-03-01', () => {
    expect(benefitRestrictionLevel({ oldestUnpaidDueDate: '2024-02-29', asOf: '2025-02-28' })).toBe('none')
    expect(benefitRestrictionLevel({ oldestUnpaidDueDate: '2024-02-29', asOf: '2025-03-01' })).toBe('reimbursementOnly')
  })
  it('nothing unpaid → none; invalid dates throw', () => {
    expect(benefitRestrictionLevel({ oldestUnpaidDueDate: null, asOf: '2026-11-25' })).toBe('none')
    expect(() => benefitRestrictionLevel({ oldestUnpaidDueDate: '2025-02-30', asOf: '2026-11-25' })).toThrow()
    expect(() => benefitRestrictionLevel({ oldestUnpaidDueDate: null, asOf: '20261125' })).toThrow()
  })
  it('property: the level never decreases as time passes', () => {
    const order: BenefitRestrictionLevel[] = ['none', 'reimbursementOnly', 'suspension']
    fc.assert(
      fc.property(isoDate('2000-01-01', '2080-12-31'), fc.integer({ min: 0, max: 1_000 }), (due, d) => {
        const a = benefitRestrictionLevel({ oldestUnpaidDueDate: due, asOf: addDays(due, d) })
        const b = benefitRestrictionLevel({ oldestUnpaidDueDate: due, asOf: addDays(due, d + 1) })
        expect(order.indexOf(b)).toBeGreaterThanOrEqual(order.indexOf(a))
      }),
    )
  })
})

describe('給付額減額期間 6X²/(X+Y) (法69条; docs/sources/domain.md §4.3)', () => {
  it('X 1.511, Y 3.738 → 2.609… months → 3 (default ceil ⚠️) / 2 (floor)', () => {
    expect(benefitReductionMonths(1.511, 3.738)).toBe(3)
    expect(benefitReductionMonths(1.511, 3.738, 'floor')).toBe(2)
  })
  it('exact values are not rounded: X 2, Y 0 → 12; X 1, Y 1 → 3', () => {
    expect(benefitReductionMonths(2, 0)).toBe(12)
    expect(benefitReductionMonths(1, 1)).toBe(3)
    expect(benefitReductionMonths(1, 1, 'floor')).toBe(3)
  })
  it('X = 0 → 0; the smallest X rounds to 1 (ceil) / 0 (floor)', () => {
    expect(benefitReductionMonths(0, 5)).toBe(0)
    expect(benefitReductionMonths(0, 0)).toBe(0)
    expect(benefitReductionMonths(0.001, 0)).toBe(1)
    expect(benefitReductionMonths(0.001, 0, 'floor')).toBe(0)
  })
  it('years are taken to 0.001 (further decimals truncated)', () => {
    expect(benefitReductionMonths(1.5119, 3.7389)).toBe(benefitReductionMonths(1.511, 3.738))
    expect(() => benefitReductionMonths(-1, 1)).toThrow(RangeError)
    expect(() => benefitReductionMonths(1, Number.NaN)).toThrow(RangeError)
  })
  it('property: 0 ≤ months ≤ 6X rounded up, and more expired years never shorten the period', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 0, max: 10_000 }), (x, y) => {
        const months = benefitReductionMonths(x / 1000, y / 1000)
        expect(months).toBeGreaterThanOrEqual(0)
        expect(months).toBeLessThanOrEqual(Math.ceil((6 * x) / 1000))
        expect(benefitReductionMonths((x + 1) / 1000, y / 1000)).toBeGreaterThanOrEqual(months)
      }),
    )
  })
})

describe('給付額減額中の負担割合 (法69条)', () => {
  it('1 and 2 → 3, 3 → 4', () => {
    expect(reducedCopayRate(1)).toBe(3)
    expect(reducedCopayRate(2)).toBe(3)
    expect(reducedCopayRate(3)).toBe(4)
    expect(() => reducedCopayRate(4 as 3)).toThrow(RangeError)
  })
})
