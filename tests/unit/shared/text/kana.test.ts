import { describe, expect, it } from 'vitest'
import { isKanaOnly, looseKanaKey, normalizeKana, PLAIN_KANA, VOICED_KANA } from '../../../../shared/text/kana'

describe('normalizeKana: one key for katakana, hiragana and half-width katakana', () => {
  it('gives the same key in the three scripts', () => {
    expect(normalizeKana('ヤマダ タロウ')).toBe('ヤマダタロウ')
    expect(normalizeKana('やまだ　たろう')).toBe('ヤマダタロウ')
    expect(normalizeKana('ﾔﾏﾀﾞ ﾀﾛｳ')).toBe('ヤマダタロウ')
  })
  it('joins spacing and half-width voiced marks to their kana (か゛ → ガ, ﾊﾟ → パ)', () => {
    expect(normalizeKana('か゛')).toBe('ガ')
    expect(normalizeKana('ハ゜')).toBe('パ')
    expect(normalizeKana('ﾊﾟﾝ')).toBe('パン')
    expect(normalizeKana('カ\u3099')).toBe('ガ')
  })
  it('makes small kana large (キャ = キヤ) and keeps large kana', () => {
    expect(normalizeKana('きゃっぷ')).toBe(normalizeKana('キヤツプ'))
    expect(normalizeKana('ヶ')).toBe('ケ')
  })
  it('spells 四つ仮名 one way: ミヅホ = ミズホ, ヂ = ジ', () => {
    expect(normalizeKana('ミヅホ')).toBe('ミズホ')
    expect(normalizeKana('ちぢみ')).toBe('チジミ')
  })
  it('keeps voiced marks: ガ ≠ カ', () => {
    expect(normalizeKana('ガ')).not.toBe(normalizeKana('カ'))
  })
  it('drops spaces of both widths and the middle dot', () => {
    expect(normalizeKana(' ジョン・スミス ')).toBe('ジヨンスミス')
  })
})

describe('looseKanaKey: voiced-mark tolerance (ヤマサキ finds ヤマザキ)', () => {
  it('strips 濁点 and 半濁点 on both sides', () => {
    expect(looseKanaKey('ヤマザキ')).toBe(looseKanaKey('やまさき'))
    expect(looseKanaKey('ﾊﾟﾊﾞ')).toBe('ハハ')
    expect(looseKanaKey('ヴ')).toBe('ウ')
  })
  it('keeps plain kana and the long-vowel mark', () => {
    expect(looseKanaKey('サトー')).toBe('サトー')
  })
  it('has voiced and plain tables of the same length (SQL translate() needs it)', () => {
    expect(Array.from(VOICED_KANA).length).toBe(Array.from(PLAIN_KANA).length)
  })
})

describe('isKanaOnly: what the カナ field accepts', () => {
  it('accepts kana in any script and rejects kanji, latin and digits', () => {
    expect(isKanaOnly('やまだ ﾀﾛｳ')).toBe(true)
    expect(isKanaOnly('山田')).toBe(false)
    expect(isKanaOnly('yamada')).toBe(false)
    expect(isKanaOnly('ヤマダ1')).toBe(false)
  })
})
