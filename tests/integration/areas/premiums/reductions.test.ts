import { randomUUID } from 'node:crypto'
import { and, asc, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { premiumReliefDecisions } from '../../../../server/src/areas/premiums/reductions/schema'
import { auditLog } from '../../../../server/src/core/db/schema'
import type { AssessmentVersion } from '../../../../shared/api/premiums'
import type { ApiInput } from '../../../../shared/api/routes'
import { provisionUser, signIn, stepUp } from '../../support/accounts'
import { callRoute, terminalClient } from '../../support/clients'
import { databaseKinds } from '../../support/databases'
import { startTestServer, type TestServer } from '../../support/test-server'
import { addHousehold, addMember, residentTaxCsv, taxedRecord } from './household'

const amounts = (a: AssessmentVersion) => a.installments.map((i) => i.amount)
const dueDates = (a: AssessmentVersion) => a.installments.map((i) => i.dueDate)
const sum = (a: AssessmentVersion) => a.installments.reduce((s, i) => s + i.amount, 0)

/**
 * 減免・徴収猶予 (介護保険法第142条) through the real server: recorded by a 賦課収納担当, decided by a second person
 * (監督者, step-up), withdrawn, queued; an approval reassesses the person's year in the same transaction. Expected yen
 * by hand: 新宿区 基準額 79,200円 × stage 6 rate 1.2 = 95,040 (SHINJUKU_BASE_PREMIUM [S22], 施行令38条), nine 納期
 * July–March at month end in 100-yen units with the remainder in the first (SHINJUKU_DIRECT_PAYMENT ⚠️): 11,040 then
 * 8 × 10,500. The ward's relief table is the 新宿区 default ⚠️ (災害 損害 3割以上 → 1/2, 5割以上 → 全額; 猶予 6か月以内;
 * shared/domain/parameters/premium-reduction.ts).
 */
describe.each(databaseKinds)('減免・徴収猶予 on %s', (kind) => {
  let t: TestServer
  let clerk: string
  let supervisor: string
  let both: { loginId: string }
  let bothToken: string
  const client = () => terminalClient(t)
  const advanceTo = (iso: string) => t.clock.advance((Date.parse(iso) - t.clock.now().getTime()) / 1000)
  const apply = (input: Omit<ApiInput<'premiums.reductionApply'>, 'idempotencyKey'>, token = clerk) =>
    client().call('premiums.reductionApply', { ...input, idempotencyKey: randomUUID() }, token)
  const decide = (input: Omit<ApiInput<'premiums.reductionDecide'>, 'idempotencyKey'>, token = supervisor) =>
    client().call('premiums.reductionDecide', { ...input, idempotencyKey: randomUUID() }, token)
  const versions = async (personId: number) =>
    (await client().call('premiums.personAssessments', { personId }, clerk)).versions.filter(
      (v) => v.fiscalYear === 2026,
    )
  const lastAudit = async (action: string) =>
    (await t.database.db.select().from(auditLog).where(eq(auditLog.action, action)).orderBy(asc(auditLog.seq))).pop()
  let disaster: { id: number; residentCode: string }
  let rejected: { id: number; residentCode: string }
  let deferred: { id: number; residentCode: string }

  beforeAll(async () => {
    t = await startTestServer(kind, 100, { startAt: new Date('2026-07-01T09:00:00+09:00') })
    clerk = await signIn(t, 'fuka01')
    both = await provisionUser(t, { roles: ['premiumClerk', 'supervisor'] })
    const household = await addHousehold(t)
    const insured = [
      {
        kind: 'acquisition' as const,
        on: '2015-05-04',
        reason: 'reachingAge65' as const,
        recordedAt: '2015-05-04T09:00:00+09:00',
      },
    ]
    disaster = await addMember(t, household, '1950-05-05', insured)
    rejected = await addMember(t, household, '1950-06-05', insured)
    deferred = await addMember(t, household, '1950-07-05', insured)
    // 合計所得 1,000,000 < 1,200,000 → stage 6 for all three (本人課税)
    const imported = await client().call(
      'premiums.importResidentTax',
      {
        fileName: 'KAZEI_2026_GENMEN.csv',
        contentBase64: residentTaxCsv(
          [disaster, rejected, deferred].map((p) => taxedRecord(p.residentCode, '1000000')),
        ),
        idempotencyKey: randomUUID(),
      },
      clerk,
    )
    expect(imported).toMatchObject({ status: 'applied', applied: 3 })
    for (const p of [disaster, rejected, deferred]) {
      const { assessment } = await client().call(
        'premiums.assess',
        { personId: p.id, fiscalYear: 2026, idempotencyKey: randomUUID() },
        clerk,
      )
      expect(amounts(assessment)).toEqual([11_040, 10_500, 10_500, 10_500, 10_500, 10_500, 10_500, 10_500, 10_500])
    }
    // 2026-09-10: 第1期 (7/31) and 第2期 (8/31) are due, 第3期 (9/30) … 第9期 are not.
    advanceTo('2026-09-10T10:00:00+09:00')
    // Sessions do not outlive the two months: everyone signs in on the day.
    clerk = await signIn(t, 'fuka01')
    supervisor = await signIn(t, 'kantoku01')
    bothToken = await signIn(t, both.loginId)
    await stepUp(t, 'kantoku01', supervisor)
    await stepUp(t, both.loginId, bothToken)
  })
  afterAll(() => t.close())

  describe('減免: recorded by one person, decided by another, flowing into the installments', () => {
    let applicationId: number

    it('records the application with its reason, figures and documents; it waits in the 監督者’s queue', async () => {
      const created = await apply(
        {
          personId: disaster.id,
          fiscalYear: 2026,
          kind: 'reduction',
          reliefReason: 'disaster',
          figures: { damagePercent: 40, previousIncome: null, expectedIncome: null },
          documents: ['り災証明書'],
          receivedOn: '2026-09-10',
        },
        bothToken,
      )
      applicationId = created.id
      // 1/2 of 第3期〜第9期 (7 × 10,500 = 73,500) = 36,750 (損害 40 % ≥ 3割)
      expect(created).toMatchObject({
        status: 'pending',
        reliefReason: 'disaster',
        documents: ['り災証明書'],
        proposal: { base: 73_500, amount: 36_750, notEligible: null },
        decision: null,
      })
      const queue = await client().call('premiums.reductionQueue', { fiscalYear: 2026 }, supervisor)
      expect(queue.applications.map((a) => a.id)).toContain(applicationId)
      const clerkQueue = await callRoute(t, 'premiums.reductionQueue', {}, clerk)
      expect(clerkQueue.status).toBe(403)
    })

    it('a second pending 減免 of the same year is refused', async () => {
      const second = await callRoute(
        t,
        'premiums.reductionApply',
        {
          personId: disaster.id,
          fiscalYear: 2026,
          kind: 'reduction',
          reliefReason: 'detention',
          receivedOn: '2026-09-10',
          idempotencyKey: randomUUID(),
        },
        clerk,
      )
      expect(second).toMatchObject({ status: 409, code: 'conflict' })
    })

    it('the person who recorded it cannot decide it, even holding the 監督者 role', async () => {
      const refused = await callRoute(
        t,
        'premiums.reductionDecide',
        { applicationId, decision: 'approve', idempotencyKey: randomUUID() },
        bothToken,
      )
      expect(refused).toMatchObject({ status: 403, code: 'forbidden' })
      expect(await versions(disaster.id)).toHaveLength(1)
    })

    it('a 監督者 approves: a 減免 version whose installments sum to the reduced amount, those already due unchanged', async () => {
      const decided = await decide({ applicationId, decision: 'approve' })
      expect(decided.application).toMatchObject({
        status: 'approved',
        decision: { outcome: 'approved', reductionAmount: 36_750, decidedOn: '2026-09-10', assessmentVersion: 2 },
      })
      const [before, after] = await versions(disaster.id)
      // 95,040 − 36,750 = 58,290; kept 11,040 + 10,500; the rest 36,750 over 7 納期: 5,200 each, first 5,550
      expect(after).toMatchObject({ version: 2, reason: 'reduction', annualAmount: 58_290, overpaidAmount: 0 })
      expect(amounts(after!)).toEqual([11_040, 10_500, 5_550, 5_200, 5_200, 5_200, 5_200, 5_200, 5_200])
      expect(sum(after!)).toBe(58_290)
      expect(after!.installments.slice(0, 2)).toEqual(before!.installments.slice(0, 2))
      expect(after!.explanation.steps).toContain('減免前年額 95,040円 − 減免額 36,750円 = 確定年額 58,290円')
      expect(decided.assessment).toMatchObject({ changed: true, assessment: { version: 2 } })
    })

    it('a decided application cannot be decided again', async () => {
      const again = await callRoute(
        t,
        'premiums.reductionDecide',
        { applicationId, decision: 'reject', comment: '再決定', idempotencyKey: randomUUID() },
        supervisor,
      )
      expect(again).toMatchObject({ status: 409, code: 'conflict' })
    })

    it('a later reassessment keeps the reduction (nothing changed: no new version)', async () => {
      const { changed } = await client().call(
        'premiums.assess',
        { personId: disaster.id, fiscalYear: 2026, idempotencyKey: randomUUID() },
        clerk,
      )
      expect(changed).toBe(false)
    })

    it('an income correction afterwards reassesses the year and keeps the reduction', async () => {
      const correction = await client().call(
        'premiums.importResidentTax',
        {
          fileName: 'KAZEI_KOSEI_20260910.csv',
          contentBase64: residentTaxCsv([
            { ...taxedRecord(disaster.residentCode, '2500000'), kosei_kubun: '1', kosei_date: '20260909' },
          ]),
          idempotencyKey: randomUUID(),
        },
        clerk,
      )
      expect(correction).toMatchObject({ status: 'applied', corrections: 1 })
      const { assessment } = await client().call(
        'premiums.assess',
        { personId: disaster.id, fiscalYear: 2026, idempotencyKey: randomUUID() },
        clerk,
      )
      // stage 8: 79,200 × 1.5 = 118,800; − 36,750 = 82,050; kept 11,040 + 10,500 = 21,540;
      // 60,510 over 7 納期: 8,600 each, first 60,510 − 6 × 8,600 = 8,910
      expect(assessment).toMatchObject({ version: 3, reason: 'incomeCorrection', annualAmount: 82_050 })
      expect(amounts(assessment)).toEqual([11_040, 10_500, 8_910, 8_600, 8_600, 8_600, 8_600, 8_600, 8_600])
      expect(sum(assessment)).toBe(82_050)
    })

    it('the history is append-only: the database refuses to change a decision', async () => {
      await expect(
        t.database.db
          .update(premiumReliefDecisions)
          .set({ reductionAmount: 1 })
          .where(eq(premiumReliefDecisions.applicationId, applicationId)),
      ).rejects.toThrow()
    })

    it('writes one audit row per request naming the person, the refused attempt included', async () => {
      const rows = await t.database.db
        .select()
        .from(auditLog)
        .where(eq(auditLog.action, 'premiums.reduction.decide'))
        .orderBy(asc(auditLog.seq))
      const forPerson = rows.filter((r) => (r.targetIds as number[]).includes(disaster.id))
      expect(forPerson.map((r) => r.outcome)).toEqual([
        expect.not.stringMatching(/^ok$/),
        'ok',
        expect.not.stringMatching(/^ok$/),
      ])
      expect(forPerson[1]!.purpose).toBe(`減免申請 #${applicationId} の承認（賦課 第2版）`)
      expect(await lastAudit('premiums.reduction.apply')).toMatchObject({ targetIds: [disaster.id] })
    })
  })

  describe('却下 and 取下げ', () => {
    it('a rejection needs its reason, records it and changes no installment', async () => {
      const created = await apply({
        personId: rejected.id,
        fiscalYear: 2026,
        kind: 'reduction',
        reliefReason: 'incomeDrop',
        figures: { damagePercent: null, previousIncome: 3_000_000, expectedIncome: 2_500_000 },
        documents: ['収入見込申立書'],
        receivedOn: '2026-09-09',
      })
      // (3,000,000 − 2,500,000) ÷ 3,000,000 = 16.66 % < 30 %
      expect(created.proposal).toMatchObject({ amount: null })
      expect(created.proposal!.notEligible).toContain('30%以上')
      const noReason = await callRoute(
        t,
        'premiums.reductionDecide',
        { applicationId: created.id, decision: 'reject', idempotencyKey: randomUUID() },
        supervisor,
      )
      expect(noReason).toMatchObject({ status: 422, code: 'reliefRefused' })
      const approveIneligible = await callRoute(
        t,
        'premiums.reductionDecide',
        { applicationId: created.id, decision: 'approve', idempotencyKey: randomUUID() },
        supervisor,
      )
      expect(approveIneligible).toMatchObject({ status: 422, code: 'reliefRefused' })
      const decided = await decide({
        applicationId: created.id,
        decision: 'reject',
        comment: '収入の減少率が区の基準（3割）に達しないため',
      })
      expect(decided).toMatchObject({
        assessment: null,
        application: {
          status: 'rejected',
          decision: { outcome: 'rejected', reductionAmount: null, assessmentVersion: null },
        },
      })
      expect(await versions(rejected.id)).toHaveLength(1)
    })

    it('a pending application is withdrawn by the clerk and leaves the queue; it cannot be decided afterwards', async () => {
      const created = await apply({
        personId: rejected.id,
        fiscalYear: 2026,
        kind: 'reduction',
        reliefReason: 'detention',
        seqs: [5, 6],
        documents: ['在所証明書'],
        receivedOn: '2026-09-10',
      })
      const withdrawn = await client().call(
        'premiums.reductionWithdraw',
        { applicationId: created.id, comment: '本人から取下げの申出', idempotencyKey: randomUUID() },
        clerk,
      )
      expect(withdrawn).toMatchObject({ status: 'withdrawn', decision: { outcome: 'withdrawn' } })
      const queue = await client().call('premiums.reductionQueue', {}, supervisor)
      expect(queue.applications.map((a) => a.id)).not.toContain(created.id)
      const late = await callRoute(
        t,
        'premiums.reductionDecide',
        { applicationId: created.id, decision: 'approve', idempotencyKey: randomUUID() },
        supervisor,
      )
      expect(late).toMatchObject({ status: 409 })
      const history = await client().call('premiums.personReductions', { personId: rejected.id }, clerk)
      expect(history.applications.map((a) => a.status)).toEqual(['withdrawn', 'rejected'])
      expect(await lastAudit('premiums.personReductions')).toMatchObject({ targetIds: [rejected.id], outcome: 'ok' })
      expect(await lastAudit('premiums.reduction.withdraw')).toMatchObject({ targetIds: [rejected.id] })
    })
  })

  describe('徴収猶予 moves the due dates of the 納期 concerned', () => {
    it('refuses a 猶予期限 beyond 6 months, then approves: 第3期・第4期 due on the 猶予期限, amounts unchanged', async () => {
      const created = await apply({
        personId: deferred.id,
        fiscalYear: 2026,
        kind: 'deferral',
        reliefReason: 'unemployment',
        seqs: [3, 4],
        documents: ['離職票'],
        receivedOn: '2026-09-10',
        // a Friday: the 猶予期限 is a business day of the ward
        deferredUntil: '2027-01-29',
      })
      // 6 months from the day after 2026-09-30 (第3期) end on 2027-03-31 (民法143条)
      const tooLong = await callRoute(
        t,
        'premiums.reductionDecide',
        { applicationId: created.id, decision: 'approve', deferredUntil: '2027-04-01', idempotencyKey: randomUUID() },
        supervisor,
      )
      expect(tooLong).toMatchObject({ status: 422, code: 'reliefRefused' })
      expect(tooLong.body.title).toContain('2027-03-31')
      const decided = await decide({ applicationId: created.id, decision: 'approve' })
      expect(decided.application.decision).toMatchObject({ deferredUntil: '2027-01-29', assessmentVersion: 2 })
      const [before, after] = await versions(deferred.id)
      expect(after).toMatchObject({ version: 2, reason: 'reduction', annualAmount: 95_040 })
      expect(amounts(after!)).toEqual(amounts(before!))
      // 第3期 (2026-09-30) and 第4期 (2026-11-02: 10/31 is a Saturday) move; every other 納期 stays
      expect(dueDates(before!).slice(2, 4)).toEqual(['2026-09-30', '2026-11-02'])
      expect(dueDates(after!)).toEqual([
        ...dueDates(before!).slice(0, 2),
        '2027-01-29',
        '2027-01-29',
        ...dueDates(before!).slice(4),
      ])
    })

    it('a 徴収猶予 names its 納期', async () => {
      const none = await callRoute(
        t,
        'premiums.reductionApply',
        {
          personId: deferred.id,
          fiscalYear: 2026,
          kind: 'deferral',
          reliefReason: 'disaster',
          receivedOn: '2026-09-10',
          deferredUntil: '2026-12-31',
          idempotencyKey: randomUUID(),
        },
        clerk,
      )
      expect(none).toMatchObject({
        status: 422,
        code: 'reliefRefused',
        body: { title: '徴収猶予する納期を選んでください' },
      })
    })
  })

  it('two 監督者 deciding the same application at once: one decision is kept, the other gets 409', async () => {
    const second = await provisionUser(t, { roles: ['supervisor'] })
    const secondToken = await signIn(t, second.loginId)
    await stepUp(t, second.loginId, secondToken)
    const created = await apply({
      personId: rejected.id,
      fiscalYear: 2026,
      kind: 'deferral',
      reliefReason: 'incomeDrop',
      seqs: [5],
      documents: ['収入見込申立書'],
      receivedOn: '2026-09-10',
      // 第5期 is due 2026-11-30; a Thursday within 6 months
      deferredUntil: '2027-02-25',
    })
    const attempt = (token: string) =>
      callRoute(
        t,
        'premiums.reductionDecide',
        { applicationId: created.id, decision: 'approve', idempotencyKey: randomUUID() },
        token,
      )
    const results = await Promise.all([attempt(supervisor), attempt(secondToken)])
    expect(results.map((r) => r.status).sort()).toEqual([200, 409])
    const rows = await t.database.db
      .select()
      .from(premiumReliefDecisions)
      .where(eq(premiumReliefDecisions.applicationId, created.id))
    expect(rows).toHaveLength(1)
    expect((await versions(rejected.id)).map((v) => v.version)).toEqual([1, 2])
  })

  it('refuses the application of a year not yet assessed', async () => {
    const res = await callRoute(
      t,
      'premiums.reductionApply',
      {
        personId: disaster.id,
        fiscalYear: 2025,
        kind: 'reduction',
        reliefReason: 'detention',
        receivedOn: '2026-09-10',
        idempotencyKey: randomUUID(),
      },
      clerk,
    )
    expect(res).toMatchObject({ status: 422, code: 'reliefRefused' })
    expect(
      await t.database.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, 'premiums.reduction.apply'), eq(auditLog.outcome, 'ok'))),
    ).toHaveLength(5)
  })
})
