/**
 * 特別徴収 and 普通徴収 of one person's fiscal year: who is withheld from the pension (年金額 18万円以上, reported by the
 * pension insurer), the 仮徴収 of April, June and August (= the previous February's amount), the 本徴収 of October,
 * December and February (= (年額 − 仮徴収) ÷ 3 with the ward's remainder rule), 平準化 of August, and the reassessment
 * during the year (異動賦課): what is already due stays, the rest is spread over what is not yet due, a decrease stops
 * the withholding and a decrease below what is already due is 過誤納. Pure; every step is returned as Japanese text.
 * docs/sources/domain.md §3.6; 介護保険法第131条〜第140条.
 */
import { assertInteger, floorDiv, floorTo } from './arith'
import type { IsoDate } from './dates'
import { assertIsoDate, fiscalYearStart } from './dates'
import { PROVISIONAL_WITHHOLDING_MONTHS } from './parameters/premium'
import type { InstallmentRule } from './parameters/shinjuku'
import type { WithholdingSettings } from './parameters/withholding'
import {
  PENSION_PAYMENT_DAY,
  PENSION_PAYMENT_MONTHS,
  PENSION_PAYMENTS_PER_YEAR,
  SPECIAL_WITHHOLDING_PENSION_THRESHOLD,
} from './parameters/withholding'
import { directPaymentInstallments } from './premium'
import type { InstallmentSlot, PlannedInstallment } from './premium-assessment'
import { planInstallments } from './premium-assessment'
import { valueAt } from './versioned'

const yen = (n: number) => `${n.toLocaleString('en-US')}円`
const total = (items: readonly { readonly amount: number }[]) => items.reduce((s, i) => s + i.amount, 0)

/**
 * One person in the 特別徴収対象者情報 of the pension insurer (docs/interfaces: the 500-byte exchange), as the
 * assessment needs it.
 */
export interface WithholdingTarget {
  readonly personId: number
  /** 年金額 (annual yen) of the pension withheld from. */
  readonly annualPension: number
  /** 年金保険者コード. */
  readonly insurerCode: string
  /** 年金コード. */
  readonly pensionCode: string
  /** 'YYYY-MM' of the first pension payment the exchange allows withholding from (new 65-year-olds, movers-in). */
  readonly firstPaymentMonth: string
  /** 'YYYY-MM' of the first payment no longer withheld (特別徴収中止 by the insurer or the ward), null while it runs. */
  readonly stoppedFrom: string | null
}

/** A pension payment of the fiscal year: 1 = April … 6 = February; April–August 仮徴収, October–February 本徴収. */
export interface PensionPaymentSlot extends InstallmentSlot {
  readonly phase: 'provisional' | 'final'
}

/** The six pension payments of a fiscal year (April … February of the next year, on the 15th ⚠️). */
export function pensionPaymentSchedule(fiscalYear: number): PensionPaymentSlot[] {
  assertInteger(fiscalYear, 'fiscalYear', 1)
  return PENSION_PAYMENT_MONTHS.map((m, i) => {
    const month = `${m >= 4 ? fiscalYear : fiscalYear + 1}-${String(m).padStart(2, '0')}`
    return {
      seq: i + 1,
      month,
      dueDate: `${month}-${String(PENSION_PAYMENT_DAY).padStart(2, '0')}`,
      phase: PROVISIONAL_WITHHOLDING_MONTHS.includes(m) ? 'provisional' : 'final',
    }
  })
}

/** The 年金額 from which a person is withheld in a fiscal year (180,000円; 介護保険法施行令第41条). */
export function withholdingPensionThreshold(fiscalYear: number): number {
  return valueAt(SPECIAL_WITHHOLDING_PENSION_THRESHOLD, fiscalYearStart(fiscalYear), 'withholding pension threshold')
}

export interface WithholdingStatus {
  readonly withheld: boolean
  readonly reason: string
}

/**
 * Whether a person is 特別徴収 in a fiscal year: reported by a pension insurer with an annual pension of at least the
 * threshold (以上; docs/sources/domain.md §3.6). Otherwise 普通徴収.
 */
