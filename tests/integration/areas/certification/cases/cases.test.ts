import { randomUUID } from 'node:crypto'
import { eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { advanceCaseStage, certificationCaseEvents, loadCases } from '../../../../../server/src/areas/certification'
import type { Db } from '../../../../../server/src/core/db/connect'
import type { ApiInput } from '../../../../../shared/api/routes'
import { signIn } from '../../../support/accounts'
import { callRoute, terminalClient } from '../../../support/clients'
import { databaseKinds } from '../../../support/databases'
import { startTestServer, type TestServer } from '../../../support/test-server'
import { addResident } from '../support'

type Apply = Omit<ApiInput<'certification.apply'>, 'idempotencyKey'>

/**
 * 要介護認定の申請 through the real server, "today" 2026-12-04 (JST). Dates by hand: a renewal opens 60 days before the
 * end of the current validity (介護保険法第28条第2項; docs/sources/certification.md §1): validity to 2027-01-31 → opens
 * 2026-12-02 (31 − 30 = 2027-01-01, − 30 = 2026-12-02). The legal deadline is D0 + 30 (介護保険法第27条第11項): applied
 * 2026-12-01 → 2026-12-31.
 */
describe.each(databaseKinds)('認定申請 on %s', (kind) => {
  let t: TestServer
  let clerk: string
  let centre: string
  const client = () => terminalClient(t)
  const apply = (input: Apply, token = clerk) =>
    client().call('certification.apply', { ...input, idempotencyKey: randomUUID() }, token)
  const applyRaw = (input: Apply, token = clerk) =>
    callRoute(t, 'certification.apply', { ...input, idempotencyKey: randomUUID() }, token)

  beforeAll(async () => {
    t = await startTestServer(kind, 100, { startAt: new Date('2026-12-04T10:00:00+09:00') })
    clerk = await signIn(t, 'nintei01')
    centre = await signIn(t, 'sodan01') // 相談センター職員 of 大久保 (okubo)
  })
  afterAll(async () => t?.close())

  describe('a renewal opens 60 days before the end of the current validity and not earlier', () => {
    it('refuses a renewal applied 61 days before the end (2026-12-01 for validity to 2027-01-31)', async () => {
      const p = await addResident(t, '1940-04-10', 'okubo')
      const res = await applyRaw({
        personId: p.id,
        kind: 'renewal',
        appliedOn: '2026-12-01',
        previousValidTo: '2027-01-31',
      })
      expect(res.status).toBe(422)
      expect(res.body.title).toContain('2026-12-02')
    })
    it('accepts a renewal applied exactly 60 days before the end (2026-12-02)', async () => {
      const p = await addResident(t, '1940-04-11', 'okubo')
      const c = await apply({ personId: p.id, kind: 'renewal', appliedOn: '2026-12-02', previousValidTo: '2027-01-31' })
      expect(c).toMatchObject({ kind: 'renewal', stage: 'applied', previousValidTo: '2027-01-31', boardRequired: true })
      expect(c.clock.legalDeadline).toBe('2027-01-01')
    })
    it('refuses a renewal after the validity ended (a new application instead)', async () => {
      const p = await addResident(t, '1940-04-12', 'okubo')
      const res = await applyRaw({
        personId: p.id,
        kind: 'renewal',
        appliedOn: '2026-12-01',
        previousValidTo: '2026-11-30',
      })
      expect(res.status).toBe(422)
      expect(res.body.title).toContain('新規申請')
    })
  })

  describe('a consultation centre files and follows only the cases of its own area', () => {
    it('files for a resident of its area, marked as filed via the centre', async () => {
      const p = await addResident(t, '1941-05-01', 'okubo')
      const c = await apply({ personId: p.id, kind: 'new', appliedOn: '2026-12-03' }, centre)
      expect(c).toMatchObject({ filedVia: 'consultationCentre', filedCareArea: 'okubo', careArea: 'okubo' })
    })
    it('cannot file for, list or open a case of another area', async () => {
      const other = await addResident(t, '1941-05-02', 'totsuka', '高田馬場')
      const refused = await applyRaw({ personId: other.id, kind: 'new', appliedOn: '2026-12-03' }, centre)
      expect(refused.status).toBe(403)
      const theirs = await apply({ personId: other.id, kind: 'new', appliedOn: '2026-12-03' })
      const { cases } = await client().call('certification.cases', { openOnly: true }, centre)
      expect(cases.length).toBeGreaterThan(0)
      expect(cases.every((c) => c.careArea === 'okubo')).toBe(true)
      expect(cases.some((c) => c.id === theirs.id)).toBe(false)
      // another area's case is not found for the centre (its existence is not disclosed)
      expect((await callRoute(t, 'certification.case', { caseId: theirs.id }, centre)).status).toBe(404)
      expect((await callRoute(t, 'certification.cases', { personId: other.id }, centre)).status).toBe(403)
      // the 認定担当 sees every area
      expect((await client().call('certification.case', { caseId: theirs.id }, clerk)).careArea).toBe('totsuka')
    })
  })

  describe('the kinds of application', () => {
    it('a 第2号 (40–64) application needs the 特定疾病 and the medical insurance', async () => {
      const p = await addResident(t, '1970-01-15', 'okubo') // 56 on 2026-12-03
      const res = await applyRaw({ personId: p.id, kind: 'new', appliedOn: '2026-12-03' })
      expect(res.status).toBe(422)
      const c = await apply({
        personId: p.id,
        kind: 'new',
        appliedOn: '2026-12-03',
        category2: {
          specifiedDisease: '脳血管疾患',
          medicalInsurer: '検証健康保険組合',
          medicalInsuranceSymbol: '12',
          medicalInsuranceNumber: '3456',
        },
      })
      expect(c.category2?.specifiedDisease).toBe('脳血管疾患')
    })
    it('a 転入 with a 受給資格証明書 needs no board; applied later than 14 days after moving in it is refused', async () => {
      const p = await addResident(t, '1938-02-02', 'okubo')
      const certificate = {
        formerInsurer: '検証市',
        careLevel: 'care2',
        validFrom: '2026-06-01',
        validTo: '2027-05-31',
        issuedOn: '2026-11-15',
        movedInOn: '2026-11-19',
      }
      // 2026-11-19 + 14 = 2026-12-03 is the last day (介護保険法第36条)
      const late = await applyRaw({
        personId: p.id,
        kind: 'transferIn',
        appliedOn: '2026-12-04',
        transferCertificate: certificate,
      })
      expect(late.status).toBe(422)
      const c = await apply({
        personId: p.id,
        kind: 'transferIn',
        appliedOn: '2026-12-03',
        transferCertificate: certificate,
      })
      expect(c.boardRequired).toBe(false)
      expect(c.clock.stages.map((s) => s.stage)).toEqual(['registration', 'notice'])
    })
    it('urgent flags raise the priority: 末期がん above 退院調整 above none, and come first in the list', async () => {
      const a = await apply({
        personId: (await addResident(t, '1939-03-01', 'okubo')).id,
        kind: 'new',
        appliedOn: '2026-12-01',
        urgentFlags: ['dischargePlanning'],
      })
      const b = await apply({
        personId: (await addResident(t, '1939-03-02', 'okubo')).id,
        kind: 'new',
        appliedOn: '2026-12-02',
        urgentFlags: ['terminalCancer'],
      })
      expect([a.priority, b.priority]).toEqual([1, 2])
      const { cases } = await client().call('certification.cases', { openOnly: true }, clerk)
      expect(cases.findIndex((c) => c.id === b.id)).toBeLessThan(cases.findIndex((c) => c.id === a.id))
      expect(cases.findIndex((c) => c.id === a.id)).toBeLessThan(cases.findIndex((c) => c.priority === 0))
    })
    it('a second open case of the same person is refused', async () => {
      const p = await addResident(t, '1939-03-03', 'okubo')
      await apply({ personId: p.id, kind: 'new', appliedOn: '2026-12-01' })
      expect((await applyRaw({ personId: p.id, kind: 'new', appliedOn: '2026-12-02' })).status).toBe(409)
    })
  })

  describe('withdrawal and rejection close a case with a reason; the row version guards the change', () => {
    it('withdraws with the reason, refuses a stale row version and any later stage', async () => {
      const p = await addResident(t, '1939-04-01', 'okubo')
      const c = await apply({ personId: p.id, kind: 'new', appliedOn: '2026-12-01' })
      const close = (rowVersion: number) =>
        callRoute(
          t,
          'certification.closeCase',
          {
            caseId: c.id,
            outcome: 'withdrawn',
            on: '2026-12-04',
            reason: '本人の意思',
            rowVersion,
            idempotencyKey: randomUUID(),
          },
          clerk,
        )
      expect((await close(c.rowVersion + 1)).status).toBe(409)
      const ok = await close(c.rowVersion)
      expect(ok.status).toBe(200)
      expect(ok.body).toMatchObject({ stage: 'withdrawn', closedReason: '本人の意思' })
      const db = t.database.db as Db
      await expect(advanceCaseStage(db, c.id, 'surveyAssigned', '2026-12-04', null)).rejects.toThrow()
    })
  })

  describe('advanceCaseStage and loadCases: the stage machine and the append-only events', () => {
    it('moves through the stages in order and refuses a stage twice, a missing prerequisite or an earlier date', async () => {
      const db = t.database.db as Db
      const p = await addResident(t, '1939-05-01', 'okubo')
      const c = await apply({ personId: p.id, kind: 'new', appliedOn: '2026-11-20' })
      await expect(advanceCaseStage(db, c.id, 'surveyed', '2026-11-25', null)).rejects.toMatchObject({
        title: expect.stringContaining('調査依頼'),
      })
      await expect(advanceCaseStage(db, c.id, 'surveyAssigned', '2026-11-19', null)).rejects.toMatchObject({
        title: expect.stringContaining('申請日より前'),
      })
      await advanceCaseStage(db, c.id, 'surveyAssigned', '2026-11-21', null)
      await expect(advanceCaseStage(db, c.id, 'surveyAssigned', '2026-11-22', null)).rejects.toMatchObject({
        title: expect.stringContaining('記録済み'),
      })
      await advanceCaseStage(db, c.id, 'opinionRequested', '2026-11-21', null)
      const moved = await advanceCaseStage(db, c.id, 'surveyed', '2026-11-26', null)
      expect(moved.stage).toBe('surveyed')
      expect(moved.rowVersion).toBe(c.rowVersion + 3)
      const [loaded] = await loadCases(db, { ids: [c.id] })
      expect(loaded!.events.map((e) => e.kind)).toEqual(['applied', 'surveyAssigned', 'opinionRequested', 'surveyed'])
      expect(loaded!.clockEvents).toMatchObject({
        applicationDate: '2026-11-20',
        surveyRequestedOn: '2026-11-21',
        opinionRequestedOn: '2026-11-21',
        surveyDoneOn: '2026-11-26',
      })
      await expect(
        db.execute(sql`update certification_case_events set note = 'x' where case_id = ${c.id}`),
      ).rejects.toThrow()
      await expect(db.delete(certificationCaseEvents).where(eq(certificationCaseEvents.caseId, c.id))).rejects.toThrow()
    })
  })
})
