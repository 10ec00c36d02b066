/**
 * 賦課 of one person's fiscal year: the income figures for premiums, the liable months, the stage per month and its
 * intervals, the year's amount, the 普通徴収 installments (and their respread after a 更正), and the 賦課権 limit.
 * Pure: the callers load the facts and store the result; every step is returned as Japanese text for the "why".
 */
import { assertInteger } from './arith'
import type { IsoDate } from './dates'
import {
  addDays,
  assertIsoDate,
  endOfMonthIndex,
  fiscalYearStart,
  fiscalYearStartMonthIndex,
  monthIndexOf,
  periodEndByMonths,
} from './dates'
import { ASSESSMENT_RIGHT_MONTHS, PREMIUM_INCOME_DEDUCTION } from './parameters/premium'
import type { InstallmentRule } from './parameters/shinjuku'
import { SHINJUKU_DIRECT_PAYMENT } from './parameters/shinjuku'
import { MONTHS_PER_YEAR, RATE_DENOMINATOR } from './parameters/units'
import type { RoundingRule, StageTable } from './premium'
import { annualPremium, directPaymentInstallments, premiumStage, proratedPremium } from './premium'
import { valueAt } from './versioned'

const yen = (n: number) => `${n.toLocaleString('en-US')}円`

// ——— Income for premiums ———

/** The resident-tax figures of one person and year, as the tax system reports them (yen). */
export interface IncomeFigures {
  /** 合計所得金額 (after the special deduction on land and buildings; may be negative). */
  readonly totalIncome: number
  /** 公的年金等収入金額. */
  readonly publicPensionIncome: number
  /** 公的年金等に係る雑所得. */
  readonly pensionMiscIncome: number
  /** 給与所得. */
  readonly salaryIncome: number
}

export interface PremiumIncomes {
  /** 合計所得金額 for the stage bands of 本人課税: total − min(10万, 給与所得 + 年金雑所得), at least 0. */
  readonly totalIncome: number
  /** 年金収入等 for stages 1–5: 公的年金等収入 + max(0, total − 年金雑所得 − min(10万, 給与所得)). */
  readonly pensionAndOtherIncome: number
  readonly steps: readonly string[]
}

/**
 * The two incomes the stage bands use (介護保険法施行令第38条; the 10万円 deduction of 令和3年度〜, docs/sources/domain.md
 * §3.2 [S25][S26]). A negative 合計所得金額 counts as 0; 非課税年金 (遺族・障害) is not income here.
 */
export function premiumIncomes(fiscalYear: number, figures: IncomeFigures): PremiumIncomes {
  assertInteger(figures.totalIncome, 'totalIncome')
  assertInteger(figures.publicPensionIncome, 'publicPensionIncome', 0)
  assertInteger(figures.pensionMiscIncome, 'pensionMiscIncome', 0)
  assertInteger(figures.salaryIncome, 'salaryIncome', 0)
  const deduction = valueAt(PREMIUM_INCOME_DEDUCTION, fiscalYearStart(fiscalYear), 'premium income deduction')
  const totalDeduction = Math.min(deduction, figures.salaryIncome + figures.pensionMiscIncome)
  const totalIncome = Math.max(0, figures.totalIncome - totalDeduction)
  const salaryDeduction = Math.min(deduction, figures.salaryIncome)
  const other = Math.max(0, figures.totalIncome - figures.pensionMiscIncome - salaryDeduction)
  const pensionAndOtherIncome = figures.publicPensionIncome + other
  return {
    totalIncome,
    pensionAndOtherIncome,
    steps: [
      `保険料算定の合計所得金額 = 合計所得金額 ${yen(figures.totalIncome)} − 給与所得・年金所得の控除 ${yen(totalDeduction)}（上限${yen(deduction)}）= ${yen(totalIncome)}（0未満は0）`,
      `年金収入等 = 公的年金等収入金額 ${yen(figures.publicPensionIncome)} + その他の合計所得金額 ${yen(other)}（合計所得金額 − 公的年金等に係る雑所得 − 給与所得の控除 ${yen(salaryDeduction)}、0未満は0）= ${yen(pensionAndOtherIncome)}`,
    ],
  }
}

