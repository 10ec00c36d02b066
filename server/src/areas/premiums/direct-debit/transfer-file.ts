/**
 * The 全銀協 口座振替依頼データ (預金口座振替, 種別コード 91): fixed-length 120-byte records in JIS X 0201 (数字・英大文字・
 * 半角カナ, the 全銀協 JIS8 code, コード区分 0) — one header (データ区分 1), one data record per transfer (2), the
 * trailer with the count and total (8) and the end record (9). Every field and its byte positions are in
 * docs/interfaces/direct-debit.md; the layouts below are the single source the writer and the reader share.
 */
import { decodeSingleByte, encodeSingleByte } from '../pension-withholding/jis'

export const RECORD_BYTES = 120

interface Field<K extends string> {
  readonly name: K
  readonly label: string
  readonly bytes: number
  /** N: digits, right-aligned with zeros; C: 全銀 text, left-aligned with spaces. */
  readonly kind: 'N' | 'C'
}
const n = <K extends string>(name: K, label: string, bytes: number): Field<K> => ({ name, label, bytes, kind: 'N' })
const c = <K extends string>(name: K, label: string, bytes: number): Field<K> => ({ name, label, bytes, kind: 'C' })

export const HEADER_FIELDS = [
  n('dataKind', 'データ区分', 1),
  n('typeCode', '種別コード', 2),
  n('codeDivision', 'コード区分', 1),
  n('consignorCode', '委託者コード', 10),
  c('consignorName', '委託者名', 40),
  n('transferDate', '引落日', 4),
  n('bankCode', '取引銀行番号', 4),
  c('bankName', '取引銀行名', 15),
  n('branchCode', '取引支店番号', 3),
  c('branchName', '取引支店名', 15),
  n('accountType', '預金種目（委託者）', 1),
  n('accountNumber', '口座番号（委託者）', 7),
  c('dummy', 'ダミー', 17),
] as const

export const DATA_FIELDS = [
  n('dataKind', 'データ区分', 1),
  n('bankCode', '引落銀行番号', 4),
  c('bankName', '引落銀行名', 15),
  n('branchCode', '引落支店番号', 3),
  c('branchName', '引落支店名', 15),
  c('dummy1', 'ダミー', 4),
  n('accountType', '預金種目', 1),
  n('accountNumber', '口座番号', 7),
  c('holderKana', '預金者名', 30),
  n('amount', '引落金額', 10),
  n('newCode', '新規コード', 1),
  n('customerNumber', '顧客番号', 20),
  n('resultCode', '振替結果コード', 1),
  c('dummy2', 'ダミー', 8),
] as const

export const TRAILER_FIELDS = [
  n('dataKind', 'データ区分', 1),
  n('count', '合計件数', 6),
  n('total', '合計金額', 12),
  n('transferredCount', '振替済件数', 6),
  n('transferredTotal', '振替済金額', 12),
  n('failedCount', '振替不能件数', 6),
  n('failedTotal', '振替不能金額', 12),
  c('dummy', 'ダミー', 65),
] as const

export const END_FIELDS = [n('dataKind', 'データ区分', 1), c('dummy', 'ダミー', 119)] as const

type Values<F extends readonly Field<string>[]> = { [K in F[number]['name']]: string }
export type HeaderRecord = Values<typeof HEADER_FIELDS>
export type DataRecord = Values<typeof DATA_FIELDS>
export type TrailerRecord = Values<typeof TRAILER_FIELDS>

/** The values a header needs (the rest is fixed by the format). */
export interface TransferHeader {
  consignorCode: string
  consignorName: string
  /** MMDD of the 振替日. */
  transferDate: string
  bankCode: string
  bankName: string
  branchCode: string
  branchName: string
  accountType: string
  accountNumber: string
}

export interface TransferRecord {
  bankCode: string
  bankName: string
  branchCode: string
  branchName: string
  accountType: string
  accountNumber: string
  holderKana: string
  amount: number
  /** 新規コード: 1 = the first request to this account, 2 = the account changed, 0 = otherwise. */
  newCode: '0' | '1' | '2'
  customerNumber: string
}

export interface TransferFile {
  header: TransferHeader
  records: TransferRecord[]
  /** CR LF between records, or none (the pure fixed-length file). */
  separator: 'crlf' | 'none'
}

/** A value that does not fit its field: a bug of the caller (the values are validated on entry). */
export class TransferFieldError extends Error {}

function encodeRecord<F extends readonly Field<string>[]>(fields: F, values: Values<F>): number[] {
  const bytes: number[] = []
  for (const field of fields) {
    const value = (values as Record<string, string>)[field.name] ?? ''
    if (field.kind === 'N') {
      if (!/^\d*$/.test(value) || value.length > field.bytes) {
        throw new TransferFieldError(`${field.label}: 「${value}」は${field.bytes}桁の数字に収まりません`)
      }
      for (const ch of value.padStart(field.bytes, '0')) bytes.push(ch.charCodeAt(0))
    } else {
      const encoded = encodeSingleByte(value)
      if (!encoded.ok) throw new TransferFieldError(`${field.label}: ${encoded.problem.reason}`)
      if (encoded.bytes.length > field.bytes) {
        throw new TransferFieldError(`${field.label}: ${field.bytes}バイトを超えます（${value}）`)
      }
      bytes.push(...encoded.bytes, ...Array<number>(field.bytes - encoded.bytes.length).fill(0x20))
    }
  }
  if (bytes.length !== RECORD_BYTES) throw new TransferFieldError(`record of ${bytes.length} bytes`)
  return bytes
}

