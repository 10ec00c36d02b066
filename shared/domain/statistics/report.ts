/**
 * 介護保険事業状況報告 (月報・年報): the pure rules of the report (docs/sources/migration.md §3.2, §3.3) over the dated
 * definitions of shared/domain/parameters/statistics.ts — the months a report covers, where a benefit is placed, how a
 * person's month counts as 増 or 減 and why, the 受給者 kind of a service, the checks before submission, and the
 * suppression of small cells in anything exported.
 */
import { addDays, endOfMonth, type IsoDate } from '../dates'
import {
  ANNUAL_REPORT_RULES,
  DECREASE_REASONS,
  INCREASE_REASONS,
  MONTHLY_REPORT_RULES,
  SMALL_CELL_THRESHOLD,
  type AnnualReportRules,
  type MonthlyReportRules,
  type RecipientKindRule,
} from '../parameters/statistics'
import { valueAt } from '../versioned'

export type ReportMonth = string // 'YYYY-MM'
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/

export function assertReportMonth(month: string): asserts month is ReportMonth {
  if (!MONTH.test(month)) throw new RangeError(`report month must be YYYY-MM: ${month}`)
}

/** The month `n` months after `month` (negative: before). */
export function shiftMonth(month: ReportMonth, n: number): ReportMonth {
  assertReportMonth(month)
  const [y, m] = month.split('-').map(Number) as [number, number]
  const index = y * 12 + (m - 1) + n
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`
}

/** The rules of the 月報 of a month (the version in force on the month's 基準日). */
export function monthlyRulesFor(month: ReportMonth): MonthlyReportRules {
  return valueAt(MONTHLY_REPORT_RULES, monthBaseDate(month), 'MONTHLY_REPORT_RULES')
}

/** The rules of the 年報 of a fiscal year (the version in force on its 基準日, 3月31日). */
export function annualRulesFor(fiscalYear: number): AnnualReportRules {
  return valueAt(ANNUAL_REPORT_RULES, annualBaseDate(fiscalYear), 'ANNUAL_REPORT_RULES')
}

/** 基準日 of a 月報: the last day of the month (docs/sources/migration.md §3.3). */
export function monthBaseDate(month: ReportMonth): IsoDate {
  assertReportMonth(month)
  return endOfMonth(`${month}-01`)
}

/** 基準日 of a 年報: the last day of the fiscal year (3月31日 of the next calendar year). */
export function annualBaseDate(fiscalYear: number): IsoDate {
  return addDays(`${fiscalYear + 1}-04-01`, -1)
}

/** The 前月末 of a 月報: the 基準日 of the month before. */
export function previousBaseDate(month: ReportMonth): IsoDate {
  return addDays(`${month}-01`, -1)
}

/** The default cut-off of a 月報: the 基準日 plus the ward's days (⚠️ parameter). */
export function defaultCutoff(month: ReportMonth): IsoDate {
  return addDays(monthBaseDate(month), monthlyRulesFor(month).cutoffDaysAfterMonthEnd)
}

/** The default cut-off of a 年報: the 基準日 plus the ward's days (⚠️ parameter; 5月31日, the 出納閉鎖). */
export function defaultAnnualCutoff(fiscalYear: number): IsoDate {
  return addDays(annualBaseDate(fiscalYear), annualRulesFor(fiscalYear).cutoffDaysAfterYearEnd)
}

/** A fiscal year is closed on `today` when its 基準日 (3月31日) has passed. */
export function isClosedFiscalYear(fiscalYear: number, today: IsoDate): boolean {
  return annualBaseDate(fiscalYear) < today
}

/** A report month is closed on `today` when its 基準日 has passed. */
export function isClosedMonth(month: ReportMonth, today: IsoDate): boolean {
  return monthBaseDate(month) < today
}

/**
 * Where benefits are placed (docs/sources/migration.md §3.2 item 3): the 現物給付 of the report month are the claims of
 * the service month `inKindServiceMonthLag` before it; 償還払 those decided `reimbursementDecisionMonthLag` before it.
 */
export function benefitPlacement(month: ReportMonth, rules: MonthlyReportRules = monthlyRulesFor(month)) {
  return {
    inKindServiceMonth: shiftMonth(month, -rules.inKindServiceMonthLag),
    reimbursementDecisionMonth: shiftMonth(month, -rules.reimbursementDecisionMonthLag),
  }
}

export type IncreaseReasonId = (typeof INCREASE_REASONS)[number]['id']
export type DecreaseReasonId = (typeof DECREASE_REASONS)[number]['id']

/** An eligibility row as the rule needs it. */
export interface MovementEvent {
  readonly kind: string
  readonly reason: string
  readonly category: number | null
  readonly effectiveOn: IsoDate
}

export type Movement =
  | { readonly kind: 'increase'; readonly reason: IncreaseReasonId }
  | { readonly kind: 'decrease'; readonly reason: DecreaseReasonId }
  | null

/**
 * 当月中増・減 of 第1号被保険者 for one person (docs/sources/migration.md §3.2 item 1): counted on the person's status
 * at 前月末 and 当月末, so that 前月末 + 増 − 減 = 当月末 always holds; a person who came and went within the month
 * counts in neither. The reason is that of the last row of the month that made (増) or ended (減) the 第1号 status:
 * 65歳到達 (including 第2号 → 第1号), 転入, 適用除外施設退所 / 死亡, 転出, 適用除外施設入所; anything else その他.
 */
export function movementOf(
  wasCategory1: boolean,
  isCategory1: boolean,
  monthEvents: readonly MovementEvent[],
): Movement {
  if (wasCategory1 === isCategory1) return null
  if (isCategory1) {
    const made = [...monthEvents]
      .reverse()
      .find((e) => (e.kind === 'acquisition' || e.kind === 'categoryChange') && e.category === 1)
    const reason = INCREASE_REASONS.find((r) => (r.reasons as readonly string[]).includes(made?.reason ?? ''))
    return { kind: 'increase', reason: reason?.id ?? 'other' }
  }
  const ended = [...monthEvents].reverse().find((e) => e.kind === 'loss')
  const reason = DECREASE_REASONS.find((r) => (r.reasons as readonly string[]).includes(ended?.reason ?? ''))
  return { kind: 'decrease', reason: reason?.id ?? 'other' }
}

export type RecipientKind = 'home' | 'communityBased' | 'facility'

/** The 受給者 kind of a サービス種類コード (the dated rule; 居宅 is the rest). */
export function recipientKindOf(serviceType: string | null, rule: RecipientKindRule): RecipientKind {
  if (serviceType !== null && rule.facility.includes(serviceType)) return 'facility'
  if (serviceType !== null && rule.communityBased.includes(serviceType)) return 'communityBased'
  return 'home'
}

/** A computed cell: null when its inputs are not in the system (「データ未取込」). */
export type CellValue = number | null

export interface ReportCheck {
  /** continuity | balance | recipientsWithinCertified | certifiedWithinInsured */
  readonly id: string
  readonly label: string
  readonly ok: boolean
  /** Whether a failing check blocks submission (continuity may be explained by a correction instead). */
  readonly blocking: boolean
  readonly detail: string
}

/**
 * The checks before a 月報 is submitted (docs/sources/migration.md §3.2 item 1, §3.3):
 * continuity — this 前月末 = the 当月末 of the month before as submitted (a correction since shows as a difference,
 * explained in the submission); balance — 前月末 + 増 − 減 = 当月末; 受給者 ≤ 認定者 (each category); 認定者(第1号) ≤
 * 第1号被保険者.
 */
export function monthlyChecks(
  cells: Readonly<Record<string, CellValue>>,
  previousSubmittedCurrentEnd: number | null,
): ReportCheck[] {
  const v = (id: string) => cells[id] ?? 0
  const checks: ReportCheck[] = []
  const previousEnd = v('insured.previousEnd')
  checks.push({
    id: 'continuity',
    label: '前月末現在 = 前月報告の当月末現在',
    ok: previousSubmittedCurrentEnd === null || previousSubmittedCurrentEnd === previousEnd,
    blocking: false,
    detail:
      previousSubmittedCurrentEnd === null
        ? '前月の提出済み報告がありません'
        : `前月末現在 ${previousEnd} ／ 前月報告の当月末現在 ${previousSubmittedCurrentEnd}（差 ${previousEnd - previousSubmittedCurrentEnd}）`,
  })
  const balance = previousEnd + v('insured.increase.total') - v('insured.decrease.total')
  checks.push({
    id: 'balance',
    label: '前月末 + 当月中増 − 当月中減 = 当月末',
    ok: balance === v('insured.currentEnd'),
    blocking: true,
    detail: `${previousEnd} + ${v('insured.increase.total')} − ${v('insured.decrease.total')} = ${balance} ／ 当月末 ${v('insured.currentEnd')}`,
  })
  for (const c of ['1', '2'] as const) {
    const recipients = ['home', 'communityBased', 'facility'].map((k) => cells[`recipients.${k}.c${c}`])
    const known = recipients.every((r) => r !== null && r !== undefined)
    const total = recipients.reduce<number>((s, r) => s + (r ?? 0), 0)
    checks.push({
      id: 'recipientsWithinCertified',
      label: `受給者数 ≤ 認定者数（第${c}号）`,
      ok: !known || total <= v(`certified.total.c${c}`),
      blocking: true,
      detail: known ? `受給者 ${total} ／ 認定者 ${v(`certified.total.c${c}`)}` : '給付データ未取込のため確認対象外',
    })
  }
  checks.push({
    id: 'certifiedWithinInsured',
    label: '認定者数（第1号）≤ 第1号被保険者数',
    ok: v('certified.total.c1') <= v('insured.currentEnd'),
    blocking: true,
    detail: `認定者 ${v('certified.total.c1')} ／ 第1号被保険者 ${v('insured.currentEnd')}`,
  })
  return checks
}

/** Whether the checks allow submission: every blocking check passes, and a continuity gap is explained. */
export function submissionProblem(checks: readonly ReportCheck[], differenceNote: string | null): string | null {
  const failed = checks.filter((c) => !c.ok && c.blocking)
  if (failed.length > 0) return `点検で不一致があります: ${failed.map((c) => c.label).join('、')}`
  const gap = checks.find((c) => c.id === 'continuity' && !c.ok)
  if (gap && (differenceNote ?? '').trim().length === 0)
    return '前月報告との差異があります。差異の理由（訂正の内容）を入力してください'
  return null
}

/** ⚠️ The ward's small-cell threshold on a date. */
export function smallCellThreshold(on: IsoDate): number {
  return valueAt(SMALL_CELL_THRESHOLD, on, 'SMALL_CELL_THRESHOLD')
}

/**
 * Small cells suppressed (小さいセルの秘匿): a person count 1 … threshold−1 is replaced by null (printed 「*」) in anything
 * exported; 0 stays 0 (no person can be identified from an empty cell). Only person counts are suppressed.
 */
export function suppressSmallCells<T extends Record<string, CellValue>>(
  cells: T,
  isPersonCount: (id: string) => boolean,
  threshold: number,
): { cells: Record<string, CellValue>; suppressed: string[] } {
  const out: Record<string, CellValue> = {}
  const suppressed: string[] = []
  for (const [id, value] of Object.entries(cells)) {
    if (value !== null && isPersonCount(id) && value > 0 && value < threshold) {
      out[id] = null
      suppressed.push(id)
    } else out[id] = value
  }
  return { cells: out, suppressed }
}

/** The cells whose value changed between a submitted version and a recomputation (訂正差異). */
export function cellDifferences(
  submitted: Readonly<Record<string, CellValue>>,
  recomputed: Readonly<Record<string, CellValue>>,
): { id: string; submitted: CellValue; recomputed: CellValue }[] {
  return Object.keys({ ...submitted, ...recomputed })
    .filter((id) => (submitted[id] ?? null) !== (recomputed[id] ?? null))
    .map((id) => ({ id, submitted: submitted[id] ?? null, recomputed: recomputed[id] ?? null }))
}
