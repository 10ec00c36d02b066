/**
 * The 30-day clock of a certification case (docs/sources/certification.md §0, §1.9, §8(b); docs/certification.md):
 * the legal limit (介護保険法第27条第11項: 処分 within 30 days of the application, 民法140条 初日不算入), the stage
 * targets (dated parameters), the 延期通知 rule and a status for the clock board. Pure: "today" is an argument.
 */
import { assertInteger } from './arith'
import { isBusinessDay, onOrNextBusinessDay } from './business-days'
import { decisionDeadline, renewalApplicationOpens } from './certification'
import type { IsoDate } from './dates'
import { addDays, assertIsoDate, daysBetween, periodEndByMonths } from './dates'
import type { DelayNoticeRules, StageTarget, StageTargets } from './parameters/certification'
import { CLOCK_AT_RISK_DAYS_BEFORE, DELAY_NOTICE_RULES, STAGE_TARGETS } from './parameters/certification'
import { valueAt } from './versioned'

/**
 * A day the ward office is open: not a 休日 of 地方自治法第4条の2 (Saturday, Sunday, national holiday, 12/29–1/3;
 * business-days.ts, 'municipal' calendar).
 */
export function isWardBusinessDay(date: IsoDate): boolean {
  return isBusinessDay(date, 'municipal')
}

/** The `days`-th business day after `date` (days ≥ 0; 0 → `date` itself when it is a business day, else the next). */
export function addBusinessDays(date: IsoDate, days: number): IsoDate {
  assertInteger(days, 'days', 0)
  let current = onOrNextBusinessDay(date, 'municipal')
  for (let left = days; left > 0;) {
    current = addDays(current, 1)
    if (isWardBusinessDay(current)) left -= 1
  }
  return current
}

/** Target date of a stage that started on `start`. */
export function stageDue(start: IsoDate, target: StageTarget): IsoDate {
  return target.count === 'businessDays' ? addBusinessDays(start, target.days) : addDays(start, target.days)
}

/** Kind of a certification case, as the clock needs it. */
export type CaseKind = 'new' | 'renewal' | 'levelChange' | 'exOfficio' | 'transferIn'

/** A 延期通知 already sent. */
export interface DelayNoticeSent {
  readonly issuedOn: IsoDate
  /** 処理見込期間の終わり. */
  readonly expectedOn: IsoDate
}

/** The events of one case (StageActuals of §8(a)); absent = not yet. */
export interface CaseEvents {
  readonly kind: CaseKind
  /** 申請日 D0. */
  readonly applicationDate: IsoDate
  /** Renewal: end of the current validity. */
  readonly previousEnd?: IsoDate
  /** Renewal: the applicant agreed that no delay notice is sent when decided within the current validity. */
  readonly skipDelayNoticeConsent?: boolean
  /** 本人の体調等により調査・意見書作成を保留中. */
  readonly onHold?: boolean
  readonly registeredOn?: IsoDate
  readonly surveyRequestedOn?: IsoDate
  readonly surveyDoneOn?: IsoDate
  readonly surveyReceivedOn?: IsoDate
  readonly opinionRequestedOn?: IsoDate
  readonly opinionReceivedOn?: IsoDate
  readonly firstDecisionOn?: IsoDate
  /** Date of the meeting the case is assigned to. */
  readonly meetingOn?: IsoDate
  readonly boardDecidedOn?: IsoDate
  /** 処分: the notice was sent (stops the legal clock). */
  readonly noticeSentOn?: IsoDate
  /** 取下げ or 却下 before a decision (stops the clock). */
  readonly closedOn?: IsoDate
  readonly delayNotices?: readonly DelayNoticeSent[]
}

const EVENT_LABELS: readonly (readonly [keyof CaseEvents, string])[] = [
  ['registeredOn', '申請登録日'],
  ['surveyRequestedOn', '調査依頼日'],
  ['surveyDoneOn', '調査実施日'],
  ['surveyReceivedOn', '調査票受領日'],
  ['opinionRequestedOn', '意見書依頼日'],
  ['opinionReceivedOn', '意見書受領日'],
  ['firstDecisionOn', '一次判定日'],
  ['meetingOn', '審査会開催日'],
  ['boardDecidedOn', '二次判定日'],
  ['noticeSentOn', '通知発送日'],
  ['closedOn', '取下げ・却下日'],
]

