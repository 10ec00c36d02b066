import { describe, expect, it } from 'vitest'
import {
  BARCODE_MAX_AMOUNT,
  barcodeBars,
  mod10Weight3,
  mod97Check,
  slipBarcode,
} from '../../../../../../server/src/areas/premiums/notices/barcode'

const base = {
  billerCode: '999999',
  fiscalYear: 2026,
  insuredNumber: '0000012345',
  seq: 1,
  version: 1,
  reissue: 0,
  deadline: '2026-07-31',
  amount: 10_560,
}

describe('check digit: modulus 10, weights 3·1 from the right (GS1 / JAN rule)', () => {
  it('matches the published JAN examples', () => {
    // 4912345: (5+3+1+4)×3 + (4+2+9) = 39 + 15 = 54 → 10 − 4 = 6 (JAN-8 example of the barcode handbooks)
    expect(mod10Weight3('4912345')).toBe(6)
    // 400763000011: odd positions from the right ×3 → 44 → 6 (EAN-13 example)
    expect(mod10Weight3('400763000011')).toBe(6)
  })

  it('is 0 when the weighted sum is a multiple of 10, never 10', () => {
    // 5: 5×3 = 15 → 5; 0: 0 → 0; 37: 7×3 + 3 = 24 → 6
    expect(mod10Weight3('5')).toBe(5)
    expect(mod10Weight3('0')).toBe(0)
    expect(mod10Weight3('37')).toBe(6)
  })

  it('refuses anything but digits', () => {
    expect(() => mod10Weight3('12a')).toThrow(RangeError)
  })
})

describe('確認番号: ISO 7064 MOD 97-10 check pair', () => {
  it('is 98 − (n × 100 mod 97), two digits', () => {
    // 1 → 100 mod 97 = 3 → 95; 0 → 98; 96 → 9600 mod 97 = 94 → 04
    expect(mod97Check('1')).toBe('95')
    expect(mod97Check('0')).toBe('98')
    expect(mod97Check('96')).toBe('04')
  })
})

describe('the 44 digits of a 納付書 (docs/interfaces/notices.md)', () => {
  it('lays out AI, 収納機関コード, 納付番号, 確認番号, 再発行区分, 支払期限, 印紙フラグ, 金額 and the check digit', () => {
    const b = slipBarcode(base)!
    // 納付番号 = 2026 + 0000012345 + 01; 確認番号 = 版 01 + MOD 97-10 of 2026000001234501 01 010560 = 49
    // (computed apart: 20260000012345010101056000 mod 97 = 49 → 98 − 49 = 49)
    expect(b.paymentNumber).toBe('2026000001234501')
    expect(b.confirmationNumber).toBe('0149')
    // 91 999999 2026000001234501 0149 0 | 0 | 260731 | 0 | 010560 | check digit: weighted sum 257 → 3
    expect(b.digits).toBe('91' + '999999' + '202600000123450101490' + '0' + '260731' + '0' + '010560' + '3')
    expect(b.digits).toHaveLength(44)
    expect(b.text).toBe('(91) 999999-202600000123450101490-0-260731-0-010560-3')
  })

  it('counts a reprint in the 再発行区分 (9 at most)', () => {
    expect(slipBarcode({ ...base, reissue: 2 })!.digits.slice(29, 30)).toBe('2')
    expect(slipBarcode({ ...base, reissue: 12 })!.digits.slice(29, 30)).toBe('9')
  })

  it('holds 999,999 yen at most: one yen more has no barcode; nothing for 0 yen', () => {
    expect(BARCODE_MAX_AMOUNT).toBe(999_999)
    expect(slipBarcode({ ...base, amount: 999_999 })!.digits.slice(37, 43)).toBe('999999')
    expect(slipBarcode({ ...base, amount: 1_000_000 })).toBeNull()
    expect(slipBarcode({ ...base, amount: 1 })!.digits.slice(37, 43)).toBe('000001')
    expect(slipBarcode({ ...base, amount: 0 })).toBeNull()
  })

  it('refuses a 収納機関コード or 被保険者番号 of the wrong length', () => {
    expect(() => slipBarcode({ ...base, billerCode: '12345' })).toThrow('収納機関コード')
    expect(() => slipBarcode({ ...base, insuredNumber: '123' })).toThrow('被保険者番号')
  })

  it('encodes as GS1-128: start C, FNC1, 22 digit pairs, symbol check, stop (bwip-js)', () => {
    const bars = barcodeBars(slipBarcode(base)!.digits)
    // Code 128 (JIS X 0504): start C = 2 1 1 2 3 2, FNC1 = 4 1 1 1 3 1, stop = 2 3 3 1 1 1 2
    expect(bars.slice(0, 6)).toEqual([2, 1, 1, 2, 3, 2])
    expect(bars.slice(6, 12)).toEqual([4, 1, 1, 1, 3, 1])
    expect(bars.slice(-7)).toEqual([2, 3, 3, 1, 1, 1, 2])
    // 11 modules per character: start + FNC1 + 22 pairs + check = 25 characters, + 13 for the stop
    expect(bars.reduce((a, b) => a + b, 0)).toBe(25 * 11 + 13)
  })
})
