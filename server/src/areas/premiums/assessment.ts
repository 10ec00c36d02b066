/**
 * 賦課 of one person's fiscal year: loads the facts (category-1 periods from the eligibility history, the household's
 * resident-tax records, 生活保護 / 老齢福祉年金, the ward parameters in force on 4/1), computes with shared/domain and
 * appends a new version of 賦課基本 with its 期割 when anything changed. Refuses, with the reason, a year whose 賦課権
 * has expired (介護保険法第200条の2, docs/sources/domain.md §3.4).
 */
import { and, asc, eq, getTableColumns, inArray } from 'drizzle-orm'
import {
  assessmentRightEndDate,
  assessmentRightStartingPoint,
  assessPremiumYear,
  fiscalYearStart,
  householdTaxStatus,
  liableMonthOffsets,
  PENSION_INCOME_BOUNDARY,
  planCollection,
  premiumIncomes,
  provisionalWithholding,
  statusHoldsInMonth,
  valueAt,
  type InsuredPeriod,
  type InstallmentSlot,
  type PlannedInstallment,
  type StatusPeriod,
  type WithholdingTarget,
} from '../../../../shared/domain'
import type { EligibilityEvent } from '../../../../shared/eligibility/contract'
import { historyAsKnownOn } from '../../../../shared/eligibility/history'
import {
  directPaymentDueDates,
  stageTableFromWard,
  WardParameterPayload$,
  withholdingSettingsOf,
  type WardParameterPayload,
} from '../../../../shared/masters/ward-parameters'
import type {
  AssessmentExplanation,
  AssessmentReason,
  AssessmentVersion,
  AssessResult,
  CollectionMethod,
} from '../../../../shared/api/premiums'
import type { Db, Tx } from '../../core/db/connect'
import { HttpProblem } from '../../core/http/problem'
import { loadEventsOf } from '../eligibility'
import { applyReliefs, type ApprovedRelief } from '../../../../shared/domain/premium-reduction'
import { loadApprovedReliefs } from './reductions/approved'
import { loadSnapshot } from '../masters'
import { persons } from '../persons/schema'
import { premiumExplanationParts, type StoredExplanation } from './batches/schema'
import { premiumAssessments, premiumInstallments, residentTaxRecords, welfareStatuses } from './schema'
import {
  anyId,
  loadAssessmentWithholdingTargets,
  loadPreviousYearWithholding,
  type PreviousYearWithholding,
  type WithholdingTargetLoader,
} from './withholding-assessment'

/** A refusal of the assessment rules, with the rule as the title staff see. */
const refusal = (message: string) => new HttpProblem(422, 'assessmentRefused', message)

/**
 * Category-1 periods from the effective eligibility rows: from an acquisition (or a change to category 1) to the next
 * loss (or change to category 2).
 */
export function category1Periods(events: readonly EligibilityEvent[]): InsuredPeriod[] {
  const sorted = [...events].sort(
    (a, b) =>
      a.effectiveOn.localeCompare(b.effectiveOn) || Date.parse(a.recordedAt) - Date.parse(b.recordedAt) || a.id - b.id,
  )
  const periods: InsuredPeriod[] = []
  let open: string | null = null
  for (const e of sorted) {
    if (e.kind === 'acquisition' || e.kind === 'categoryChange') {
      if (e.category === 1 && open === null) open = e.effectiveOn
      else if (e.category === 2 && open !== null) {
        periods.push({ from: open, lostOn: e.effectiveOn })
        open = null
      }
    } else if (e.kind === 'loss' && open !== null) {
      periods.push({ from: open, lostOn: e.effectiveOn })
      open = null
    }
  }
  if (open !== null) periods.push({ from: open, lostOn: null })
  return periods
}

/** The ward parameters in force on `on` (the approved `ward.parameters` master row), with a version label. */
async function wardParametersOn(db: Db | Tx, on: string): Promise<{ payload: WardParameterPayload; version: string }> {
  const rows = (await loadSnapshot(db, ['ward.parameters']))['ward.parameters'] ?? []
  const row = rows.find((r) => r.validFrom !== null && r.validFrom <= on && (r.validTo === null || on <= r.validTo))
  if (!row) throw refusal(`${on} に適用される区の保険料パラメータがありません（マスタ管理で承認してください）`)
  const payload = WardParameterPayload$.parse(JSON.parse(row.payload))
  const changeRequest = payload.changeRequestId === null ? '出荷時の既定値' : `変更申請 #${payload.changeRequestId}`
  return { payload, version: `ward.parameters ${row.key}（${row.validFrom}〜${row.validTo ?? ''}、${changeRequest}）` }
}