/** Pairs (earlier, later) that must be in order when both are recorded. */
const EVENT_ORDER: readonly (readonly [keyof CaseEvents, keyof CaseEvents])[] = [
  ['surveyRequestedOn', 'surveyDoneOn'],
  ['surveyDoneOn', 'surveyReceivedOn'],
  ['opinionRequestedOn', 'opinionReceivedOn'],
  ['surveyReceivedOn', 'firstDecisionOn'],
  ['opinionReceivedOn', 'firstDecisionOn'],
  ['firstDecisionOn', 'boardDecidedOn'],
  ['boardDecidedOn', 'noticeSentOn'],
]

/**
 * Problems of a case's dates (Japanese, empty when consistent): no event before the application date, each stage's end
 * not before its start, the first decision not before both documents, the board not before the first decision, the
 * notice not before the board; a case is not both decided and withdrawn.
 */
export function caseEventProblems(events: CaseEvents): string[] {
  assertIsoDate(events.applicationDate, 'applicationDate')
  const problems: string[] = []
  const label = new Map(EVENT_LABELS)
  for (const [key, name] of EVENT_LABELS) {
    const value = events[key]
    if (typeof value !== 'string') continue
    assertIsoDate(value, key)
    if (value < events.applicationDate) problems.push(`${name}が申請日より前です`)
  }
  for (const [earlier, later] of EVENT_ORDER) {
    const a = events[earlier]
    const b = events[later]
    if (typeof a === 'string' && typeof b === 'string' && b < a) {
      problems.push(`${label.get(later) ?? later}が${label.get(earlier) ?? earlier}より前です`)
    }
  }
  if (events.noticeSentOn !== undefined && events.closedOn !== undefined) {
    problems.push('通知済みの申請は取下げ・却下できません')
  }
  return problems
}

/** The stages of the clock. */
export type CaseStage = 'registration' | 'survey' | 'surveyForm' | 'opinion' | 'firstDecision' | 'board' | 'notice'

/** One stage with its target and what happened. */
export interface StageState {
  readonly stage: CaseStage
  /** The target date (from the actual start when it happened, else from the predicted start). */
  readonly due: IsoDate
  readonly doneOn?: IsoDate
  readonly state: 'done' | 'open' | 'overdue'
}

const maxDate = (...dates: IsoDate[]): IsoDate => dates.reduce((a, b) => (b > a ? b : a))

function targetsFor(events: CaseEvents): StageTargets {
  return valueAt(STAGE_TARGETS, events.applicationDate, 'certification stage targets')
}

function stateOf(due: IsoDate, doneOn: IsoDate | undefined, today: IsoDate): StageState['state'] {
  if (doneOn !== undefined) return 'done'
  return today > due ? 'overdue' : 'open'
}

/**
 * The stages of a case with their targets (StagePlan of §8(a)). Survey and opinion run in parallel from the
 * registration (their requests are due on the registration target); 資料完備 is the later of the survey form and the
 * opinion; the board target counts from it, the notice from the board. A 転入 with 受給資格証明書 (法第36条) has no
 * survey, opinion or board: the notice counts from the registration.
 */
export function stagePlan(events: CaseEvents, today: IsoDate): StageState[] {
  assertIsoDate(events.applicationDate, 'applicationDate')
  assertIsoDate(today, 'today')
  const t = targetsFor(events)
  const stages: StageState[] = []
  const push = (stage: CaseStage, due: IsoDate, doneOn: IsoDate | undefined): IsoDate => {
    stages.push({ stage, due, ...(doneOn === undefined ? {} : { doneOn }), state: stateOf(due, doneOn, today) })
    // The predicted end of a stage: its actual end, else its target, never before today.
    return doneOn ?? maxDate(due, today)
  }
  const registered = push('registration', stageDue(events.applicationDate, t.registration), events.registeredOn)
  if (events.kind === 'transferIn') {
    push('notice', stageDue(registered, t.notice), events.noticeSentOn)
    return stages
  }
  const surveyStart = events.surveyRequestedOn ?? registered
  const surveyDone = push('survey', stageDue(surveyStart, t.survey), events.surveyDoneOn)
  const surveyReceived = push('surveyForm', stageDue(surveyDone, t.surveyForm), events.surveyReceivedOn)
  const opinionStart = events.opinionRequestedOn ?? registered
  const opinionReceived = push('opinion', stageDue(opinionStart, t.opinion), events.opinionReceivedOn)
  const documentsComplete = maxDate(surveyReceived, opinionReceived)
  push('firstDecision', stageDue(documentsComplete, t.firstDecision), events.firstDecisionOn)
  const boardTarget = stageDue(documentsComplete, t.board)
  const boardEnd = push('board', boardTarget, events.boardDecidedOn)
  const predictedBoard =
    events.boardDecidedOn ?? (events.meetingOn === undefined ? boardEnd : maxDate(events.meetingOn, today))
  push('notice', stageDue(predictedBoard, t.notice), events.noticeSentOn)
  return stages
}

