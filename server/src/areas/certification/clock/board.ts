/**
 * The 30-day clock board (docs/sources/certification.md §0, §1.9, §5, §8(b)): every open case with its stage, days since
 * application, days left, stage targets and predicted notice date (caseClock); the overdue queues; the cases that need a
 * 延期通知 (delayNoticeDecision — the notice itself is issued by results/); the renewals due in the next 60 days; lead
 * times per office, surveyor and clinic (median, 90th percentile) and both clocks — legal (申請 → 通知) and the national
 * statistic (申請 → 二次判定). Pure rules from shared/domain/certification-clock.ts; this file only loads and groups.
 */
import { and, desc, eq, gte, inArray, lte } from 'drizzle-orm'
import type { ClockBoard, LeadTimeGroup } from '../../../../../shared/api/certification-cases'
import { addDays, endOfMonthIndex, monthIndexOf } from '../../../../../shared/domain/dates'
import {
  caseClock,
  delayNoticeDecision,
  leadTimeSummary,
  opinionReminderDue,
  renewalDue,
  stageLeadTimes,
} from '../../../../../shared/domain/certification-clock'
import { renewalApplicationOpens } from '../../../../../shared/domain/certification'
import { DECISION_DAYS, RENEWAL_APPLICATION_DAYS_BEFORE } from '../../../../../shared/domain/parameters/certification'
import type { Db, Tx } from '../../../core/db/connect'
import { households, persons } from '../../persons/schema'
import { loadCases, type CaseFilter } from '../cases'
import { certificationOpinions } from '../opinions/schema'
import { certifiedPersons } from '../results/schema'
import { certificationSurveys } from '../surveys/schema'

/** National reference periods for the analytics (docs/sources/certification.md §0): survey 7, opinion 13 days. */
const SURVEY_TARGET_DAYS = 7
const OPINION_TARGET_DAYS = 13

function groups(values: Map<string, number[]>, target?: number): LeadTimeGroup[] {
  return [...values.entries()]
    .filter(([, days]) => days.length > 0)
    .map(([name, days]) => ({ name, ...leadTimeSummary(days, target) }))
    .sort((a, b) => b.p90 - a.p90 || a.name.localeCompare(b.name))
}

const push = (map: Map<string, number[]>, key: string, value: number | undefined) => {
  if (value === undefined) return
  const list = map.get(key) ?? []
  list.push(value)
  map.set(key, list)
}

async function names(db: Db | Tx, ids: readonly number[]): Promise<Map<number, string>> {
  const out = new Map<number, string>()
  const unique = [...new Set(ids)]
  // chunks keep the parameter list short at ward scale
  for (let i = 0; i < unique.length; i += 5000)
    for (const p of await db
      .select({ id: persons.id, family: persons.familyName, given: persons.givenName })
      .from(persons)
      .where(inArray(persons.id, unique.slice(i, i + 5000))))
      out.set(p.id, `${p.family} ${p.given}`)
  return out
}

