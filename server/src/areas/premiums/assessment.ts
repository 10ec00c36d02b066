/**
 * 賦課 of one person's fiscal year: loads the facts (category-1 periods from the eligibility history, the household's
 * resident-tax records, 生活保護 / 老齢福祉年金, the ward parameters in force on 4/1), computes with shared/domain and
 * appends a new version of 賦課基本 with its 期割 when anything changed. Refuses, with the reason, a year whose 賦課権
 * has expired (介護保険法第200条の2, docs/sources/domain.md §3.4).
 */
import { and, asc, eq, inArray } from 'drizzle-orm'
import {
  assessmentRightEndDate,
  assessmentRightStartingPoint,
  assessPremiumYear,
  fiscalYearStart,
  householdTaxStatus,
  liableMonthOffsets,
  PENSION_INCOME_BOUNDARY,
  planInstallments,
  premiumIncomes,
  statusHoldsInMonth,
  valueAt,
  type InsuredPeriod,
  type InstallmentSlot,
  type PlannedInstallment,
  type StatusPeriod,
} from '../../../../shared/domain'
import type { EligibilityEvent } from '../../../../shared/eligibility/contract'
import { historyAsKnownOn } from '../../../../shared/eligibility/history'
import {
  directPaymentDueDates,
  stageTableFromWard,
  WardParameterPayload$,
  type WardParameterPayload,
} from '../../../../shared/masters/ward-parameters'
import type {
  AssessmentExplanation,
  AssessmentReason,
  AssessmentVersion,
  AssessResult,
} from '../../../../shared/api/premiums'
import type { Db, Tx } from '../../core/db/connect'
import { HttpProblem } from '../../core/http/problem'
import { loadEventsOf } from '../eligibility'
import { loadSnapshot } from '../masters'
import { persons } from '../persons/schema'
import { premiumAssessments, premiumInstallments, residentTaxRecords, welfareStatuses } from './schema'

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

