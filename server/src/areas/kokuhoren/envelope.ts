/**
 * The frame every 国保連 file shares — docs/interfaces/kokuhoren.md §1.2 (after docs/sources/interfaces.md §1):
 * line 1 the control record (record kind 1), then data records (kind 2), the last line the end record (kind 3);
 * record numbers run through the file (control 1, data 2…n+1, end n+2); the control record counts the data records;
 * the data kind is the first 3 characters of each data record's exchange id (field 3); CP932; CRLF after every line.
 */
import { mediaKinds } from './codes'
import { decodeCp932, encodeCp932, firstUnencodable } from './cp932'
import { joinFields, splitFields, splitLines } from './csv-line'
import { decodeRecord, fieldReason, type FieldSpec } from './layout'
import { problem, type KokuhorenProblem, type Result } from './problems'

export const CONTROL_RECORD = 'コントロールレコード'
export const DATA_RECORD = 'データレコード'
export const END_RECORD = 'エンドレコード'

export interface ControlHeader {
  /** ボリューム通番: 0 for a file of one volume. */
  readonly volumeSerial: number
  /** データ種別: 531, 111, 37K … */
  readonly dataKind: string
  /** 福祉事務所特定番号: '0' in the insurer's files. */
  readonly welfareOfficeNumber: string
  /** 保険者番号, 6 digits. */
  readonly insurerNumber: string
  /** 事業所番号: '0' for the insurer, or 10 digits. */
  readonly providerNumber: string
  /** 都道府県番号: '0', or 2 digits. */
  readonly prefectureNumber: string
  /** 媒体区分: 1 伝送 (2 MO, 3 MT, 4 FD are old media). */
  readonly mediaKind: '1' | '2' | '3' | '4'
  /** 処理対象年月 'YYYY-MM': the month the 国保連 processes the file, not the month it is sent. */
  readonly processingMonth: string
  /** ファイル管理番号. */
  readonly fileControlNumber: string
}

export interface ControlRecord extends ControlHeader {
  /** レコード件数: the number of data records. */
  readonly recordCount: number
}

export interface DataRecord {
  readonly line: number
  readonly recordNumber: number
  /** All the record's fields, from field 1 (the record kind "2"). */
  readonly fields: readonly string[]
  /** 1-based byte position in the line of each field, from field 1. */
  readonly bytes: readonly number[]
}

export interface Envelope {
  readonly control: ControlRecord
  readonly records: readonly DataRecord[]
}

const controlLayout: readonly FieldSpec<keyof ControlRecord | 'recordKind' | 'recordNumber'>[] = [
  { no: 1, key: 'recordKind', label: 'レコード種別', type: { kind: 'fixed', value: '1' } },
  { no: 2, key: 'recordNumber', label: 'レコード番号', type: { kind: 'fixed', value: '1' } },
  { no: 3, key: 'volumeSerial', label: 'ボリューム通番', type: { kind: 'integer', maxDigits: 3 }, required: true },
  { no: 4, key: 'recordCount', label: 'レコード件数', type: { kind: 'integer', maxDigits: 9 }, required: true },
  { no: 5, key: 'dataKind', label: 'データ種別', type: { kind: 'alnum', length: 3 }, required: true },
  { no: 6, key: 'welfareOfficeNumber', label: '福祉事務所特定番号', type: { kind: 'digits' }, required: true },
  { no: 7, key: 'insurerNumber', label: '保険者番号', type: { kind: 'digits', length: 6 }, required: true },
  { no: 8, key: 'providerNumber', label: '事業所番号', type: { kind: 'alnum', maxLength: 10 }, required: true },
  { no: 9, key: 'prefectureNumber', label: '都道府県番号', type: { kind: 'digits', maxLength: 2 }, required: true },
  { no: 10, key: 'mediaKind', label: '媒体区分', type: { kind: 'code', table: mediaKinds }, required: true },
  { no: 11, key: 'processingMonth', label: '処理対象年月', type: { kind: 'yearMonth' }, required: true },
  { no: 12, key: 'fileControlNumber', label: 'ファイル管理番号', type: { kind: 'alnum' }, required: true },
]

interface DecodedLine {
  line: number
  fields: string[]
  bytes: number[]
}

/** Lines → decoded fields, with the problems of line ends, quoting and bytes. */
function readLines(bytes: Uint8Array): { lines: DecodedLine[]; problems: KokuhorenProblem[] } {
  const problems: KokuhorenProblem[] = []
  const lines: DecodedLine[] = []
  const raw = splitLines(bytes)
  for (const l of raw) {
    const last = l.line === raw.length
    if (l.end === 'LF' || l.end === 'CR' || (l.end === 'none' && !last))
      problems.push(problem({ line: l.line }, `改行コードが CRLF ではありません（${l.end}）`))
    const split = splitFields(l.bytes)
    if (!split.ok) {
      problems.push(problem({ line: l.line, byte: split.byte }, split.reason))
      continue
    }
    const fields: string[] = []
    let readable = true
    split.fields.forEach((f, i) => {
      const text = decodeCp932(f.bytes)
      if (text === null) {
        readable = false
        problems.push(
          problem(
            { line: l.line, field: i + 1, byte: f.byte },
            'CP932（Shift_JIS）として読めないバイトがあります（外字・機種依存文字は使えません）',
          ),
        )
      } else fields.push(text)
    })
    if (readable) lines.push({ line: l.line, fields, bytes: split.fields.map((f) => f.byte) })
  }
  return { lines, problems }
}

