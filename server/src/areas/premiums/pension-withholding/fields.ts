/**
 * Field codecs of the 500-byte records (docs/sources/interfaces.md §2.4): each turns the bytes of one field into a
 * value and back, or says in Japanese what is wrong. Numbers are right-aligned and zero-filled; one-byte text is
 * left-aligned and padded with spaces; kanji text is left-aligned and padded with full-width spaces; a reserved field
 * is written as spaces and not read.
 */
import { isValidIsoDate, type IsoDate } from '../../../../../shared/domain'
import { isNoticeCode, type NoticeCode } from './codes'
import {
  FULL_WIDTH_SPACE,
  HALF_WIDTH_SPACE,
  decodeDoubleByte,
  decodeSingleByte,
  encodeDoubleByte,
  encodeSingleByte,
} from './jis'

/** A failure inside a field; `offset` (0-based, in bytes) points at the offending byte when known. */
export interface FieldFailure {
  ok: false
  reason: string
  offset?: number
}

export interface FieldCodec<V> {
  decode(bytes: Uint8Array): { ok: true; value: V } | FieldFailure
  /** The field's bytes, exactly `length` of them. */
  encode(value: V, length: number): { ok: true; bytes: Uint8Array } | FieldFailure
}

const ascii = (bytes: Uint8Array) => String.fromCharCode(...bytes)
const asciiBytes = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0))
const isBlank = (bytes: Uint8Array) => bytes.every((b) => b === HALF_WIDTH_SPACE)
const shown = (bytes: Uint8Array) => {
  const text = ascii(bytes)
  return /^[\x20-\x7e]*$/.test(text) ? `「${text}」` : `（0x${Buffer.from(bytes).toString('hex').toUpperCase()}）`
}
const fail = (reason: string, offset?: number): FieldFailure =>
  offset === undefined ? { ok: false, reason } : { ok: false, reason, offset }
const firstNonDigit = (bytes: Uint8Array) => bytes.findIndex((b) => b < 0x30 || b > 0x39)

/** A fixed byte sequence (レコード区分, シフトコード). */
export function literal(expected: Uint8Array, description: string): FieldCodec<null> {
  return {
    decode: (bytes) =>
      bytes.every((b, i) => b === expected[i])
        ? { ok: true, value: null }
        : fail(`${description}でなければなりません（実際は${shown(bytes)}）`),
    encode: () => ({ ok: true, bytes: expected.slice() }),
  }
}

/** Digits kept as text (codes, numbers with leading zeros); with `blank`, all spaces means null. */
export function digits(options: { blank: true }): FieldCodec<string | null>
export function digits(options?: { blank?: false }): FieldCodec<string>
export function digits(options: { blank?: boolean } = {}): FieldCodec<string | null> {
  return {
    decode: (bytes) => {
      if (options.blank === true && isBlank(bytes)) return { ok: true, value: null }
      const at = firstNonDigit(bytes)
      return at === -1 ? { ok: true, value: ascii(bytes) } : fail(`数字ではない文字があります（${shown(bytes)}）`, at)
    },
    encode: (value, length) => {
      if (value === null && options.blank === true)
        return { ok: true, bytes: new Uint8Array(length).fill(HALF_WIDTH_SPACE) }
      if (typeof value !== 'string' || !new RegExp(`^\\d{${length}}$`).test(value)) {
        return fail(`${length} 桁の数字でなければなりません（「${String(value)}」）`)
      }
      return { ok: true, bytes: asciiBytes(value) }
    },
  }
}

/** 通知内容コード: two digits from §2.3. */
export const noticeCode: FieldCodec<NoticeCode> = {
  decode: (bytes) => {
    const text = ascii(bytes)
    return isNoticeCode(text) ? { ok: true, value: text } : fail(`未知の通知内容コード${shown(bytes)}です`)
  },
  encode: (value) =>
    typeof value === 'string' && isNoticeCode(value)
      ? { ok: true, bytes: asciiBytes(value) }
      : fail(`未知の通知内容コード「${String(value)}」です`),
}

/** 性別: 1 男 / 2 女. */
export const sex: FieldCodec<'male' | 'female'> = {
  decode: (bytes) => {
    const text = ascii(bytes)
    if (text === '1') return { ok: true, value: 'male' }
    if (text === '2') return { ok: true, value: 'female' }
    return fail(`未知のコード${shown(bytes)}です（1 男 / 2 女）`)
  },
  encode: (value) =>
    value === 'male' || value === 'female'
      ? { ok: true, bytes: asciiBytes(value === 'male' ? '1' : '2') }
      : fail(`male または female でなければなりません（「${String(value)}」）`),
}

