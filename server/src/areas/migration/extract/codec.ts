/**
 * The legacy-extract file codec (docs/interfaces/legacy-extract.md; docs/sources/migration.md §1.2): one CSV per
 * group, header = the edition's item names, plus manifest.json. Writing: UTF-8 without BOM, CRLF, RFC 4180 quoting.
 * Reading is tolerant of what vendors send: UTF-8 with or without BOM, CP932, UTF-16 LE/BE (BOM, or detected by
 * its zero bytes); CRLF or LF; quoted or bare fields.
 */
import { createHash } from 'node:crypto'
import { parse } from 'csv-parse/sync'
import iconv from 'iconv-lite'
import type { DataListGroup, DataListSpec } from '../../../../../shared/migration/data-list'
import { MANIFEST_FORMAT, type ExtractManifest } from '../../../../../shared/migration/manifest'
import { decodeImportText } from '../../../core/files/decode-text'

export type ExtractEncoding = 'utf-8' | 'utf-8-bom' | 'shift_jis' | 'utf-16le' | 'utf-16be'

const quote = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value)

/** A group's CSV header line (item names), with its CRLF. */
export const formatGroupCsvHeader = (group: DataListGroup): string =>
  group.items.map((i) => quote(i.name)).join(',') + '\r\n'

/** Data lines of a group's CSV, each with its CRLF (missing values are empty): written block by block. */
export function formatGroupCsvLines(group: DataListGroup, rows: Iterable<Readonly<Record<string, string>>>): string {
  let text = ''
  for (const row of rows) text += group.items.map((i) => quote(row[i.id] ?? '')).join(',') + '\r\n'
  return text
}

/** A group's CSV text: header of item names, then one line per row (missing values are empty). */
export function formatGroupCsv(group: DataListGroup, rows: Iterable<Readonly<Record<string, string>>>): string {
  return formatGroupCsvHeader(group) + formatGroupCsvLines(group, rows)
}

export const sha256Of = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')

export function buildManifest(
  spec: DataListSpec,
  meta: { sender: string; extractedAt: string; period: { from: string; to: string }; kind: 'full' | 'delta' },
  files: readonly { group: string; fileName: string; rows: number; bytes: Uint8Array }[],
): ExtractManifest {
  const { id, dataList, standard, infrastructureIf } = spec.edition
  return {
    format: MANIFEST_FORMAT,
    edition: { id, dataList, standard, infrastructureIf },
    sender: meta.sender,
    extractedAt: meta.extractedAt,
    period: meta.period,
    kind: meta.kind,
    files: files.map((f) => ({
      group: f.group,
      fileName: f.fileName,
      rows: f.rows,
      bytes: f.bytes.length,
      sha256: sha256Of(f.bytes),
    })),
  }
}

/** Encodes text for tests and for senders that need another encoding. */
export function encodeText(text: string, encoding: ExtractEncoding): Buffer {
  switch (encoding) {
    case 'utf-8':
      return Buffer.from(text, 'utf8')
    case 'utf-8-bom':
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')])
    case 'shift_jis':
      return iconv.encode(text, 'cp932')
    case 'utf-16le':
      return Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf-16le')])
    case 'utf-16be':
      return Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(text, 'utf-16be')])
  }
}

/** Zero bytes on one parity in the first KB: UTF-16 without BOM (ASCII text in UTF-16 has them). */
function utf16Without(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length, 1024) & ~1
  if (n < 4) return null
  let even = 0
  let odd = 0
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) even++
    if (bytes[i + 1] === 0) odd++
  }
  if (odd > n / 8 && even === 0) return 'utf-16le'
  if (even > n / 8 && odd === 0) return 'utf-16be'
  return null
}

export function decodeExtractText(
  bytes: Uint8Array,
): { ok: true; text: string; encoding: ExtractEncoding } | { ok: false; reason: string } {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) {
    const decoded = decodeImportText(b.subarray(3), 'utf-8')
    return decoded.ok
      ? { ok: true, text: decoded.text, encoding: 'utf-8-bom' }
      : { ok: false, reason: decoded.problem.reason }
  }
  const utf16 =
    b[0] === 0xff && b[1] === 0xfe ? 'utf-16le' : b[0] === 0xfe && b[1] === 0xff ? 'utf-16be' : utf16Without(b)
  if (utf16) {
    const body = b[0] === 0xff || b[0] === 0xfe ? b.subarray(2) : b
    if (body.length % 2 !== 0) return { ok: false, reason: 'UTF-16 として読み込めません（バイト数が奇数です）' }
    return { ok: true, text: iconv.decode(body, utf16), encoding: utf16 }
  }
  const decoded = decodeImportText(b, 'auto')
  return decoded.ok
    ? { ok: true, text: decoded.text, encoding: decoded.encoding }
    : { ok: false, reason: decoded.problem.reason }
}

/** CSV records (header included), CRLF or LF (mixed too: line ends are normalised first), quoted or bare fields. */
export function parseCsvText(text: string): string[][] {
  return parse(text.replace(/\r\n?/g, '\n'), {
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    bom: true,
  }) as string[][]
}
