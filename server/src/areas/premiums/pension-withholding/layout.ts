/**
 * The record layouts as tables (docs/sources/interfaces.md §2.4): every field with its 1-based byte position, length
 * and codec. The tables drive both parse and build, and each table is checked to cover its record exactly.
 */
import type { RecordKind } from './records'
import { KANJI_IN, KANJI_OUT } from './jis'
import {
  date,
  digits,
  doubleByteText,
  integer,
  literal,
  noticeCode,
  reserved,
  sex,
  singleByteText,
  type FieldCodec,
} from './fields'

export const RECORD_BYTES = 500

/**
 * ⚠️ The management record's length is not confirmed: the vendor describes 48 bytes, a tool reads 96; we take it as a
 * 500-byte record like the others (its described fields first) unless told otherwise.
 */
export const MANAGEMENT_RECORD_BYTES = [500, 96, 48] as const
export type ManagementRecordBytes = (typeof MANAGEMENT_RECORD_BYTES)[number]

export interface FieldSpec {
  /** The record property, or null for a fixed or reserved field. */
  key: string | null
  label: string
  start: number
  length: number
  codec: FieldCodec<never>
}

const field = <V>(
  key: string | null,
  label: string,
  start: number,
  length: number,
  codec: FieldCodec<V>,
): FieldSpec => ({
  key,
  label,
  start,
  length,
  codec: codec as FieldCodec<never>,
})

const recordKind = (value: '1' | '2' | '3') =>
  field(null, 'レコード区分', 1, 1, literal(Uint8Array.of(value.charCodeAt(0)), `「${value}」`))
const kanjiIn = (start: number, label: string) =>
  field(null, `シフトコード（${label}漢字開始）`, start, 3, literal(KANJI_IN, '漢字開始のシフトコード（ESC $ B）'))
const kanjiOut = (start: number, label: string) =>
  field(null, `シフトコード（${label}漢字終了）`, start, 3, literal(KANJI_OUT, '漢字終了のシフトコード（ESC ( B）'))

/** Bytes 2–21, shared by header, data and trailer (the header has 媒体コード where the others have 予備). */
const groupKeys = (byte12: FieldSpec) => [
  field('municipalityCode', '市町村コード', 2, 5, digits()),
  field('withholderCode', '特別徴収義務者コード', 7, 3, digits()),
  field('noticeCode', '通知内容コード', 10, 2, noticeCode),
  byte12,
  field('systemCode', '特別徴収制度コード', 13, 1, digits()),
  field('createdOn', '作成年月日', 14, 8, date()),
]

const MANAGEMENT_FIELDS_48 = [
  field('municipalityCode', '市町村コード', 1, 5, digits()),
  field(null, '空白', 6, 1, reserved),
  field('mediumSerial', '媒体（連）番', 7, 3, digits()),
  field('createdOn', '作成年月日', 10, 8, date()),
  field(null, '予備', 18, 31, reserved),
]
const MANAGEMENT_FIELDS_96 = [
  ...MANAGEMENT_FIELDS_48,
  field('storedCount', 'ファイル格納件数', 49, 6, integer({ blank: true })),
  field(null, '予備', 55, 42, reserved),
]

export function managementLayout(bytes: ManagementRecordBytes): readonly FieldSpec[] {
  if (bytes === 48) return MANAGEMENT_FIELDS_48
  if (bytes === 96) return MANAGEMENT_FIELDS_96
  return [...MANAGEMENT_FIELDS_96, field(null, '予備', 97, 404, reserved)]
}

const HEADER_FIELDS = [
  recordKind('1'),
  ...groupKeys(field('mediumCode', '媒体コード', 12, 1, digits())),
  field(null, '予備', 22, 479, reserved),
]

const DATA_FIELDS = [
  recordKind('2'),
  ...groupKeys(field(null, '予備', 12, 1, reserved)),
  field('basicPensionNumber', '基礎年金番号', 22, 10, digits()),
  field('pensionCode', '年金コード', 32, 4, digits()),
  field(null, '予備', 36, 3, reserved),
  field('birthDate', '生年月日', 39, 8, date()),
  field('sex', '性別', 47, 1, sex),
  field('kanaName', 'カナ氏名', 48, 25, singleByteText({ required: true })),
  kanjiIn(73, '氏名'),
  field('kanjiName', '漢字氏名', 76, 50, doubleByteText()),
  kanjiOut(126, '氏名'),
  field('postalCode', '郵便番号', 129, 7, digits({ blank: true })),
  field('kanaAddress', 'カナ住所', 136, 80, singleByteText({ required: false })),
  kanjiIn(216, '住所'),
  field('kanjiAddress', '漢字住所', 219, 160, doubleByteText()),
  kanjiOut(379, '住所'),
  field('category', '各種区分', 382, 2, digits()),
  field('resultCode', '処理結果', 384, 2, digits({ blank: true })),
  field('lateStageTransferCode', '後期移管コード', 386, 1, digits({ blank: true })),
  field('noticeDate', '各種年月日', 387, 8, date({ blank: true })),
  field('amount1', '各種金額1', 395, 11, integer()),
  field('amount2', '各種金額2', 406, 11, integer()),
  field('amount3', '各種金額3', 417, 11, integer()),
  field(null, '予備', 428, 58, reserved),
  field('mutualAidCertificateNumber', '共済年金証書記号番号', 486, 15, singleByteText({ required: false })),
]

const TRAILER_FIELDS = [
  recordKind('3'),
  ...groupKeys(field(null, '予備', 12, 1, reserved)),
  field('dataCount', '合計件数', 22, 9, integer()),
  field('totalAmount1', '合計金額1', 31, 11, integer()),
  field('totalAmount2', '合計金額2', 42, 11, integer()),
  field('totalAmount3', '合計金額3', 53, 11, integer()),
  field(null, '予備', 64, 437, reserved),
]

export const GROUP_LAYOUTS: Readonly<Record<Exclude<RecordKind, 'management'>, readonly FieldSpec[]>> = {
  header: HEADER_FIELDS,
  data: DATA_FIELDS,
  trailer: TRAILER_FIELDS,
}

/** The position of a field by key, for structure checks that point at a field. */
export function fieldOf(fields: readonly FieldSpec[], key: string): FieldSpec {
  const found = fields.find((f) => f.key === key)
  if (found === undefined) throw new Error(`no field ${key}`) // a programming error, never input-dependent
  return found
}