export function specialWithholdingStatus(target: WithholdingTarget | null, fiscalYear: number): WithholdingStatus {
  if (target === null) return { withheld: false, reason: '特別徴収対象者情報に記載がないため普通徴収' }
  assertInteger(target.annualPension, 'annualPension', 0)
  const threshold = withholdingPensionThreshold(fiscalYear)
  if (target.annualPension < threshold)
    return {
      withheld: false,
      reason: `年金額 ${yen(target.annualPension)} が ${yen(threshold)} 未満のため普通徴収（介護保険法施行令第41条）`,
    }
  return {
    withheld: true,
    reason: `年金額 ${yen(target.annualPension)} が ${yen(threshold)} 以上のため特別徴収（${target.firstPaymentMonth}支払分から、年金保険者 ${target.insurerCode}）`,
  }
}

/**
 * Whether the pension payment of `month` ('YYYY-MM') can be withheld: not before the first payment the exchange allows,
 * not from the month the withholding stopped, and not from the month of the loss of eligibility (`insuredUntilMonth`,
 * the month of 資格喪失日, exclusive) — the rest of the year goes to 普通徴収.
 */
export function canWithholdIn(target: WithholdingTarget, month: string, insuredUntilMonth: string | null): boolean {
  return (
    month >= target.firstPaymentMonth &&
    (target.stoppedFrom === null || month < target.stoppedFrom) &&
    (insuredUntilMonth === null || month < insuredUntilMonth)
  )
}

/** The pension of one payment (年金額 ÷ 6, truncated): a withholding above it cannot be made. */
export function pensionPerPayment(target: WithholdingTarget): number {
  return floorDiv(target.annualPension, PENSION_PAYMENTS_PER_YEAR)
}

// ——— 仮算定 ———

export interface ProvisionalInput {
  readonly fiscalYear: number
  readonly target: WithholdingTarget | null
  /** The 特別徴収 of the previous fiscal year's February payment, null when there was none. */
  readonly februaryAmount: number | null
  /** The previous fiscal year's annual amount (current version), null when there is none. */
  readonly previousAnnual: number | null
  readonly settings: WithholdingSettings
  /** The 本徴収 rule: its unit truncates the 1/6 of 'previousAnnualSixth'. */
  readonly finalRule: InstallmentRule
  readonly insuredUntilMonth: string | null
}

export interface ProvisionalPlan {
  readonly installments: readonly PlannedInstallment[]
  readonly steps: readonly string[]
}

/**
 * 仮徴収 (April, June, August; 介護保険法第140条第1項): each payment = the previous February's 特別徴収額. Without a
 * February amount the ward's rule applies ('previousAnnualSixth': 1/6 of last year's annual amount truncated to the
 * unit; 'direct': nothing, the 本算定 decides). Only the payments the person can be withheld from (canWithholdIn),
 * and none when one payment would exceed the pension of a payment.
 */
export function provisionalWithholding(input: ProvisionalInput): ProvisionalPlan {
  const status = specialWithholdingStatus(input.target, input.fiscalYear)
  const steps = [status.reason]
  if (!status.withheld || input.target === null) return { installments: [], steps }
  let per: number | null = null
  if (input.februaryAmount !== null && input.februaryAmount > 0) {
    assertInteger(input.februaryAmount, 'februaryAmount', 0)
    per = input.februaryAmount
    steps.push(`仮徴収額 = 前年度2月の特別徴収額 ${yen(per)}（介護保険法第140条第1項）`)
  } else if (input.settings.provisionalWithoutFebruary === 'previousAnnualSixth' && input.previousAnnual !== null) {
    assertInteger(input.previousAnnual, 'previousAnnual', 0)
    per = floorTo(floorDiv(input.previousAnnual, PENSION_PAYMENTS_PER_YEAR), input.finalRule.unit)
    steps.push(
      `前年度2月の特別徴収がないため、仮徴収額 = 前年度の年額 ${yen(input.previousAnnual)} ÷ 6（${input.finalRule.unit}円未満切捨て）= ${yen(per)}（区の規則）`,
    )
  }
  if (per === null || per === 0) {
    steps.push('仮徴収額を決められないため、本算定まで普通徴収')
    return { installments: [], steps }
  }
  if (per > pensionPerPayment(input.target)) {
    steps.push(`仮徴収額 ${yen(per)} が年金の1回の支払額 ${yen(pensionPerPayment(input.target))} を超えるため普通徴収`)
    return { installments: [], steps }
  }
  const target = input.target
  const installments = pensionPaymentSchedule(input.fiscalYear)
    .filter((s) => s.phase === 'provisional' && canWithholdIn(target, s.month, input.insuredUntilMonth))
    .map((s) => ({ seq: s.seq, month: s.month, dueDate: s.dueDate, amount: per }))
  steps.push(`仮徴収: ${installments.map((i) => `${i.month} ${yen(i.amount)}`).join('・') || 'なし'}`)
  return { installments, steps }
}

