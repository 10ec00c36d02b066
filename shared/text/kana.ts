import { toKatakana } from 'wanakana'

/** Small kana → their full-size forms, so 'キャ' and 'キヤ' (as often typed from a 住民票) both match. */
const SMALL_TO_LARGE: Readonly<Record<string, string>> = {
  ァ: 'ア',
  ィ: 'イ',
  ゥ: 'ウ',
  ェ: 'エ',
  ォ: 'オ',
  ッ: 'ツ',
  ャ: 'ヤ',
  ュ: 'ユ',
  ョ: 'ヨ',
  ヮ: 'ワ',
  ヵ: 'カ',
  ヶ: 'ケ',
}

/**
 * The search key of a カナ name: NFKC (half-width ｶﾅ → full-width), hiragana → katakana, small kana → large,
 * without spaces (full-width or half-width) and the middle dot. Voiced marks are kept: ガ ≠ カ.
 */
export function normalizeKana(text: string): string {
  const nfkc = text.normalize('NFKC').replace(/[\s\u3000・･]/g, '')
  const katakana = toKatakana(nfkc, { passRomaji: true })
  return Array.from(katakana, (ch) => SMALL_TO_LARGE[ch] ?? ch).join('')
}

/** True when the text is kana only (any script) once normalised: what the カナ search field accepts. */
export function isKanaOnly(text: string): boolean {
  return /^[\u30A0-\u30FF]*$/.test(normalizeKana(text))
}

/** The search key of a 漢字 name: NFKC and no spaces. Variant characters are handled by the search area (issue 7). */
export function normalizeKanjiName(text: string): string {
  return text.normalize('NFKC').replace(/[\s\u3000]/g, '')
}
