/**
 * The 全銀協 口座振替結果データ (預金口座振替, 種別コード 91): the bank's answer to the ward's 口座振替依頼 — the same
 * 120-byte records (docs/interfaces/direct-debit.md) with the 振替結果コード filled in and the trailer's 振替済 /
 * 振替不能 counts. Only the fields the 消込 needs are read; every one is checked (docs/interfaces/payments.md §1).
 */
import { isValidIsoDate } from '../../../../../shared/domain/dates'
import { problem, type IntakeProblem, type ReadPaymentLine } from './problems'

export const ZENGIN_RECORD_BYTES = 120

/** 振替結果コード: 0 振替済, the others 振替不能 with their reason. */
export const transferResultCodes = {
  '0': '振替済',
  '1': '資金不足',
  '2': '取引なし',
  '3': '預金者の都合',
  '4': '依頼書なし',
  '8': '委託者の都合',
  '9': 'その他',
} as const
export type TransferResultCode = keyof typeof transferResultCodes

interface NField {
  start: number
  bytes: number
  label: string
}
const f = (start: number, bytes: number, label: string): NField => ({ start, bytes, label })
const HEADER = { typeCode: f(2, 2, '種別コード'), transferDate: f(55, 4, '引落日') }
const DATA = {
  amount: f(81, 10, '引落金額'),
  customerNumber: f(92, 20, '顧客番号'),
  resultCode: f(112, 1, '振替結果コード'),
}
const TRAILER = {
  count: f(2, 6, '合計件数'),
  total: f(8, 12, '合計金額'),
  transferredCount: f(20, 6, '振替済件数'),
  transferredTotal: f(26, 12, '振替済金額'),
  failedCount: f(38, 6, '振替不能件数'),
  failedTotal: f(44, 12, '振替不能金額'),
}

const ascii = (record: Uint8Array, field: NField) =>
  String.fromCharCode(...record.subarray(field.start - 1, field.start - 1 + field.bytes))

/**
 * Reads a 口座振替結果 file (with or without CR LF after each record). `fingerprint` (the file's SHA-256) makes each
 * line's payment key, so that the same file read twice names the same payments.
 */
export function readZenginResult(
  bytes: Uint8Array,
  fingerprint: string,
): { ok: true; lines: ReadPaymentLine[] } | { ok: false; problems: IntakeProblem[] } {
  const withSeparator = bytes.length >= ZENGIN_RECORD_BYTES + 2 && bytes[ZENGIN_RECORD_BYTES] === 0x0d
  const stride = withSeparator ? ZENGIN_RECORD_BYTES + 2 : ZENGIN_RECORD_BYTES
  if (bytes.length === 0 || bytes.length % stride !== 0)
    return {
      ok: false,
      problems: [problem(0, null, `ファイルの長さ（${bytes.length}バイト）が${stride}バイトの倍数ではありません`)],
    }
  const records = Array.from({ length: bytes.length / stride }, (_, i) =>
    bytes.subarray(i * stride, i * stride + ZENGIN_RECORD_BYTES),
  )
  const kinds = records.map((r) => String.fromCharCode(r[0] ?? 0)).join('')
  if (!/^12*89$/.test(kinds))
    return {
      ok: false,
      problems: [
        problem(0, null, 'レコードの並びがヘッダー(1)・データ(2)・トレーラー(8)・エンド(9)の順ではありません'),
      ],
    }
  const problems: IntakeProblem[] = []
  const digits = (record: Uint8Array, line: number, field: NField): string | null => {
    const text = ascii(record, field)
    if (/^\d+$/.test(text)) return text
    problems.push(
      problem(
        line,
        `${field.start}〜${field.start + field.bytes - 1}バイト「${field.label}」`,
        `数字ではありません（${text.trim()}）`,
      ),
    )
    return null
  }
  const header = records[0]!
  const typeCode = digits(header, 1, HEADER.typeCode)
  if (typeCode !== null && typeCode !== '91')
    problems.push(problem(1, '2〜3バイト「種別コード」', `口座振替（91）ではありません（${typeCode}）`))
  const mmdd = digits(header, 1, HEADER.transferDate)
  const lines: ReadPaymentLine[] = []
  let transferred = { count: 0, total: 0 }
  let failed = { count: 0, total: 0 }
  records.slice(1, -2).forEach((record, i) => {
    const line = i + 2
    const amount = digits(record, line, DATA.amount)
    const customer = digits(record, line, DATA.customerNumber)
    const code = ascii(record, DATA.resultCode)
    if (!(code in transferResultCodes)) {
      problems.push(
        problem(line, '112バイト「振替結果コード」', `0・1・2・3・4・8・9のいずれでもありません（${code}）`),
      )
      return
    }
    if (amount === null || customer === null || mmdd === null) return
    const fiscalYear = Number(customer.slice(14, 18))
    const seq = Number(customer.slice(18, 20))
    const month = Number(mmdd.slice(0, 2))
    // 引落日 is MMDD: April–December lie in the installment's fiscal year, January–March in the next calendar year.
    const paidOn = `${month >= 4 ? fiscalYear : fiscalYear + 1}-${mmdd.slice(0, 2)}-${mmdd.slice(2, 4)}`
    if (!isValidIsoDate(paidOn)) {
      problems.push(problem(1, '55〜58バイト「引落日」', `存在しない日付です（${mmdd}）`))
      return
    }
    if (seq === 0) {
      problems.push(problem(line, '92〜111バイト「顧客番号」', `期が00です（${customer}）`))
      return
    }
    const ok = code === '0'
    if (ok) transferred = { count: transferred.count + 1, total: transferred.total + Number(amount) }
    else failed = { count: failed.count + 1, total: failed.total + Number(amount) }
    lines.push({
      line,
      kind: ok ? 'payment' : 'notTransferred',
      receiptKey: `zengin:${fingerprint}:${line}`,
      channel: 'bank',
      insuredNumber: customer.slice(4, 14),
      fiscalYear,
      seq,
      amount: Number(amount),
      paidOn,
      reference: customer.slice(4),
      detail: `${code} ${transferResultCodes[code as TransferResultCode]}`,
    })
  })
  const trailerLine = records.length - 1
  const trailer = records[records.length - 2]!
  const expected: [NField, number][] = [
    [TRAILER.count, records.length - 3],
    [TRAILER.total, transferred.total + failed.total],
    [TRAILER.transferredCount, transferred.count],
    [TRAILER.transferredTotal, transferred.total],
    [TRAILER.failedCount, failed.count],
    [TRAILER.failedTotal, failed.total],
  ]
  if (problems.length === 0)
    for (const [field, value] of expected) {
      const text = digits(trailer, trailerLine, field)
      if (text !== null && Number(text) !== value)
        problems.push(
          problem(
            trailerLine,
            `${field.start}〜${field.start + field.bytes - 1}バイト「${field.label}」`,
            `${Number(text)}がデータレコードの集計（${value}）と一致しません`,
          ),
        )
    }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, lines }
}