const blank = (bytes: number) => ' '.repeat(bytes)

/** The file's bytes: header, one data record per transfer, trailer (count, total), end. */
export function buildTransferFile(file: TransferFile): Buffer {
  const h = file.header
  const total = file.records.reduce((sum, r) => sum + r.amount, 0)
  const records: number[][] = [
    encodeRecord(HEADER_FIELDS, {
      dataKind: '1',
      typeCode: '91',
      codeDivision: '0',
      consignorCode: h.consignorCode,
      consignorName: h.consignorName,
      transferDate: h.transferDate,
      bankCode: h.bankCode,
      bankName: h.bankName,
      branchCode: h.branchCode,
      branchName: h.branchName,
      accountType: h.accountType,
      accountNumber: h.accountNumber,
      dummy: blank(17),
    }),
    ...file.records.map((r) =>
      encodeRecord(DATA_FIELDS, {
        dataKind: '2',
        bankCode: r.bankCode,
        bankName: r.bankName,
        branchCode: r.branchCode,
        branchName: r.branchName,
        dummy1: blank(4),
        accountType: r.accountType,
        accountNumber: r.accountNumber,
        holderKana: r.holderKana,
        amount: String(r.amount),
        newCode: r.newCode,
        customerNumber: r.customerNumber,
        resultCode: '0',
        dummy2: blank(8),
      }),
    ),
    encodeRecord(TRAILER_FIELDS, {
      dataKind: '8',
      count: String(file.records.length),
      total: String(total),
      transferredCount: '0',
      transferredTotal: '0',
      failedCount: '0',
      failedTotal: '0',
      dummy: blank(65),
    }),
    encodeRecord(END_FIELDS, { dataKind: '9', dummy: blank(119) }),
  ]
  const separator = file.separator === 'crlf' ? [0x0d, 0x0a] : []
  return Buffer.from(records.flatMap((r) => [...r, ...separator]))
}

/** A problem of a file read back, with its record (1-based) and byte positions, in Japanese. */
export interface TransferFileProblem {
  record: number
  message: string
}

export interface ParsedTransferFile {
  header: HeaderRecord
  data: DataRecord[]
  trailer: TrailerRecord
}

function decodeRecord<F extends readonly Field<string>[]>(
  fields: F,
  bytes: Uint8Array,
  record: number,
  problems: TransferFileProblem[],
): Values<F> {
  const values: Record<string, string> = {}
  let at = 0
  for (const field of fields) {
    const slice = bytes.subarray(at, at + field.bytes)
    const decoded = decodeSingleByte(slice)
    const where = `${record}件目 ${at + 1}〜${at + field.bytes}バイト ${field.label}`
    if (!decoded.ok) problems.push({ record, message: `${where}: ${decoded.problem.reason}` })
    const text = decoded.ok ? decoded.text : ''
    if (field.kind === 'N' && decoded.ok && !/^\d+$/.test(text)) {
      problems.push({ record, message: `${where}: 数字ではありません（${text}）` })
    }
    values[field.name] = field.kind === 'C' ? text.replace(/ +$/, '') : text
    at += field.bytes
  }
  return values as Values<F>
}

/**
 * Reads a 口座振替 file back (with or without CR LF between records): the record kinds in order 1, 2…, 8, 9, the
 * trailer's count and total against the data records. Problems name the record and the bytes, in Japanese.
 */
export function parseTransferFile(
  bytes: Uint8Array,
): { ok: true; file: ParsedTransferFile } | { ok: false; problems: TransferFileProblem[] } {
  const withSeparator = bytes.length >= RECORD_BYTES + 2 && bytes[RECORD_BYTES] === 0x0d
  const stride = withSeparator ? RECORD_BYTES + 2 : RECORD_BYTES
  const problems: TransferFileProblem[] = []
  if (bytes.length % stride !== 0) {
    return {
      ok: false,
      problems: [
        { record: 0, message: `ファイルの長さ（${bytes.length}バイト）が${stride}バイトの倍数ではありません` },
      ],
    }
  }
  const records = Array.from({ length: bytes.length / stride }, (_, i) =>
    bytes.subarray(i * stride, i * stride + RECORD_BYTES),
  )
  const kinds = records.map((r) => String.fromCharCode(r[0] ?? 0)).join('')
  if (!/^12*89$/.test(kinds)) {
    return {
      ok: false,
      problems: [
        { record: 0, message: `レコードの並び（${kinds}）がヘッダー・データ・トレーラー・エンドの順ではありません` },
      ],
    }
  }
  const header = decodeRecord(HEADER_FIELDS, records[0]!, 1, problems)
  const data = records.slice(1, -2).map((r, i) => decodeRecord(DATA_FIELDS, r, i + 2, problems))
  const trailer = decodeRecord(TRAILER_FIELDS, records[records.length - 2]!, records.length - 1, problems)
  const total = data.reduce((sum, d) => sum + Number(d.amount), 0)
  if (Number(trailer.count) !== data.length) {
    problems.push({
      record: records.length - 1,
      message: `合計件数（${Number(trailer.count)}）がデータレコードの数（${data.length}）と一致しません`,
    })
  }
  if (Number(trailer.total) !== total) {
    problems.push({
      record: records.length - 1,
      message: `合計金額（${Number(trailer.total)}）が引落金額の合計（${total}）と一致しません`,
    })
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, file: { header, data, trailer } }
}
