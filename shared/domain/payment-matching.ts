/**
 * 消込 (payment matching): which lines of a payment file are applied to their installment automatically and which go
 * to the work list, with the Japanese reason (docs/interfaces/payments.md, "Matching"). Pure: the server loads each
 * line's installment and its balance before the file, this decides, line by line in file order, and the server
 * writes the outcome set-based.
 *
 * The rule: a payment is applied automatically only when it names a known installment whose balance before it is
 * exactly its amount (完納 of that installment). Anything else is kept for a person to decide:
 * - no such person or installment → 'unmatched' (該当なし);
 * - an installment already paid in full (balance 0, e.g. paid at a convenience store and then by 口座振替) → 'duplicate';
 * - less than the balance → 'partial'; more than the balance → 'over';
 * - an installment time-barred on the 納付日 (介護保険法第200条: it can no longer be paid) → 'timeBarred'.
 * The balance is what the ledger holds before the file, minus what earlier lines of the same file applied.
 */

import { installmentKeyString, type InstallmentKey } from './collection-ledger'

/** Where a line says the money belongs: a person's fiscal year and installment (期). */
export type PaymentTarget = InstallmentKey

export interface PaymentLineToMatch {
  /** 1-based line (record) number in the file. */
  line: number
  amount: number
  /** null when the line's 納付番号 / 顧客番号 names no installment of a known person. */
  target: PaymentTarget | null
  /** The reason the target can no longer be paid on the line's 納付日 (時効, 介護保険法第200条), if it cannot. */
  timeBarred?: string | null
}

export type WorkReason = 'unmatched' | 'partial' | 'over' | 'duplicate' | 'timeBarred'

export const workReasonLabels: Record<WorkReason, string> = {
  unmatched: '該当なし',
  partial: '一部納付',
  over: '過納',
  duplicate: '二重納付',
  timeBarred: '時効消滅',
}

export type PaymentMatch =
  { line: number; outcome: 'apply' } | { line: number; outcome: 'work'; reason: WorkReason; message: string }

export const targetKey = installmentKeyString

const yen = (n: number) => `${n.toLocaleString('en-US')}円`

/**
 * Matches the lines in order. `balances` holds, per installment (targetKey), the balance before the file — the
 * ledger's 残高 (調定 − 収納 + 還付 − 充当 − 不納欠損); an installment absent from it is unknown (unmatched).
 */
export function matchPayments(
  lines: readonly PaymentLineToMatch[],
  balances: ReadonlyMap<string, number>,
): PaymentMatch[] {
  const remaining = new Map(balances)
  return lines.map((l) => {
    const key = l.target === null ? null : targetKey(l.target)
    const balance = key === null ? undefined : remaining.get(key)
    if (key === null || balance === undefined)
      return {
        line: l.line,
        outcome: 'work',
        reason: 'unmatched',
        message: '納付番号（顧客番号）に該当する被保険者・年度・期別がありません',
      }
    if (l.timeBarred)
      return { line: l.line, outcome: 'work', reason: 'timeBarred', message: `${l.timeBarred}（還付または保留）` }
    if (balance === l.amount) {
      remaining.set(key, 0)
      return { line: l.line, outcome: 'apply' }
    }
    if (balance <= 0)
      return {
        line: l.line,
        outcome: 'work',
        reason: 'duplicate',
        message: `この期別は納付済みです（二重納付の疑い ${yen(l.amount)}）`,
      }
    if (l.amount < balance)
      return {
        line: l.line,
        outcome: 'work',
        reason: 'partial',
        message: `納付額 ${yen(l.amount)} が未納額 ${yen(balance)} に足りません（一部納付 不足 ${yen(balance - l.amount)}）`,
      }
    return {
      line: l.line,
      outcome: 'work',
      reason: 'over',
      message: `納付額 ${yen(l.amount)} が未納額 ${yen(balance)} を超えています（過納 ${yen(l.amount - balance)}）`,
    }
  })
}

/** Modulus 10, weights 3·1 from the rightmost digit (the GS1 check digit of the 納付書 barcode). */
export function gs1CheckDigit(digits: string): number {
  let sum = 0
  for (let i = 0; i < digits.length; i++) {
    const d = Number(digits[digits.length - 1 - i])
    sum += i % 2 === 0 ? d * 3 : d
  }
  return (10 - (sum % 10)) % 10
}

/** ISO 7064 MOD 97-10 check pair: 98 − (n × 100 mod 97), two digits. */
export function mod97CheckPair(digits: string): string {
  let rest = 0
  for (const c of digits + '00') rest = (rest * 10 + Number(c)) % 97
  return String(98 - rest).padStart(2, '0')
}

/** What a 納付書 barcode (44 digits, docs/interfaces/notices.md) says, once its checks pass. */
export interface SlipBarcodeData {
  billerCode: string
  fiscalYear: number
  insuredNumber: string
  seq: number
  /** The assessment version the slip was printed for (mod 100). */
  version: number
  amount: number
  deadline: string
}

/**
 * Reads the 44 digits of a 納付書 barcode: AI 91, 収納機関コード 6, 納付番号 16 (年度 4 + 被保険者番号 10 + 期 2), 確認番号 4
 * (版 2 + MOD 97-10 pair over 納付番号 + 版 + 金額 6), 0, 再発行区分 1, 支払期限 YYMMDD, 印紙フラグ 1, 金額 6, check digit
 * (mod 10 weights 3·1). Returns the Japanese reason when a check fails.
 */
export function readSlipBarcode(digits: string): { ok: true; data: SlipBarcodeData } | { ok: false; reason: string } {
  if (!/^\d{44}$/.test(digits)) return { ok: false, reason: 'バーコードは44桁の数字です' }
  if (!digits.startsWith('91')) return { ok: false, reason: 'アプリケーション識別子が91ではありません' }
  if (gs1CheckDigit(digits.slice(0, 43)) !== Number(digits[43]))
    return { ok: false, reason: 'チェックデジットが一致しません' }
  const paymentNumber = digits.slice(8, 24)
  const version = digits.slice(24, 26)
  const amount = digits.slice(37, 43)
  if (mod97CheckPair(`${paymentNumber}${version}${amount}`) !== digits.slice(26, 28))
    return { ok: false, reason: '確認番号が納付番号・金額と一致しません' }
  return {
    ok: true,
    data: {
      billerCode: digits.slice(2, 8),
      fiscalYear: Number(paymentNumber.slice(0, 4)),
      insuredNumber: paymentNumber.slice(4, 14),
      seq: Number(paymentNumber.slice(14, 16)),
      version: Number(version),
      amount: Number(amount),
      deadline: `20${digits.slice(30, 32)}-${digits.slice(32, 34)}-${digits.slice(34, 36)}`,
    },
  }
}
