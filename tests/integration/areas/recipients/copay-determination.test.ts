import { randomUUID } from 'node:crypto'
import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { certifiedPersons, recipientChangeQueue } from '../../../../server/src/areas/certification'
import { persons } from '../../../../server/src/areas/persons/schema'
import { copayRatePeriodsOf, reliefCertificationsOf } from '../../../../server/src/areas/recipients'
import { provisionUser, signIn, stepUp } from '../../support/accounts'
import { callRoute, terminalClient } from '../../support/clients'
import { databaseKinds } from '../../support/databases'
import { startTestServer, type TestServer } from '../../support/test-server'
import { addHousehold, addMember, addTaxRecord } from '../premiums/household'

/**
 * 負担割合 through the real server (mutual TLS, session, audit row). A single 65+ person, certified 2025-04-01〜
 * 2027-03-31, no salary; public pension 1,300,000 (雑所得 200,000) plus other income.
 * - 令和7年度 record (2024 income): 合計所得 1,600,000 → judged 1,600,000 − 100,000 (給与・年金の10万円控除,
 *   docs/sources/domain.md §5.3) = 1,500,000 < 1,600,000 → 1割 for 2025-08-01〜2026-07-31.
 * - 令和8年度 record (2025 income): 合計所得 1,700,000 → judged 1,600,000 ≥ 1,600,000, and 年金収入＋その他の合計所得
 *   = 1,300,000 + (1,700,000 − 200,000) = 2,800,000 ≥ 2,800,000 (single) → 2割 from 2026-08-01
 *   (docs/sources/domain.md §5.3 table: 20 % at 1,600,000 and single 2,800,000 or more).
 */
