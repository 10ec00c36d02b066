import { describe, expect, it } from 'vitest'
import {
  fitsJisX0208,
  fitsSingleByte,
  toHalfWidthKana,
  truncateBytes,
} from '../../../../../../server/src/areas/premiums'

/** The カナ fields of the 500-byte records are one-byte JIS X 0201 (docs/sources/interfaces.md §2.4). */
describe('full-width katakana → half-width for the カナ fields', () => {
  it('writes plain kana, the prolonged sound mark and the full-width space one byte each', () => {
    expect(toHalfWidthKana('ケンショウ　タロー')).toBe('ｹﾝｼｮｳ ﾀﾛｰ')
  })
  it('writes voiced and semi-voiced kana as the kana and its mark (two bytes)', () => {
    expect(toHalfWidthKana('ガパヴ')).toBe('ｶﾞﾊﾟｳﾞ')
  })
  it('leaves what has no half-width form as it is (the codec then refuses it)', () => {
    expect(toHalfWidthKana('ヰ検')).toBe('ヰ検')
    expect(fitsSingleByte(toHalfWidthKana('ヰ'))).toBe(false)
  })
  it('cuts at a byte count, a voiced mark counting as its own byte', () => {
    expect(truncateBytes('ｶﾞｷﾞ', 3)).toBe('ｶﾞｷ')
    expect(truncateBytes('ｱｲ', 25)).toBe('ｱｲ')
  })
})

describe('what a kanji field can carry (JIS X 0208 rows 1–8 and 16–84)', () => {
  it('accepts 第一・第二水準 kanji and the full-width space', () => {
    expect(fitsJisX0208('検証　太郎')).toBe(true)
  })
  it('refuses characters outside JIS X 0208 and half-width input', () => {
    expect(fitsJisX0208('𠮷田')).toBe(false)
    expect(fitsJisX0208('ｹﾝ')).toBe(false)
  })
})
