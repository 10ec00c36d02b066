/**
 * 全銀協 half-width kana: the characters a 全銀 record's カナ field may hold (数字, 英大文字, 半角カナ without the small
 * forms, ﾞ ﾟ, space and ( ) . - / , ｢ ｣), and the conversion of typed names to them — hiragana or full-width katakana
 * → half-width, small kana → large (ｯ → ﾂ), ー → '-', lower-case → upper-case, full-width spaces and letters → half-width.
 * The half-width table comes from Unicode's compatibility mapping (NFKC of each half-width kana), not typed by hand.
 */
import { toKatakana } from 'wanakana'

const HALF_WIDTH_FIRST = 0xff61
const HALF_WIDTH_LAST = 0xff9d // ﾝ; ﾞ (FF9E) and ﾟ (FF9F) are the voiced marks
const VOICED = '\uff9e'
const SEMI_VOICED = '\uff9f'

const TO_HALF_WIDTH: ReadonlyMap<string, string> = (() => {
  const map = new Map<string, string>()
  for (let code = HALF_WIDTH_FIRST; code <= HALF_WIDTH_LAST; code += 1) {
    const half = String.fromCharCode(code)
    for (const form of [half, half + VOICED, half + SEMI_VOICED]) {
      const full = form.normalize('NFKC')
      if ([...full].length === 1 && !map.has(full)) map.set(full, form)
    }
  }
  return map
})()

/** Small half-width kana → large (全銀協: 小文字は大文字で). */
const SMALL_TO_LARGE: Readonly<Record<string, string>> = {
  ｧ: 'ｱ',
  ｨ: 'ｲ',
  ｩ: 'ｳ',
  ｪ: 'ｴ',
  ｫ: 'ｵ',
  ｬ: 'ﾔ',
  ｭ: 'ﾕ',
  ｮ: 'ﾖ',
  ｯ: 'ﾂ',
}

/** The characters of a 全銀 カナ field. */
export const ZENGIN_TEXT = /^[0-9A-Z ().,\-/\uFF62\uFF63\uFF66\uFF71-\uFF9F]*$/

/** The text in 全銀 characters (not yet checked: see {@link zenginKana}). */
export function toZenginText(text: string): string {
  const katakana = toKatakana(text.normalize('NFKC').replace(/\s+/g, ' ').trim(), { passRomaji: true })
  return Array.from(katakana.normalize('NFC'), (ch) => {
    if (ch === 'ー' || ch === '‐' || ch === '−' || ch === 'ｰ') return '-'
    const half = TO_HALF_WIDTH.get(ch) ?? ch
    return Array.from(half, (c) => SMALL_TO_LARGE[c] ?? c).join('')
  })
    .join('')
    .toUpperCase()
}

/** The name as the bank compares it, or the first character that 全銀 cannot carry, in Japanese. */
export function zenginKana(text: string, maxBytes: number): { ok: true; text: string } | { ok: false; reason: string } {
  const converted = toZenginText(text)
  for (const ch of converted) {
    if (!ZENGIN_TEXT.test(ch)) return { ok: false, reason: `「${ch}」は全銀協の半角カナ・英数字で表せません` }
  }
  if (converted.length === 0) return { ok: false, reason: 'カナで入力してください' }
  if (converted.length > maxBytes) {
    return { ok: false, reason: `半角${maxBytes}文字以内で入力してください（${converted.length}文字: ${converted}）` }
  }
  return { ok: true, text: converted }
}

/** A master name (全角カナ) in 全銀 characters, cut to the field (a bank or branch name is informative only). */
export function zenginName(kana: string, bytes: number): string {
  return Array.from(toZenginText(kana))
    .filter((ch) => ZENGIN_TEXT.test(ch))
    .slice(0, bytes)
    .join('')
}
