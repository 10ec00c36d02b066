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

/** 四つ仮名: ヂ/ジ and ヅ/ズ are spelt either way in names (ミヅホ / ミズホ), so the key keeps one of each pair. */
const YOTSUGANA: Readonly<Record<string, string>> = { ヂ: 'ジ', ヅ: 'ズ' }

/**
 * Voiced (濁音・半濁音) katakana and their plain forms, in step, for the voiced-mark-tolerant key. The same two strings
 * are used by SQL `translate()` in the expression index persons_kana_loose_idx of the migration journal (a unit test
 * checks it).
 */
export const VOICED_KANA = 'ガギグゲゴザジズゼゾダデドバビブベボパピプペポヴヷヺ'
export const PLAIN_KANA = 'カキクケコサシスセソタテトハヒフヘホハヒフヘホウワヲ'

const VOICED_TO_PLAIN: ReadonlyMap<string, string> = new Map(
  Array.from(VOICED_KANA, (ch, i) => [ch, PLAIN_KANA[i]!] as const),
)

/**
 * The typed text as katakana, small kana kept: NFKC (half-width ｶﾅ → full-width, ｶﾞ → ガ), spacing voiced marks (か゛)
 * joined to their kana, hiragana → katakana, without spaces (full-width or half-width) and the middle dot.
 */
export function katakanaForm(text: string): string {
  const joined = text.replace(/\u309B/g, '\u3099').replace(/\u309C/g, '\u309A')
  const nfkc = joined
    .normalize('NFKC')
    .replace(/[\s\u3000・･]/g, '')
    .normalize('NFC')
  return toKatakana(nfkc, { passRomaji: true })
}

/**
 * The search key of a カナ name: NFKC (half-width ｶﾅ → full-width, ｶﾞ → ガ), spacing voiced marks (か゛) joined to
 * their kana, hiragana → katakana, small kana → large, ヂ/ヅ → ジ/ズ, without spaces (full-width or half-width) and
 * the middle dot. Voiced marks are kept: ガ ≠ カ here (see `looseKanaKey` for the tolerant form).
 */
export function normalizeKana(text: string): string {
  return Array.from(katakanaForm(text), (ch) => {
    const large = SMALL_TO_LARGE[ch] ?? ch
    return YOTSUGANA[large] ?? large
  }).join('')
}

/** The voiced-mark-tolerant key: `normalizeKana` without 濁点/半濁点, so ヤマサキ and ヤマザキ share a key. */
export function looseKanaKey(text: string): string {
  return Array.from(normalizeKana(text), (ch) => VOICED_TO_PLAIN.get(ch) ?? ch).join('')
}

/** True when the text is kana only (any script) once normalised: what the カナ search field accepts. */
export function isKanaOnly(text: string): boolean {
  return /^[\u30A0-\u30FF]*$/.test(normalizeKana(text))
}

/** Re-exported for the callers that import the 漢字 key from here (seeder, search). */
export { normalizeKanjiName } from './name'
