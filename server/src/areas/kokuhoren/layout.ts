/**
 * Table-driven record layouts — docs/interfaces/kokuhoren.md §1.9: each field of a record is a row (number, key,
 * Japanese label, type, required, allowed codes), and one routine validates, decodes and formats every layout, as the
 * F0 recommendation of docs/sources/interfaces.md §5 asks.
 */
import { isValidIsoDate } from '../../../../shared/domain'
import type { CodeTable } from './codes'
import { cp932Length, firstUnencodable } from './cp932'
import { problem, type KokuhorenProblem } from './problems'

export type FieldType =
  | { readonly kind: 'fixed'; readonly value: string }
  /** A numeric string (leading zeros kept): insurer, insured and provider numbers. */
  | { readonly kind: 'digits'; readonly length?: number; readonly maxLength?: number }
  | { readonly kind: 'alnum'; readonly length?: number; readonly maxLength?: number }
  /** Western YYYYMMDD ↔ ISO 'YYYY-MM-DD'. */
  | { readonly kind: 'date' }
  /** Western YYYYMM ↔ 'YYYY-MM'. */
  | { readonly kind: 'yearMonth' }
  /** An integer (yen, units, days, counts, rates) ↔ number. */
  | { readonly kind: 'integer'; readonly maxDigits: number; readonly signed?: boolean; readonly max?: number }
  | { readonly kind: 'code'; readonly table: CodeTable }
  /** カナ: katakana of either width and spaces. */
  | { readonly kind: 'kana' }
  | { readonly kind: 'text'; readonly maxBytes?: number }

export interface FieldSpec<K extends string = string> {
  /** 1-based position in the record (the record kind is 1, the record number 2). */
  readonly no: number
  readonly key: K
  readonly label: string
  readonly type: FieldType
  readonly required?: boolean
}

export type FieldValue = string | number | undefined

const DATE = /^(\d{4})(\d{2})(\d{2})$/
const YEAR_MONTH = /^(\d{4})(\d{2})$/
const KANA = /^[\u30A1-\u30FC\uFF66-\uFF9F \u3000]+$/

function lengthReason(t: { length?: number; maxLength?: number }, text: string, what: string): string | null {
  if (t.length !== undefined && text.length !== t.length)
    return `${t.length}桁の${what}でなければなりません（「${text}」）`
  if (t.maxLength !== undefined && text.length > t.maxLength)
    return `${t.maxLength}桁以内の${what}でなければなりません（「${text}」）`
  return null
}

/** Why `text` is not a valid value of the field, or null. Blank is valid unless the field is required. */
export function fieldReason(spec: FieldSpec, text: string): string | null {
  const t = spec.type
  if (text === '') {
    if (t.kind === 'fixed') return `「${t.value}」でなければなりません（空欄）`
    return spec.required === true ? '必須項目が空欄です' : null
  }
  switch (t.kind) {
    case 'fixed':
      return text === t.value ? null : `「${t.value}」でなければなりません（「${text}」）`
    case 'digits':
      return /^\d+$/.test(text) ? lengthReason(t, text, '数字') : `数字でなければなりません（「${text}」）`
    case 'alnum':
      return /^[0-9A-Za-z]+$/.test(text) ? lengthReason(t, text, '英数字') : `英数字でなければなりません（「${text}」）`
    case 'date': {
      const m = DATE.exec(text)
      return m !== null && isValidIsoDate(`${m[1]}-${m[2]}-${m[3]}`)
        ? null
        : `年月日（西暦 YYYYMMDD）として正しくありません（「${text}」）`
    }
    case 'yearMonth': {
      const m = YEAR_MONTH.exec(text)
      return m !== null && isValidIsoDate(`${m[1]}-${m[2]}-01`)
        ? null
        : `年月（西暦 YYYYMM）として正しくありません（「${text}」）`
    }
    case 'integer': {
      const pattern = t.signed === true ? /^-?\d+$/ : /^\d+$/
      if (!pattern.test(text) || text.replace('-', '').length > t.maxDigits)
        return `${t.maxDigits}桁以内の${t.signed === true ? '' : '0 以上の'}整数でなければなりません（「${text}」）`
      if (t.max !== undefined && Number(text) > t.max) return `${t.max} 以下でなければなりません（「${text}」）`
      return null
    }
    case 'code':
      return Object.hasOwn(t.table.codes, text)
        ? null
        : `コード「${text}」は定義されていません（${Object.entries(t.table.codes)
            // in code order: "01" sorts first, where object key order would put it after the integer-like "11"
            .sort(([a], [b]) => (a < b ? -1 : 1))
            .map(([code, name]) => `${code} ${name}`)
            .join('・')}）`
    case 'kana':
      return KANA.test(text) ? null : `カナ（全角・半角のカタカナと空白）以外の文字があります（「${text}」）`
    case 'text': {
      const bytes = cp932Length(text)
      return t.maxBytes !== undefined && bytes > t.maxBytes
        ? `${t.maxBytes}バイトを超えています（${bytes}バイト）`
        : null
    }
  }
}

