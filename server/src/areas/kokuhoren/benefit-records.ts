/**
 * Reading a 給付実績情報 file (国保連 → ward, data kind 111) — docs/interfaces/kokuhoren.md §1.7.
 * Tolerant for reading, as docs/sources/interfaces.md §1 (implementation notes) asks: a record of an exchange id or a
 * record kind without a layout yet is kept raw (its key typed) with a warning; a record with a layout is checked field
 * by field, and any problem refuses the file (all or nothing).
 */
import {
  benefitBasicLayout,
  benefitDetailLayout,
  benefitRecordLead,
  payers,
  typedBenefitExchangeIds,
  type BenefitBasicRecord,
  type BenefitDetailRecord,
  type BenefitRecordKey,
} from './benefit-record-layout'
import { benefitRecordKinds, inputIdentifiers } from './codes'
import { parseEnvelope, type ControlRecord, type DataRecord } from './envelope'
import { decodeRecord, type FieldSpec, type FieldValue } from './layout'
import { problem, type KokuhorenProblem, type Result } from './problems'

export const BENEFIT_RECORD_DATA_KIND = '111'

/** A record kept as its fields: a kind (D2…T1) or an exchange id not laid out yet. */
export interface RawBenefitRecord extends BenefitRecordKey {
  readonly kind: 'raw'
  readonly line: number
  readonly recordKindCode: string
  /** All the record's fields, from field 1. */
  readonly fields: readonly string[]
}

export type BenefitRecord = BenefitBasicRecord | BenefitDetailRecord | RawBenefitRecord

export interface BenefitRecordFile {
  readonly control: ControlRecord
  readonly records: readonly BenefitRecord[]
  /** What was read but not understood (unknown ids, codes or record kinds): to be shown, not to stop the import. */
  readonly warnings: readonly KokuhorenProblem[]
}

const layouts: Readonly<Record<string, readonly FieldSpec[]>> = { H1: benefitBasicLayout, D1: benefitDetailLayout }

/** Sets `a.b.0.c`-style keys into nested objects and arrays. */
function nest(flat: Record<string, FieldValue>, into: Record<string, unknown>): Record<string, unknown> {
  for (const [path, value] of Object.entries(flat)) {
    const parts = path.split('.')
    let node = into as Record<string, unknown>
    parts.slice(0, -1).forEach((part, i) => {
      if (node[part] === undefined) node[part] = /^\d+$/.test(parts[i + 1]!) ? [] : {}
      node = node[part] as Record<string, unknown>
    })
    node[parts.at(-1)!] = value
  }
  return into
}

const skeleton = (kind: string): Record<string, unknown> => {
  const byPayer = () => Object.fromEntries(payers.map((p) => [p, {}]))
  const figures = () => ({
    publicExpenseDaysOrTimes: [undefined, undefined, undefined],
    publicExpenseServiceUnits: [undefined, undefined, undefined],
  })
  return kind === 'H1'
    ? { publicExpense: [{}, {}, {}], benefitRate: {}, before: byPayer(), after: byPayer() }
    : { before: figures(), after: figures() }
}

function recordLabel(r: DataRecord): string {
  return `データレコード ${r.fields[2]}${r.fields[4] !== undefined ? ` ${r.fields[4]}` : ''}`
}

/** Reads a 給付実績情報 file into typed H1/D1 records and raw others, or every problem in Japanese. */
export function parseBenefitRecordFile(bytes: Uint8Array): Result<BenefitRecordFile> {
  const envelope = parseEnvelope(bytes)
  if (!envelope.ok) return envelope
  const { control } = envelope.value
  if (control.dataKind !== BENEFIT_RECORD_DATA_KIND)
    return {
      ok: false,
      problems: [
        problem(
          { line: 1, record: 'コントロールレコード', field: 5, fieldLabel: 'データ種別' },
          `給付実績情報のデータ種別は「${BENEFIT_RECORD_DATA_KIND}」です（「${control.dataKind}」）`,
        ),
      ],
    }
  const problems: KokuhorenProblem[] = []
  const warnings: KokuhorenProblem[] = []
  const records: BenefitRecord[] = []
  const untypedIds = new Set<string>()
  for (const r of envelope.value.records) {
    const record = recordLabel(r)
    const kindCode = r.fields[4] ?? ''
    const layout = typedBenefitExchangeIds.has(r.fields[2]!) ? layouts[kindCode] : undefined
    if (layout === undefined && r.fields.length < benefitRecordLead.length) {
      problems.push(problem({ line: r.line, record }, `項目数が足りません（${r.fields.length} 項目）`))
      continue
    }
    const decoded = layout
      ? decodeRecord(layout, r.fields, { line: r.line, record, bytes: r.bytes })
      : decodeRecord(benefitRecordLead, r.fields.slice(0, benefitRecordLead.length), {
          line: r.line,
          record,
          bytes: r.bytes,
        })
    problems.push(...decoded.problems)
    if (decoded.problems.length > 0) continue

    const at = (no: number, label: string) => ({
      line: r.line,
      record,
      field: no,
      fieldLabel: label,
      byte: r.bytes[no - 1],
    })
    if (!inputIdentifiers.has(r.fields[3]!))
      warnings.push(problem(at(4, '入力識別番号'), `入力識別番号「${r.fields[3]}」は既知の様式ではありません`))
    if (!Object.hasOwn(benefitRecordKinds.codes, kindCode))
      warnings.push(
        problem(
          at(5, 'レコード種別コード'),
          `レコード種別コード「${kindCode}」は定義されていません。項目を解釈せずに保存します`,
        ),
      )
    if (!typedBenefitExchangeIds.has(r.fields[2]!) && !untypedIds.has(r.fields[2]!)) {
      untypedIds.add(r.fields[2]!)
      warnings.push(
        problem(
          at(3, '交換情報識別番号'),
          `交換情報識別番号「${r.fields[2]}」のレイアウトは未定義のため、項目を解釈せずに保存します`,
        ),
      )
    }
    const { recordKind: _kind, recordNumber: _number, recordKindCode: _code, ...flat } = decoded.value
    if (layout === undefined)
      records.push({
        ...(flat as unknown as BenefitRecordKey),
        kind: 'raw',
        line: r.line,
        recordKindCode: kindCode,
        fields: r.fields,
      })
    else records.push({ ...nest(flat, skeleton(kindCode)), kind: kindCode, line: r.line } as unknown as BenefitRecord)
  }
  if (problems.length > 0) return { ok: false, problems }
  return { ok: true, value: { control, records, warnings } }
}
