import { describe, expect, it } from 'vitest'
import {
  DELAY_NOTICE_RULES,
  STAGE_TARGETS,
  addBusinessDays,
  caseClock,
  caseEventProblems,
  delayNoticeDecision,
  isWardBusinessDay,
  leadTimeSummary,
  opinionReminderDue,
  predictedNoticeOn,
  renewalDue,
  stageLeadTimes,
  stagePlan,
  type CaseEvents,
} from '../../../../shared/domain'

// Calendar of the examples: 2026-11-02 is a Monday, 11-03 文化の日 and 11-23 勤労感謝の日 are national holidays.
const D0 = '2026-11-02'

/** Registered and both requests sent on the application day. */
const requested: CaseEvents = {
  kind: 'new',
  applicationDate: D0,
  registeredOn: D0,
  surveyRequestedOn: D0,
  opinionRequestedOn: D0,
}

/** Survey done 11-09, form received 11-11, opinion received on the given day. */
const documents = (opinionReceivedOn: string): CaseEvents => ({
  ...requested,
  surveyDoneOn: '2026-11-09',
  surveyReceivedOn: '2026-11-11',
  opinionReceivedOn,
  firstDecisionOn: opinionReceivedOn,
})

describe('ward business days: not Sat/Sun, not a national holiday, not 12/29–1/3 (地方自治法4条の2)', () => {
  it.each([
    ['2026-11-02', true], // Monday
    ['2026-11-03', false], // 文化の日
    ['2026-11-07', false], // Saturday
    ['2026-11-08', false], // Sunday
    ['2026-11-23', false], // 勤労感謝の日 (Monday)
    ['2026-11-24', true],
    ['2026-12-28', true], // last open day of the year
    ['2026-12-29', false],
    ['2027-01-03', false],
    ['2027-01-04', true],
  ])('%s → %s', (date, open) => {
    expect(isWardBusinessDay(date)).toBe(open)
  })
  it('adding business days skips the closed days', () => {
    expect(addBusinessDays('2026-11-02', 1)).toBe('2026-11-04')
    expect(addBusinessDays('2026-11-06', 1)).toBe('2026-11-09')
    expect(addBusinessDays('2026-12-28', 1)).toBe('2027-01-04')
    expect(addBusinessDays('2026-11-07', 0)).toBe('2026-11-09')
  })
})

describe('registration target: 1 business day (§8(b) ⚠️)', () => {
  it('applied Monday 11-02 → due Wednesday 11-04 (11-03 is a holiday)', () => {
    const plan = stagePlan({ kind: 'new', applicationDate: D0 }, '2026-11-04')
    expect(plan[0]).toEqual({ stage: 'registration', due: '2026-11-04', state: 'open' })
    expect(stagePlan({ kind: 'new', applicationDate: D0 }, '2026-11-05')[0]?.state).toBe('overdue')
  })
  it('applied 12-28 → due 2027-01-04 across the year-end closing', () => {
    expect(stagePlan({ kind: 'new', applicationDate: '2026-12-28' }, '2026-12-28')[0]?.due).toBe('2027-01-04')
  })
})

describe('survey target: request → visit within 7 days (国の参考期間 ✅[C4])', () => {
  const survey = (today: string) => stagePlan(requested, today).find((s) => s.stage === 'survey')
  it('requested 11-02 → due 11-09; open on 11-09, overdue on 11-10', () => {
    expect(survey('2026-11-09')).toEqual({ stage: 'survey', due: '2026-11-09', state: 'open' })
    expect(survey('2026-11-10')?.state).toBe('overdue')
  })
  it('done on the due day is done', () => {
    const plan = stagePlan({ ...requested, surveyDoneOn: '2026-11-09' }, '2026-11-20')
    expect(plan.find((s) => s.stage === 'survey')).toEqual({
      stage: 'survey',
      due: '2026-11-09',
      doneOn: '2026-11-09',
      state: 'done',
    })
  })
  it('the survey form is due 3 days after the visit (§8(b) ⚠️)', () => {
    const plan = stagePlan({ ...requested, surveyDoneOn: '2026-11-06' }, '2026-11-06')
    expect(plan.find((s) => s.stage === 'surveyForm')?.due).toBe('2026-11-09')
  })
})

