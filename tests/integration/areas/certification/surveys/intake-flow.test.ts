import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ApiInput } from '../../../../../shared/api/routes'
import { signIn } from '../../../support/accounts'
import { callRoute, terminalClient } from '../../../support/clients'
import { databaseKinds } from '../../../support/databases'
import { startTestServer, type TestServer } from '../../../support/test-server'
import { addResident } from '../support'

type Apply = Omit<ApiInput<'certification.apply'>, 'idempotencyKey'>

/**
 * 認定調査, 主治医意見書, the 30-day clock board and the 基本チェックリスト through the real server, "today" 2026-12-04 (JST).
 * Figures by hand: survey target 7 calendar days (国の参考期間, docs/sources/certification.md §0): assigned 2026-11-24 →
 * due 2026-12-01; opinion target 13 days: requested 2026-11-24 → due 2026-12-07, reminder at request + 10 → 2026-12-04;
 * 意見書作成料 在宅 初回 5,000円 (区分 11, §1.4). Applied 2026-11-05: legal deadline 2026-12-05 (D0 + 30, 法第27条第11項),
 * 29 days since application, 1 day left; D0 + 25 = 2026-11-30 has passed without documents → a 延期通知 (§8(b)),
 * reason 3 (neither the survey form nor the opinion is in).
 */
