/**
 * Full-width katakana → the half-width (JIS X 0201) form the カナ fields of the 500-byte records carry
 * (docs/sources/interfaces.md §2.4): ガ → ｶﾞ, パ → ﾊﾟ, the full-width space → a space. The table is derived from
 * Unicode's own compatibility mapping (NFKC of each half-width kana, alone and with ﾞ / ﾟ), not typed by hand.
 */
import { encodeDoubleByte, encodeSingleByte } from './jis'

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
  map.set('ー', 'ｰ')
  map.set('\u3000', ' ')
  return map
})()

/** The text with every full-width katakana (and ー, the full-width space) in half-width form; others unchanged. */
export function toHalfWidthKana(text: string): string {
  return Array.from(text.normalize('NFC'), (ch) => TO_HALF_WIDTH.get(ch) ?? ch).join('')
}

/** At most `bytes` one-byte characters (a half-width kana is one byte; ｶﾞ is two), cut at a character. */
export function truncateBytes(text: string, bytes: number): string {
  return Array.from(text).slice(0, bytes).join('')
}

/** True when the text can be written in a one-byte field (JIS X 0201 as the codec writes it). */
export const fitsSingleByte = (text: string) => encodeSingleByte(text).ok

/** True when the text can be written in a kanji field (JIS X 0208 rows the codec accepts, full-width only). */
export const fitsJisX0208 = (text: string) => encodeDoubleByte(text).ok
