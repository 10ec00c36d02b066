/**
 * The 月報 of the 介護保険事業状況報告 computed from the ledgers as known at its cut-off (docs/statistics.md §2,
 * docs/sources/migration.md §3.3): the eligibility history rows recorded by the end of the cut-off day (bitemporal,
 * shared/eligibility/history.ts), the 受給者台帳 rows recorded by then, and the 給付実績 in force for the service month
 * the dated placement rule names. Every cell keeps the persons behind it, for the drill-down.
 */
import { sql } from 'drizzle-orm'
import type { MonthlyReport } from '../../../../shared/api/statistics'
import { ageOn, type IsoDate } from '../../../../shared/domain/dates'
import {
  BENEFIT_SERVICE_TYPES,
  DECREASE_REASONS,
  INCREASE_REASONS,
  MONTHLY_REPORT_RULES,
  REPORT_CARE_LEVELS,
} from '../../../../shared/domain/parameters/statistics'
import {
  benefitPlacement,
  cellDifferences,
  monthBaseDate,
  monthlyChecks,
  monthlyRulesFor,
  movementOf,
  previousBaseDate,
  recipientKindOf,
  shiftMonth,
  type CellValue,
} from '../../../../shared/domain/statistics'
import type { EligibilityEvent } from '../../../../shared/eligibility/contract'
import { endOfDayJst, historyAsKnownOn, openPeriodOn, statusOn } from '../../../../shared/eligibility/history'
import { versionAt } from '../../../../shared/domain/versioned'
import type { Db, Tx } from '../../core/db/connect'
import { benefitClaimsOf } from '../benefits'
import { latestSubmitted, versionSummaries } from './versions'

type Members = Map<string, { personId: number; detail: string }[]>

export interface ComputedMonthly {
  report: Omit<MonthlyReport, 'versions' | 'checks' | 'previousDifferences'>
  cells: Record<string, CellValue>
  members: Members
}

const rowsOf = <T>(r: unknown) => (r as { rows: T[] }).rows

/** Eligibility rows recorded before the cut-off instant, by person (the history as known then). */
export async function historyAsKnown(db: Db | Tx, cutoffOn: IsoDate): Promise<Map<number, EligibilityEvent[]>> {
  const cutoff = new Date(endOfDayJst(cutoffOn)).toISOString()
  const rows = rowsOf<{
    id: number
    person_id: number
    kind: EligibilityEvent['kind']
    category: number | null
    reason: EligibilityEvent['reason']
    effective_on: string
    recorded_at: string
    source: string
    detail: EligibilityEvent['detail']
    supersedes_id: number | null
  }>(
    await db.execute(sql`
      select id, person_id, kind, category, reason, effective_on::text as effective_on,
        to_char(recorded_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as recorded_at, source, detail,
        supersedes_id
      from eligibility_events where recorded_at < ${cutoff}::timestamptz order by person_id, id`),
  )
  const byPerson = new Map<number, EligibilityEvent[]>()
  for (const r of rows) {
    const list = byPerson.get(r.person_id) ?? []
    list.push({
      id: r.id,
      kind: r.kind,
      category: r.category === 1 || r.category === 2 ? r.category : null,
      reason: r.reason,
      effectiveOn: r.effective_on,
      recordedAt: r.recorded_at,
      source: r.source,
      detail: r.detail,
      supersedesId: r.supersedes_id,
    })
    byPerson.set(r.person_id, list)
  }
  for (const [id, list] of byPerson) byPerson.set(id, historyAsKnownOn(list, cutoffOn).events)
  return byPerson
}