describe('opinion target: request → receipt within 13 days (国の参考期間 ✅[C4]); reminder at +10 (§8(b) ⚠️)', () => {
  const opinion = (today: string) => stagePlan(requested, today).find((s) => s.stage === 'opinion')
  it('requested 11-02 → due 11-15; open on 11-15, overdue on 11-16', () => {
    expect(opinion('2026-11-15')?.state).toBe('open')
    expect(opinion('2026-11-15')?.due).toBe('2026-11-15')
    expect(opinion('2026-11-16')?.state).toBe('overdue')
  })
  it('reminder on 11-12, none once received', () => {
    expect(opinionReminderDue(requested)).toBe('2026-11-12')
    expect(opinionReminderDue({ ...requested, opinionReceivedOn: '2026-11-10' })).toBeUndefined()
  })
})

describe('board target: 12 days after the documents are complete (国の参考期間 ✅[C4]); notice 3 days later (⚠️)', () => {
  it('documents complete 11-13 (the later of form 11-11 and opinion 11-13) → board 11-25 → notice 11-28', () => {
    const plan = stagePlan(documents('2026-11-13'), '2026-11-14')
    expect(plan.find((s) => s.stage === 'firstDecision')?.due).toBe('2026-11-15')
    expect(plan.find((s) => s.stage === 'board')?.due).toBe('2026-11-25')
    expect(plan.find((s) => s.stage === 'notice')?.due).toBe('2026-11-28')
    expect(predictedNoticeOn(documents('2026-11-13'), '2026-11-14')).toBe('2026-11-28')
  })
  it('an assigned meeting replaces the target in the prediction', () => {
    expect(predictedNoticeOn({ ...documents('2026-11-13'), meetingOn: '2026-11-20' }, '2026-11-14')).toBe('2026-11-23')
  })
  it('a late opinion moves the prediction with today', () => {
    // Opinion due 11-15, not received on 11-20: assumed today → board 12-02 → notice 12-05.
    expect(predictedNoticeOn({ ...documents('2026-11-13'), opinionReceivedOn: undefined }, '2026-11-20')).toBe(
      '2026-12-05',
    )
  })
})

describe('法第36条 転入: no survey, opinion or board stages (§8(b))', () => {
  it('registration and notice only', () => {
    const plan = stagePlan({ kind: 'transferIn', applicationDate: D0, registeredOn: D0 }, D0)
    expect(plan.map((s) => s.stage)).toEqual(['registration', 'notice'])
    expect(plan[1]?.due).toBe('2026-11-05')
  })
})

describe('the two clocks: legal D0 → notice (法27条11項, 民法140条), national D0 → board decision (§0.1 ✅[C6])', () => {
  it('deadline D0 + 30 = 12-02; day counts', () => {
    const clock = caseClock(documents('2026-11-13'), '2026-11-14')
    expect(clock.legalDeadline).toBe('2026-12-02')
    expect(clock.daysSinceApplication).toBe(12)
    expect(clock.daysLeft).toBe(18)
    expect(clock.daysToBoardDecision).toBeUndefined()
  })
  it('a decided case: both clocks stop', () => {
    const clock = caseClock(
      { ...documents('2026-11-13'), meetingOn: '2026-11-25', boardDecidedOn: '2026-11-25', noticeSentOn: '2026-11-27' },
      '2026-12-10',
    )
    expect(clock.open).toBe(false)
    expect(clock.daysToBoardDecision).toBe(23)
    expect(clock.daysSinceApplication).toBe(25)
    expect(clock.status).toBe('onTrack')
  })
  it('notice sent on day 30 is on time, on day 31 overdue', () => {
    const decided = { ...documents('2026-11-13'), boardDecidedOn: '2026-11-28' }
    expect(caseClock({ ...decided, noticeSentOn: '2026-12-02' }, '2026-12-10').status).toBe('onTrack')
    expect(caseClock({ ...decided, noticeSentOn: '2026-12-03' }, '2026-12-10').status).toBe('overdue')
  })
})