describe.each(databaseKinds)('負担割合の年次判定 on %s', (kind) => {
  let t: TestServer
  let clerk: string
  /** A second 給付担当, who decides what the first took (four eyes). */
  let secondClerk: string
  let supervisor: string
  let supervisorLogin: string
  let person: { id: number }

  const runYear = async (copayYear: number) => {
    const dry = await terminalClient(t).call(
      'recipients.copayDryRun',
      { copayYear, idempotencyKey: randomUUID() },
      clerk,
    )
    await stepUp(t, supervisorLogin, supervisor)
    await terminalClient(t).call(
      'recipients.copayApprove',
      { runId: dry.run.runId, idempotencyKey: randomUUID() },
      supervisor,
    )
    await terminalClient(t).call(
      'recipients.copayCommit',
      { runId: dry.run.runId, idempotencyKey: randomUUID() },
      clerk,
    )
    return dry
  }

  beforeAll(async () => {
    t = await startTestServer(kind, 200, { startAt: new Date('2026-07-01T09:00:00+09:00') })
    const c = await provisionUser(t, { roles: ['benefitClerk'] })
    const s = await provisionUser(t, { roles: ['supervisor'] })
    clerk = await signIn(t, c.loginId)
    secondClerk = await signIn(t, (await provisionUser(t, { roles: ['benefitClerk'] })).loginId)
    supervisorLogin = s.loginId
    supervisor = await signIn(t, s.loginId)
    const household = await addHousehold(t)
    person = await addMember(t, household, '1950-05-05', [
      { kind: 'acquisition', on: '2015-05-04', reason: 'reachingAge65', recordedAt: '2015-05-04T09:00:00+09:00' },
    ])
    await t.database.db.update(persons).set({ insuredCategory: 1 }).where(eq(persons.id, person.id))
    await t.database.db.insert(certifiedPersons).values({
      personId: person.id,
      caseId: null,
      level: 'care1',
      decidedOn: '2025-03-20',
      validFrom: '2025-04-01',
      validTo: '2027-03-31',
      boardOpinion: '',
      serviceTypes: [],
      withoutBoard: false,
      recordedAt: t.clock.now(),
    })
    await addTaxRecord(t, person.id, 2025, {
      taxable: true,
      totalIncome: 1_600_000,
      publicPensionIncome: 1_300_000,
      pensionMiscIncome: 200_000,
    })
    await addTaxRecord(t, person.id, 2026, {
      taxable: true,
      totalIncome: 1_700_000,
      publicPensionIncome: 1_300_000,
      pensionMiscIncome: 200_000,
    })
  }, 240_000)
  afterAll(async () => t?.close())

  it('income crossing the 2割 threshold changes the ratio from 1 August, with its 受給者異動', async () => {
    await runYear(2025)
    const dry = await runYear(2026)
    expect(dry.run.status).toBe('awaitingApproval')
    const detail = await terminalClient(t).call('recipients.copayRun', { runId: dry.run.runId, limit: 500 }, clerk)
    expect(detail.changes.rows.find((r) => r.personId === person.id)).toMatchObject({ oldRatio: 1, newRatio: 2 })
    const periods = (await copayRatePeriodsOf(t.database.db, [person.id])).get(person.id)
    expect(periods?.map((p) => [p.validFrom, p.validTo, p.ratio])).toEqual([
      ['2025-08-01', '2026-07-31', 1],
      ['2026-08-01', '2027-07-31', 2],
    ])
    const queued = await t.database.db
      .select()
      .from(recipientChangeQueue)
      .where(and(eq(recipientChangeQueue.personId, person.id), eq(recipientChangeQueue.changeKind, 'copayRatio')))
    expect(queued.map((q) => q.effectiveOn).sort()).toEqual(['2025-08-01', '2026-08-01'])
    const certificate = await terminalClient(t).call(
      'recipients.copayCertificate',
      { personId: person.id, on: '2026-08-01', idempotencyKey: randomUUID() },
      clerk,
    )
    expect(certificate.pages).toBe(1)
  }, 240_000)

  it('the preparer cannot sign off its own run', async () => {
    const both = await provisionUser(t, { roles: ['benefitClerk', 'supervisor'] })
    const token = await signIn(t, both.loginId)
    const dry = await terminalClient(t).call(
      'recipients.copayDryRun',
      { copayYear: 2026, idempotencyKey: randomUUID() },
      token,
    )
    await stepUp(t, both.loginId, token)
    const refused = await callRoute(
      t,
      'recipients.copayApprove',
      { runId: dry.run.runId, idempotencyKey: randomUUID() },
      token,
    )
    expect(refused.status).toBe(403)
  }, 240_000)

  it('an overlapping 居宅サービス計画作成依頼届出 is refused with the reason', async () => {
    await terminalClient(t).call(
      'recipients.carePlanNotify',
      {
        personId: person.id,
        planKind: 'self',
        providerNumber: null,
        notifiedOn: '2026-04-01',
        validFrom: '2026-04-01',
        validTo: null,
        idempotencyKey: randomUUID(),
      },
      clerk,
    )
    const refused = await callRoute(
      t,
      'recipients.carePlanNotify',
      {
        personId: person.id,
        planKind: 'self',
        providerNumber: null,
        notifiedOn: '2026-06-01',
        validFrom: '2026-06-01',
        validTo: null,
        idempotencyKey: randomUUID(),
      },
      clerk,
    )
    expect(refused.status).toBe(422)
    expect(refused.body.title).toContain('届出の期間が既存の届出（2026-04-01〜、自己作成）と重なっています')
  }, 240_000)

  it('負担限度額: an exempt single person with 年金収入等 800,000 and savings 6,500,000 is 第2段階', async () => {
    // docs/sources/domain.md §5.5: household untaxed, pension income ≤ 809,000 (until 2026-07-31) → stage 2;
    // savings limit single 6,500,000 (以下) → 6,500,000 passes. Applied 2026-07-10: valid 2026-07-01〜2026-07-31.
    const household = await addHousehold(t)
    const exempt = await addMember(t, household, '1948-02-02', [
      { kind: 'acquisition', on: '2013-02-01', reason: 'reachingAge65', recordedAt: '2013-02-01T09:00:00+09:00' },
    ])
    await t.database.db.update(persons).set({ insuredCategory: 1 }).where(eq(persons.id, exempt.id))
    await addTaxRecord(t, exempt.id, 2025, {
      taxable: false,
      totalIncome: 0,
      publicPensionIncome: 800_000,
      pensionMiscIncome: 0,
    })
    const applied = await terminalClient(t).call(
      'recipients.reliefApply',
      {
        personId: exempt.id,
        appliedOn: '2026-07-10',
        savings: 6_500_000,
        married: false,
        spouseTaxable: false,
        idempotencyKey: randomUUID(),
      },
      clerk,
    )
    expect(applied).toMatchObject({ stage: '2', validFrom: '2026-07-01', validTo: '2026-07-31', status: 'applied' })
    const approved = await terminalClient(t).call(
      'recipients.reliefDecide',
      {
        recordId: applied.id,
        approve: true,
        rowVersion: applied.rowVersion,
        reason: '要件確認済み',
        idempotencyKey: randomUUID(),
      },
      secondClerk,
    )
    expect(approved.status).toBe('approved')
    const periods = (await reliefCertificationsOf(t.database.db, [exempt.id])).get(exempt.id)
    expect(periods?.map((p) => [p.stage, p.validFrom, p.validTo])).toEqual([[2, '2026-07-01', '2026-07-31']])
  }, 240_000)

  it('a re-determination with unchanged income writes nothing; the overview shows the periods; a 届出 ends; a run is sent back', async () => {
    const same = await terminalClient(t).call(
      'recipients.copayRedetermine',
      { personId: person.id, effectiveFrom: '2026-09-01', reason: '更正の確認', idempotencyKey: randomUUID() },
      clerk,
    )
    expect(same).toMatchObject({ oldRatio: 2, newRatio: 2, period: null })
    const overview = await terminalClient(t).call('recipients.overview', { personId: person.id }, clerk)
    expect(overview.copayPeriods.map((p) => p.ratio)).toEqual([1, 2])
    const open = overview.carePlanNotifications[0]!
    const ended = await terminalClient(t).call(
      'recipients.carePlanEnd',
      {
        recordId: open.id,
        validTo: '2026-05-31',
        rowVersion: open.rowVersion,
        reason: '事業所へ変更',
        idempotencyKey: randomUUID(),
      },
      clerk,
    )
    expect(ended.validTo).toBe('2026-05-31')
    const dry = await terminalClient(t).call(
      'recipients.copayDryRun',
      { copayYear: 2026, idempotencyKey: randomUUID() },
      clerk,
    )
    const rejected = await terminalClient(t).call(
      'recipients.copayReject',
      { runId: dry.run.runId, reason: '課税情報の取込待ち', idempotencyKey: randomUUID() },
      supervisor,
    )
    expect(rejected.status).toBe('rejected')
  }, 240_000)
})
