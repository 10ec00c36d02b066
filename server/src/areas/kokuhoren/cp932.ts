/**
 * CP932 (Windows-31J, the Shift_JIS of 国保連 files) through iconv-lite — docs/interfaces/kokuhoren.md §1.2.
 * Encoding refuses, rather than replaces, a character CP932 cannot carry (康熙部首, emoji, 𠮷, U+301C 〜 …), and
 * 外字 (the user-defined area, U+E000–U+F8FF) is refused too: docs/sources/interfaces.md §1 (implementation notes).
 */
import iconv from 'iconv-lite'

const ENCODING = 'cp932'
const REPLACEMENT = '\uFFFD'
const PRIVATE_USE = /[\uE000-\uF8FF]/

export interface UnencodableCharacter {
  /** The character (a whole code point). */
  readonly character: string
  /** 1-based position in the text, counted in characters (code points). */
  readonly position: number
}

/** The first character of `text` that CP932 cannot represent exactly, or null. */
export function firstUnencodable(text: string): UnencodableCharacter | null {
  let position = 0
  for (const character of text) {
    position += 1
    if (PRIVATE_USE.test(character) || character === REPLACEMENT) return { character, position }
    const bytes = iconv.encode(character, ENCODING)
    if (iconv.decode(bytes, ENCODING) !== character) return { character, position }
  }
  return null
}

/** Encodes text already checked with {@link firstUnencodable}. */
export function encodeCp932(text: string): Uint8Array {
  return new Uint8Array(iconv.encode(text, ENCODING))
}

/** The number of CP932 bytes of `text` (2 for kanji and full-width, 1 for ASCII and half-width katakana). */
export function cp932Length(text: string): number {
  return iconv.encode(text, ENCODING).length
}

/** Decodes CP932 bytes; null when they hold a sequence CP932 does not define (or 外字). */
export function decodeCp932(bytes: Uint8Array): string | null {
  const text = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), ENCODING)
  return text.includes(REPLACEMENT) || PRIVATE_USE.test(text) ? null : text
}