// ——— Liable months ———

/** A period of category-1 insurance: from the acquisition (or change to category 1) to the loss date (exclusive). */
export interface InsuredPeriod {
  readonly from: IsoDate
  /** 資格喪失日 (the first day without insurance), null while insured. */
  readonly lostOn: IsoDate | null
}

/**
 * The liable months of a fiscal year as offsets 0 (April) … 11 (March): from the month of acquisition up to the month
 * before the month of loss (介護保険法第129条〜; docs/sources/domain.md §3.4). Several periods are united (a month is
 * counted once). Acquiring 2026-10-20 → October–March (6); loss on 2026-07-01 (death 2026-06-30) → April–June (3).
 */
export function liableMonthOffsets(fiscalYear: number, periods: readonly InsuredPeriod[]): number[] {
  const start = fiscalYearStartMonthIndex(fiscalYear)
  const months = new Set<number>()
  for (const p of periods) {
    assertIsoDate(p.from, 'from')
    if (p.lostOn !== null) assertIsoDate(p.lostOn, 'lostOn')
    const first = Math.max(start, monthIndexOf(p.from))
    const end = Math.min(start + MONTHS_PER_YEAR, p.lostOn === null ? Infinity : monthIndexOf(p.lostOn))
    for (let m = first; m < end; m++) months.add(m - start)
  }
  return [...months].sort((a, b) => a - b)
}

// ——— Stage per month and the year's amount ———

/** A dated status (生活保護, 老齢福祉年金): from `from` to `to` inclusive (null while it lasts). */
export interface StatusPeriod {
  readonly from: IsoDate
  readonly to: IsoDate | null
}

/**
 * Whether a status (生活保護, 老齢福祉年金) holds in the liable month `offset` (0 = April) of a fiscal year: from the
 * month of its start up to the month before the month of the day after its end (the stage changes "from the month of
 * change", docs/sources/domain.md §3.4).
 */
export function statusHoldsInMonth(periods: readonly StatusPeriod[], fiscalYear: number, offset: number): boolean {
  return holdsInMonth(periods, fiscalYearStartMonthIndex(fiscalYear) + offset)
}

function holdsInMonth(periods: readonly StatusPeriod[], monthIndex: number): boolean {
  return periods.some(
    (p) => monthIndexOf(p.from) <= monthIndex && (p.to === null || monthIndex < monthIndexOf(addDays(p.to, 1))),
  )
}

export interface YearAssessmentInput {
  readonly fiscalYear: number
  readonly table: StageTable
  /** Offsets 0–11 of the liable months ({@link liableMonthOffsets}). */
  readonly liableMonths: readonly number[]
  /** Tax status on the 賦課期日 (household derivation: household-tax.ts). */
  readonly selfTaxable: boolean
  readonly householdTaxable: boolean
  readonly incomes: PremiumIncomes
  readonly publicAssistance: readonly StatusPeriod[]
  readonly oldAgeWelfarePension: readonly StatusPeriod[]
}

/** A run of liable months with the same stage. */
export interface StageInterval {
  readonly stage: number
  /** 'YYYY-MM' of the first and last month. */
  readonly fromMonth: string
  readonly toMonth: string
  readonly months: number
  /** The stage's annual amount (table rounding). */
  readonly annualAmount: number
  /** The interval's prorated amount (月割, table proration rounding). */
  readonly amount: number
}

export interface YearAssessment {
  readonly intervals: readonly StageInterval[]
  readonly liableMonths: number
  /** The year's premium = Σ interval amounts. */
  readonly amount: number
  readonly steps: readonly string[]
}

const roundingLabels: Record<RoundingRule, string> = {
  none: '1円未満切捨て',
  floor10: '10円未満切捨て',
  floor100: '100円未満切捨て',
  monthlyCeil10: '月額10円未満切上げ×月数',
}

function monthLabel(fiscalYear: number, offset: number): string {
  const index = fiscalYearStartMonthIndex(fiscalYear) + offset
  return endOfMonthIndex(index).slice(0, 7)
}