type AssessmentRow = typeof premiumAssessments.$inferSelect
type InstallmentRow = typeof premiumInstallments.$inferSelect
/** The current version as the assessment compares against it: every column but the explanation (not read). */
export type PreviousAssessment = Omit<AssessmentRow, 'explanation'>

const partsRef = (e: StoredExplanation): number | null => ('parts' in e && typeof e.parts === 'number' ? e.parts : null)

/**
 * The explanations of some versions read back whole (the shared parts they reference loaded in one query). The
 * column of premium_assessments is declared with the whole explanation; a version a batch wrote holds the reference.
 */
async function resolveExplanations<R extends { explanation: StoredExplanation }>(
  db: Db | Tx,
  rows: readonly R[],
): Promise<(R & { explanation: AssessmentExplanation })[]> {
  const ids = [...new Set(rows.map((r) => partsRef(r.explanation)).filter((id) => id !== null))]
  const parts = new Map<number, Pick<AssessmentExplanation, 'table' | 'unverified'>>()
  if (ids.length > 0)
    for (const p of await db
      .select({ id: premiumExplanationParts.id, content: premiumExplanationParts.content })
      .from(premiumExplanationParts)
      .where(anyId(premiumExplanationParts.id, ids)))
      parts.set(p.id, p.content)
  return rows.map((r) => {
    const ref = partsRef(r.explanation)
    if (ref === null) return r as R & { explanation: AssessmentExplanation }
    const { parts: _ref, ...own } = r.explanation as Extract<StoredExplanation, { parts: number }>
    const shared = parts.get(ref)
    if (!shared) throw new Error(`premium_explanation_parts ${ref} is missing`)
    return { ...r, explanation: { ...own, table: shared.table, unverified: shared.unverified } }
  })
}

/** The stage intervals of a stored version. */
function intervalsOf(row: PreviousAssessment): AssessmentVersion['intervals'] {
  return [
    row.stage1 === null
      ? null
      : {
          stage: row.stage1,
          fromMonth: row.stage1From!,
          toMonth: row.stage1To!,
          months: row.stage1Months!,
          amount: row.stage1Amount!,
        },
    row.stage2 === null
      ? null
      : {
          stage: row.stage2,
          fromMonth: row.stage2From!,
          toMonth: row.stage2To!,
          months: row.stage2Months!,
          amount: row.stage2Amount!,
        },
  ].filter((i) => i !== null)
}

function toVersion(
  row: Omit<AssessmentRow, 'explanation'> & { explanation: AssessmentExplanation },
  installments: readonly InstallmentRow[],
): AssessmentVersion {
  return {
    id: row.id,
    personId: row.personId,
    fiscalYear: row.fiscalYear,
    version: row.version,
    reason: row.reason,
    intervals: intervalsOf(row),
    liableMonths: row.liableMonths,
    annualAmount: row.annualAmount,
    overpaidAmount: row.overpaidAmount,
    tableVersion: row.tableVersion,
    assessedOn: row.assessedOn,
    installments: [...installments]
      .sort((a, b) => a.method.localeCompare(b.method) || a.seq - b.seq)
      .map((i) => ({ method: i.method, seq: i.seq, period: i.period, amount: i.amount, dueDate: i.dueDate })),
    explanation: row.explanation,
  }
}

/** Every version of every year of a person, oldest first, with their installments. */
export async function loadAssessments(db: Db | Tx, personId: number): Promise<AssessmentVersion[]> {
  const rows = await resolveExplanations(
    db,
    await db
      .select()
      .from(premiumAssessments)
      .where(eq(premiumAssessments.personId, personId))
      .orderBy(asc(premiumAssessments.fiscalYear), asc(premiumAssessments.version)),
  )
  if (rows.length === 0) return []
  const installments = await db
    .select()
    .from(premiumInstallments)
    .where(
      inArray(
        premiumInstallments.assessmentId,
        rows.map((r) => r.id),
      ),
    )
  return rows.map((r) =>
    toVersion(
      r,
      installments.filter((i) => i.assessmentId === r.id),
    ),
  )
}

