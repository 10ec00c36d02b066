import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { checkDigit, SHINJUKU_INSURER_NUMBER } from '../../../../shared/domain'
import { ceilDiv, floorDiv, floorTo, mul, toScaledInteger } from '../../../../shared/domain/arith'

describe('保険者番号の検証番号 (weights 2,1,2,1… from the right; 10 − last digit) [S17]', () => {
  it('新宿区 13104 → 5 (131045 ⚠️ computed; docs/sources/domain.md §2.6)', () => {
    expect(checkDigit('13104')).toBe(5)
    expect(SHINJUKU_INSURER_NUMBER).toBe(`13104${checkDigit('13104')}`)
  })
  it('sums the digits of two-digit products and gives 0 when 10 − 0', () => {
    // 9×2 = 18 → 1+8 = 9; 10 − 9 = 1
    expect(checkDigit('9')).toBe(1)
    // 5×2 = 10 → 1; 5×1 = 5 → total 6 → 4
    expect(checkDigit('55')).toBe(4)
    // 0 → sum 0 → 10 − 0 = 10 → 0
    expect(checkDigit('0')).toBe(0)
    expect(checkDigit('00000')).toBe(0)
    // 13101: 1×2 + 0 + 1×2 + 3 + 1×2 = 9 → 1
    expect(checkDigit('13101')).toBe(1)
  })
  it('rejects non-digits', () => {
    expect(() => checkDigit('')).toThrow(RangeError)
    expect(() => checkDigit('1310a')).toThrow(RangeError)
    expect(() => checkDigit('１３１０４')).toThrow(RangeError)
  })
  it('property: a single-digit change always changes the check digit (Luhn-style detection)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 1, maxLength: 12 }),
        fc.nat(),
        fc.integer({ min: 1, max: 9 }),
        (ds, at, delta) => {
          const i = at % ds.length
          const changed = [...ds]
          changed[i] = ((changed[i] as number) + delta) % 10
          const cd = checkDigit(ds.join(''))
          expect(cd).toBeGreaterThanOrEqual(0)
          expect(cd).toBeLessThanOrEqual(9)
          expect(checkDigit(changed.join(''))).not.toBe(cd)
        },
      ),
    )
  })
})

describe('integer arithmetic for money (shared/domain/arith)', () => {
  it('floors and ceils exactly, also for negative numerators', () => {
    expect(floorDiv(7, 2)).toBe(3)
    expect(floorDiv(-7, 2)).toBe(-4)
    expect(ceilDiv(7, 2)).toBe(4)
    expect(ceilDiv(-7, 2)).toBe(-3)
    expect(Object.is(ceilDiv(0, 10), 0)).toBe(true) // never -0
    expect(Object.is(ceilDiv(-1, 2), 0)).toBe(true)
    expect(floorTo(22_572, 10)).toBe(22_570)
  })
  it('refuses products that are not safe integers instead of losing yen', () => {
    expect(() => mul(Number.MAX_SAFE_INTEGER, 2)).toThrow(/overflow/)
    expect(mul(79_200, 2_850)).toBe(225_720_000)
  })
  it('reads decimals from their decimal form (2.4 → 240, 1.511 → 1511)', () => {
    expect(toScaledInteger(2.4, 2, 'exact', 'r')).toBe(240)
    expect(toScaledInteger(0.1 + 0.2, 2, 'exact', 'r')).toBe(30)
    expect(toScaledInteger(1.5119, 3, 'truncate', 'y')).toBe(1511)
    expect(() => toScaledInteger(2.455, 2, 'exact', 'r')).toThrow(/at most 2 decimals/)
    expect(() => toScaledInteger(-1, 2, 'exact', 'r')).toThrow(RangeError)
  })
  it('property: floorDiv matches Math.floor for safe integers', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.integer({ min: 1, max: 1e6 }), (a, b) => {
        expect(floorDiv(a, b)).toBe(Math.floor(a / b) + 0) // + 0 normalises the oracle's -0
        expect(ceilDiv(a, b)).toBe(Math.ceil(a / b) + 0)
      }),
    )
  })
})