// ——— 本算定 and 異動賦課 ———

export type CollectionKind = 'final' | 'change'

export interface CollectionInput {
  readonly fiscalYear: number
  /** The year's amount to collect (確定年額, after 減免). */
  readonly amount: number
  readonly target: WithholdingTarget | null
  readonly settings: WithholdingSettings
  /** The 本徴収 split: unit and which payment takes the remainder ('first' = October, 'last' = February). */
  readonly finalRule: InstallmentRule
  /** The 普通徴収 split (unit, remainder). */
  readonly directRule: InstallmentRule
  /** The ward's 普通徴収 納期 of the year. */
  readonly directSchedule: readonly InstallmentSlot[]
  /** The current version's installments (none for a first assessment). */
  readonly previousDirect: readonly PlannedInstallment[]
  readonly previousWithholding: readonly PlannedInstallment[]
  /** The current version's amount, null for a first assessment. */
  readonly previousAmount: number | null
  /** The month of the 資格喪失日 ('YYYY-MM'), null while insured. */
  readonly insuredUntilMonth: string | null
  readonly today: IsoDate
  /**
   * 'final' (本算定): the 本徴収 are decided anew. 'change' (異動賦課) of a year already assessed (previousAmount not
   * null): the withholding already decided continues unchanged on an increase (the increase goes to 普通徴収) and
   * stops on a decrease (the rest goes to 普通徴収); none is started. Without an assessed version 'change' decides
   * like 'final'.
   */
  readonly kind: CollectionKind
}

export interface CollectionPlan {
  readonly withholding: readonly PlannedInstallment[]
  readonly direct: readonly PlannedInstallment[]
  /** What is already due above the amount (過誤納, refunded by the collection area). */
  readonly overpaid: number
  readonly steps: readonly string[]
}

/**
 * The year's 期割 in both methods. Installments already due (due date before `today`) stay as they are. Then:
 * - 異動賦課 of an assessed year (kind 'change'): the withholding already decided continues on an increase and stops
 *   on a decrease or when it is no longer possible; none is started during the year;
 * - a person withheld since the 仮徴収: the 本徴収 = (年額 − 仮徴収 − what is already due) ÷ the remaining payments,
 *   split by `finalRule`; with 平準化 the August 仮徴収 becomes (年額 − April − June) ÷ 4 when the 本徴収 would differ
 *   from it by the threshold or more (介護保険法第140条第2項; docs/sources/domain.md §3.6 [S33]);
 * - a person whose withholding starts during the year: the 普通徴収 納期 before the first payment and the payments
 *   from it share the rest equally (`finalRule`);
 * - an amount that cannot be withheld (nothing remains, or a payment would exceed the pension) goes to 普通徴収.
 * The 普通徴収 part is spread over the 納期 not yet due (planInstallments). Σ withholding + Σ direct − overpaid = amount.
 */