type TaxRow = typeof residentTaxRecords.$inferSelect
type WelfareRow = typeof welfareStatuses.$inferSelect

/** 生活保護 / 老齢福祉年金 periods of a person: a later row with the same kind and start replaces the earlier one. */
function statusPeriodsOf(rows: readonly WelfareRow[]) {
  const byStart = new Map<string, WelfareRow>()
  for (const r of [...rows].sort((a, b) => a.id - b.id)) byStart.set(`${r.kind}:${r.fromDate}`, r)
  const of = (kind: string): StatusPeriod[] =>
    [...byStart.values()]
      .filter((r) => r.kind === kind)
      .map((r) => ({ from: r.fromDate, to: r.toDate }))
      .sort((a, b) => a.from.localeCompare(b.from))
  return { publicAssistance: of('publicAssistance'), oldAgeWelfarePension: of('oldAgeWelfarePension') }
}

const sameInstallments = (a: readonly { seq: number; amount: number; dueDate: string }[], b: typeof a) =>
  a.length === b.length &&
  a.every((x, i) => x.seq === b[i]!.seq && x.amount === b[i]!.amount && x.dueDate === b[i]!.dueDate)

/** Everything the assessment of one person's year reads, loaded by the caller (one person, or a whole batch). */
export interface AssessmentFacts {
  personId: number
  residentCode: string
  /** Effective eligibility rows as known today. */
  events: readonly EligibilityEvent[]
  /** The household's members (the person included) with their latest record of the year. */
  members: readonly { personId: number; record: TaxRow | null }[]
  welfare: readonly WelfareRow[]
  previous: PreviousAssessment | null
  previousInstallments: readonly PlannedInstallment[]
  /** The approved 減免・徴収猶予 of the year (reductions/approved.ts); none when absent. */
  reliefs?: readonly ApprovedRelief[]
  /** The current version's 特別徴収 期割 (`previousInstallments` are its 普通徴収 ones); none when absent. */
  previousWithholding?: readonly PlannedInstallment[]
  /** The person's 特別徴収対象者 record of the year (withholding-assessment.ts); none: 普通徴収. */
  target?: WithholdingTarget | null
  /** The previous fiscal year's February withholding and annual amount, for the 仮算定. */
  previousYear?: PreviousYearWithholding | null
}

/**
 * The kind of computation: 'provisional' (仮算定, April: the 仮徴収 of April, June and August only), 'final'
 * (本算定, July: the year's amount, the 本徴収 decided anew, 平準化) or 'change' (異動賦課 and a single reassessment:
 * the 本徴収 already decided continue on an increase and stop on a decrease).
 */
export type AssessmentKind = 'provisional' | 'final' | 'change'

/** An installment of a new version, with its collection method. */
export type OutcomeInstallment = PlannedInstallment & { method: CollectionMethod }

export interface WardForYear {
  payload: WardParameterPayload
  version: string
}

/** The outcome of computing one person's year: refused (with the reason), unchanged, or a new version to append. */
export type AssessmentOutcome =
  | { kind: 'notLiable'; reason: string }
  | { kind: 'refused'; reason: string }
  | { kind: 'unchanged'; previous: PreviousAssessment }
  | {
      kind: 'new'
      row: Omit<typeof premiumAssessments.$inferInsert, 'assessedAt' | 'assessedBy'>
      installments: readonly OutcomeInstallment[]
    }

/** The part of an explanation that is the same for every person of a year under one ward table. */
export type ExplanationTable = Pick<AssessmentExplanation, 'table' | 'unverified'>

/** The ward table of a year as an explanation shows it, with the ward parameters' ⚠️ unverified entries. */
export function explanationTableOf(
  ward: WardForYear,
  table: Pick<
    ReturnType<typeof stageTableFromWard>,
    'basePremium' | 'rounding' | 'prorationRounding' | 'pensionIncomeBoundary'
  >,
): ExplanationTable {
  return {
    table: {
      version: ward.version,
      basePremium: table.basePremium,
      rounding: table.rounding,
      prorationRounding: table.prorationRounding,
      pensionIncomeBoundary: table.pensionIncomeBoundary,
    },
    unverified: ward.payload.unverified.map((u) => `${u.path}: ${u.note}`),
  }
}

