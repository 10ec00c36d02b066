/**
 * The convenience-store barcode of a 納付書 (GS1-128, 標準料金代理収納ガイドライン の44桁): its data and its image
 * (bwip-js). Layout, documented in docs/interfaces/notices.md:
 *
 *   (91) AI 2 | 収納機関コード 6 | 自由使用欄 21 = 納付番号 16 + 確認番号 4 + 0 | 再発行区分 1 | 支払期限 YYMMDD 6 |
 *   印紙フラグ 1 | 金額 6 | チェックデジット 1
 *
 * 納付番号 = 年度 4 + 被保険者番号 10 + 期 2; 確認番号 = 版 2 + ISO 7064 MOD 97-10 of (納付番号 版 金額) 2. The
 * check digit is modulus 10, weights 3 and 1 from the rightmost of the 43 digits before it (the AI included).
 */
import bwipjs from 'bwip-js/node'
import type { IsoDate } from '../../../../../shared/domain'

/** The largest amount the 6-digit 金額 holds; a larger installment gets no barcode. */
export const BARCODE_MAX_AMOUNT = 999_999

/** Modulus 10, weights 3·1 from the right (the GS1 rule, as for JAN). */
export function mod10Weight3(digits: string): number {
  if (!/^\d+$/.test(digits)) throw new RangeError('digits only')
  let sum = 0
  for (let i = 0; i < digits.length; i++) {
    const d = Number(digits[digits.length - 1 - i])
    sum += i % 2 === 0 ? d * 3 : d
  }
  return (10 - (sum % 10)) % 10
}

/** ISO 7064 MOD 97-10 check pair of a digit string (as for IBAN): 98 − (n × 100 mod 97), two digits. */
export function mod97Check(digits: string): string {
  if (!/^\d+$/.test(digits)) throw new RangeError('digits only')
  let rest = 0
  for (const c of digits + '00') rest = (rest * 10 + Number(c)) % 97
  return String(98 - rest).padStart(2, '0')
}

export interface SlipBarcodeInput {
  billerCode: string
  fiscalYear: number
  insuredNumber: string
  seq: number
  version: number
  /** 再発行区分: 0 for the first print, n for the n-th reprint (9 at most). */
  reissue: number
  deadline: IsoDate
  amount: number
}

export interface SlipBarcode {
  /** The 44 digits the symbol carries. */
  digits: string
  /** The human-readable line printed under the symbol. */
  text: string
  paymentNumber: string
  confirmationNumber: string
}

const pad = (n: number, width: number) => String(n).padStart(width, '0')

/** The 44 digits of a 納付書's barcode; null when the amount does not fit in 6 digits or is not positive. */
export function slipBarcode(input: SlipBarcodeInput): SlipBarcode | null {
  if (!/^\d{6}$/.test(input.billerCode)) throw new RangeError('収納機関コードは6桁の数字です')
  if (!/^\d{10}$/.test(input.insuredNumber)) throw new RangeError('被保険者番号は10桁の数字です')
  if (input.amount <= 0 || input.amount > BARCODE_MAX_AMOUNT) return null
  const paymentNumber = `${pad(input.fiscalYear, 4)}${input.insuredNumber}${pad(input.seq, 2)}`
  const version = pad(input.version % 100, 2)
  const confirmationNumber = `${version}${mod97Check(`${paymentNumber}${version}${pad(input.amount, 6)}`)}`
  const free = `${paymentNumber}${confirmationNumber}0`
  const deadline = input.deadline.slice(2, 4) + input.deadline.slice(5, 7) + input.deadline.slice(8, 10)
  const body = `91${input.billerCode}${free}${Math.min(input.reissue, 9)}${deadline}0${pad(input.amount, 6)}`
  const digits = body + String(mod10Weight3(body))
  return {
    digits,
    text: `(${digits.slice(0, 2)}) ${digits.slice(2, 8)}-${digits.slice(8, 29)}-${digits.slice(29, 30)}-${digits.slice(30, 36)}-${digits.slice(36, 37)}-${digits.slice(37, 43)}-${digits.slice(43)}`,
    paymentNumber,
    confirmationNumber,
  }
}

/**
 * The GS1-128 symbol of the 44 digits as bar and space widths in modules, bar first (bwip-js encodes it: start C,
 * FNC1, the digits in pairs, the mod-103 symbol check, stop). Drawn as vector rectangles, so a batch of thousands of
 * 納付書 stays small.
 */
export function barcodeBars(digits: string): number[] {
  const [symbol] = bwipjs.raw({ bcid: 'gs1-128', text: `(${digits.slice(0, 2)})${digits.slice(2)}` } as never) as {
    sbs: number[]
  }[]
  return symbol!.sbs
}