/** When the opinion reminder (督促) is due: request + the reminder target (§8(b) ⚠️), unless received. */
export function opinionReminderDue(events: CaseEvents): IsoDate | undefined {
  if (events.opinionRequestedOn === undefined || events.opinionReceivedOn !== undefined) return undefined
  return stageDue(events.opinionRequestedOn, targetsFor(events).opinionReminder)
}

/** The date the notice is predicted to be sent: the notice stage's actual or predicted end. */
export function predictedNoticeOn(events: CaseEvents, today: IsoDate): IsoDate {
  const notice = stagePlan(events, today).find((s) => s.stage === 'notice')
  if (notice === undefined) throw new RangeError('a plan always has a notice stage')
  return notice.doneOn ?? maxDate(notice.due, today)
}

/** 延期通知の理由 (§1.9 の類型 ✅[C12]). */
export const DELAY_REASONS = {
  1: '認定調査票が揃っていないため（未調査・調査票作成中）',
  2: '主治医意見書が揃っていないため（依頼中・作成中）',
  3: '認定調査票と主治医意見書が揃っていないため',
  4: '介護認定審査会の日程調整中・開催待ちのため',
  5: '本人の体調等により調査・意見書作成を保留しているため',
} as const
export type DelayReason = keyof typeof DELAY_REASONS

/** What the 延期通知 rule says for a case today. */
export type DelayNoticeDecision =
  | {
      readonly needed: true
      readonly kind: 'first' | 'reissue'
      /** 発行回数 of this notice (1 for the first). */
      readonly count: number
      readonly reason: DelayReason
      readonly reasonText: string
      /** 処理見込期間の終わり. */
      readonly expectedOn: IsoDate
      /** Send by: day 30 for the first notice (法第27条第11項), the last expected date for a new one. */
      readonly issueBy: IsoDate
    }
  | {
      readonly needed: false
      readonly why: 'closed' | 'decided' | 'onTime' | 'renewalConsent' | 'coveredByNotice'
    }

function delayReason(events: CaseEvents): DelayReason {
  if (events.onHold === true) return 5
  const survey = events.surveyReceivedOn === undefined
  const opinion = events.opinionReceivedOn === undefined
  if (survey && opinion) return 3
  if (survey) return 1
  if (opinion) return 2
  return 4
}

/**
 * The 延期通知 rule (法第27条第11項ただし書; §1.9, §8(b)). A first notice is needed when the predicted notice date is
 * after day 30 and either day D0 + `checkDay` has come or the survey or the opinion is past its target; also, from
 * D0 + `checkDay`, when no meeting on or before day 30 is assigned. A renewal with the 省略同意 that will be decided by
 * the end of the current validity needs none. When the predicted date passes the last notice's expected date, the
 * notice is sent again (回数を数える). Expected date: the meeting date + the notice target when a meeting is assigned,
 * else about one month ahead (約1か月先, never before the predicted date).
 */