/**
 * The year's premium: the stage of every liable month (the tax status and incomes are the 賦課期日's; 生活保護 and
 * 老齢福祉年金 may change it from the month of change, docs/sources/domain.md §3.4), runs of one stage as intervals,
 * each interval's annual amount (`annualPremium`) prorated by its months (`proratedPremium`), summed.
 */
export function assessPremiumYear(input: YearAssessmentInput): YearAssessment {
  const start = fiscalYearStartMonthIndex(input.fiscalYear)
  const stageOf = (offset: number) =>
    premiumStage(
      {
        fiscalYear: input.fiscalYear,
        onPublicAssistance: holdsInMonth(input.publicAssistance, start + offset),
        oldAgeWelfarePension: holdsInMonth(input.oldAgeWelfarePension, start + offset),
        selfTaxable: input.selfTaxable,
        householdTaxable: input.householdTaxable || input.selfTaxable,
        totalIncome: input.incomes.totalIncome,
        pensionAndOtherIncome: input.incomes.pensionAndOtherIncome,
      },
      input.table,
    )
  const runs: { stage: number; offsets: number[] }[] = []
  for (const offset of input.liableMonths) {
    const stage = stageOf(offset)
    const last = runs[runs.length - 1]
    if (last && last.stage === stage) last.offsets.push(offset)
    else runs.push({ stage, offsets: [offset] })
  }
  const intervals = runs.map((run) => {
    const annualAmount = annualPremium(run.stage, input.table)
    const months = run.offsets.length
    return {
      stage: run.stage,
      fromMonth: monthLabel(input.fiscalYear, run.offsets[0]!),
      toMonth: monthLabel(input.fiscalYear, run.offsets[months - 1]!),
      months,
      annualAmount,
      amount: proratedPremium(annualAmount, months, input.table),
    }
  })
  const amount = intervals.reduce((sum, i) => sum + i.amount, 0)
  const status = input.selfTaxable ? '本人課税' : input.householdTaxable ? '本人非課税・世帯課税' : '世帯全員非課税'
  const steps = [
    ...input.incomes.steps,
    `賦課期日の課税状況: ${status}`,
    `賦課月数: ${input.liableMonths.length}か月`,
    ...intervals.map((i) => {
      const rate = input.table.rates.find((r) => r.stage === i.stage)!
      const bp = rate.reducedRateBp ?? rate.rateBp
      return (
        `第${i.stage}段階 ${i.fromMonth}〜${i.toMonth}（${i.months}か月）: 基準額 ${yen(input.table.basePremium)} × ${bp / RATE_DENOMINATOR} = ` +
        `年額 ${yen(i.annualAmount)}（${roundingLabels[input.table.rounding]}）` +
        (i.months === MONTHS_PER_YEAR
          ? ''
          : ` × ${i.months}/12 = ${yen(i.amount)}（${roundingLabels[input.table.prorationRounding]}）`)
      )
    }),
    `年間保険料: ${yen(amount)}`,
  ]
  return { intervals, liableMonths: input.liableMonths.length, amount, steps }
}

// ——— 普通徴収 installments ———

/** One 納期 of the 普通徴収 schedule. */
export interface InstallmentSlot {
  readonly seq: number
  /** 'YYYY-MM' of the 納期. */
  readonly month: string
  readonly dueDate: IsoDate
}

export interface PlannedInstallment extends InstallmentSlot {
  readonly amount: number
}

/**
 * The 普通徴収 納期 of a fiscal year: one per month of `months` (calendar months, July … March by default for 新宿区
 * [S10]), due on the month's last day ⚠️ (docs/sources/domain.md §3.6: "presumably"; the shift to the next business day
 * on a holiday is not applied here).
 */
export function directPaymentSchedule(
  fiscalYear: number,
  months: readonly number[] = SHINJUKU_DIRECT_PAYMENT.installmentMonths,
): InstallmentSlot[] {
  return months.map((month, i) => {
    const year = month >= 4 ? fiscalYear : fiscalYear + 1
    const due = endOfMonthIndex(year * MONTHS_PER_YEAR + month - 1)
    return { seq: i + 1, month: due.slice(0, 7), dueDate: due }
  })
}