describe('clock board status', () => {
  it('onTrack 3 days before a target, atRisk from 2 days before (🔧), overdue the day after', () => {
    expect(caseClock(requested, '2026-11-06').status).toBe('onTrack') // survey due 11-09
    expect(caseClock(requested, '2026-11-07').status).toBe('atRisk')
    expect(caseClock(requested, '2026-11-09').status).toBe('atRisk')
    expect(caseClock(requested, '2026-11-10').status).toBe('overdue')
  })
  it('atRisk when the predicted notice is after day 30: meeting 11-30 (notice 12-03) vs 11-29 (notice 12-02)', () => {
    const ready = { ...documents('2026-11-13') }
    expect(caseClock({ ...ready, meetingOn: '2026-11-29' }, '2026-11-16').status).toBe('onTrack')
    expect(caseClock({ ...ready, meetingOn: '2026-11-30' }, '2026-11-16').status).toBe('atRisk')
  })
  it('overdue after day 30 without a notice; a 延期通知 moves the effective deadline', () => {
    // Documents 11-20, board decided 12-01 (on target 12-02), notice due 12-04: only the 30 days are at stake.
    const ready = { ...documents('2026-11-20'), meetingOn: '2026-12-01', boardDecidedOn: '2026-12-01' }
    expect(caseClock(ready, '2026-12-02').status).toBe('atRisk')
    expect(caseClock(ready, '2026-12-03').status).toBe('overdue')
    const noticed = { ...ready, delayNotices: [{ issuedOn: '2026-11-27', expectedOn: '2026-12-08' }] }
    const clock = caseClock(noticed, '2026-12-03')
    expect(clock.effectiveDeadline).toBe('2026-12-08')
    expect(clock.daysLeft).toBe(5)
    expect(clock.status).toBe('atRisk')
  })
  it('open stages are listed in plan order', () => {
    expect(caseClock(requested, '2026-11-05').openStages).toEqual([
      'survey',
      'surveyForm',
      'opinion',
      'firstDecision',
      'board',
      'notice',
    ])
  })
})