/** The explanation table of a fiscal year (the stage table in force on 4/1 with the year's pension income boundary). */
export function explanationTableOfYear(ward: WardForYear, fiscalYear: number): ExplanationTable {
  const boundary = valueAt(PENSION_INCOME_BOUNDARY, fiscalYearStart(fiscalYear), 'pension income boundary')
  return explanationTableOf(ward, stageTableFromWard(ward.payload.value, fiscalYear, boundary))
}

type DueDates = readonly ReturnType<typeof directPaymentDueDates>[number][]
/** The 納期限 of the ward's 普通徴収 of a year, computed once per ward parameters and year (a batch asks 68,000 times). */
const dueDatesByWard = new WeakMap<WardParameterPayload['value'], Map<number, DueDates>>()
function dueDatesOf(ward: WardForYear, fiscalYear: number): DueDates {
  let byYear = dueDatesByWard.get(ward.payload.value)
  if (!byYear) dueDatesByWard.set(ward.payload.value, (byYear = new Map()))
  let dates = byYear.get(fiscalYear)
  if (!dates) byYear.set(fiscalYear, (dates = Object.freeze(directPaymentDueDates(ward.payload.value, fiscalYear))))
  return dates
}

/** The month of the 資格喪失日 within (or at the end of) the fiscal year, null while insured: no withholding from it. */
function insuredUntilMonth(periods: readonly InsuredPeriod[], fiscalYear: number): string | null {
  const last = periods[periods.length - 1]
  if (!last || last.lostOn === null) return null
  return last.lostOn <= `${fiscalYear + 1}-04-01` ? last.lostOn.slice(0, 7) : null
}

const withMethod = (method: CollectionMethod, items: readonly PlannedInstallment[]): OutcomeInstallment[] =>
  items.map((i) => ({ seq: i.seq, month: i.month, dueDate: i.dueDate, amount: i.amount, method }))

/**
 * Computes a person's year from the facts (shared/domain does the arithmetic): liable months, the 賦課権 limit, the
 * household status on the 賦課期日, the stage intervals, the amount, the 減免, the 期割 in 特別徴収 and 普通徴収
 * (planCollection), and — against the current version — whether anything changed and why (資格取得/喪失 when the months
 * changed, 所得更正 when the tax record did, 減免, 徴収方法変更 when only the 期割 did, 段階変更 otherwise). With kind
 * 'provisional' only the 仮徴収 (computeProvisional). Writes nothing.
 */