function toVersion(row: AssessmentRow, installments: readonly InstallmentRow[]): AssessmentVersion {
  const intervals = [
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
  return {
    id: row.id,
    personId: row.personId,
    fiscalYear: row.fiscalYear,
    version: row.version,
    reason: row.reason,
    intervals,
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
  const rows = await db
    .select()
    .from(premiumAssessments)
    .where(eq(premiumAssessments.personId, personId))
    .orderBy(asc(premiumAssessments.fiscalYear), asc(premiumAssessments.version))
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
  previous: AssessmentRow | null
  previousInstallments: readonly PlannedInstallment[]
}

export interface WardForYear {
  payload: WardParameterPayload
  version: string
}

/** The outcome of computing one person's year: refused (with the reason), unchanged, or a new version to append. */
export type AssessmentOutcome =
  | { kind: 'notLiable'; reason: string }
  | { kind: 'refused'; reason: string }
  | { kind: 'unchanged'; previous: AssessmentRow }
  | {
      kind: 'new'
      row: Omit<typeof premiumAssessments.$inferInsert, 'assessedAt' | 'assessedBy'>
      installments: readonly PlannedInstallment[]
    }

/**
 * Computes a person's year from the facts (shared/domain does the arithmetic): liable months, the 賦課権 limit, the
 * household status on the 賦課期日, the stage intervals, the amount and the installments, and — against the current
 * version — whether anything changed and why (資格取得/喪失 when the months changed, 所得更正 when the tax record did,
 * 段階変更 otherwise). Writes nothing.
 */
export function computeAssessment(
  fiscalYear: number,
  facts: AssessmentFacts,
  ward: WardForYear,
  today: string,
): AssessmentOutcome {
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
  const dueDates = directPaymentDueDates(ward.payload.value, fiscalYear)
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
  const schedule: InstallmentSlot[] = dueDates.map((due, i) => ({ seq: i + 1, month: due.slice(0, 7), dueDate: due }))
  const plan = planInstallments(
    year.amount,
    schedule,
    facts.previousInstallments,
    today,
    ward.payload.value.directPayment.rule,
  )

  if (previous) {
    const before = toVersion(previous, [])
    const sameStages =
      before.intervals.length === year.intervals.length &&
      before.intervals.every((b, i) => b.stage === year.intervals[i]!.stage && b.months === year.intervals[i]!.months)
    if (
      previous.annualAmount === year.amount &&
      sameStages &&
      previous.taxRecordId === (own?.id ?? null) &&
      sameInstallments(facts.previousInstallments, plan.installments)
    )
      return { kind: 'unchanged', previous }
  }
  const reason: AssessmentReason =
    previous === null
      ? 'initial'
      : year.liableMonths > previous.liableMonths
        ? 'acquisition'
        : year.liableMonths < previous.liableMonths
          ? 'loss'
          : previous.taxRecordId !== (own?.id ?? null)
            ? 'incomeCorrection'
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
    table: {
      version: ward.version,
      basePremium: table.basePremium,
      rounding: table.rounding,
      prorationRounding: table.prorationRounding,
      pensionIncomeBoundary: table.pensionIncomeBoundary,
    },
    unverified: ward.payload.unverified.map((u) => `${u.path}: ${u.note}`),
    steps: [
      `賦課期日: ${assessmentDate}`,
      ...(status.membersWithoutRecord.length > 0
        ? [`課税情報のない世帯員 ${status.membersWithoutRecord.length}人は非課税として扱う`]
        : []),
      ...year.steps,
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
      annualAmount: year.amount,
      overpaidAmount: plan.overpaid,
      tableVersion: ward.version,
      taxRecordId: own?.id ?? null,
      explanation,
      assessedOn: today,
    },
    installments: plan.installments,
  }
}

/** The facts of many persons' year in a few set-based reads (chunks of 1,000 ids). */
export async function loadAssessmentFacts(
  db: Db | Tx,
  personIds: readonly number[],
  fiscalYear: number,
  today: string,
): Promise<Map<number, AssessmentFacts>> {
  const chunks = <T>(ids: readonly T[]) =>
    Array.from({ length: Math.ceil(ids.length / 1_000) }, (_, i) => ids.slice(i * 1_000, i * 1_000 + 1_000))
  const people: { id: number; householdId: number; residentCode: string }[] = []
  for (const ids of chunks(personIds))
    people.push(
      ...(await db
        .select({ id: persons.id, householdId: persons.householdId, residentCode: persons.residentCode })
        .from(persons)
        .where(inArray(persons.id, ids))),
    )
  const householdIds = [...new Set(people.map((p) => p.householdId))]
  const membersByHousehold = new Map<number, number[]>()
  for (const ids of chunks(householdIds))
    for (const m of await db
      .select({ id: persons.id, householdId: persons.householdId })
      .from(persons)
      .where(inArray(persons.householdId, ids))
      .orderBy(asc(persons.id)))
      membersByHousehold.set(m.householdId, [...(membersByHousehold.get(m.householdId) ?? []), m.id])
  const memberIds = [...new Set([...membersByHousehold.values()].flat())]
  const records = new Map<number, TaxRow>()
  for (const ids of chunks(memberIds))
    for (const r of await db
      .select()
      .from(residentTaxRecords)
      .where(and(inArray(residentTaxRecords.personId, ids), eq(residentTaxRecords.fiscalYear, fiscalYear))))
      if ((records.get(r.personId)?.revision ?? 0) < r.revision) records.set(r.personId, r)
  const welfare = new Map<number, WelfareRow[]>()
  const previous = new Map<number, AssessmentRow>()
  for (const ids of chunks(personIds)) {
    for (const w of await db.select().from(welfareStatuses).where(inArray(welfareStatuses.personId, ids)))
      welfare.set(w.personId, [...(welfare.get(w.personId) ?? []), w])
    for (const a of await db
      .select()
      .from(premiumAssessments)
      .where(and(inArray(premiumAssessments.personId, ids), eq(premiumAssessments.fiscalYear, fiscalYear))))
      if ((previous.get(a.personId)?.version ?? 0) < a.version) previous.set(a.personId, a)
  }
  const installments = new Map<number, PlannedInstallment[]>()
  for (const ids of chunks([...previous.values()].map((a) => a.id)))
    for (const i of await db
      .select()
      .from(premiumInstallments)
      .where(and(inArray(premiumInstallments.assessmentId, ids), eq(premiumInstallments.method, 'direct')))
      .orderBy(asc(premiumInstallments.seq)))
      installments.set(i.assessmentId, [
        ...(installments.get(i.assessmentId) ?? []),
        { seq: i.seq, month: i.period, dueDate: i.dueDate, amount: i.amount },
      ])
  const events = await loadEventsOf(db, personIds)
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
    })
  }
  return facts
}

/** The ward parameters in force on 4/1 of the year, or the refusal that says none is approved. */
export async function wardForYear(db: Db | Tx, fiscalYear: number): Promise<WardForYear> {
  return wardParametersOn(db, fiscalYearStart(fiscalYear))
}

/**
 * Assesses (or reassesses) a person's fiscal year as of `today` and appends the new version with its 期割 when
 * anything changed (computeAssessment); a refusal is answered with its reason (422).
 */
export async function assessPersonYear(
  db: Db | Tx,
  personId: number,
  fiscalYear: number,
  options: { today: string; now: Date; userId: number | null },
): Promise<AssessResult> {
  const facts = (await loadAssessmentFacts(db, [personId], fiscalYear, options.today)).get(personId)
  if (!facts) throw new HttpProblem(404, 'notFound', '対象者が見つかりません')
  const outcome = computeAssessment(fiscalYear, facts, await wardForYear(db, fiscalYear), options.today)
  if (outcome.kind === 'refused' || outcome.kind === 'notLiable') throw refusal(outcome.reason)
  if (outcome.kind === 'unchanged') {
    const installments = await db
      .select()
      .from(premiumInstallments)
      .where(eq(premiumInstallments.assessmentId, outcome.previous.id))
    return { changed: false, assessment: toVersion(outcome.previous, installments) }
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
              method: 'direct' as const,
              seq: i.seq,
              period: i.month,
              amount: i.amount,
              dueDate: i.dueDate,
            })),
          )
          .returning()
  return { changed: true, assessment: toVersion(row!, installments) }
}
