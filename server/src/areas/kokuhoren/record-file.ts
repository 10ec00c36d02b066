/**
 * Files of ONE record layout in the common frame (docs/interfaces/kokuhoren.md §1.2, docs/sources/interfaces.md §1.9
 * point 1–2): the envelope codec with a layout table, for writing (fail-closed: every field checked) and reading
 * (every problem, in Japanese, with line, field and byte). The 532, 536 and the two result files use it; 531 keeps
 * its own module (recipient-change-notice.ts) for its checks across fields.
 */
import { buildEnvelope, parseEnvelope, type ControlHeader, type ControlRecord } from './envelope'
import { decodeRecord, encodeRecord, type FieldSpec, type FieldValue } from './layout'
import { problem, type KokuhorenProblem, type Result } from './problems'

export interface RecordFileHeader {
  /** 保険者番号 of the ward (6 digits). */
  readonly insurerNumber: string
  /** 処理対象年月 'YYYY-MM'. */
  readonly processingMonth: string
  readonly fileControlNumber?: string
  readonly mediaKind?: ControlHeader['mediaKind']
}

export interface RecordFileKind {
  /** データ種別 (the first 3 characters of the exchange id). */
  readonly dataKind: string
  /** The file's name in messages. */
  readonly name: string
  /** The record as named in messages: データレコード 5321 … */
  readonly record: string
  readonly layout: readonly FieldSpec[]
}

/** Fields from number 1 that every layout starts with and the codec handles (kind, number, exchange id). */
const FRAME_KEYS = new Set(['recordKind', 'recordNumber', 'exchangeId'])

/**
 * A layout made of rows taken from other layouts, renumbered from 1 in the order given (the 532 and 536 records
 * repeat the 531 items in the 531 order — docs/sources/interfaces.md §1.5, §1.6).
 */
export function composeLayout(...parts: readonly (readonly FieldSpec[])[]): FieldSpec[] {
  return parts.flat().map((spec, i) => ({ ...spec, no: i + 1 }))
}

export function buildRecordFile(
  kind: RecordFileKind,
  header: RecordFileHeader,
  records: readonly Readonly<Record<string, unknown>>[],
  crossFieldProblems?: (record: Readonly<Record<string, unknown>>, line: number) => KokuhorenProblem[],
): Result<Uint8Array> {
  const problems: KokuhorenProblem[] = []
  const labels = kind.layout.filter((s) => s.no > 2).map((s) => s.label)
  const written = records.map((record, i) => {
    const line = i + 2
    const encoded = encodeRecord(kind.layout, record, { line, record: kind.record })
    problems.push(...encoded.problems)
    if (encoded.problems.length === 0 && crossFieldProblems) problems.push(...crossFieldProblems(record, line))
    return { fields: encoded.fields, record: kind.record, labels }
  })
  if (problems.length > 0) return { ok: false, problems }
  return buildEnvelope(
    {
      volumeSerial: 0,
      dataKind: kind.dataKind,
      welfareOfficeNumber: '0',
      insurerNumber: header.insurerNumber,
      providerNumber: '0',
      prefectureNumber: '0',
      mediaKind: header.mediaKind ?? '1',
      processingMonth: header.processingMonth,
      fileControlNumber: header.fileControlNumber ?? '1',
    },
    written,
  )
}

export type ReadRecord = Record<string, FieldValue> & { readonly line: number }

export function parseRecordFile(
  kind: RecordFileKind,
  bytes: Uint8Array,
  crossFieldProblems?: (
    record: Readonly<Record<string, unknown>>,
    line: number,
    bytes: readonly number[],
  ) => KokuhorenProblem[],
): Result<{ control: ControlRecord; records: ReadRecord[] }> {
  const envelope = parseEnvelope(bytes)
  if (!envelope.ok) return envelope
  const { control, records } = envelope.value
  if (control.dataKind !== kind.dataKind)
    return {
      ok: false,
      problems: [
        problem(
          { line: 1, record: 'コントロールレコード', field: 5, fieldLabel: 'データ種別' },
          `${kind.name}のデータ種別は「${kind.dataKind}」です（「${control.dataKind}」）`,
        ),
      ],
    }
  const problems: KokuhorenProblem[] = []
  const out: ReadRecord[] = []
  for (const r of records) {
    const decoded = decodeRecord(kind.layout, r.fields, { line: r.line, record: kind.record, bytes: r.bytes })
    problems.push(...decoded.problems)
    if (decoded.problems.length > 0) continue
    const fields = Object.fromEntries(Object.entries(decoded.value).filter(([k]) => !FRAME_KEYS.has(k)))
    const cross = crossFieldProblems?.(fields, r.line, r.bytes) ?? []
    problems.push(...cross)
    if (cross.length === 0) out.push({ ...fields, line: r.line })
  }
  if (problems.length > 0) return { ok: false, problems }
  return { ok: true, value: { control, records: out } }
}
