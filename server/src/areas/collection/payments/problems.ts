import type { LedgerMethod } from '../../../../../shared/domain/collection-ledger'

/** A problem of a payment file, with its line (record) and field, in Japanese (docs/interfaces/payments.md). */
export interface IntakeProblem {
  /** 1-based line (record) number; 0 for the file as a whole. */
  line: number
  field: string | null
  message: string
}

export const problem = (line: number, field: string | null, reason: string): IntakeProblem => ({
  line,
  field,
  message: line === 0 ? reason : `${line}行目${field === null ? '' : ` ${field}`}: ${reason}`,
})

/** One data line of a payment file as read, before it is matched. */
export interface ReadPaymentLine {
  line: number
  /** 'payment' (money received), 'notTransferred' (a 振替不能 result: no money). */
  kind: 'payment' | 'notTransferred'
  /** The payment's identity: the same payment read twice (速報 then 確報) carries the same key. */
  receiptKey: string
  channel: 'bank' | 'convenience' | 'pension'
  /** 被保険者番号, 年度 and 期 the line names. */
  insuredNumber: string
  fiscalYear: number
  /** 普通徴収 unless the line says otherwise (a 特別徴収結果 pays a 特別徴収 installment). */
  method?: LedgerMethod
  seq: number
  /** The person, when the source matched it already (the 特別徴収結果 by 基礎年金番号); else by 被保険者番号. */
  personId?: number | null
  amount: number
  paidOn: string
  /** The line's own reference as printed (顧客番号, 納付番号). */
  reference: string
  /** 振替結果コード or 速報/確報, as read. */
  detail: string
}