export async function computeMonthly(db: Db | Tx, reportMonth: string, cutoffOn: IsoDate): Promise<ComputedMonthly> {
  const rules = monthlyRulesFor(reportMonth)
  const end = monthBaseDate(reportMonth)
  const prevEnd = previousBaseDate(reportMonth)
  const placement = benefitPlacement(reportMonth, rules)
  const cells: Record<string, CellValue> = {}
  const members: Members = new Map()
  const add = (cell: string, personId: number, detail: string) => {
    const list = members.get(cell) ?? []
    list.push({ personId, detail })
    members.set(cell, list)
  }
  for (const t of rules.tables) for (const c of t.cells) cells[c.id] = 0

  // 様式1 第1号被保険者数: status on 前月末 and 当月末, as known at the cut-off (category on the 基準日).
  const history = await historyAsKnown(db, cutoffOn)
  const births = new Map(
    rowsOf<{ id: number; birth_date: string }>(
      await db.execute(sql`select id, birth_date::text as birth_date from persons`),
    ).map((r) => [r.id, r.birth_date]),
  )
  const categoryOnEnd = new Map<number, 1 | 2>()
  const serviceMonthEnd = monthBaseDate(placement.inKindServiceMonth)
  const categoryOnServiceEnd = new Map<number, 1 | 2>()
  for (const [personId, events] of history) {
    const was = statusOn(events, prevEnd)
    const is = statusOn(events, end)
    const s = statusOn(events, serviceMonthEnd)
    if (s.insured && (s.category === 1 || s.category === 2)) categoryOnServiceEnd.set(personId, s.category)
    if (is.insured && (is.category === 1 || is.category === 2)) categoryOnEnd.set(personId, is.category)
    const wasC1 = was.insured && was.category === 1
    const isC1 = is.insured && is.category === 1
    if (wasC1) add('insured.previousEnd', personId, `前月末 第1号（${was.since ?? ''}〜）`)
    if (isC1) {
      add('insured.currentEnd', personId, `当月末 第1号（${is.since ?? ''}〜）`)
      const age = ageOn(births.get(personId)!, end)
      add(age >= 75 ? 'insured.currentEnd.age75plus' : 'insured.currentEnd.age65to74', personId, `${age}歳`)
      const period = openPeriodOn(events, 'residenceException', end)
      if (period) add('insured.currentEnd.residenceException', personId, `住所地特例 ${period.facilityName ?? ''}`)
    }
    const inMonth = events.filter((e) => e.effectiveOn > prevEnd && e.effectiveOn <= end)
    const movement = movementOf(wasC1, isC1, inMonth)
    if (movement?.kind === 'increase') {
      const label = INCREASE_REASONS.find((r) => r.id === movement.reason)!.label
      add(`insured.increase.${movement.reason}`, personId, label)
      add('insured.increase.total', personId, label)
    } else if (movement?.kind === 'decrease') {
      const label = DECREASE_REASONS.find((r) => r.id === movement.reason)!.label
      add(`insured.decrease.${movement.reason}`, personId, label)
      add('insured.decrease.total', personId, label)
    }
  }

  // 様式1-2 認定者数: the certification in force on the 基準日 as recorded by the cut-off (the latest decided when two
  // overlap), by level × the category on the 基準日; a certified person not insured then is not counted.
  const cutoffIso = new Date(endOfDayJst(cutoffOn)).toISOString()
  const certified = rowsOf<{ person_id: number; level: string; valid_to: string }>(
    await db.execute(sql`
      select distinct on (person_id) person_id, level, valid_to::text as valid_to from certified_persons
      where recorded_at < ${cutoffIso}::timestamptz and valid_from <= ${end}::date and valid_to >= ${end}::date
      order by person_id, decided_on desc, id desc`),
  )
  const levels = new Set<string>(REPORT_CARE_LEVELS.map((l) => l.code))
  for (const c of certified) {
    const category = categoryOnEnd.get(c.person_id)
    if (!category || !levels.has(c.level)) continue
    const label = REPORT_CARE_LEVELS.find((l) => l.code === c.level)!.label
    add(`certified.${c.level}.c${category}`, c.person_id, `${label}（〜${c.valid_to}）`)
    add(`certified.total.c${category}`, c.person_id, label)
  }

  // 様式1-3 受給者数 and 様式2 保険給付決定状況: the 給付実績 in force of the placed service month.
  const claims = (await benefitClaimsOf(db, 'all', placement.inKindServiceMonth, placement.inKindServiceMonth)).filter(
    (c) => c.benefitKind === '1',
  )
  const benefitsKnown = claims.length > 0
  const known = new Set(BENEFIT_SERVICE_TYPES.map((s) => s.code))
  const seen = new Set<string>()
  for (const c of claims) {
    const category = categoryOnServiceEnd.get(c.personId)
    const kind = recipientKindOf(c.serviceType, rules.recipientKinds)
    if (category && !seen.has(`${kind}:${c.personId}`)) {
      seen.add(`${kind}:${c.personId}`)
      add(`recipients.${kind}.c${category}`, c.personId, `サービス種類 ${c.serviceType ?? '—'}`)
    }
    const row = c.serviceType !== null && known.has(c.serviceType) ? c.serviceType : 'other'
    for (const r of [row, 'total']) {
      add(`benefits.${r}.claims`, c.personId, `${c.serviceMonth} ${c.providerNumber} 費用額 ${c.cost}円`)
      cells[`benefits.${r}.units`]! += c.units
      cells[`benefits.${r}.cost`]! += c.cost
      cells[`benefits.${r}.insurerShare`]! += c.insurerShare
    }
    cells['benefits.facilityRelief']! += c.facilityRelief
    if (c.facilityRelief > 0) add('benefits.facilityRelief.persons', c.personId, `特定入所者 ${c.facilityRelief}円`)
  }
  for (const [id, list] of members)
    if (id in cells && !id.endsWith('.units') && !id.endsWith('.cost')) cells[id] = list.length
  // Drill-down of the money cells of a row: the claims of its 件数.
  for (const id of Object.keys(cells))
    for (const m of ['units', 'cost', 'insurerShare'])
      if (id.endsWith(`.${m}`)) members.set(id, members.get(id.replace(new RegExp(`${m}$`), 'claims')) ?? [])

  const benefitNote = benefitsKnown
    ? `サービス提供月 ${placement.inKindServiceMonth} の給付実績（現物給付）。取込日時による締めは未対応（記録はすべて集計時点のもの）`
    : `データ未取込: サービス提供月 ${placement.inKindServiceMonth} の給付実績が取り込まれていません`
  const tables = rules.tables.map((t) => {
    const notImported = (t.basis === 'benefits' && !benefitsKnown) || t.basis === 'premiums' || t.basis === 'collection'
    return {
      id: t.id,
      title: t.title,
      status: notImported ? ('notImported' as const) : ('computed' as const),
      note: t.basis === 'benefits' ? benefitNote : null,
      cells: t.cells.map((c) => {
        // 償還払・高額・高額医療合算 decisions are not in the system yet: those cells stay 「データ未取込」.
        const missing = notImported || c.id === 'benefits.highCost' || c.id === 'benefits.highCostMedical'
        if (missing) cells[c.id] = null
        return { id: c.id, row: c.row, column: c.column, value: missing ? null : (cells[c.id] ?? 0) }
      }),
    }
  })
  for (const id of Object.keys(cells)) if (id.startsWith('benefits.facilityRelief.')) delete cells[id]
  const version = versionAt(MONTHLY_REPORT_RULES, end, 'MONTHLY_REPORT_RULES')
  return {
    report: { reportMonth, baseDate: end, cutoffOn, placement, tables, source: version.source },
    cells,
    members,
  }
}

/** The 月報 with its checks against the previous month as submitted, and the differences a correction made since. */
export async function monthlyReport(db: Db | Tx, reportMonth: string, cutoffOn: IsoDate) {
  const computed = await computeMonthly(db, reportMonth, cutoffOn)
  const previousMonth = shiftMonth(reportMonth, -1)
  const previous = await latestSubmitted(db, 'monthly', previousMonth)
  const checks = monthlyChecks(computed.cells, previous ? (previous.cells['insured.currentEnd'] ?? null) : null)
  let previousDifferences: ReturnType<typeof cellDifferences> = []
  if (previous) {
    const recomputed = await computeMonthly(db, previousMonth, cutoffOn)
    previousDifferences = cellDifferences(previous.cells, recomputed.cells)
  }
  const report: MonthlyReport = {
    ...computed.report,
    checks,
    previousDifferences,
    versions: await versionSummaries(db, 'monthly', reportMonth),
  }
  return { report, computed }
}