export function computeAssessment(
  fiscalYear: number,
  facts: AssessmentFacts,
  ward: WardForYear,
  today: string,
  kind: AssessmentKind = 'change',
): AssessmentOutcome {
  if (kind === 'provisional') return computeProvisional(fiscalYear, facts, ward, today)
  const { previous } = facts
  const periods = category1Periods(facts.events)
  const liable = liableMonthOffsets(fiscalYear, periods)
  const yearStart = fiscalYearStart(fiscalYear)
  const firstPeriod = periods.find(
    (p) => (p.lostOn === null || p.lostOn > yearStart) && p.from <= `${fiscalYear + 1}-03-31`,
  )
  const acquiredInYear = firstPeriod && firstPeriod.from > yearStart ? firstPeriod.from : null
  if (liable.length === 0 && previous === null)
    return { kind: 'notLiable', reason: `${fiscalYear}年度に第1号被保険者であった月がないため、保険料を賦課できません` }

  // The 賦課権 limit from the year's first 納期 (or the acquisition during the year).
  const dueDates = dueDatesOf(ward, fiscalYear)
  const startingPoint = assessmentRightStartingPoint(fiscalYear, dueDates[0]!, acquiredInYear)
  const lastDay = assessmentRightEndDate(startingPoint)
  if (today > lastDay)
    return {
      kind: 'refused',
      reason:
        `${fiscalYear}年度の賦課権は ${lastDay} で期間が満了しているため、保険料を${previous ? '更正' : '賦課'}できません` +
        `（介護保険法第200条の2：${acquiredInYear ? `資格取得日 ${startingPoint}` : `最初の納期限 ${startingPoint}`} の翌日から2年）`,
    }

  // 賦課期日: 4/1, or the acquisition date for someone insured during the year.
  const assessmentDate = acquiredInYear ?? yearStart
  const welfare = statusPeriodsOf(facts.welfare)
  const own = facts.members.find((m) => m.personId === facts.personId)?.record ?? null
  const onAssistanceAllYear =
    liable.length > 0 && liable.every((offset) => statusHoldsInMonth(welfare.publicAssistance, fiscalYear, offset))
  if (own === null && !onAssistanceAllYear)
    return {
      kind: 'refused',
      reason: `${fiscalYear}年度の住民税課税情報（宛名番号 ${facts.residentCode}）がないため、保険料段階を決められません。課税情報を取り込んでください`,
    }
  const household = facts.members.map((m) => ({ personId: m.personId, taxable: m.record?.taxable ?? null }))
  const status = own
    ? householdTaxStatus(facts.personId, household)
    : { selfTaxable: false, householdTaxable: household.some((m) => m.taxable === true), membersWithoutRecord: [] }
  const incomes = premiumIncomes(fiscalYear, {
    totalIncome: own?.totalIncome ?? 0,
    publicPensionIncome: own?.publicPensionIncome ?? 0,
    pensionMiscIncome: own?.pensionMiscIncome ?? 0,
    salaryIncome: own?.salaryIncome ?? 0,
  })
  const boundary = valueAt(PENSION_INCOME_BOUNDARY, yearStart, 'pension income boundary')
  const table = stageTableFromWard(ward.payload.value, fiscalYear, boundary)
  const year = assessPremiumYear({
    fiscalYear,
    table,
    liableMonths: liable,
    selfTaxable: status.selfTaxable,
    householdTaxable: status.householdTaxable,
    incomes,
    publicAssistance: welfare.publicAssistance,
    oldAgeWelfarePension: welfare.oldAgeWelfarePension,
  })
  if (year.intervals.length > 2)
    return {
      kind: 'refused',
      reason: `${fiscalYear}年度の保険料段階が年度内に${year.intervals.length - 1}回変わるため自動では賦課できません（段階の期間は2つまで）`,
    }

  // 普通徴収: the ward's 納期; the previous version's installments already due stay.
  // The 期's month is the 納期's month even when its 納期限 moves to the next business day (e.g. 2026-10-31 → 11-02).
  const schedule: InstallmentSlot[] = ward.payload.value.directPayment.installments.map(({ month }, i) => ({
    seq: i + 1,
    month: `${month >= 4 ? fiscalYear : fiscalYear + 1}-${String(month).padStart(2, '0')}`,
    dueDate: dueDates[i]!,
  }))
  // 減免 lowers the annual amount, 徴収猶予 moves the 納期 it names (shared/domain/premium-reduction.ts).
  const relief = applyReliefs(year.amount, schedule, facts.reliefs ?? [])
  // 特別徴収 (pension ≥ 18万円, from the payment the exchange allows) and 普通徴収 for the rest (planCollection).
  const previousWithholding = facts.previousWithholding ?? []
  const plan = planCollection({
    fiscalYear,
    amount: relief.amount,
    target: facts.target ?? null,
    settings: withholdingSettingsOf(ward.payload.value),
    finalRule: ward.payload.value.finalWithholding,
    directRule: ward.payload.value.directPayment.rule,
    directSchedule: relief.schedule,
    previousDirect: facts.previousInstallments,
    previousWithholding,
    previousAmount: previous && previous.reason !== 'provisional' ? previous.annualAmount : null,
    insuredUntilMonth: insuredUntilMonth(periods, fiscalYear),
    today,
    kind,
  })
  const sameWithholding = sameInstallments(previousWithholding, plan.withholding)

  const before = previous && intervalsOf(previous)
  const sameStages =
    before !== null &&
    before.length === year.intervals.length &&
    before.every((b, i) => b.stage === year.intervals[i]!.stage && b.months === year.intervals[i]!.months)
  if (previous) {
    if (
      previous.annualAmount === relief.amount &&
      sameStages &&
      previous.taxRecordId === (own?.id ?? null) &&
      sameInstallments(facts.previousInstallments, plan.direct) &&
      sameWithholding
    )
      return { kind: 'unchanged', previous }
  }
  const reason: AssessmentReason =
    previous === null || previous.reason === 'provisional'
      ? 'initial'
      : year.liableMonths > previous.liableMonths
        ? 'acquisition'
        : year.liableMonths < previous.liableMonths
          ? 'loss'
          : previous.taxRecordId !== (own?.id ?? null)
            ? 'incomeCorrection'
            : sameStages &&
                relief.steps.length > 0 &&
                (previous.annualAmount !== relief.amount || !sameInstallments(facts.previousInstallments, plan.direct))
              ? 'reduction'
              : sameStages && previous.annualAmount === relief.amount && !sameWithholding
                ? 'withholdingChange'
                : 'stageChange'

  const explanation: AssessmentExplanation = {
    assessmentDate,
    household,
    taxRecord: own && {
      id: own.id,
      revision: own.revision,
      taxable: own.taxable,
      totalIncome: own.totalIncome,
      publicPensionIncome: own.publicPensionIncome,
      pensionMiscIncome: own.pensionMiscIncome,
      salaryIncome: own.salaryIncome,
      taxExemptPension: own.taxExemptPension,
    },
    incomesForPremium: { totalIncome: incomes.totalIncome, pensionAndOtherIncome: incomes.pensionAndOtherIncome },
    insuredPeriods: periods.map((p) => ({ from: p.from, lostOn: p.lostOn })),
    publicAssistance: welfare.publicAssistance.map((p) => ({ ...p })),
    oldAgeWelfarePension: welfare.oldAgeWelfarePension.map((p) => ({ ...p })),
    ...explanationTableOf(ward, table),
    steps: [
      `賦課期日: ${assessmentDate}`,
      ...(status.membersWithoutRecord.length > 0
        ? [`課税情報のない世帯員 ${status.membersWithoutRecord.length}人は非課税として扱う`]
        : []),
      ...year.steps,
      ...relief.steps,
      ...plan.steps,
      `賦課権の期間: ${lastDay} まで`,
    ],
  }
  const [i1, i2] = year.intervals
  return {
    kind: 'new',
    row: {
      personId: facts.personId,
      fiscalYear,
      version: (previous?.version ?? 0) + 1,
      reason,
      stage1: i1?.stage ?? null,
      stage1From: i1?.fromMonth ?? null,
      stage1To: i1?.toMonth ?? null,
      stage1Months: i1?.months ?? null,
      stage1Amount: i1?.amount ?? null,
      stage2: i2?.stage ?? null,
      stage2From: i2?.fromMonth ?? null,
      stage2To: i2?.toMonth ?? null,
      stage2Months: i2?.months ?? null,
      stage2Amount: i2?.amount ?? null,
      liableMonths: year.liableMonths,
      annualAmount: relief.amount,
      overpaidAmount: plan.overpaid,
      tableVersion: ward.version,
      taxRecordId: own?.id ?? null,
      explanation,
      assessedOn: today,
    },
    installments: [...withMethod('withholding', plan.withholding), ...withMethod('direct', plan.direct)],
  }
}