/** The board as of `today` for the cases the caller may see (`scope`: a care area for a 相談センター, or all). */
export async function clockBoard(
  db: Db | Tx,
  today: string,
  scope: Pick<CaseFilter, 'careArea'>,
  months: number,
): Promise<ClockBoard> {
  const open = await loadCases(db, { ...scope, openOnly: true })
  const from = endOfMonthIndex(monthIndexOf(today) - months - 1)
  const period = await loadCases(db, { ...scope, appliedFrom: addDays(from, 1), appliedTo: today })
  const caseIds = [...new Set([...open, ...period].map((c) => c.row.id))]
  const surveys = new Map<number, { officeName: string; surveyorName: string }>()
  const opinions = new Map<number, string>()
  for (let i = 0; i < caseIds.length; i += 5000) {
    const chunk = caseIds.slice(i, i + 5000)
    for (const s of await db
      .select({
        caseId: certificationSurveys.caseId,
        officeName: certificationSurveys.officeName,
        surveyorName: certificationSurveys.surveyorName,
      })
      .from(certificationSurveys)
      .where(inArray(certificationSurveys.caseId, chunk)))
      surveys.set(s.caseId, s)
    for (const o of await db
      .select({ caseId: certificationOpinions.caseId, clinicName: certificationOpinions.clinicName })
      .from(certificationOpinions)
      .where(inArray(certificationOpinions.caseId, chunk)))
      opinions.set(o.caseId, o.clinicName)
  }
  // 更新対象: certifications ending within 60 days (renewalDue), the latest of each person
  const horizon = addDays(today, RENEWAL_APPLICATION_DAYS_BEFORE)
  const ending = await db
    .select({
      id: certifiedPersons.id,
      personId: certifiedPersons.personId,
      level: certifiedPersons.level,
      validTo: certifiedPersons.validTo,
    })
    .from(certifiedPersons)
    .innerJoin(persons, eq(persons.id, certifiedPersons.personId))
    .innerJoin(households, eq(households.id, persons.householdId))
    .where(
      and(
        gte(certifiedPersons.validTo, today),
        lte(certifiedPersons.validTo, horizon),
        scope.careArea === undefined ? undefined : eq(households.careArea, scope.careArea),
      ),
    )
    .orderBy(desc(certifiedPersons.validTo))
  const personNames = await names(db, [...open.map((c) => c.row.personId), ...ending.map((e) => e.personId)])
  const openPersons = new Set(open.map((c) => c.row.personId))
  const seen = new Set<number>()
  const renewalsDue = ending
    .filter((e) => renewalDue(e.validTo, today) && !seen.has(e.personId) && seen.add(e.personId))
    .map((e) => ({
      personId: e.personId,
      personName: personNames.get(e.personId) ?? '',
      certificationId: e.id,
      level: e.level,
      validTo: e.validTo,
      opensOn: renewalApplicationOpens(e.validTo),
      applied: openPersons.has(e.personId),
    }))
    .sort((a, b) => a.validTo.localeCompare(b.validTo))

  const queues: ClockBoard['queues'] = {
    surveyNotDone: [],
    surveyOverdue: [],
    opinionNotReceived: [],
    opinionReminderDue: [],
    notAssigned: [],
    urgent: [],
  }
  const delayNotices: ClockBoard['delayNotices'] = []
  const rows = open.map(({ row, clockEvents: e }) => {
    const clock = caseClock(e, today)
    const delay = delayNoticeDecision(e, today)
    const name = personNames.get(row.personId) ?? ''
    if (row.boardRequired) {
      if (e.surveyDoneOn === undefined) queues.surveyNotDone.push(row.id)
      if (clock.stages.some((s) => s.stage === 'survey' && s.state === 'overdue')) queues.surveyOverdue.push(row.id)
      if (e.opinionReceivedOn === undefined) queues.opinionNotReceived.push(row.id)
      const reminder = opinionReminderDue(e)
      if (reminder !== undefined && reminder <= today) queues.opinionReminderDue.push(row.id)
      if (e.surveyReceivedOn !== undefined && e.opinionReceivedOn !== undefined && e.meetingOn === undefined)
        queues.notAssigned.push(row.id)
    }
    if (row.priority > 0) queues.urgent.push(row.id)
    if (delay.needed)
      delayNotices.push({
        caseId: row.id,
        personId: row.personId,
        personName: name,
        kind: delay.kind,
        count: delay.count,
        reason: delay.reason,
        reasonText: delay.reasonText,
        expectedOn: delay.expectedOn,
        issueBy: delay.issueBy,
      })
    const s = surveys.get(row.id)
    return {
      caseId: row.id,
      personId: row.personId,
      personName: name,
      kind: row.kind,
      appliedOn: row.appliedOn,
      stage: row.stage,
      priority: row.priority,
      urgentFlags: row.urgentFlags,
      onHold: row.onHold,
      careArea: row.careArea,
      officeName: s?.officeName ?? null,
      surveyorName: s?.surveyorName ?? null,
      clinicName: opinions.get(row.id) ?? null,
      clock: { ...clock, stages: [...clock.stages], openStages: [...clock.openStages] },
      delayNoticeNeeded: delay.needed,
    }
  })
  // Most urgent first: overdue, then at risk, then by days left; the priority flag before all.
  const rank = { overdue: 0, atRisk: 1, onTrack: 2 } as const
  rows.sort(
    (a, b) =>
      b.priority - a.priority ||
      rank[a.clock.status] - rank[b.clock.status] ||
      a.clock.daysLeft - b.clock.daysLeft ||
      a.caseId - b.caseId,
  )

  const byOffice = new Map<string, number[]>()
  const bySurveyor = new Map<string, number[]>()
  const byClinic = new Map<string, number[]>()
  const legal: number[] = []
  const statistic: number[] = []
  for (const { row, clockEvents } of period) {
    const lead = stageLeadTimes(clockEvents)
    const s = surveys.get(row.id)
    if (s) {
      push(byOffice, s.officeName, lead.survey)
      push(bySurveyor, `${s.surveyorName}（${s.officeName}）`, lead.survey)
    }
    const clinic = opinions.get(row.id)
    if (clinic) push(byClinic, clinic, lead.opinion)
    if (lead.toNotice !== undefined) legal.push(lead.toNotice)
    if (lead.toBoardDecision !== undefined) statistic.push(lead.toBoardDecision)
  }
  const overall = (name: string, days: number[]) =>
    days.length === 0 ? null : { name, ...leadTimeSummary(days, DECISION_DAYS) }
  return {
    asOf: today,
    rows,
    queues,
    delayNotices,
    renewalsDue,
    leadTimes: {
      survey: groups(byOffice, SURVEY_TARGET_DAYS),
      surveyor: groups(bySurveyor, SURVEY_TARGET_DAYS),
      opinion: groups(byClinic, OPINION_TARGET_DAYS),
      legal: overall('申請から通知まで（法定）', legal),
      statistic: overall('申請から二次判定まで（国の統計）', statistic),
    },
  }
}