export function delayNoticeDecision(
  events: CaseEvents,
  today: IsoDate,
  rules: DelayNoticeRules = valueAt(DELAY_NOTICE_RULES, events.applicationDate, 'delay notice rules'),
): DelayNoticeDecision {
  if (events.closedOn !== undefined) return { needed: false, why: 'closed' }
  if (events.noticeSentOn !== undefined) return { needed: false, why: 'decided' }
  const plan = stagePlan(events, today)
  const predicted = predictedNoticeOn(events, today)
  const deadline = decisionDeadline(events.applicationDate)
  const notices = events.delayNotices ?? []
  const last = notices.reduce<DelayNoticeSent | undefined>(
    (a, b) => (a === undefined || b.issuedOn >= a.issuedOn ? b : a),
    undefined,
  )
  const t = targetsFor(events)
  const aMonthAhead = periodEndByMonths(addDays(today, 1), rules.unassignedExpectedMonths)
  const expectedOn =
    events.meetingOn !== undefined
      ? stageDue(maxDate(events.meetingOn, today), t.notice)
      : maxDate(aMonthAhead, predicted)
  // The first notice goes out within the 30 days; a new one before the last expected period runs out.
  const base = { reason: delayReason(events), expectedOn, issueBy: last?.expectedOn ?? deadline }
  if (last !== undefined) {
    if (predicted <= last.expectedOn) return { needed: false, why: 'coveredByNotice' }
    return { needed: true, kind: 'reissue', count: notices.length + 1, ...base, reasonText: DELAY_REASONS[base.reason] }
  }
  if (
    events.kind === 'renewal' &&
    events.skipDelayNoticeConsent === true &&
    events.previousEnd !== undefined &&
    predicted <= events.previousEnd
  ) {
    return { needed: false, why: 'renewalConsent' }
  }
  const checkDayReached = today >= addDays(events.applicationDate, rules.checkDay)
  const documentsLate = plan.some((s) => (s.stage === 'survey' || s.stage === 'opinion') && s.state === 'overdue')
  const noMeetingInTime =
    events.kind !== 'transferIn' && (events.meetingOn === undefined || events.meetingOn > deadline)
  const late = predicted > deadline && (checkDayReached || documentsLate)
  if (!late && !(checkDayReached && noMeetingInTime)) return { needed: false, why: 'onTime' }
  return { needed: true, kind: 'first', count: 1, ...base, reasonText: DELAY_REASONS[base.reason] }
}

/** Status of a case on the clock board. */
export type ClockStatus = 'onTrack' | 'atRisk' | 'overdue'

/** One row of the clock board. */
export interface CaseClock {
  readonly open: boolean
  /** 法定期限: D0 + 30 (法第27条第11項). */
  readonly legalDeadline: IsoDate
  /** The legal deadline, or the expected date of the last 延期通知 when one was sent. */
  readonly effectiveDeadline: IsoDate
  /** Days from D0 to today (or to the notice / closing when the case is over). */
  readonly daysSinceApplication: number
  /** Days from today to the effective deadline (negative when past). */
  readonly daysLeft: number
  /** 国統計の時計: D0 → 二次判定 (undefined until the board decided). */
  readonly daysToBoardDecision?: number
  readonly predictedNoticeOn: IsoDate
  readonly stages: readonly StageState[]
  /** Stages not done, in plan order. */
  readonly openStages: readonly CaseStage[]
  readonly status: ClockStatus
}

/**
 * The clock of a case for the board. `overdue`: an open stage is past its target, or the effective deadline passed
 * without a notice. `atRisk`: the predicted notice date is after the effective deadline, or an open stage's target is
 * within {@link CLOCK_AT_RISK_DAYS_BEFORE} days. Otherwise `onTrack`. A finished case is `onTrack` when its notice went
 * out by the effective deadline, else `overdue`.
 */
