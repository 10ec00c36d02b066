import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  individualNumberCheckDigit,
  isValidIndividualNumber,
  pensionIncomeBoundary,
  pensionMiscIncome,
  taxableIncomeBands,
} from '../../../../../server/src/demo/generator'
import { incomeFigures, maxPensionForMiscIncome } from '../../../../../server/src/demo/generator/income'
import { NumberPermutation } from '../../../../../server/src/demo/generator/numbers'
import { planDummyWard } from '../../../../../server/src/demo/generator'
import { Rng, SystematicSampler } from '../../../../../server/src/demo/generator/prng'

describe('個人番号 check digit (番号法施行令第8条)', () => {
  it('accepts the published example 1234 5678 9018', () => {
    expect(individualNumberCheckDigit('12345678901')).toBe(8)
    expect(isValidIndividualNumber('123456789018')).toBe(true)
    expect(isValidIndividualNumber('123456789017')).toBe(false)
  })

  it('matches a direct transcription of the formula, and detects any single-digit change', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^\d{11}$/),
        fc.integer({ min: 0, max: 11 }),
        fc.integer({ min: 1, max: 9 }),
        (body, at, delta) => {
          const digits = Array.from(body, Number)
          let sum = 0
          for (let n = 1; n <= 11; n++) sum += digits[11 - n]! * (n <= 6 ? n + 1 : n - 5)
          const r = sum % 11
          const check = r <= 1 ? 0 : 11 - r
          expect(individualNumberCheckDigit(body)).toBe(check)
          const number = body + String(check)
          expect(isValidIndividualNumber(number)).toBe(true)
          const changed = number.slice(0, at) + String((Number(number[at]) + delta) % 10) + number.slice(at + 1)
          // A check digit mod 11 mapped to 0–9 cannot catch every change, but a changed check digit always fails.
          if (at === 11) expect(isValidIndividualNumber(changed)).toBe(false)
        },
      ),
    )
  })

  it('rejects malformed input', () => {
    expect(isValidIndividualNumber('12345678901')).toBe(false)
    expect(isValidIndividualNumber('12345678901a')).toBe(false)
    expect(() => individualNumberCheckDigit('123')).toThrow(RangeError)
  })
})

describe('number permutation', () => {
  it('is a bijection of [0, 10^w) for small widths', () => {
    for (const width of [1, 2, 3, 4]) {
      const perm = new NumberPermutation(new Rng(width, 'perm'), width)
      const seen = new Set<string>()
      for (let k = 0; k < 10 ** width; k++) seen.add(perm.at(k))
      expect(seen.size).toBe(10 ** width)
      for (const v of seen) expect(v).toHaveLength(width)
    }
  })

  it('gives distinct numbers for distinct indexes at full width', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 0xffffffff }),
        fc.uniqueArray(fc.integer({ min: 0, max: 999_999_999 }), { minLength: 2, maxLength: 50 }),
        (seed, ks) => {
          const perm = new NumberPermutation(new Rng(seed), 9)
          expect(new Set(ks.map((k) => perm.at(k))).size).toBe(ks.length)
        },
      ),
    )
  })
})

describe('income helpers', () => {
  it("uses shared/domain's FY boundaries 80万 / 80.9万 / 82.65万, and the first one for a ward dated before them", () => {
    expect(pensionIncomeBoundary(2024)).toBe(800_000)
    expect(pensionIncomeBoundary(2025)).toBe(809_000)
    expect(pensionIncomeBoundary(2026)).toBe(826_500)
    expect(pensionIncomeBoundary(2027)).toBe(826_500)
    expect(pensionIncomeBoundary(2020)).toBe(800_000)
  })

  it("takes the taxable 合計所得金額 bands of stages 6–13 from shared/domain's national standard", () => {
    const expected = [
      [450_001, 1_200_000],
      [1_200_000, 2_100_000],
      [2_100_000, 3_200_000],
      [3_200_000, 4_200_000],
      [4_200_000, 5_200_000],
      [5_200_000, 6_200_000],
      [6_200_000, 7_200_000],
      [7_200_000, 40_000_000],
    ]
    expect(taxableIncomeBands(2026)).toEqual(expected)
    expect(taxableIncomeBands(2020)).toEqual(expected)
  })

  it('computes 公的年金等に係る雑所得 with the 65+ and under-65 deductions', () => {
    expect(pensionMiscIncome(1_100_000, true)).toBe(0)
    expect(pensionMiscIncome(1_550_000, true)).toBe(450_000)
    expect(pensionMiscIncome(3_300_000, true)).toBe(2_200_000)
    expect(pensionMiscIncome(4_000_000, true)).toBe(2_725_000)
    expect(pensionMiscIncome(600_000, false)).toBe(0)
    expect(pensionMiscIncome(1_300_000, false)).toBe(700_000)
  })

  it('is non-decreasing, and maxPensionForMiscIncome is its upper inverse', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 15_000_000 }),
        fc.integer({ min: 0, max: 100_000 }),
        fc.boolean(),
        (p, d, aged65) => {
          expect(pensionMiscIncome(p + d, aged65)).toBeGreaterThanOrEqual(pensionMiscIncome(p, aged65))
          const income = pensionMiscIncome(p, aged65)
          const max = maxPensionForMiscIncome(income, aged65)
          expect(max).toBeGreaterThanOrEqual(p)
          expect(pensionMiscIncome(max, aged65)).toBe(income)
          expect(pensionMiscIncome(max + 1, aged65)).toBeGreaterThan(income)
        },
      ),
    )
  })

  it('keeps 年金収入等 = 課税年金収入額 + その他の合計所得金額', () => {
    const f = incomeFigures(2_000_000, 300_000, true)
    expect(f).toEqual({ totalIncome: 1_200_000, taxablePensionIncome: 2_000_000, pensionAndOtherIncome: 2_300_000 })
  })
})

describe('seeded randomness', () => {
  it('repeats for a seed and label, and differs across them', () => {
    const draw = (seed: number, label?: string) => {
      const r = new Rng(seed, label)
      return Array.from({ length: 8 }, () => r.nextUint32())
    }
    expect(draw(1)).toEqual(draw(1))
    expect(draw(1)).not.toEqual(draw(2))
    expect(draw(1, 'a')).not.toEqual(draw(1, 'b'))
    const r = new Rng(7)
    for (let i = 0; i < 1_000; i++) {
      const v = r.int(3, 9)
      expect(v >= 3 && v <= 9 && Number.isInteger(v)).toBe(true)
    }
  })

  it('samples systematically: floor or ceil of n·p successes', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 0xffffffff }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer({ min: 1, max: 2_000 }),
        (seed, p, n) => {
          const s = new SystematicSampler(p, new Rng(seed))
          let yes = 0
          for (let i = 0; i < n; i++) if (s.next()) yes++
          expect(yes).toBeGreaterThanOrEqual(Math.floor(n * p) - 1)
          expect(yes).toBeLessThanOrEqual(Math.ceil(n * p) + 1)
        },
      ),
    )
  })
})

describe('household plan', () => {
  it('gives exact category-1 and other counts at any scale', () => {
    fc.assert(
      fc.property(fc.integer({ min: 100, max: 2_000_000 }), fc.integer({ min: 0, max: 0xffffffff }), (scale, seed) => {
        const plan = planDummyWard({ seed, scale })
        expect(plan.insuredCategory1).toBe(Math.round((scale * 67_889) / 84_410))
        expect(plan.insuredCategory1 + plan.others).toBe(scale)
        expect(plan.households).toBeGreaterThan(scale / 4)
      }),
      { numRuns: 30 },
    )
  })
})