describe('延期通知 (法27条11項ただし書; §1.9, §8(b) — check day D0+25 🔧)', () => {
  // Opinion received late on 11-20 → documents complete 11-20 → board 12-02 → notice 12-05 > 12-02.
  const late = documents('2026-11-20')
  it('not before day 25 (11-26) when the documents are not overdue', () => {
    expect(delayNoticeDecision(late, '2026-11-26')).toEqual({ needed: false, why: 'onTime' })
  })
  it('needed on day 25 (11-27): board waiting, expected about 1 month ahead', () => {
    expect(delayNoticeDecision(late, '2026-11-27')).toEqual({
      needed: true,
      kind: 'first',
      count: 1,
      reason: 4,
      reasonText: '介護認定審査会の日程調整中・開催待ちのため',
      expectedOn: '2026-12-27',
      issueBy: '2026-12-02',
    })
  })
  it('on day 25 a meeting on day 27 whose notice lands on day 30 needs none; one day later needs one', () => {
    expect(delayNoticeDecision({ ...late, meetingOn: '2026-11-29' }, '2026-11-27')).toEqual({
      needed: false,
      why: 'onTime',
    })
    expect(delayNoticeDecision({ ...late, meetingOn: '2026-11-30' }, '2026-11-27')).toMatchObject({
      needed: true,
      expectedOn: '2026-12-03',
    })
  })
  it('on day 25 without any meeting on or before day 30 a notice is drafted even if the target looks fine', () => {
    expect(delayNoticeDecision({ ...documents('2026-11-13'), meetingOn: '2026-12-03' }, '2026-11-27')).toMatchObject({
      needed: true,
      reason: 4,
    })
  })
  describe('an overdue opinion triggers it before day 25 once the prediction passes day 30', () => {
    const waiting: CaseEvents = { ...documents('2026-11-13'), opinionReceivedOn: undefined, firstDecisionOn: undefined }
    it('11-17: board 11-29, notice 12-02 = day 30 → not yet', () => {
      expect(delayNoticeDecision(waiting, '2026-11-17')).toEqual({ needed: false, why: 'onTime' })
    })
    it('11-18: notice 12-03 → needed, reason 主治医意見書', () => {
      expect(delayNoticeDecision(waiting, '2026-11-18')).toMatchObject({
        needed: true,
        reason: 2,
        expectedOn: '2026-12-18',
      })
    })
  })
  it('reason 3 when neither document arrived, 1 when only the survey is missing, 5 when on hold', () => {
    expect(delayNoticeDecision(requested, '2026-11-27')).toMatchObject({ needed: true, reason: 3 })
    const surveyMissing = { ...requested, opinionReceivedOn: '2026-11-10' }
    expect(delayNoticeDecision(surveyMissing, '2026-11-27')).toMatchObject({ reason: 1 })
    expect(delayNoticeDecision({ ...requested, onHold: true }, '2026-11-27')).toMatchObject({ reason: 5 })
  })
  describe('renewal with the 省略同意: none while decided within the current validity (§1.9 ✅[C12])', () => {
    const renewal = (previousEnd: string): CaseEvents => ({
      ...late,
      kind: 'renewal',
      previousEnd,
      skipDelayNoticeConsent: true,
    })
    it('predicted 12-05 = previous end 12-05 → not needed', () => {
      expect(delayNoticeDecision(renewal('2026-12-05'), '2026-11-27')).toEqual({
        needed: false,
        why: 'renewalConsent',
      })
    })
    it('previous end 12-04 → needed', () => {
      expect(delayNoticeDecision(renewal('2026-12-04'), '2026-11-27')).toMatchObject({ needed: true })
    })
    it('without the consent → needed', () => {
      expect(
        delayNoticeDecision({ ...renewal('2026-12-31'), skipDelayNoticeConsent: false }, '2026-11-27'),
      ).toMatchObject({ needed: true })
    })
  })
  describe('sent again when the expected period will be exceeded (§1.9)', () => {
    it('expected 12-05 = predicted → covered; expected 12-04 → reissue, 2nd notice', () => {
      const sent = (expectedOn: string): CaseEvents => ({
        ...late,
        delayNotices: [{ issuedOn: '2026-11-27', expectedOn }],
      })
      expect(delayNoticeDecision(sent('2026-12-05'), '2026-11-28')).toEqual({
        needed: false,
        why: 'coveredByNotice',
      })
      expect(delayNoticeDecision(sent('2026-12-04'), '2026-11-28')).toMatchObject({
        needed: true,
        kind: 'reissue',
        count: 2,
        issueBy: '2026-12-04',
      })
    })
  })
  it('a decided, withdrawn or rejected case needs none', () => {
    expect(delayNoticeDecision({ ...late, noticeSentOn: '2026-12-01' }, '2026-12-01')).toEqual({
      needed: false,
      why: 'decided',
    })
    expect(delayNoticeDecision({ ...late, closedOn: '2026-11-25' }, '2026-11-27')).toEqual({
      needed: false,
      why: 'closed',
    })
  })
  it('a transfer-in decided without the board is on time', () => {
    expect(delayNoticeDecision({ kind: 'transferIn', applicationDate: D0, registeredOn: D0 }, '2026-11-27')).toEqual({
      needed: false,
      why: 'onTime',
    })
  })
})