/**
 * 仮算定 (April): the 仮徴収 of April, June and August for a person on 特別徴収 (provisionalWithholding: the previous
 * February's amount, or the ward's rule), as a version of reason 仮算定 whose amount is the 仮徴収's sum and which has
 * no stage yet (the income of the year arrives in June; the 本算定 decides). A person without 仮徴収 is left to the
 * 本算定 (普通徴収 starts in July); a year already assessed beyond the 仮算定 is left as it is.
 */
function computeProvisional(
  fiscalYear: number,
  facts: AssessmentFacts,
  ward: WardForYear,
  today: string,
): AssessmentOutcome {
  const { previous } = facts
  if (previous !== null && previous.reason !== 'provisional') return { kind: 'unchanged', previous }
  const periods = category1Periods(facts.events)
  const liable = liableMonthOffsets(fiscalYear, periods)
  if (liable.length === 0)
    return { kind: 'notLiable', reason: `${fiscalYear}年度に第1号被保険者であった月がないため、仮算定しません` }
  const plan = provisionalWithholding({
    fiscalYear,
    target: facts.target ?? null,
    februaryAmount: facts.previousYear?.februaryAmount ?? null,
    previousAnnual: facts.previousYear?.annualAmount ?? null,
    settings: withholdingSettingsOf(ward.payload.value),
    finalRule: ward.payload.value.finalWithholding,
    insuredUntilMonth: insuredUntilMonth(periods, fiscalYear),
  })
  const { installments } = plan
  if (installments.length === 0)
    return { kind: 'notLiable', reason: `仮徴収の対象ではありません（${plan.steps[plan.steps.length - 1]}）` }
  if (previous !== null && sameInstallments(facts.previousWithholding ?? [], installments))
    return { kind: 'unchanged', previous }
  const amount = installments.reduce((s, i) => s + i.amount, 0)
  const yearStart = fiscalYearStart(fiscalYear)
  const table = stageTableFromWard(
    ward.payload.value,
    fiscalYear,
    valueAt(PENSION_INCOME_BOUNDARY, yearStart, 'pension income boundary'),
  )
  const explanation: AssessmentExplanation = {
    assessmentDate: yearStart,
    household: facts.members.map((m) => ({ personId: m.personId, taxable: null })),
    taxRecord: null,
    incomesForPremium: { totalIncome: 0, pensionAndOtherIncome: 0 },
    insuredPeriods: periods.map((p) => ({ from: p.from, lostOn: p.lostOn })),
    publicAssistance: [],
    oldAgeWelfarePension: [],
    ...explanationTableOf(ward, table),
    steps: [
      `仮算定（${today}）: 保険料段階と年額は本算定で決定`,
      ...plan.steps,
      `仮徴収額の合計: ${amount.toLocaleString('en-US')}円`,
    ],
  }
  return {
    kind: 'new',
    row: {
      personId: facts.personId,
      fiscalYear,
      version: (previous?.version ?? 0) + 1,
      reason: 'provisional',
      stage1: null,
      stage1From: null,
      stage1To: null,
      stage1Months: null,
      stage1Amount: null,
      stage2: null,
      stage2From: null,
      stage2To: null,
      stage2Months: null,
      stage2Amount: null,
      liableMonths: liable.length,
      annualAmount: amount,
      overpaidAmount: 0,
      tableVersion: ward.version,
      taxRecordId: null,
      explanation,
      assessedOn: today,
    },
    installments: withMethod('withholding', installments),
  }
}

