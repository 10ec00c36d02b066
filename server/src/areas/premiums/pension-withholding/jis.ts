/**
 * The character sets of the withholding records (docs/sources/interfaces.md §2.4): text outside the shift codes is
 * JIS X 0201 in one byte per character (ASCII and half-width katakana 0xA1–0xDF); a kanji field, between the shift
 * codes ESC $ B and ESC ( B, is JIS X 0208 in two 7-bit bytes per character. ISO-2022-JP decoders do not read the
 * one-byte katakana, so both directions are written here; the JIS X 0208 table is iconv-lite's EUC-JP (whose two
 * bytes are the JIS X 0208 bytes with the high bit set).
 */
import iconv from 'iconv-lite'

export const KANJI_IN = Uint8Array.of(0x1b, 0x24, 0x42) // ESC $ B
export const KANJI_OUT = Uint8Array.of(0x1b, 0x28, 0x42) // ESC ( B
export const HALF_WIDTH_SPACE = 0x20
export const FULL_WIDTH_SPACE = Uint8Array.of(0x21, 0x21) // JIS X 0208 row 1 cell 1

const KATAKANA_FIRST = 0xa1
const KATAKANA_LAST = 0xdf
const KATAKANA_OFFSET = 0xff61 - KATAKANA_FIRST // U+FF61 ｡ … U+FF9F ﾟ
const EUC_HIGH_BIT = 0x80

/** One failure of a character: which (1-based) character of the text and why. */
export interface CharacterProblem {
  index: number
  reason: string
}

/**
 * 0x5C and 0x7E are ¥ and ‾ in JIS X 0201 but \ and ~ in ASCII; the reference does not say which is meant, so neither
 * is written or read.
 */
const AMBIGUOUS_ROMAN = new Set([0x5c, 0x7e])

function isSingleByteText(byte: number): boolean {
  return (
    (byte >= 0x20 && byte <= 0x7e && !AMBIGUOUS_ROMAN.has(byte)) || (byte >= KATAKANA_FIRST && byte <= KATAKANA_LAST)
  )
}

/** One-byte text → bytes (unpadded), or the first character that has no one-byte code. */
export function encodeSingleByte(
  text: string,
): { ok: true; bytes: number[] } | { ok: false; problem: CharacterProblem } {
  const bytes: number[] = []
  let index = 0
  for (const character of text) {
    index += 1
    const code = character.codePointAt(0)!
    const byte = code >= 0xff61 && code <= 0xff9f ? code - KATAKANA_OFFSET : code
    if (byte > 0xff || !isSingleByteText(byte)) {
      return { ok: false, problem: { index, reason: `「${character}」は半角カナ・英数字（JIS X 0201）で表せません` } }
    }
    bytes.push(byte)
  }
  return { ok: true, bytes }
}

/** Bytes → one-byte text, or the first byte that is not JIS X 0201 text. */
export function decodeSingleByte(
  bytes: Uint8Array,
): { ok: true; text: string } | { ok: false; problem: CharacterProblem } {
  let text = ''
  for (let i = 0; i < bytes.length; i += 1) {
    const byte = bytes[i]!
    if (!isSingleByteText(byte)) {
      return {
        ok: false,
        problem: { index: i + 1, reason: `半角カナ・英数字（JIS X 0201）ではないバイト 0x${hex(byte)} があります` },
      }
    }
    text += String.fromCodePoint(byte >= KATAKANA_FIRST ? byte + KATAKANA_OFFSET : byte)
  }
  return { ok: true, text }
}

/**
 * JIS X 0208 rows in use: 1–8 (symbols, kana, Greek, Cyrillic, box drawing) and 16–84 (kanji levels 1 and 2). Rows
 * 9–15 and 85–94 hold vendor extensions (NEC ① ㈱, IBM 髙 﨑 …), which are not JIS X 0208 and are refused.
 */
function isJisX0208Row(lead: number): boolean {
  const row = lead - 0x20
  return (row >= 1 && row <= 8) || (row >= 16 && row <= 84)
}

/** Full-width text → JIS X 0208 bytes (two per character, unpadded), or the first character that has none. */
export function encodeDoubleByte(
  text: string,
): { ok: true; bytes: number[] } | { ok: false; problem: CharacterProblem } {
  const bytes: number[] = []
  let index = 0
  for (const character of text) {
    index += 1
    const pair = jisPairOf(character)
    if (pair === null) {
      const halfWidth =
        character.length === 1 && (character.charCodeAt(0) <= 0x7e || (character >= '｡' && character <= 'ﾟ'))
      const reason = halfWidth
        ? `「${character}」は半角文字です（全角文字で入力してください）`
        : `「${character}」は JIS X 0208 の全角文字で表せません`
      return { ok: false, problem: { index, reason } }
    }
    bytes.push(pair[0], pair[1])
  }
  return { ok: true, bytes }
}

/** Memo of the table lookups (iconv-lite per character is the codec's hot path on a 60,000-record file). */
const PAIR_OF = new Map<string, readonly [number, number] | null>()
const CHARACTER_OF = new Map<number, string>()

/** The JIS X 0208 pair of a character (iconv-lite's EUC-JP minus the high bit), null when it has none. */
function jisPairOf(character: string): readonly [number, number] | null {
  const known = PAIR_OF.get(character)
  if (known !== undefined) return known
  const euc = iconv.encode(character, 'euc-jp')
  const lead = (euc[0] ?? 0) - EUC_HIGH_BIT
  const trail = (euc[1] ?? 0) - EUC_HIGH_BIT
  const ok =
    euc.length === 2 &&
    isJisX0208Row(lead) &&
    trail >= 0x21 &&
    trail <= 0x7e &&
    iconv.decode(euc, 'euc-jp') === character
  const pair = ok ? ([lead, trail] as const) : null
  PAIR_OF.set(character, pair)
  return pair
}

/** The character of an in-range JIS X 0208 pair ('' or U+FFFD when the table has none). */
function characterOf(lead: number, trail: number): string {
  const key = (lead << 8) | trail
  let character = CHARACTER_OF.get(key)
  if (character === undefined) {
    character = iconv.decode(Buffer.from([lead + EUC_HIGH_BIT, trail + EUC_HIGH_BIT]), 'euc-jp')
    CHARACTER_OF.set(key, character)
  }
  return character
}

/** JIS X 0208 bytes → text, or the first character (pair of bytes) that is not a JIS X 0208 character. */
export function decodeDoubleByte(
  bytes: Uint8Array,
): { ok: true; text: string } | { ok: false; problem: CharacterProblem } {
  let text = ''
  for (let i = 0; i < bytes.length; i += 2) {
    const lead = bytes[i]!
    const trail = bytes[i + 1]!
    const inRange = isJisX0208Row(lead) && trail >= 0x21 && trail <= 0x7e
    const character = inRange ? characterOf(lead, trail) : ''
    if (!inRange || character.length !== 1 || character === '\ufffd') {
      return {
        ok: false,
        problem: { index: i / 2 + 1, reason: `JIS X 0208 の文字ではない符号 0x${hex(lead)}${hex(trail)} があります` },
      }
    }
    text += character
  }
  return { ok: true, text }
}

function hex(byte: number): string {
  return byte.toString(16).toUpperCase().padStart(2, '0')
}
