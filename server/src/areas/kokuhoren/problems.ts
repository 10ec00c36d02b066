/**
 * A problem found while reading or building a 国保連 file, with the Japanese message an operator reads:
 * the line, the record, the field (number and name) and the byte position, as docs/interfaces/kokuhoren.md §1.9 lays out.
 */
export interface KokuhorenProblem {
  /** 1-based line (= record) number; absent for a problem of the whole file. */
  readonly line?: number
  /** The record as named in the message: コントロールレコード, データレコード 5311, データレコード 1115 H1 … */
  readonly record?: string
  /** 1-based field number in the record. */
  readonly field?: number
  readonly fieldLabel?: string
  /** 1-based byte position of the field (or of the offending byte) in the line, when the bytes are known. */
  readonly byte?: number
  readonly reason: string
  /** The full Japanese message. */
  readonly message: string
}

export interface ProblemAt {
  line?: number
  record?: string
  field?: number
  fieldLabel?: string
  byte?: number
}

/**
 * `2行目（データレコード 5311）第4項目「異動年月日」（12バイト目）: 理由`, or shorter when the place is less precise:
 * `2行目（データレコード）: 理由`, `ファイル: 理由`.
 */
export function problem(at: ProblemAt, reason: string): KokuhorenProblem {
  let place = at.line === undefined ? 'ファイル' : `${at.line}行目`
  if (at.record !== undefined) place += `（${at.record}）`
  if (at.field !== undefined) place += `第${at.field}項目`
  if (at.fieldLabel !== undefined) place += `「${at.fieldLabel}」`
  if (at.byte !== undefined) place += `（${at.byte}バイト目）`
  return { ...at, reason, message: `${place}: ${reason}` }
}

export type Result<T> = { ok: true; value: T } | { ok: false; problems: readonly KokuhorenProblem[] }