const { explanation: _explanation, ...previousColumns } = getTableColumns(premiumAssessments)

/**
 * The facts of many persons' year in a few set-based reads (one query per table for the whole block of ids, the ids
 * as one array parameter), including the 特別徴収 targets (`options.loadTargets`, by default the pension exchange's
 * tables) and the previous year's February withholding.
 */
export async function loadAssessmentFacts(
  db: Db | Tx,
  personIds: readonly number[],
  fiscalYear: number,
  today: string,
  options: { loadTargets?: WithholdingTargetLoader } = {},
): Promise<Map<number, AssessmentFacts>> {
  const push = <K, V>(map: Map<K, V[]>, key: K, value: V) => {
    const list = map.get(key)
    if (list) list.push(value)
    else map.set(key, [value])
  }
  const people =
    personIds.length === 0
      ? []
      : await db
          .select({ id: persons.id, householdId: persons.householdId, residentCode: persons.residentCode })
          .from(persons)
          .where(anyId(persons.id, personIds))
  const householdIds = [...new Set(people.map((p) => p.householdId))]
  const membersByHousehold = new Map<number, number[]>()
  if (householdIds.length > 0)
    for (const m of await db
      .select({ id: persons.id, householdId: persons.householdId })
      .from(persons)
      .where(anyId(persons.householdId, householdIds))
      .orderBy(asc(persons.id)))
      push(membersByHousehold, m.householdId, m.id)
  const memberIds = [...new Set([...membersByHousehold.values()].flat())]
  const records = new Map<number, TaxRow>()
  if (memberIds.length > 0)
    for (const r of await db
      .select()
      .from(residentTaxRecords)
      .where(and(anyId(residentTaxRecords.personId, memberIds), eq(residentTaxRecords.fiscalYear, fiscalYear))))
      if ((records.get(r.personId)?.revision ?? 0) < r.revision) records.set(r.personId, r)
  const welfare = new Map<number, WelfareRow[]>()
  const previous = new Map<number, PreviousAssessment>()
  if (personIds.length > 0) {
    for (const w of await db.select().from(welfareStatuses).where(anyId(welfareStatuses.personId, personIds)))
      push(welfare, w.personId, w)
    // Every column but the explanation: only the figures are compared (a re-run does not read 1 KB a person back).
    for (const a of await db
      .select(previousColumns)
      .from(premiumAssessments)
      .where(and(anyId(premiumAssessments.personId, personIds), eq(premiumAssessments.fiscalYear, fiscalYear))))
      if ((previous.get(a.personId)?.version ?? 0) < a.version) previous.set(a.personId, a)
  }
  const installments = new Map<number, PlannedInstallment[]>()
  const withheld = new Map<number, PlannedInstallment[]>()
  const previousIds = [...previous.values()].map((a) => a.id)
  if (previousIds.length > 0)
    for (const i of await db
      .select({
        assessmentId: premiumInstallments.assessmentId,
        method: premiumInstallments.method,
        seq: premiumInstallments.seq,
        period: premiumInstallments.period,
        dueDate: premiumInstallments.dueDate,
        amount: premiumInstallments.amount,
      })
      .from(premiumInstallments)
      .where(anyId(premiumInstallments.assessmentId, previousIds))
      .orderBy(asc(premiumInstallments.seq)))
      push(i.method === 'withholding' ? withheld : installments, i.assessmentId, {
        seq: i.seq,
        month: i.period,
        dueDate: i.dueDate,
        amount: i.amount,
      })
  const events = await loadEventsOf(db, personIds)
  const reliefs = await loadApprovedReliefs(db, personIds, fiscalYear)
  const targets = await (options.loadTargets ?? loadAssessmentWithholdingTargets)(db, fiscalYear, personIds)
  const previousYear = await loadPreviousYearWithholding(db, fiscalYear, personIds)
  const facts = new Map<number, AssessmentFacts>()
  for (const p of people) {
    const prev = previous.get(p.id) ?? null
    facts.set(p.id, {
      personId: p.id,
      residentCode: p.residentCode,
      events: historyAsKnownOn(events.get(p.id) ?? [], today).events,
      members: (membersByHousehold.get(p.householdId) ?? [p.id]).map((id) => ({
        personId: id,
        record: records.get(id) ?? null,
      })),
      welfare: welfare.get(p.id) ?? [],
      previous: prev,
      previousInstallments: prev ? (installments.get(prev.id) ?? []) : [],
      reliefs: reliefs.get(p.id) ?? [],
      previousWithholding: prev ? (withheld.get(prev.id) ?? []) : [],
      target: targets.get(p.id) ?? null,
      previousYear: previousYear.get(p.id) ?? null,
    })
  }
  return facts
}