/** 西暦 YYYYMMDD ↔ ISO date; with `blank`, spaces or zeros mean null (written as spaces). */
export function date(options: { blank: true }): FieldCodec<IsoDate | null>
export function date(options?: { blank?: false }): FieldCodec<IsoDate>
export function date(options: { blank?: boolean } = {}): FieldCodec<IsoDate | null> {
  return {
    decode: (bytes) => {
      const text = ascii(bytes)
      if (options.blank === true && (isBlank(bytes) || text === '00000000')) return { ok: true, value: null }
      const at = firstNonDigit(bytes)
      if (at !== -1) return fail(`日付（西暦 YYYYMMDD）ではありません（${shown(bytes)}）`, at)
      const iso = `${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6, 8)}`
      return isValidIsoDate(iso) ? { ok: true, value: iso } : fail(`存在しない日付です（「${text}」）`)
    },
    encode: (value, length) => {
      if (value === null && options.blank === true)
        return { ok: true, bytes: new Uint8Array(length).fill(HALF_WIDTH_SPACE) }
      if (!isValidIsoDate(value)) return fail(`ISO 形式の存在する日付でなければなりません（「${String(value)}」）`)
      return { ok: true, bytes: asciiBytes(value.replaceAll('-', '')) }
    },
  }
}

/** A non-negative integer (yen, counts), right-aligned and zero-filled; with `blank`, spaces mean null. */
export function integer(options: { blank: true }): FieldCodec<number | null>
export function integer(options?: { blank?: false }): FieldCodec<number>
export function integer(options: { blank?: boolean } = {}): FieldCodec<number | null> {
  return {
    decode: (bytes) => {
      if (options.blank === true && isBlank(bytes)) return { ok: true, value: null }
      const at = firstNonDigit(bytes)
      return at === -1
        ? { ok: true, value: Number(ascii(bytes)) }
        : fail(`数字ではない文字があります（${shown(bytes)}）`, at)
    },
    encode: (value, length) => {
      if (value === null && options.blank === true)
        return { ok: true, bytes: new Uint8Array(length).fill(HALF_WIDTH_SPACE) }
      if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
        return fail(`0 以上の整数でなければなりません（${String(value)}）`)
      }
      const text = String(value)
      if (text.length > length) return fail(`${length} 桁を超えています（${text}）`)
      return { ok: true, bytes: asciiBytes(text.padStart(length, '0')) }
    },
  }
}

/** One-byte text (half-width kana, letters, digits), padded with spaces; trailing spaces are padding. */
export function singleByteText(options: { required: boolean }): FieldCodec<string> {
  return {
    decode: (bytes) => {
      const decoded = decodeSingleByte(bytes)
      if (!decoded.ok) return fail(decoded.problem.reason, decoded.problem.index - 1)
      const value = decoded.text.replace(/ +$/, '')
      return options.required && value === '' ? fail('空欄です（必須）') : { ok: true, value }
    },
    encode: (value, length) => {
      if (typeof value !== 'string') return fail('文字列でなければなりません')
      if (options.required && value.trim() === '') return fail('空欄です（必須）')
      const encoded = encodeSingleByte(value)
      if (!encoded.ok)
        return fail(`${encoded.problem.index} 文字目の${encoded.problem.reason}`, encoded.problem.index - 1)
      if (encoded.bytes.length > length) return fail(`${length} バイトを超えています（${encoded.bytes.length} バイト）`)
      const bytes = new Uint8Array(length).fill(HALF_WIDTH_SPACE)
      bytes.set(encoded.bytes)
      return { ok: true, bytes }
    },
  }
}

/** Kanji text (JIS X 0208, two bytes a character), padded with full-width spaces; trailing ones are padding. */
export function doubleByteText(): FieldCodec<string> {
  return {
    decode: (bytes) => {
      const decoded = decodeDoubleByte(bytes)
      if (!decoded.ok) return fail(decoded.problem.reason, (decoded.problem.index - 1) * 2)
      return { ok: true, value: decoded.text.replace(/\u3000+$/, '') }
    },
    encode: (value, length) => {
      if (typeof value !== 'string') return fail('文字列でなければなりません')
      const encoded = encodeDoubleByte(value)
      if (!encoded.ok)
        return fail(`${encoded.problem.index} 文字目の${encoded.problem.reason}`, (encoded.problem.index - 1) * 2)
      if (encoded.bytes.length > length) {
        return fail(`全角 ${length / 2} 文字を超えています（${encoded.bytes.length / 2} 文字）`)
      }
      const bytes = new Uint8Array(length)
      for (let i = 0; i < length; i += 2) bytes.set(FULL_WIDTH_SPACE, i)
      bytes.set(encoded.bytes)
      return { ok: true, bytes }
    },
  }
}

/** 予備: written as spaces; whatever a received file holds there is not read. */
export const reserved: FieldCodec<null> = {
  decode: () => ({ ok: true, value: null }),
  encode: (_value, length) => ({ ok: true, bytes: new Uint8Array(length).fill(HALF_WIDTH_SPACE) }),
}
