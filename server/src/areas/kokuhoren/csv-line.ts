/**
 * Lines and fields of a 国保連 CSV at the byte level — docs/interfaces/kokuhoren.md §1.2.
 * Splitting the CP932 bytes (not the decoded text) is safe: the trail byte of a 2-byte character is 0x40–0xFC, so
 * CR, LF, the comma and `"` only ever stand for themselves; and it gives the byte position of every field.
 */
import { cp932Length } from './cp932'

const CR = 0x0d
const LF = 0x0a
const COMMA = 0x2c
const QUOTE = 0x22

export type LineEnd = 'CRLF' | 'LF' | 'CR' | 'none'

export interface RawLine {
  /** 1-based line number. */
  readonly line: number
  readonly bytes: Uint8Array
  readonly end: LineEnd
}

/** The lines of a file; a terminator after the last line does not open another one. */
export function splitLines(bytes: Uint8Array): RawLine[] {
  const lines: RawLine[] = []
  let start = 0
  let i = 0
  const push = (endAt: number, end: LineEnd) =>
    lines.push({ line: lines.length + 1, bytes: bytes.subarray(start, endAt), end })
  while (i < bytes.length) {
    const b = bytes[i]
    if (b === CR && bytes[i + 1] === LF) {
      push(i, 'CRLF')
      i += 2
      start = i
    } else if (b === CR || b === LF) {
      push(i, b === CR ? 'CR' : 'LF')
      i += 1
      start = i
    } else i += 1
  }
  if (start < bytes.length) push(bytes.length, 'none')
  return lines
}

export interface RawField {
  /** The field's bytes, quotes removed and `""` undoubled. */
  readonly bytes: Uint8Array
  /** 1-based byte position of the field's first byte (its opening quote when quoted) in the line. */
  readonly byte: number
  readonly quoted: boolean
}

export type FieldSplit = { ok: true; fields: RawField[] } | { ok: false; byte: number; reason: string }

/** Splits one line at its commas, honouring `"` quoting with `""` for a quote inside. */
export function splitFields(line: Uint8Array): FieldSplit {
  const fields: RawField[] = []
  let pos = 0
  for (;;) {
    const start = pos
    if (line[pos] === QUOTE) {
      const content: number[] = []
      pos += 1
      for (;;) {
        if (pos >= line.length) return { ok: false, byte: start + 1, reason: '引用符（"）が閉じていません' }
        if (line[pos] === QUOTE) {
          if (line[pos + 1] === QUOTE) {
            content.push(QUOTE)
            pos += 2
            continue
          }
          pos += 1
          break
        }
        content.push(line[pos]!)
        pos += 1
      }
      if (pos < line.length && line[pos] !== COMMA)
        return { ok: false, byte: pos + 1, reason: '引用符（"）で囲んだ項目の後にカンマ以外の文字があります' }
      fields.push({ bytes: Uint8Array.from(content), byte: start + 1, quoted: true })
    } else {
      while (pos < line.length && line[pos] !== COMMA) {
        if (line[pos] === QUOTE)
          return { ok: false, byte: pos + 1, reason: '引用符（"）で囲まれていない項目の途中に引用符があります' }
        pos += 1
      }
      fields.push({ bytes: line.subarray(start, pos), byte: start + 1, quoted: false })
    }
    if (pos >= line.length) return { ok: true, fields }
    pos += 1 // the comma
  }
}

/**
 * Whether a value is written in quotes: it holds a comma, a quote, a space, or a 2-byte (kanji, full-width) character.
 * ✅ for the 障害 common part, assumed the same for 介護 (⚠️ docs/interfaces/kokuhoren.md §1.2).
 */
export function needsQuotes(value: string): boolean {
  if (/[," ]/.test(value)) return true
  for (const ch of value) if (cp932Length(ch) >= 2) return true
  return false
}

/** One record line (without its CRLF) from values already known to be CP932-encodable. */
export function joinFields(values: readonly string[]): string {
  return values.map((v) => (needsQuotes(v) ? `"${v.replace(/"/g, '""')}"` : v)).join(',')
}
