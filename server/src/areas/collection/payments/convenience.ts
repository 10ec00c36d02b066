/**
 * The コンビニ収納データ (速報 and 確報) of the 収納代行: one CSV line per payment made with a 納付書 barcode at a
 * convenience store (docs/interfaces/payments.md §2). The barcode names person, year, installment and amount
 * (docs/interfaces/notices.md); the 受付番号 names the payment, so that its 速報 and its later 確報 are one payment.
 */
import { isValidIsoDate } from '../../../../../shared/domain/dates'
import { readSlipBarcode } from '../../../../../shared/domain/payment-matching'
import { problem, type IntakeProblem, type ReadPaymentLine } from './problems'

export const convenienceColumns = [
  { name: 'data_kind', label: 'データ区分' },
  { name: 'receipt_id', label: '受付番号' },
  { name: 'paid_on', label: '収納日' },
  { name: 'store_code', label: '店舗コード' },
  { name: 'barcode', label: 'バーコード' },
  { name: 'amount', label: '収納金額' },
  { name: 'settle_on', label: '入金予定日' },
] as const

const HEADER = convenienceColumns.map((c) => c.name).join(',')
const label = (name: (typeof convenienceColumns)[number]['name']) => {
  const c = convenienceColumns.find((col) => col.name === name)!
  return `${c.label}（${c.name}）`
}

const yyyymmdd = (text: string) =>
  /^\d{8}$/.test(text) ? `${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6, 8)}` : null

/** Reads the CSV (UTF-8, header line first, CR LF or LF); `billerCode` is the ward's 収納機関コード. */
export function readConvenienceFile(
  bytes: Uint8Array,
  billerCode: string,
): { ok: true; lines: ReadPaymentLine[] } | { ok: false; problems: IntakeProblem[] } {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes).replace(/^\uFEFF/, '')
  const rows = text.split(/\r?\n/)
  if (rows[rows.length - 1] === '') rows.pop()
  if (rows[0] !== HEADER) return { ok: false, problems: [problem(1, null, `見出し行が「${HEADER}」ではありません`)] }
  const problems: IntakeProblem[] = []
  const lines: ReadPaymentLine[] = []
  rows.slice(1).forEach((row, i) => {
    const line = i + 2
    const cells = row.split(',')
    if (cells.length !== convenienceColumns.length) {
      problems.push(problem(line, null, `項目数が${cells.length}です（${convenienceColumns.length}項目が必要です）`))
      return
    }
    const [dataKind, receiptId, paidOnText, storeCode, barcode, amountText, settleOnText] = cells as [
      string,
      string,
      string,
      string,
      string,
      string,
      string,
    ]
    const bad = (name: Parameters<typeof label>[0], reason: string) => problems.push(problem(line, label(name), reason))
    const before = problems.length
    if (dataKind !== '1' && dataKind !== '2') bad('data_kind', `1（速報）か2（確報）ではありません（${dataKind}）`)
    if (!/^[0-9A-Z]{1,20}$/.test(receiptId)) bad('receipt_id', `英大文字・数字20桁以内ではありません（${receiptId}）`)
    const paidOn = yyyymmdd(paidOnText)
    if (paidOn === null || !isValidIsoDate(paidOn))
      bad('paid_on', `存在する日付（YYYYMMDD）ではありません（${paidOnText}）`)
    if (!/^[0-9A-Z]{1,10}$/.test(storeCode)) bad('store_code', `英大文字・数字10桁以内ではありません（${storeCode}）`)
    if (!/^\d{1,9}$/.test(amountText)) bad('amount', `金額（整数）ではありません（${amountText}）`)
    const settleOn = yyyymmdd(settleOnText)
    if (dataKind === '2' && (settleOn === null || !isValidIsoDate(settleOn)))
      bad('settle_on', `確報には入金予定日（YYYYMMDD）が必要です（${settleOnText}）`)
    if (dataKind === '1' && settleOnText !== '') bad('settle_on', `速報には入金予定日を入れません（${settleOnText}）`)
    const read = readSlipBarcode(barcode)
    if (!read.ok) bad('barcode', `${read.reason}（${barcode}）`)
    else {
      if (read.data.billerCode !== billerCode)
        bad('barcode', `収納機関コード ${read.data.billerCode} が区のコード ${billerCode} ではありません`)
      if (read.data.seq === 0) bad('barcode', '納付番号の期が00です')
      if (/^\d{1,9}$/.test(amountText) && Number(amountText) !== read.data.amount)
        bad('amount', `バーコードの金額 ${read.data.amount}円と一致しません（${amountText}円）`)
    }
    if (problems.length > before || !read.ok) return
    lines.push({
      line,
      kind: 'payment',
      receiptKey: `cvs:${receiptId}`,
      channel: 'convenience',
      insuredNumber: read.data.insuredNumber,
      fiscalYear: read.data.fiscalYear,
      seq: read.data.seq,
      amount: Number(amountText),
      paidOn: paidOn!,
      reference: barcode.slice(8, 24),
      detail: dataKind === '1' ? '速報' : '確報',
    })
  })
  if (rows.length < 2) problems.push(problem(0, null, 'データ行がありません'))
  return problems.length > 0 ? { ok: false, problems } : { ok: true, lines }
}