describe('case dates must be in order (no event before 申請日, no end before its start)', () => {
  it('a consistent case has no problem', () => {
    expect(caseEventProblems(documents('2026-11-13'))).toEqual([])
  })
  it('an event the day before the application is refused, on the day accepted', () => {
    expect(caseEventProblems({ ...requested, surveyRequestedOn: '2026-11-01' })).toEqual([
      '調査依頼日が申請日より前です',
    ])
    expect(caseEventProblems({ ...requested, surveyRequestedOn: D0 })).toEqual([])
  })
  it('visit before request, first decision before the opinion, notice before the board', () => {
    expect(caseEventProblems({ ...requested, surveyRequestedOn: '2026-11-05', surveyDoneOn: '2026-11-04' })).toEqual([
      '調査実施日が調査依頼日より前です',
    ])
    expect(caseEventProblems({ ...documents('2026-11-13'), firstDecisionOn: '2026-11-12' })).toEqual([
      '一次判定日が意見書受領日より前です',
    ])
    expect(
      caseEventProblems({ ...documents('2026-11-13'), boardDecidedOn: '2026-11-25', noticeSentOn: '2026-11-24' }),
    ).toEqual(['通知発送日が二次判定日より前です'])
  })
  it('decided and withdrawn at once is refused', () => {
    expect(caseEventProblems({ ...requested, noticeSentOn: '2026-11-20', closedOn: '2026-11-21' })).toEqual([
      '通知済みの申請は取下げ・却下できません',
    ])
  })
})

describe('the clock parameters are dated rows with their source', () => {
  it.each([
    ['STAGE_TARGETS', STAGE_TARGETS],
    ['DELAY_NOTICE_RULES', DELAY_NOTICE_RULES],
  ] as const)('%s', (_name, table) => {
    for (const row of table) {
      expect(row.source.length).toBeGreaterThan(0)
      expect(row.unverified).toBe(true) // 🔧 ward defaults, shown as 未確認 until the ward confirms them
    }
  })
  it('the national reference periods: 7, 13, 12 calendar days (✅[C4])', () => {
    const t = STAGE_TARGETS[0]?.value
    expect([t?.survey, t?.opinion, t?.board]).toEqual([
      { days: 7, count: 'calendarDays' },
      { days: 13, count: 'calendarDays' },
      { days: 12, count: 'calendarDays' },
    ])
  })
})

describe('lead times per case (§5 KPIs): survey, opinion, board, both clocks', () => {
  it('a decided case', () => {
    expect(
      stageLeadTimes({
        ...documents('2026-11-13'),
        boardDecidedOn: '2026-11-25',
        noticeSentOn: '2026-11-27',
      }),
    ).toEqual({ survey: 7, opinion: 11, board: 12, toBoardDecision: 23, toNotice: 25 })
  })
  it('a running case has only what ended', () => {
    expect(stageLeadTimes({ ...requested, surveyDoneOn: '2026-11-06' })).toEqual({ survey: 4 })
  })
})

describe('lead-time summary: median and nearest-rank 90th percentile (§5)', () => {
  it('odd count', () => {
    expect(leadTimeSummary([30, 10, 20])).toEqual({ count: 3, median: 20, p90: 30 })
  })
  it('even count: the mean of the two middle values', () => {
    expect(leadTimeSummary([7, 5, 8, 6])).toEqual({ count: 4, median: 6.5, p90: 8 })
  })
  it('ten values: p90 is the 9th; within a 7-day target counts the boundary', () => {
    expect(leadTimeSummary([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 7)).toEqual({
      count: 10,
      median: 5.5,
      p90: 9,
      withinTarget: 7,
    })
  })
  it('eleven values: p90 is the 10th (⌈9.9⌉)', () => {
    expect(leadTimeSummary([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]).p90).toBe(10)
  })
  it('an empty list is refused', () => {
    expect(() => leadTimeSummary([])).toThrow(RangeError)
  })
})

describe('renewals-due list: from 60 days before the end of validity (法28条2項; docs/sources/domain.md §6.1 ✅[S53])', () => {
  it('validity to 2027-03-31: listed from 2027-01-30, not on 01-29, not after 03-31', () => {
    expect(renewalDue('2027-03-31', '2027-01-29')).toBe(false)
    expect(renewalDue('2027-03-31', '2027-01-30')).toBe(true)
    expect(renewalDue('2027-03-31', '2027-03-31')).toBe(true)
    expect(renewalDue('2027-03-31', '2027-04-01')).toBe(false)
  })
})