export function planCollection(input: CollectionInput): CollectionPlan {
  assertInteger(input.amount, 'amount', 0)
  assertIsoDate(input.today, 'today')
  const { today, amount } = input
  const slots = pensionPaymentSchedule(input.fiscalYear)
  const keptW = input.previousWithholding.filter((i) => i.dueDate < today)
  const keptD = input.previousDirect.filter((i) => i.dueDate < today)
  const keptWTotal = total(keptW)
  const keptDTotal = total(keptD)
  const status = specialWithholdingStatus(input.target, input.fiscalYear)
  const steps: string[] = [status.reason]
  if (keptW.length > 0) steps.push(`支払済みの特別徴収 ${keptW.length}回（計 ${yen(keptWTotal)}）はそのまま`)
  const open = slots.filter((s) => s.dueDate >= today && !keptW.some((k) => k.seq === s.seq))
  const target = status.withheld ? input.target : null
  const eligible = target ? open.filter((s) => canWithholdIn(target, s.month, input.insuredUntilMonth)) : []

  const withDirect = (kept: PlannedInstallment[], why?: string): CollectionPlan => {
    if (why) steps.push(why)
    const directAmount = amount - total(kept)
    if (directAmount < 0) {
      steps.push(`既に納期を過ぎた額が年間保険料を ${yen(total(kept) + keptDTotal - amount)} 上回る（過誤納）`)
      return { withholding: kept, direct: keptD, overpaid: total(kept) + keptDTotal - amount, steps }
    }
    const plan = planInstallments(directAmount, input.directSchedule, input.previousDirect, today, input.directRule)
    if (directAmount > 0 || plan.overpaid > 0 || keptD.length > 0)
      steps.push(`普通徴収 ${yen(directAmount)}`, ...plan.steps)
    return { withholding: kept, direct: plan.installments, overpaid: plan.overpaid, steps }
  }

  // 異動賦課 of an assessed year: what was decided continues on an increase and stops on a decrease; a withholding
  // stopped (or never decided) is not started again during the year (再開 from a later 10月, docs/sources/interfaces.md §2.5).
  const decidedOpen = input.previousWithholding.filter((i) => i.dueDate >= today)
  if (input.kind === 'change' && input.previousAmount !== null) {
    if (decidedOpen.length === 0) return withDirect(keptW)
    const stillPossible = decidedOpen.every((i) => eligible.some((s) => s.seq === i.seq))
    if (amount >= input.previousAmount && stillPossible)
      return withDirect(
        [...keptW, ...decidedOpen],
        amount > input.previousAmount
          ? `特別徴収額は変えず、増額分 ${yen(amount - input.previousAmount)} を普通徴収とする`
          : '特別徴収を継続',
      )
    return withDirect(
      keptW,
      stillPossible
        ? '減額のため残りの特別徴収を中止し、普通徴収とする'
        : '資格喪失・特別徴収の中止のため、残りの特別徴収を中止し普通徴収とする',
    )
  }

  if (target === null || eligible.length === 0)
    return withDirect(keptW, target ? '残りの年金支払月に特別徴収できないため普通徴収' : undefined)
  const perPayment = pensionPerPayment(target)
  const finals = eligible.filter((s) => s.phase === 'final')
  const previousBySeq = new Map(input.previousWithholding.map((i) => [i.seq, i]))
  // The 仮徴収 still to come keep the amount the 仮算定 (or an earlier 平準化) gave them.
  const provisional: PlannedInstallment[] = eligible
    .filter((s) => s.phase === 'provisional' && previousBySeq.has(s.seq))
    .map((s) => ({ seq: s.seq, month: s.month, dueDate: s.dueDate, amount: previousBySeq.get(s.seq)!.amount }))
  if (keptW.length > 0 || provisional.length > 0) return continueWithholding(provisional)
  return startWithholding()

  /** A person withheld since the 仮徴収: the 本徴収 take the rest (with 平準化 of August). */
  function continueWithholding(planned: PlannedInstallment[]): CollectionPlan {
    let rest = amount - keptDTotal - keptWTotal - total(planned)
    const august = planned.find((p) => p.seq === 3)
    if (input.settings.leveling.enabled && august && finals.length > 0) {
      const unleveled = floorDiv(rest, finals.length)
      if (Math.abs(unleveled - august.amount) >= input.settings.leveling.threshold) {
        const base = rest + august.amount
        const leveled = floorTo(floorDiv(Math.max(0, base), finals.length + 1), input.finalRule.unit)
        steps.push(
          `平準化: 本徴収 1回 ${yen(unleveled)} と8月の仮徴収 ${yen(august.amount)} の差が ${yen(input.settings.leveling.threshold)} 以上のため、` +
            `8月分 = ${yen(base)} ÷ ${finals.length + 1}（${input.finalRule.unit}円未満切捨て）= ${yen(leveled)}（介護保険法第140条第2項）`,
        )
        planned = planned.map((p) => (p.seq === 3 ? { ...p, amount: leveled } : p))
        rest = base - leveled
      }
    }
    if (rest < 0 && planned.length > 0) {
      // The 仮徴収 to come would exceed the year: they stop (仮徴収額変更 to 0) and the 本徴収 take what remains.
      steps.push(`仮徴収の額が年額を ${yen(-rest)} 上回るため、残りの仮徴収を中止する`)
      return keptW.length > 0 ? continueWithholding([]) : startWithholding()
    }
    if (rest <= 0 || finals.length === 0)
      return withDirect(
        [...keptW, ...planned],
        rest <= 0 ? '本徴収額は0円（仮徴収等で年額に達する）' : '本徴収できる年金支払月がないため、残りは普通徴収',
      )
    const amounts = directPaymentInstallments(rest, finals.length, input.finalRule)
    if (amounts.some((a) => a > perPayment))
      return withDirect(
        [...keptW, ...planned],
        `本徴収額 ${yen(Math.max(...amounts))} が年金の1回の支払額 ${yen(perPayment)} を超えるため、残りは普通徴収`,
      )
    steps.push(
      `本徴収 = (年額 ${yen(amount)} − 仮徴収等 ${yen(amount - rest)}) ÷ ${finals.length}（${input.finalRule.unit}円単位、端数は${input.finalRule.remainderTo === 'first' ? '最初' : '最後'}の支払月）: ` +
        finals.map((s, i) => `${s.month} ${yen(amounts[i]!)}`).join('・'),
    )
    // A 仮徴収 changed to 0 stays (it is what the insurer is told); a 本徴収 of 0 is not made.
    return withDirect([
      ...keptW,
      ...planned,
      ...finals
        .map((s, i) => ({ seq: s.seq, month: s.month, dueDate: s.dueDate, amount: amounts[i]! }))
        .filter((f) => f.amount > 0),
    ])
  }

  /**
   * Withholding starts during the year, at a 本徴収 payment (a start at a 仮徴収 payment comes from the 仮算定): the
   * 普通徴収 納期 before the first payment and the payments share the rest equally.
   */
  function startWithholding(): CollectionPlan {
    const first = finals[0]
    const rest = amount - keptWTotal - keptDTotal
    if (first === undefined || rest <= 0) return withDirect(keptW)
    const directBefore = input.directSchedule.filter(
      (s) => s.dueDate >= today && s.dueDate < first.dueDate && !keptD.some((k) => k.seq === s.seq),
    )
    const shares = [
      ...directBefore.map((s) => ({ slot: s, method: 'direct' as const })),
      ...finals.map((s) => ({ slot: s as InstallmentSlot, method: 'withholding' as const })),
    ].sort((a, b) => (a.slot.dueDate < b.slot.dueDate ? -1 : a.slot.dueDate > b.slot.dueDate ? 1 : 0))
    const amounts = directPaymentInstallments(rest, shares.length, input.finalRule)
    const planned = shares.map((s, i) => ({
      method: s.method,
      installment: { seq: s.slot.seq, month: s.slot.month, dueDate: s.slot.dueDate, amount: amounts[i]! },
    }))
    const withheld = planned.filter((p) => p.method === 'withholding').map((p) => p.installment)
    if (withheld.some((w) => w.amount > perPayment))
      return withDirect(keptW, `特別徴収額が年金の1回の支払額 ${yen(perPayment)} を超えるため普通徴収`)
    steps.push(
      `特別徴収は ${first.month} 支払分から。それまでの普通徴収${directBefore.length}期と特別徴収${withheld.length}回で ${yen(rest)} を割付` +
        `（${input.finalRule.unit}円単位、端数は${input.finalRule.remainderTo === 'first' ? '最初' : '最後'}）: ` +
        planned
          .map(
            (p) =>
              `${p.installment.month}${p.method === 'direct' ? '（普徴）' : '（特徴）'} ${yen(p.installment.amount)}`,
          )
          .join('・'),
    )
    return {
      withholding: [...keptW, ...withheld.filter((w) => w.amount > 0)],
      direct: [
        ...keptD,
        ...planned.filter((p) => p.method === 'direct' && p.installment.amount > 0).map((p) => p.installment),
      ],
      overpaid: 0,
      steps,
    }
  }
}
