import { describe, expect, it } from 'vitest'
import {
  toZenginText,
  zenginKana,
  zenginName,
} from '../../../../../../server/src/areas/premiums/direct-debit/zengin-kana'

/*
 * 全銀協 characters of a カナ field (全国銀行協会 全銀協規定フォーマット「使用可能文字」): 数字, 英大文字, 半角カナ
 * (小文字は使わず大文字で), 濁点 ﾞ・半濁点 ﾟ, space and ( ) . - / , ｢ ｣. The 長音 is written as a hyphen.
 */
describe('typed names become 全銀 half-width kana', () => {
  it('hiragana and full-width katakana → half-width, with the voiced marks as their own characters', () => {
    expect(toZenginText('やまだ たろう')).toBe('ﾔﾏﾀﾞ ﾀﾛｳ')
    expect(toZenginText('パク　ジヨン')).toBe('ﾊﾟｸ ｼﾞﾖﾝ')
  })
  it('small kana → large (ｯ → ﾂ, ｮ → ﾖ), ー → -', () => {
    expect(toZenginText('キョウコ')).toBe('ｷﾖｳｺ')
    expect(toZenginText('ハットリ')).toBe('ﾊﾂﾄﾘ')
    expect(toZenginText('ルーシー')).toBe('ﾙ-ｼ-')
  })
  it('letters → upper-case half-width; runs of spaces → one', () => {
    expect(toZenginText('ｍａｒｙ  smith')).toBe('MARY SMITH')
  })
})

describe('validation of the holder name (預金者名: 30 bytes)', () => {
  it('accepts 30 characters and refuses 31, saying how long it is', () => {
    expect(zenginKana('ア'.repeat(30), 30)).toEqual({ ok: true, text: 'ｱ'.repeat(30) })
    const long = zenginKana('ア'.repeat(31), 30)
    expect(long.ok).toBe(false)
    if (!long.ok) expect(long.reason).toContain('半角30文字以内')
  })
  it('counts a voiced kana as two bytes: 15 × ガ is 30, 16 is refused', () => {
    expect(zenginKana('ガ'.repeat(15), 30).ok).toBe(true)
    expect(zenginKana('ガ'.repeat(16), 30).ok).toBe(false)
  })
  it('refuses 漢字 and symbols 全銀 has no code for, naming the character', () => {
    const kanji = zenginKana('山田', 30)
    expect(kanji).toEqual({ ok: false, reason: '「山」は全銀協の半角カナ・英数字で表せません' })
    expect(zenginKana('ヤマダ＆カ', 30).ok).toBe(false)
  })
  it('refuses an empty name', () => {
    expect(zenginKana('   ', 30).ok).toBe(false)
  })
})

describe('master names are cut to the field, never refused (they are informative)', () => {
  it('ミツイスミトモ → ﾐﾂｲｽﾐﾄﾓ; a long name is cut at 15', () => {
    expect(zenginName('ミツイスミトモ', 15)).toBe('ﾐﾂｲｽﾐﾄﾓ')
    expect(zenginName('ア'.repeat(20), 15)).toBe('ｱ'.repeat(15))
  })
})