export interface InstallmentPlan {
  readonly installments: readonly PlannedInstallment[]
  /** The part of the installments already due that exceeds the new amount (過誤納, refunded by collection). */
  readonly overpaid: number
  readonly steps: readonly string[]
}

/**
 * Spreads the year's amount over the 納期 not yet due on `today` (due date ≥ today): the installments of the previous
 * version already due stay as they were, the rest of the amount is split by `rule` (directPaymentInstallments: the
 * unit, the remainder to the first) over the remaining 納期 ("an assessment or correction during the year is divided
 * over the remaining instalments", docs/sources/domain.md §3.6 🔧). With no 納期 left (a correction after the year's
 * last one) the difference is due as one 随時期 at the end of the next month ⚠️. When the installments already due
 * exceed the amount, nothing remains to pay and the excess is `overpaid`. Σ installments − overpaid = amount.
 */
export function planInstallments(
  amount: number,
  schedule: readonly InstallmentSlot[],
  previous: readonly PlannedInstallment[],
  today: IsoDate,
  rule: InstallmentRule = SHINJUKU_DIRECT_PAYMENT.rule,
): InstallmentPlan {
  assertInteger(amount, 'amount', 0)
  assertIsoDate(today, 'today')
  const kept = previous.filter((i) => i.dueDate < today)
  const keptTotal = kept.reduce((s, i) => s + i.amount, 0)
  // A 随時期 of the previous version not yet due stays a 納期 (so that computing again gives the same 期割).
  const extra = previous
    .filter((p) => p.dueDate >= today && !schedule.some((s) => s.seq === p.seq))
    .map((p) => ({ seq: p.seq, month: p.month, dueDate: p.dueDate }))
  let remaining = [...schedule.filter((s) => s.dueDate >= today && !kept.some((k) => k.seq === s.seq)), ...extra]
  const steps: string[] = []
  if (kept.length > 0) steps.push(`納期を過ぎた${kept.length}期（計 ${yen(keptTotal)}）はそのまま`)
  const open = amount - keptTotal
  if (open <= 0) {
    if (open < 0) steps.push(`既に納期を過ぎた額が年間保険料を ${yen(-open)} 上回る（過誤納）`)
    return { installments: kept, overpaid: open < 0 ? -open : 0, steps }
  }
  if (remaining.length === 0) {
    const next = monthIndexOf(today) + 1
    const due = endOfMonthIndex(next)
    const seq = Math.max(0, ...schedule.map((s) => s.seq), ...previous.map((p) => p.seq)) + 1
    remaining = [{ seq, month: due.slice(0, 7), dueDate: due }]
    steps.push(`残りの納期がないため随時期（${due}）を設ける`)
  }
  const amounts = directPaymentInstallments(open, remaining.length, rule)
  steps.push(
    `残額 ${yen(open)} を残り${remaining.length}期に割付（${rule.unit}円単位、端数は${rule.remainderTo === 'first' ? '最初' : '最後'}の期）: ${amounts.map(yen).join('・')}`,
  )
  return {
    installments: [...kept, ...remaining.map((slot, i) => ({ ...slot, amount: amounts[i]! }))],
    overpaid: 0,
    steps,
  }
}

// ——— 賦課権の期間制限 ———

/**
 * The last day on which the year may still be assessed or corrected (介護保険法第200条の2; docs/sources/domain.md §3.4
 * [S32]): 2 years counted from the day after `startingPoint` — the year's first due date, or the acquisition date for
 * someone who became insured during the year (民法143条). First due 2024-07-31 → last day 2026-07-31.
 */
export function assessmentRightEndDate(startingPoint: IsoDate): IsoDate {
  assertIsoDate(startingPoint, 'startingPoint')
  return periodEndByMonths(addDays(startingPoint, 1), ASSESSMENT_RIGHT_MONTHS)
}

/** The starting point of {@link assessmentRightEndDate}: the acquisition date when it falls after 4/1 of the year. */
export function assessmentRightStartingPoint(
  fiscalYear: number,
  firstDueDate: IsoDate,
  acquiredOn: IsoDate | null,
): IsoDate {
  return acquiredOn !== null && acquiredOn > fiscalYearStart(fiscalYear) ? acquiredOn : firstDueDate
}