/** The typed value of a valid field text. */
export function decodeField(spec: FieldSpec, text: string): FieldValue {
  if (text === '') return undefined
  switch (spec.type.kind) {
    case 'date':
      return `${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6, 8)}`
    case 'yearMonth':
      return `${text.slice(0, 4)}-${text.slice(4, 6)}`
    case 'integer':
      return Number(text)
    default:
      return text
  }
}

/** The field text of a typed value. Lenient: whatever it makes of a bad value, {@link fieldReason} then refuses. */
export function formatField(spec: FieldSpec, value: unknown): string {
  if (value === undefined || value === null) return ''
  const text = String(value)
  switch (spec.type.kind) {
    case 'date':
      return /^\d{4}-\d{2}-\d{2}$/.test(text) ? text.replace(/-/g, '') : text
    case 'yearMonth':
      return /^\d{4}-\d{2}$/.test(text) ? text.replace('-', '') : text
    default:
      return text
  }
}

export interface RecordPlace {
  readonly line: number
  /** The record as named in messages (データレコード 5311 …). */
  readonly record: string
  /** 1-based byte position of each field from field 1, when read from bytes. */
  readonly bytes?: readonly number[]
}

/**
 * Checks and decodes the fields of one record. `fields` are all the record's fields from field 1; the layout must
 * cover exactly that many.
 */
export function decodeRecord(
  layout: readonly FieldSpec[],
  fields: readonly string[],
  place: RecordPlace,
): { value: Record<string, FieldValue>; problems: KokuhorenProblem[] } {
  const expected = layout.length
  if (fields.length !== expected)
    return {
      value: {},
      problems: [
        problem(
          { line: place.line, record: place.record },
          `項目数が ${expected} ではありません（${fields.length} 項目）`,
        ),
      ],
    }
  const problems: KokuhorenProblem[] = []
  const value: Record<string, FieldValue> = {}
  for (const spec of layout) {
    const text = fields[spec.no - 1]!
    const reason = fieldReason(spec, text)
    if (reason !== null)
      problems.push(
        problem(
          {
            line: place.line,
            record: place.record,
            field: spec.no,
            fieldLabel: spec.label,
            byte: place.bytes?.[spec.no - 1],
          },
          reason,
        ),
      )
    else {
      const decoded = decodeField(spec, text)
      if (decoded !== undefined) value[spec.key] = decoded
    }
  }
  return { value, problems }
}

/**
 * Formats and checks the fields of one data record to be written (CP932 encodability included): the fields from
 * field 3 on, since the envelope writes the record kind and number.
 */
export function encodeRecord(
  layout: readonly FieldSpec[],
  record: Readonly<Record<string, unknown>>,
  place: RecordPlace,
): { fields: string[]; problems: KokuhorenProblem[] } {
  const problems: KokuhorenProblem[] = []
  const fields = layout
    .filter((spec) => spec.no > 2)
    .map((spec) => {
      const text = spec.type.kind === 'fixed' ? spec.type.value : formatField(spec, record[spec.key])
      const at = { line: place.line, record: place.record, field: spec.no, fieldLabel: spec.label }
      const bad = firstUnencodable(text)
      const reason =
        bad !== null
          ? `「${bad.character}」（${bad.position}文字目）は CP932（Shift_JIS）で表せない文字です`
          : fieldReason(spec, text)
      if (reason !== null) problems.push(problem(at, reason))
      return text
    })
  return { fields, problems }
}