/** Reads the frame of a 国保連 file: typed control record, data records as fields, all problems in Japanese. */
export function parseEnvelope(bytes: Uint8Array): Result<Envelope> {
  const { lines, problems } = readLines(bytes)
  const lineCount = splitLines(bytes).length
  if (lineCount === 0) return { ok: false, problems: [problem({}, 'ファイルが空です')] }
  if (lineCount < 2)
    return { ok: false, problems: [...problems, problem({}, 'エンドレコード（レコード種別 3）がありません')] }

  let control: ControlRecord | undefined
  const records: DataRecord[] = []
  let framed = true
  for (const l of lines) {
    const kind = l.line === 1 ? '1' : l.line === lineCount ? '3' : '2'
    const record = kind === '1' ? CONTROL_RECORD : kind === '2' ? DATA_RECORD : END_RECORD
    const at = (field: number, fieldLabel: string) => ({
      line: l.line,
      record,
      field,
      fieldLabel,
      byte: l.bytes[field - 1],
    })
    if (l.fields[0] !== kind) {
      const where = kind === '1' ? '1行目' : kind === '3' ? '最終行' : 'データ行'
      problems.push(
        problem(at(1, 'レコード種別'), `${where}のレコード種別は「${kind}」でなければなりません（「${l.fields[0]}」）`),
      )
      framed = false
      continue
    }
    if (kind === '1') {
      const decoded = decodeRecord(controlLayout, l.fields, { line: 1, record, bytes: l.bytes })
      problems.push(...decoded.problems)
      if (decoded.problems.length === 0) {
        const { recordKind: _kind, recordNumber: _number, ...fields } = decoded.value
        control = fields as unknown as ControlRecord
      }
      continue
    }
    const recordNumber = l.fields[1] ?? ''
    if (recordNumber !== String(l.line)) {
      const rule =
        kind === '3'
          ? `エンドレコードの番号はデータレコード件数（${lineCount - 2}）＋2 です`
          : '通し番号はコントロールレコードの 1 から始まります'
      problems.push(
        problem(at(2, 'レコード番号'), `レコード番号は ${l.line} でなければなりません（「${recordNumber}」）。${rule}`),
      )
      continue
    }
    if (kind === '3') {
      if (l.fields.length > 3 || (l.fields.length === 3 && l.fields[2] !== ''))
        problems.push(problem({ line: l.line, record }, `項目数が 3 ではありません（${l.fields.length} 項目）`))
      continue
    }
    if (l.fields.length < 3) {
      problems.push(problem({ line: l.line, record }, `項目数が足りません（${l.fields.length} 項目）`))
      continue
    }
    records.push({ line: l.line, recordNumber: l.line, fields: l.fields, bytes: l.bytes })
  }
  if (control !== undefined) {
    if (framed && control.recordCount !== lineCount - 2)
      problems.push(
        problem(
          { line: 1, record: CONTROL_RECORD, field: 4, fieldLabel: 'レコード件数', byte: lines[0]?.bytes[3] },
          `レコード件数 ${control.recordCount} がデータレコードの件数 ${lineCount - 2} と一致しません`,
        ),
      )
    for (const r of records)
      if (!r.fields[2]!.startsWith(control.dataKind))
        problems.push(
          problem(
            { line: r.line, record: DATA_RECORD, field: 3, fieldLabel: '交換情報識別番号', byte: r.bytes[2] },
            `交換情報識別番号「${r.fields[2]}」の上3桁がデータ種別「${control.dataKind}」と一致しません`,
          ),
        )
  }
  if (problems.length > 0 || control === undefined) return { ok: false, problems }
  return { ok: true, value: { control, records } }
}

export interface RecordToWrite {
  /** The fields from field 3 on (the exchange id first); the envelope writes the record kind and number. */
  readonly fields: readonly string[]
  /** The record as named in messages (default データレコード). */
  readonly record?: string
  /** The labels of the fields from field 3 on, for messages. */
  readonly labels?: readonly string[]
}

/** Writes a 国保連 file: control record, the data records numbered 2…n+1, end record n+2; CP932; CRLF. */
export function buildEnvelope(header: ControlHeader, records: readonly RecordToWrite[]): Result<Uint8Array> {
  const problems: KokuhorenProblem[] = []
  const control = { ...header, recordCount: records.length } satisfies ControlRecord
  const controlFields = controlLayout.map((spec) => {
    if (spec.type.kind === 'fixed') return spec.type.value
    const value = control[spec.key as keyof ControlRecord]
    const text = spec.key === 'processingMonth' ? String(value).replace('-', '') : String(value)
    const reason = fieldReason(spec, text)
    if (reason !== null)
      problems.push(problem({ line: 1, record: CONTROL_RECORD, field: spec.no, fieldLabel: spec.label }, reason))
    return text
  })
  const lines = [joinFields(controlFields)]
  records.forEach((r, i) => {
    const line = i + 2
    r.fields.forEach((text, j) => {
      const at = { line, record: r.record ?? DATA_RECORD, field: j + 3, fieldLabel: r.labels?.[j] }
      const bad = firstUnencodable(text)
      if (bad !== null)
        problems.push(
          problem(at, `「${bad.character}」（${bad.position}文字目）は CP932（Shift_JIS）で表せない文字です`),
        )
      else if (/[\r\n]/.test(text)) problems.push(problem(at, '改行文字は使えません'))
    })
    if (r.fields[0] !== undefined && !r.fields[0].startsWith(header.dataKind))
      problems.push(
        problem(
          { line, record: r.record ?? DATA_RECORD, field: 3, fieldLabel: '交換情報識別番号' },
          `交換情報識別番号「${r.fields[0]}」の上3桁がデータ種別「${header.dataKind}」と一致しません`,
        ),
      )
    lines.push(joinFields(['2', String(line), ...r.fields]))
  })
  lines.push(joinFields(['3', String(records.length + 2), '']))
  if (problems.length > 0) return { ok: false, problems }
  return { ok: true, value: encodeCp932(lines.map((l) => `${l}\r\n`).join('')) }
}