export function caseClock(events: CaseEvents, today: IsoDate): CaseClock {
  const legalDeadline = decisionDeadline(events.applicationDate)
  const notices = events.delayNotices ?? []
  const effectiveDeadline = notices.reduce((a, n) => maxDate(a, n.expectedOn), legalDeadline)
  const end = events.noticeSentOn ?? events.closedOn
  const open = end === undefined
  const asOf = end ?? today
  const stages = stagePlan(events, today)
  const predicted = predictedNoticeOn(events, today)
  const openStages = open ? stages.filter((s) => s.state !== 'done').map((s) => s.stage) : []
  let status: ClockStatus
  if (!open) {
    status = events.noticeSentOn !== undefined && events.noticeSentOn > effectiveDeadline ? 'overdue' : 'onTrack'
  } else if (today > effectiveDeadline || stages.some((s) => s.state === 'overdue')) {
    status = 'overdue'
  } else if (
    predicted > effectiveDeadline ||
    stages.some((s) => s.state === 'open' && daysBetween(today, s.due) <= CLOCK_AT_RISK_DAYS_BEFORE)
  ) {
    status = 'atRisk'
  } else {
    status = 'onTrack'
  }
  return {
    open,
    legalDeadline,
    effectiveDeadline,
    daysSinceApplication: daysBetween(events.applicationDate, asOf),
    daysLeft: daysBetween(asOf, effectiveDeadline),
    ...(events.boardDecidedOn === undefined
      ? {}
      : { daysToBoardDecision: daysBetween(events.applicationDate, events.boardDecidedOn) }),
    predictedNoticeOn: predicted,
    stages,
    openStages,
    status,
  }
}

/** Lead times of a finished or running case, in days, for the analytics (§5 KPIs, §8(b) stages). */
export interface StageLeadTimes {
  /** 調査 依頼 → 実施 (national reference 7). */
  readonly survey?: number
  /** 意見書 依頼 → 入手 (national reference 13). */
  readonly opinion?: number
  /** 資料完備 → 二次判定 (national reference 12). */
  readonly board?: number
  /** 申請 → 二次判定 (the national statistic). */
  readonly toBoardDecision?: number
  /** 申請 → 通知 (the legal clock). */
  readonly toNotice?: number
}

const span = (from: IsoDate | undefined, to: IsoDate | undefined): number | undefined =>
  from === undefined || to === undefined ? undefined : daysBetween(from, to)

/** The lead times a case has so far (absent where an end is not yet recorded). */
export function stageLeadTimes(events: CaseEvents): StageLeadTimes {
  const documents =
    events.surveyReceivedOn !== undefined && events.opinionReceivedOn !== undefined
      ? maxDate(events.surveyReceivedOn, events.opinionReceivedOn)
      : undefined
  const entries = {
    survey: span(events.surveyRequestedOn, events.surveyDoneOn),
    opinion: span(events.opinionRequestedOn, events.opinionReceivedOn),
    board: span(documents, events.boardDecidedOn),
    toBoardDecision: span(events.applicationDate, events.boardDecidedOn),
    toNotice: span(events.applicationDate, events.noticeSentOn),
  }
  return Object.fromEntries(Object.entries(entries).filter(([, v]) => v !== undefined)) as StageLeadTimes
}

/** Median, 90th percentile and share within a target of a list of lead times (days). */
export interface LeadTimeSummary {
  readonly count: number
  /** The middle value; the mean of the two middle values for an even count. */
  readonly median: number
  /** Nearest-rank 90th percentile: the ⌈0.9 n⌉-th smallest value. */
  readonly p90: number
  /** How many are at or below `target` (when given). */
  readonly withinTarget?: number
}

const PERCENT = 100
const P90 = 90

/** Summary of lead times for the analytics charts (§5: 平均/中央値/90パーセンタイル). Throws on an empty list. */
export function leadTimeSummary(days: readonly number[], target?: number): LeadTimeSummary {
  if (days.length === 0) throw new RangeError('no lead times to summarise')
  for (const d of days) assertInteger(d, 'lead time', 0)
  const sorted = [...days].sort((a, b) => a - b)
  const n = sorted.length
  const at = (rank: number): number => sorted[rank - 1] as number
  const half = Math.floor(n / 2)
  const median = n % 2 === 1 ? at(half + 1) : (at(half) + at(half + 1)) / 2
  const p90 = at(Math.ceil((P90 * n) / PERCENT))
  return {
    count: n,
    median,
    p90,
    ...(target === undefined ? {} : { withinTarget: sorted.filter((d) => d <= target).length }),
  }
}

/**
 * Whether a certification belongs on the renewals-due list on `today`: from 60 days before the end of validity
 * (renewalApplicationOpens, 法第28条第2項) up to the end itself.
 */
export function renewalDue(validTo: IsoDate, today: IsoDate): boolean {
  return today >= renewalApplicationOpens(validTo) && today <= validTo
}
