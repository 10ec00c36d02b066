import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  basicChecklistResult,
  careLevelFromMinutes,
  decisionDeadline,
  endOfMonth,
  maxValidityMonths,
  renewalApplicationOpens,
  validityPeriod,
  type ApplicationKind,
} from '../../../../shared/domain'

const utcDays = (iso: string): number =>
  Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / 86_400_000
const isoDate = (min: string, max: string) =>
  fc.integer({ min: utcDays(min), max: utcDays(max) }).map((d) => new Date(d * 86_400_000).toISOString().slice(0, 10))
const monthIndex = (iso: string) => +iso.slice(0, 4) * 12 + +iso.slice(5, 7) - 1

describe('有効期間 (施行規則38条・41条; docs/sources/domain.md §6.2 [S56])', () => {
  it('4/1 申請 6か月 → 4/1〜9/30; 4/15 申請 → 4/15〜10/31', () => {
    expect(validityPeriod({ kind: 'new', applicationDate: '2026-04-01', months: 6 })).toEqual({
      start: '2026-04-01',
      end: '2026-09-30',
    })
    expect(validityPeriod({ kind: 'new', applicationDate: '2026-04-15', months: 6 })).toEqual({
      start: '2026-04-15',
      end: '2026-10-31',
    })
  })
  it('±1 day around the 1st: 3/31 → 9/30, 4/2 → 10/31', () => {
    expect(validityPeriod({ kind: 'levelChange', applicationDate: '2026-03-31', months: 6 }).end).toBe('2026-09-30')
    expect(validityPeriod({ kind: 'levelChange', applicationDate: '2026-04-02', months: 6 }).end).toBe('2026-10-31')
  })
  it('renewal starts the day after the previous end', () => {
    expect(
      validityPeriod({ kind: 'renewal', applicationDate: '2026-08-15', previousEnd: '2026-09-30', months: 12 }),
    ).toEqual({ start: '2026-10-01', end: '2027-09-30' })
    expect(
      validityPeriod({
        kind: 'renewal',
        applicationDate: '2026-08-15',
        previousEnd: '2026-09-30',
        months: 48,
        sameLevel: true,
      }).end,
    ).toBe('2030-09-30')
    expect(
      validityPeriod({ kind: 'renewal', applicationDate: '2026-08-15', previousEnd: '2026-09-14', months: 3 }),
    ).toEqual({ start: '2026-09-15', end: '2026-12-31' })
  })
  it('maximum months: new/levelChange 12, renewal 36, renewal with the same level 48 (±1)', () => {
    const renewal = { kind: 'renewal' as const, applicationDate: '2026-08-15', previousEnd: '2026-09-30' }
    expect(() => validityPeriod({ ...renewal, months: 49, sameLevel: true })).toThrow(/maximum 48/)
    expect(validityPeriod({ ...renewal, months: 36 }).end).toBe('2029-09-30')
    expect(() => validityPeriod({ ...renewal, months: 37 })).toThrow(/maximum 36/)
    expect(() => validityPeriod({ ...renewal, months: 48 })).toThrow(/maximum 36/) // sameLevel defaults to false
    expect(validityPeriod({ kind: 'new', applicationDate: '2026-04-01', months: 12 }).end).toBe('2027-03-31')
    expect(() => validityPeriod({ kind: 'new', applicationDate: '2026-04-01', months: 13 })).toThrow(/maximum 12/)
    expect(() => validityPeriod({ kind: 'levelChange', applicationDate: '2026-04-01', months: 13 })).toThrow()
    expect(validityPeriod({ kind: 'new', applicationDate: '2026-04-01', months: 3 }).end).toBe('2026-06-30')
    expect(() => validityPeriod({ kind: 'new', applicationDate: '2026-04-01', months: 2 })).toThrow(/≥ 3/)
    expect(() => validityPeriod({ kind: 'new', applicationDate: '2026-04-01', months: 6.5 })).toThrow(RangeError)
  })
  it('throws without previousEnd for a renewal, for unknown kinds and before 2021-04-01', () => {
    expect(() => validityPeriod({ kind: 'renewal', applicationDate: '2026-08-15', months: 12 })).toThrow(/previousEnd/)
    expect(() =>
      validityPeriod({ kind: 'other' as ApplicationKind, applicationDate: '2026-08-15', months: 6 }),
    ).toThrow(/unknown application kind/)
    expect(() => validityPeriod({ kind: 'new', applicationDate: '2021-03-31', months: 6 })).toThrow(/No version/)
    expect(validityPeriod({ kind: 'new', applicationDate: '2021-04-01', months: 6 }).end).toBe('2021-09-30')
  })
  it('maxValidityMonths under the rules of the application date', () => {
    const on = '2026-08-15'
    expect(maxValidityMonths('new', on)).toBe(12)
    expect(maxValidityMonths('levelChange', on)).toBe(12)
    expect(maxValidityMonths('renewal', on)).toBe(36)
    expect(maxValidityMonths('renewal', on, false)).toBe(36)
    expect(maxValidityMonths('renewal', on, true)).toBe(48)
    expect(maxValidityMonths('new', on, true)).toBe(12)
  })
  it('maxValidityMonths requires the application date: rules from 2021-04-01 (施行規則第38条・第41条), none the day before', () => {
    expect(maxValidityMonths('renewal', '2021-04-01', true)).toBe(48)
    expect(() => maxValidityMonths('renewal', '2021-03-31', true)).toThrow(/No version/)
    // @ts-expect-error the application date is required
    expect(() => maxValidityMonths('new')).toThrow(RangeError)
  })
  it('property: the end is a month end and covers exactly `months` months after a partial first month', () => {
    fc.assert(
      fc.property(
        isoDate('2021-04-01', '2040-12-31'),
        fc.constantFrom('new' as const, 'levelChange' as const),
        fc.integer({ min: 3, max: 12 }),
        (applicationDate, kind, months) => {
          const { start, end } = validityPeriod({ kind, applicationDate, months })
          expect(start).toBe(applicationDate)
          expect(end).toBe(endOfMonth(end))
          expect(end > start).toBe(true)
          const firstDay = start.endsWith('-01')
          expect(monthIndex(end) - monthIndex(start) + (firstDay ? 1 : 0)).toBe(months)
        },
      ),
    )
  })
})