describe.each(databaseKinds)('認定調査・主治医意見書・30日ボード on %s', (kind) => {
  let t: TestServer
  let clerk: string
  let centre: string
  const client = () => terminalClient(t)
  const apply = (input: Apply, token = clerk) =>
    client().call('certification.apply', { ...input, idempotencyKey: randomUUID() }, token)

  beforeAll(async () => {
    t = await startTestServer(kind, 100, { startAt: new Date('2026-12-04T10:00:00+09:00') })
    clerk = await signIn(t, 'nintei01')
    centre = await signIn(t, 'sodan01')
  })
  afterAll(async () => t?.close())

  describe('the survey: assignment with its due date, the draft saved with the linter, the submission', () => {
    it('assigns, saves a contradictory draft (warning 01 shown, not blocking), submits, and moves the case', async () => {
      const p = await addResident(t, '1940-06-01', 'okubo')
      const c = await apply({ personId: p.id, kind: 'new', appliedOn: '2026-11-24' })
      const assigned = await client().call(
        'certification.assignSurvey',
        {
          caseId: c.id,
          mode: 'direct',
          surveyorName: '調査 一郎',
          assignedOn: '2026-11-24',
          idempotencyKey: randomUUID(),
        },
        clerk,
      )
      expect(assigned).toMatchObject({ mode: 'direct', officeName: '区職員（直営）', dueOn: '2026-12-01', fee: null })
      const saved = await client().call(
        'certification.saveSurveyDraft',
        { caseId: c.id, draft: { items: { '1-3': 3, '1-10': 1 } }, rowVersion: assigned.rowVersion },
        clerk,
      )
      expect(saved.warnings.map((w) => w.code)).toEqual(['01'])
      const stale = await callRoute(
        t,
        'certification.saveSurveyDraft',
        { caseId: c.id, draft: { items: {} }, rowVersion: assigned.rowVersion, reason: '下書き' },
        clerk,
      )
      expect(stale.status).toBe(409)
      // the draft survives: read back
      expect((await client().call('certification.survey', { caseId: c.id }, clerk)).draft).toEqual({
        items: { '1-3': 3, '1-10': 1 },
      })
      const { SURVEY_ITEMS } = await import('../../../../../shared/certification')
      const items = Object.fromEntries(SURVEY_ITEMS.map((i) => [i.code, i.multiple ? [1] : 1]))
      const submitted = await client().call(
        'certification.submitSurvey',
        {
          caseId: c.id,
          survey: {
            performedOn: '2026-11-28',
            place: '自宅内',
            items,
            specialMedicalCare: [],
            physicalIndependence: '自立',
            dementiaIndependence: '自立',
            specialNotes: [],
          },
          receivedOn: '2026-11-30',
          place: 'home',
          idempotencyKey: randomUUID(),
        },
        clerk,
      )
      expect(submitted.submittedOn).toBe('2026-11-30')
      const after = await client().call('certification.case', { caseId: c.id }, clerk)
      expect(after.stage).toBe('surveyReceived')
      expect(after.events.map((e) => e.kind)).toEqual(['applied', 'surveyAssigned', 'surveyed', 'surveyReceived'])
    })
    it('refuses an office number that is not in the provider master', async () => {
      const p = await addResident(t, '1940-06-02', 'okubo')
      const c = await apply({ personId: p.id, kind: 'new', appliedOn: '2026-12-01' })
      const res = await callRoute(
        t,
        'certification.assignSurvey',
        {
          caseId: c.id,
          mode: 'contracted',
          officeNumber: '0000000000',
          surveyorName: '調査 二郎',
          assignedOn: '2026-12-01',
          idempotencyKey: randomUUID(),
        },
        clerk,
      )
      expect(res.status).toBe(422)
      expect(res.body.title).toContain('事業所マスタ')
    })
    it('a 相談センター cannot enter a survey', async () => {
      const p = await addResident(t, '1940-06-03', 'okubo')
      const c = await apply({ personId: p.id, kind: 'new', appliedOn: '2026-12-01' }, centre)
      const res = await callRoute(
        t,
        'certification.assignSurvey',
        { caseId: c.id, mode: 'direct', surveyorName: 'x', assignedOn: '2026-12-01', idempotencyKey: randomUUID() },
        centre,
      )
      expect(res.status).toBe(403)
    })
  })

  describe('the opinion: request with due and reminder dates, receipt by channel with the fee by category', () => {
    it('requests and receives a 介護情報基盤 opinion: 在宅 初回 → 5,000円 (11)', async () => {
      const p = await addResident(t, '1940-07-01', 'okubo')
      const c = await apply({ personId: p.id, kind: 'new', appliedOn: '2026-11-24' })
      const requested = await client().call(
        'certification.requestOpinion',
        {
          caseId: c.id,
          clinicName: '検証クリニック',
          doctorName: '検証 医師',
          requestedOn: '2026-11-24',
          idempotencyKey: randomUUID(),
        },
        clerk,
      )
      expect(requested).toMatchObject({ dueOn: '2026-12-07', reminderOn: '2026-12-04', receivedOn: null })
      const board = await client().call('certification.clockBoard', { months: 12 }, clerk)
      expect(board.queues.opinionReminderDue).toContain(c.id)
      const received = await client().call(
        'certification.receiveOpinion',
        {
          caseId: c.id,
          opinion: {
            channel: 'kiban',
            receivedOn: '2026-12-03',
            writtenOn: '2026-12-01',
            times: '初回',
            homeOrFacility: '在宅',
            diagnoses: [{ name: '検証病' }],
            stability: '安定',
            specialMedicalCare: [],
            physicalIndependence: 'J1',
            firstDecisionItems: {
              shortTermMemory: '問題なし',
              cognitiveAbility: '自立',
              communication: '伝えられる',
              eating: '自立ないし何とか自分で食べられる',
              dementiaIndependence: '自立',
            },
          },
          idempotencyKey: randomUUID(),
        },
        clerk,
      )
      expect(received).toMatchObject({ channel: 'kiban', fee: 5000, feeCode: '11', receivedOn: '2026-12-03' })
    })
  })

  describe('visit slot, reminders, hold and the work view of a case', () => {
    it('schedules the visit, counts a survey reminder, holds and resumes, and shows the work view by role', async () => {
      const p = await addResident(t, '1940-10-01', 'okubo')
      const c = await apply({ personId: p.id, kind: 'new', appliedOn: '2026-12-01' })
      const s = await client().call(
        'certification.assignSurvey',
        {
          caseId: c.id,
          mode: 'direct',
          surveyorName: '調査 一郎',
          assignedOn: '2026-12-01',
          idempotencyKey: randomUUID(),
        },
        clerk,
      )
      const scheduled = await client().call(
        'certification.scheduleSurvey',
        {
          caseId: c.id,
          visitOn: '2026-12-07',
          visitTime: '10:00',
          visitPlace: '自宅',
          rowVersion: s.rowVersion,
          reason: '日程調整',
        },
        clerk,
      )
      expect(scheduled).toMatchObject({ visitOn: '2026-12-07', visitTime: '10:00' })
      await client().call(
        'certification.recordReminder',
        { caseId: c.id, target: 'survey', on: '2026-12-04', idempotencyKey: randomUUID() },
        clerk,
      )
      await client().call(
        'certification.requestOpinion',
        {
          caseId: c.id,
          clinicName: '検証医院',
          doctorName: '検証 医師',
          requestedOn: '2026-12-01',
          idempotencyKey: randomUUID(),
        },
        clerk,
      )
      await client().call(
        'certification.recordReminder',
        { caseId: c.id, target: 'opinion', on: '2026-12-04', idempotencyKey: randomUUID() },
        clerk,
      )
      expect((await client().call('certification.opinion', { caseId: c.id }, clerk)).reminderCount).toBe(1)
      const current = await client().call('certification.case', { caseId: c.id }, clerk)
      const held = await client().call(
        'certification.holdCase',
        {
          caseId: c.id,
          hold: true,
          on: '2026-12-04',
          reason: '入院中',
          rowVersion: current.rowVersion,
          idempotencyKey: randomUUID(),
        },
        clerk,
      )
      expect(held.onHold).toBe(true)
      const resumed = await client().call(
        'certification.holdCase',
        {
          caseId: c.id,
          hold: false,
          on: '2026-12-04',
          reason: '退院',
          rowVersion: held.rowVersion,
          idempotencyKey: randomUUID(),
        },
        clerk,
      )
      expect(resumed.onHold).toBe(false)
      const work = await client().call('certification.caseWork', { caseId: c.id }, clerk)
      expect(work.survey).toMatchObject({ reminderCount: 1, visitOn: '2026-12-07' })
      // the 相談センター follows the case but does not see the survey form or the opinion
      const followed = await client().call('certification.caseWork', { caseId: c.id }, centre)
      expect(followed).toMatchObject({ survey: null, opinion: null })
      expect(followed.case.events.map((e) => e.kind)).toContain('onHold')
    })
  })

  describe('the clock board: days since and left, the 延期通知 list, scoped to the centre', () => {
    it('a case applied 2026-11-05 without documents: day 29, 1 day left, overdue survey, needs a first 延期通知 (reason 3)', async () => {
      const p = await addResident(t, '1940-08-01', 'okubo')
      const c = await apply({ personId: p.id, kind: 'new', appliedOn: '2026-11-05' })
      const board = await client().call('certification.clockBoard', { months: 12 }, clerk)
      const row = board.rows.find((r) => r.caseId === c.id)!
      expect(row.clock).toMatchObject({ legalDeadline: '2026-12-05', daysSinceApplication: 29, daysLeft: 1 })
      expect(row.delayNoticeNeeded).toBe(true)
      const need = board.delayNotices.find((d) => d.caseId === c.id)!
      expect(need).toMatchObject({ kind: 'first', reason: 3, issueBy: '2026-12-05' })
      expect(need.expectedOn > '2026-12-05').toBe(true)
      expect(board.queues.surveyNotDone).toContain(c.id)
    })
    it('the centre sees only its own area on the board', async () => {
      const other = await addResident(t, '1940-08-02', 'totsuka', '高田馬場')
      const theirs = await apply({ personId: other.id, kind: 'new', appliedOn: '2026-12-01' })
      const board = await client().call('certification.clockBoard', { months: 12 }, centre)
      expect(board.rows.length).toBeGreaterThan(0)
      expect(board.rows.every((r) => r.careArea === 'okubo')).toBe(true)
      expect(board.rows.some((r) => r.caseId === theirs.id)).toBe(false)
    })
  })

  describe('基本チェックリスト and 事業対象者 (criterion ⑤: item 16 いいえ)', () => {
    // はい on 1–8, 16, 19 and いいえ elsewhere counts nothing (CHECKLIST_NO_COUNTS, docs/sources/domain.md §7)
    const neutral = Array.from({ length: 25 }, (_, i) => [1, 2, 3, 4, 5, 6, 7, 8, 16, 19].includes(i + 1))
    it('neutral answers meet no criterion; registration is refused', async () => {
      const p = await addResident(t, '1940-09-01', 'okubo')
      const res = await callRoute(
        t,
        'certification.recordChecklist',
        {
          personId: p.id,
          answeredOn: '2026-12-01',
          answers: neutral,
          registerParticipant: true,
          idempotencyKey: randomUUID(),
        },
        centre,
      )
      expect(res.status).toBe(422)
    })
    it('item 16 いいえ meets ⑤: the centre registers the person as 事業対象者, ended later with a reason', async () => {
      const p = await addResident(t, '1940-09-02', 'okubo')
      const answers = neutral.map((a, i) => (i === 15 ? false : a))
      const recorded = await client().call(
        'certification.recordChecklist',
        { personId: p.id, answeredOn: '2026-12-01', answers, registerParticipant: true, idempotencyKey: randomUUID() },
        centre,
      )
      expect(recorded.checklist).toMatchObject({ criteria: ['⑤'], programEligible: true })
      expect(recorded.participant).toMatchObject({ validFrom: '2026-12-01', endedOn: null })
      const ended = await client().call(
        'certification.endParticipation',
        {
          participantId: recorded.participant!.id,
          endedOn: '2026-12-03',
          endReason: 'certified',
          rowVersion: recorded.participant!.rowVersion,
          reason: '要支援認定',
        },
        centre,
      )
      expect(ended).toMatchObject({ endedOn: '2026-12-03', endReason: 'certified' })
      const { participants } = await client().call('certification.personChecklists', { personId: p.id }, clerk)
      expect(participants).toHaveLength(1)
    })
  })
})
