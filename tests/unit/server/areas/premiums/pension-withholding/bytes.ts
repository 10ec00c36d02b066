/**
 * Hand-made record bytes for the tests: a record of spaces, and writers that place ASCII or raw bytes at a 1-based
 * position as counted in docs/sources/interfaces.md §2.4. Nothing here uses the codec.
 */
export const ESC_KANJI_IN = [0x1b, 0x24, 0x42] // ESC $ B
export const ESC_KANJI_OUT = [0x1b, 0x28, 0x42] // ESC ( B
export const JIS_SPACE = [0x21, 0x21] // the full-width space U+3000 (row 1 cell 1)

export function spaces(length = 500): Uint8Array {
  return new Uint8Array(length).fill(0x20)
}

/** Writes ASCII text at a 1-based byte position. */
export function put(record: Uint8Array, position: number, text: string): Uint8Array {
  for (let i = 0; i < text.length; i += 1) record[position - 1 + i] = text.charCodeAt(i)
  return record
}

/** Writes raw bytes at a 1-based byte position. */
export function putBytes(record: Uint8Array, position: number, bytes: readonly number[]): Uint8Array {
  record.set(bytes, position - 1)
  return record
}

/** Fills a kanji field of `length` bytes with full-width spaces after `bytes`. */
export function kanjiField(bytes: readonly number[], length: number): number[] {
  const out = [...bytes]
  while (out.length < length) out.push(...JIS_SPACE)
  return out
}

export function concat(...records: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(records.reduce((n, r) => n + r.length, 0))
  let at = 0
  for (const r of records) {
    out.set(r, at)
    at += r.length
  }
  return out
}

export function ascii(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('latin1')
}