describe('申請期限 (法28条2項: 満了60日前から; 法27条11項: 30日以内)', () => {
  it('renewal opens 60 days before the end', () => {
    expect(renewalApplicationOpens('2026-11-30')).toBe('2026-10-01')
    expect(renewalApplicationOpens('2027-03-31')).toBe('2027-01-30')
    expect(renewalApplicationOpens('2028-03-31')).toBe('2028-01-31') // leap February
  })
  it('decision within 30 days: 2026-11-25 → 2026-12-25 (docs/sources/domain.md §1.3)', () => {
    expect(decisionDeadline('2026-11-25')).toBe('2026-12-25')
    expect(decisionDeadline('2026-11-24')).toBe('2026-12-24')
    expect(decisionDeadline('2027-01-31')).toBe('2027-03-02')
  })
})

describe('一次判定の区分 (基準時間 25/32/50/70/90/110; docs/sources/domain.md §6.3)', () => {
  it.each([
    [0, 'notApplicable'],
    [24.9, 'notApplicable'],
    [25, 'support1'],
    [31.9, 'support1'],
    [50, 'care2'],
    [69.9, 'care2'],
    [70, 'care3'],
    [89.9, 'care3'],
    [90, 'care4'],
    [109.9, 'care4'],
    [110, 'care5'],
    [250, 'care5'],
  ])('%f minutes → %s', (minutes, level) => {
    expect(careLevelFromMinutes(minutes)).toBe(level)
  })
  it('32–50: both dementia levels ≥ Ⅱ → care1 (32 and 49.9)', () => {
    expect(careLevelFromMinutes(32, { dementiaAssessor: 'IIa', dementiaDoctor: 'M' })).toBe('care1')
    expect(careLevelFromMinutes(49.9, { dementiaAssessor: 'IV', dementiaDoctor: 'IIb' })).toBe('care1')
  })
  it('32–50: only one ≥ Ⅱ → probability ≥ 50 % → care1, below → the stability test', () => {
    const one = { dementiaAssessor: 'I' as const, dementiaDoctor: 'IIIa' as const }
    expect(careLevelFromMinutes(40, { ...one, dementiaProbability: 50 })).toBe('care1')
    expect(careLevelFromMinutes(40, { ...one, dementiaProbability: 49.9, unstable: false })).toBe('support2')
    expect(careLevelFromMinutes(40, { ...one, dementiaProbability: 49.9, unstable: true })).toBe('care1')
    expect(careLevelFromMinutes(40, { dementiaAssessor: 'IIa', dementiaDoctor: '自立', dementiaProbability: 80 })).toBe(
      'care1',
    )
  })
  it('32–50: neither ≥ Ⅱ → unstable → care1, stable → support2', () => {
    expect(careLevelFromMinutes(40, { dementiaAssessor: '自立', dementiaDoctor: 'I', unstable: true })).toBe('care1')
    expect(careLevelFromMinutes(40, { dementiaAssessor: '自立', dementiaDoctor: 'I', unstable: false })).toBe(
      'support2',
    )
  })
  it('throws when a needed factor is missing or invalid', () => {
    expect(() => careLevelFromMinutes(40)).toThrow(/dementiaAssessor/)
    expect(() => careLevelFromMinutes(40, { dementiaAssessor: 'I', dementiaDoctor: 'IIa' })).toThrow(
      /dementiaProbability/,
    )
    expect(() => careLevelFromMinutes(40, { dementiaAssessor: 'I', dementiaDoctor: 'I' })).toThrow(/unstable/)
    expect(() =>
      careLevelFromMinutes(40, { dementiaAssessor: 'I', dementiaDoctor: 'IIa', dementiaProbability: 101 }),
    ).toThrow(/percentage/)
    expect(() =>
      careLevelFromMinutes(40, { dementiaAssessor: 'I', dementiaDoctor: 'IIa', dementiaProbability: -1 }),
    ).toThrow(RangeError)
    expect(() => careLevelFromMinutes(40, { dementiaAssessor: 'II' as 'IIa', dementiaDoctor: 'I' })).toThrow(
      /dementiaAssessor must be/,
    )
    expect(() => careLevelFromMinutes(-1)).toThrow(RangeError)
    expect(() => careLevelFromMinutes(Number.NaN)).toThrow(RangeError)
  })
  it('property: the level never decreases with minutes (same factors)', () => {
    const order = ['notApplicable', 'support1', 'support2', 'care1', 'care2', 'care3', 'care4', 'care5']
    fc.assert(
      fc.property(
        fc.float({ min: 0, max: 200, noNaN: true }),
        fc.float({ min: 0, max: 200, noNaN: true }),
        fc.boolean(),
        (a, b, unstable) => {
          const f = { dementiaAssessor: 'I' as const, dementiaDoctor: 'I' as const, unstable }
          const [lo, hi] = a <= b ? [a, b] : [b, a]
          expect(order.indexOf(careLevelFromMinutes(hi, f))).toBeGreaterThanOrEqual(
            order.indexOf(careLevelFromMinutes(lo, f)),
          )
        },
      ),
    )
  })
})