/** The same set-based load under the name the batches use. */
export const loadAssessmentFactsFor = (
  db: Db | Tx,
  personIds: readonly number[],
  fiscalYear: number,
  today: string,
  options: { loadTargets?: WithholdingTargetLoader } = {},
) => loadAssessmentFacts(db, personIds, fiscalYear, today, options)

/** The ward parameters in force on 4/1 of the year, or the refusal that says none is approved. */
export async function wardForYear(db: Db | Tx, fiscalYear: number): Promise<WardForYear> {
  return wardParametersOn(db, fiscalYearStart(fiscalYear))
}

/**
 * Assesses (or reassesses) a person's fiscal year as of `today` and appends the new version with its 期割 when
 * anything changed (computeAssessment, by default as an 異動賦課: kind 'change'); a refusal is answered with its
 * reason (422).
 */
export async function assessPersonYear(
  db: Db | Tx,
  personId: number,
  fiscalYear: number,
  options: { today: string; now: Date; userId: number | null; kind?: AssessmentKind },
): Promise<AssessResult> {
  const facts = (await loadAssessmentFacts(db, [personId], fiscalYear, options.today)).get(personId)
  if (!facts) throw new HttpProblem(404, 'notFound', '対象者が見つかりません')
  const outcome = computeAssessment(
    fiscalYear,
    facts,
    await wardForYear(db, fiscalYear),
    options.today,
    options.kind ?? 'change',
  )
  if (outcome.kind === 'refused' || outcome.kind === 'notLiable') throw refusal(outcome.reason)
  if (outcome.kind === 'unchanged') {
    const [current] = await resolveExplanations(
      db,
      await db.select().from(premiumAssessments).where(eq(premiumAssessments.id, outcome.previous.id)),
    )
    const installments = await db
      .select()
      .from(premiumInstallments)
      .where(eq(premiumInstallments.assessmentId, outcome.previous.id))
    return { changed: false, assessment: toVersion(current!, installments) }
  }
  const [row] = await db
    .insert(premiumAssessments)
    .values({ ...outcome.row, assessedAt: options.now, assessedBy: options.userId })
    .returning()
  const installments =
    outcome.installments.length === 0
      ? []
      : await db
          .insert(premiumInstallments)
          .values(
            outcome.installments.map((i) => ({
              assessmentId: row!.id,
              method: i.method,
              seq: i.seq,
              period: i.month,
              amount: i.amount,
              dueDate: i.dueDate,
            })),
          )
          .returning()
  return { changed: true, assessment: toVersion(row!, installments) }
}
