import type { AssessmentVersion, Installment } from '../../../../shared/api/premiums'
import { formatWareki } from '../../../../shared/domain'

/** Integer yen as staff read it: 「73,680円」. */
export const yen = (amount: number): string => `${amount.toLocaleString('ja-JP')}円`

/** A signed difference: 「+1,200円」「-300円」「±0円」. */
export const signedYen = (amount: number): string =>
  amount === 0 ? '±0円' : `${amount > 0 ? '+' : '-'}${Math.abs(amount).toLocaleString('ja-JP')}円`

/** 「令和8年度（2026年度）」: the fiscal year that starts on 4/1 of `fiscalYear`. */
export function fiscalYearLabel(fiscalYear: number): string {
  const era = formatWareki(`${fiscalYear}-04-01`).replace(/\d+月\d+日$/, '')
  return `${era}度（${fiscalYear}年度）`
}

/** A month 'YYYY-MM' in 和暦 (「令和8年7月」); anything else is shown as it is. */
export function monthLabel(month: string): string {
  return /^\d{4}-(0[1-9]|1[0-2])$/.test(month) ? formatWareki(`${month}-01`).replace(/1日$/, '') : month
}

/** The fiscal years a person has versions for, newest first. */
export function fiscalYearsOf(versions: readonly Pick<AssessmentVersion, 'fiscalYear'>[]): number[] {
  return [...new Set(versions.map((v) => v.fiscalYear))].sort((a, b) => b - a)
}

/** The versions of one fiscal year, newest first (the first is the one in force). */
export function versionsOfYear<V extends Pick<AssessmentVersion, 'fiscalYear' | 'version'>>(
  versions: readonly V[],
  fiscalYear: number,
): V[] {
  return versions.filter((v) => v.fiscalYear === fiscalYear).sort((a, b) => b.version - a.version)
}

export const collectionMethodLabels: Record<Installment['method'], string> = {
  withholding: '特別徴収',
  direct: '普通徴収',
}

/** 「第6段階」, or 「第6段階（4月〜9月）→ 第8段階（10月〜3月）」 for a year with two stage intervals. */
export function stagesLabel(intervals: AssessmentVersion['intervals']): string {
  if (intervals.length === 0) return '—'
  if (intervals.length === 1) return `第${intervals[0]!.stage}段階`
  return intervals.map((i) => `第${i.stage}段階（${monthLabel(i.fromMonth)}〜${monthLabel(i.toMonth)}）`).join(' → ')
}

/** Σ of the installments: what the 期割 adds up to (equal to the annual amount for a sound version). */
export const installmentsTotal = (installments: readonly Pick<Installment, 'amount'>[]): number =>
  installments.reduce((sum, i) => sum + i.amount, 0)

/** The installments in payment order: 特別徴収 first, then 普通徴収, each by 期. */
export function orderedInstallments<I extends Pick<Installment, 'method' | 'seq'>>(installments: readonly I[]): I[] {
  const rank = (m: Installment['method']) => (m === 'withholding' ? 0 : 1)
  return [...installments].sort((a, b) => rank(a.method) - rank(b.method) || a.seq - b.seq)
}

export const roundingLabels: Record<string, string> = {
  none: '1円未満切捨て',
  floor10: '10円未満切捨て',
  floor100: '100円未満切捨て',
  monthlyCeil10: '月額を10円単位に切上げて12倍',
}

/** A rounding rule's Japanese name (an unknown code is shown as it is). */
export const roundingLabel = (rule: string): string => roundingLabels[rule] ?? rule

/** 課税 / 非課税 / 課税情報なし of a household member on 賦課期日. */
export const taxStatusLabel = (taxable: boolean | null): string =>
  taxable === null ? '課税情報なし（非課税として扱う）' : taxable ? '課税' : '非課税'