/** Answers of a person with no risk: items 1–8, 16, 19 はい, the others いいえ. */
const healthy = (): Record<number, boolean> => {
  const a: Record<number, boolean> = {}
  for (let i = 1; i <= 25; i += 1) a[i] = [1, 2, 3, 4, 5, 6, 7, 8, 16, 19].includes(i)
  return a
}
/** Marks items as 該当 (flipping the answer the way that counts). */
const hit = (...items: number[]): Record<number, boolean> => {
  const a = healthy()
  for (const i of items) a[i] = !a[i]
  return a
}

describe('基本チェックリスト (docs/sources/domain.md §7)', () => {
  it('no risk → no criteria', () => {
    expect(basicChecklistResult(healthy())).toEqual({ programEligible: false, criteria: [] })
  })
  it('① 10 of items 1–20 (9 → none)', () => {
    const ten = [1, 2, 3, 4, 5, 6, 7, 11, 13, 17]
    expect(basicChecklistResult(hit(...ten))).toEqual({ programEligible: true, criteria: ['①'] })
    expect(basicChecklistResult(hit(...ten.slice(0, 9)))).toEqual({ programEligible: false, criteria: [] })
  })
  it('② 3 of items 6–10 (2 → none)', () => {
    expect(basicChecklistResult(hit(6, 9, 10)).criteria).toEqual(['②'])
    expect(basicChecklistResult(hit(6, 9)).criteria).toEqual([])
  })
  it('③ both 11 and 12; item 12 from BMI < 18.5 when height and weight are given', () => {
    expect(basicChecklistResult(hit(11, 12)).criteria).toEqual(['③'])
    expect(basicChecklistResult(hit(11)).criteria).toEqual([])
    // 200 cm: 74.0 kg → BMI 18.5 (not below); 73.9 kg → 18.475
    expect(basicChecklistResult(hit(11), { heightCm: 200, weightKg: 73.9 }).criteria).toEqual(['③'])
    expect(basicChecklistResult(hit(11), { heightCm: 200, weightKg: 74 }).criteria).toEqual([])
    expect(basicChecklistResult(hit(11, 12), { heightCm: 160, weightKg: 60 }).criteria).toEqual([])
    // 160 cm: 47.3 kg → 18.47…; 47.4 kg → 18.51…
    expect(basicChecklistResult(hit(11), { heightCm: 160, weightKg: 47.3 }).criteria).toEqual(['③'])
    expect(basicChecklistResult(hit(11), { heightCm: 160, weightKg: 47.4 }).criteria).toEqual([])
  })
  it('BMI needs both height and weight; answer 12 may then be omitted', () => {
    const a = hit(11)
    delete a[12]
    expect(basicChecklistResult(a, { heightCm: 150, weightKg: 40 }).criteria).toEqual(['③'])
    expect(() => basicChecklistResult(a, { heightCm: 150 })).toThrow(/answer 12/)
    expect(() => basicChecklistResult(a, { heightCm: 0, weightKg: 40 })).toThrow(/heightCm/)
    expect(() => basicChecklistResult(a, { heightCm: 150, weightKg: -1 })).toThrow(RangeError)
  })
  it('④ 2 of items 13–15; ⑤ item 16; ⑥ 1 of items 18–20', () => {
    expect(basicChecklistResult(hit(14, 15)).criteria).toEqual(['④'])
    expect(basicChecklistResult(hit(15)).criteria).toEqual([])
    expect(basicChecklistResult(hit(16)).criteria).toEqual(['⑤'])
    expect(basicChecklistResult(hit(18)).criteria).toEqual(['⑥'])
    expect(basicChecklistResult(hit(19)).criteria).toEqual(['⑥'])
    expect(basicChecklistResult(hit(20)).criteria).toEqual(['⑥'])
    expect(basicChecklistResult(hit(17)).criteria).toEqual([])
  })
  it('⑦ 2 of items 21–25: counted by default (⚠️ parameter), always reported', () => {
    expect(basicChecklistResult(hit(21, 25))).toEqual({ programEligible: true, criteria: ['⑦'] })
    expect(basicChecklistResult(hit(21, 25), { countDepression: false })).toEqual({
      programEligible: false,
      criteria: ['⑦'],
    })
    expect(basicChecklistResult(hit(16, 21, 25), { countDepression: false })).toEqual({
      programEligible: true,
      criteria: ['⑤', '⑦'],
    })
    expect(basicChecklistResult(hit(21)).criteria).toEqual([])
  })
  it('throws on a missing answer', () => {
    const a = healthy()
    delete a[25]
    expect(() => basicChecklistResult(a)).toThrow(/answer 25/)
  })
  it('property: eligible exactly when a counted criterion is met', () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { minLength: 25, maxLength: 25 }), fc.boolean(), (bits, countDepression) => {
        const answers: Record<number, boolean> = {}
        bits.forEach((b, i) => (answers[i + 1] = b))
        const r = basicChecklistResult(answers, { countDepression })
        const counted = r.criteria.filter((c) => countDepression || c !== '⑦')
        expect(r.programEligible).toBe(counted.length > 0)
      }),
    )
  })
})
