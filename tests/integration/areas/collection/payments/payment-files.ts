/**
 * Payment files as the bank and the 収納代行 send them (docs/interfaces/payments.md), built by hand for the tests:
 * the 全銀 口座振替結果 (120-byte records, ASCII and spaces only) and the コンビニ収納 CSV with real 納付書 barcodes
 * (server/src/areas/premiums/notices/barcode.ts, the code that prints them).
 */
import { slipBarcode } from '../../../../../server/src/areas/premiums/notices/barcode'

const num = (value: number | string, width: number) => String(value).padStart(width, '0')
const text = (value: string, width: number) => value.padEnd(width, ' ')

export interface TransferResultLine {
  insuredNumber: string
  fiscalYear: number
  seq: number
  amount: number
  /** 振替結果コード: 0 振替済, 1 資金不足 … */
  code: '0' | '1' | '2' | '3' | '4' | '8' | '9'
}

/** A 口座振替結果 file for one 引落日 (MMDD), records separated by CR LF. */
export function transferResultFile(mmdd: string, lines: readonly TransferResultLine[]): Buffer {
  const header = `1910${num(1, 10)}${text('SHINJUKU', 40)}${mmdd}0001${text('MIZUHO', 15)}001${text('TOKYO', 15)}1${num(1, 7)}${text('', 17)}`
  const data = lines.map(
    (l) =>
      `20001${text('MIZUHO', 15)}001${text('TOKYO', 15)}${text('', 4)}1${num(1234567, 7)}${text('YAMADA TARO', 30)}${num(l.amount, 10)}0${num(`${l.insuredNumber}${num(l.fiscalYear, 4)}${num(l.seq, 2)}`, 20)}${l.code}${text('', 8)}`,
  )
  const ok = lines.filter((l) => l.code === '0')
  const failed = lines.filter((l) => l.code !== '0')
  const total = (ls: readonly TransferResultLine[]) => ls.reduce((s, l) => s + l.amount, 0)
  const trailer = `8${num(lines.length, 6)}${num(total(lines), 12)}${num(ok.length, 6)}${num(total(ok), 12)}${num(failed.length, 6)}${num(total(failed), 12)}${text('', 65)}`
  const end = `9${text('', 119)}`
  const records = [header, ...data, trailer, end]
  for (const r of records) if (r.length !== 120) throw new Error(`record of ${r.length} bytes: ${r}`)
  return Buffer.from(records.map((r) => `${r}\r\n`).join(''), 'latin1')
}

export interface ConvenienceLine {
  kind: '1' | '2'
  receiptId: string
  paidOn: string
  insuredNumber: string
  fiscalYear: number
  seq: number
  amount: number
  /** The assessment version printed on the slip (1 unless a 更正 reprinted it). */
  version?: number
  /** A corrupted barcode for the malformed-file case. */
  barcode?: string
}

export const CONVENIENCE_HEADER = 'data_kind,receipt_id,paid_on,store_code,barcode,amount,settle_on'

/** The barcode of a 納付書 (default 収納機関コード 999999), as the notices area prints it. */
export function slipDigits(l: Pick<ConvenienceLine, 'insuredNumber' | 'fiscalYear' | 'seq' | 'amount' | 'version'>) {
  const code = slipBarcode({
    billerCode: '999999',
    fiscalYear: l.fiscalYear,
    insuredNumber: l.insuredNumber,
    seq: l.seq,
    version: l.version ?? 1,
    reissue: 0,
    deadline: '2026-07-31',
    amount: l.amount,
  })
  if (!code) throw new Error('no barcode')
  return code.digits
}

export function convenienceFile(lines: readonly ConvenienceLine[]): Buffer {
  const rows = lines.map((l) =>
    [
      l.kind,
      l.receiptId,
      l.paidOn.replaceAll('-', ''),
      'S0001',
      l.barcode ?? slipDigits(l),
      String(l.amount),
      l.kind === '2' ? '20260810' : '',
    ].join(','),
  )
  return Buffer.from([CONVENIENCE_HEADER, ...rows].join('\r\n') + '\r\n', 'utf8')
}
