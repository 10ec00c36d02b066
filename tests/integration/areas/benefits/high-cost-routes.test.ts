import { randomUUID } from 'node:crypto'
import { asc, count, eq, inArray } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  benefitRecordFiles,
  benefitRecords,
  highCostApplications,
  highCostDecisions,
} from '../../../../server/src/areas/benefits'
import { benefitRestrictionSteps } from '../../../../server/src/areas/collection/arrears/schema'
import { auditLog } from '../../../../server/src/core/db/schema'
import { provisionUser, signIn, stepUp } from '../../support/accounts'
import { callRoute, terminalClient } from '../../support/clients'
import { databaseKinds } from '../../support/databases'
import { startTestServer, type TestServer } from '../../support/test-server'
import { addHousehold, addMember, addTaxRecord } from '../premiums/household'

/**
 * 高額介護サービス費 of the サービス提供年月 2026-09 through the real server (mutual TLS, session, audit row). The month
 * uses the 令和8年度 住民税課税情報 (2025 income; docs/sources/domain.md §5.4 "The year used"). Caps of
 * docs/sources/domain.md §5.4: 課税世帯 課税所得380万円未満 44,400 (household); 世帯全員非課税 24,600 (household);
 * 非課税 with 年金収入等 ≤ L' 15,000 (individual), L' = 826,500 from 2026-08-01. Every person is dummy, every figure
 * computed by hand:
 * - A (課税, 一般 44,400): A1 31,000 + A2 20,000 = 51,000 → excess 6,600, split by share (largest remainder,
 *   docs/high-cost.md): A1 ⌊6,600 × 31,000 ÷ 51,000⌋ = ⌊4,011.76⌋ = 4,011, A2 ⌊2,588.23⌋ = 2,588; 1 yen left goes
 *   to the larger remainder (A1 .76 > A2 .23) → A1 4,012, A2 2,588 (sum 6,600). A1 has applied, A2 not yet.
 * - B (世帯全員非課税 24,600; 年金収入 1,000,000 > 826,500, so no individual cap): 30,000 − 24,600 = 5,400.
 * - C (世帯全員非課税; 年金収入 800,000 ≤ 826,500 → individual 15,000): 30,000 − 15,000 = 15,000 first; 15,000 left
 *   ≤ 24,600 → no household part. Refund 15,000.
 * - D (課税, 一般 44,400): 10,000 ≤ 44,400 → nothing.
 * - E (課税, 合計所得 5,000,000 ≥ 3,800,000): 課税所得 unknown → undecided, nothing written.
 * - F (課税, 一般 44,400): F1 under a 給付額減額 (介護保険法第69条) 40,000 is neither paid nor counted (docs/high-cost.md
 *   rule 3 ⚠️), F2 50,000 − 44,400 = 5,600.
 * Total refunded: 4,012 + 2,588 + 5,400 + 15,000 + 5,600 = 32,600.
 */
const MONTH = '2026-09'
const byId = (a: number, b: number) => a - b

describe.each(databaseKinds)('高額介護サービス費 monthly run on %s', (kind) => {
  let t: TestServer
  let clerk: string
  let clerkId: number
  let supervisor: string
  let supervisorLogin: string
  const p: Record<'a1' | 'a2' | 'b' | 'c' | 'd' | 'e' | 'f1' | 'f2', number> = {
    a1: 0,
    a2: 0,
    b: 0,
    c: 0,
    d: 0,
    e: 0,
    f1: 0,
    f2: 0,
  }
  let line = 0

  const decisionCount = async () => Number((await t.database.db.select({ n: count() }).from(highCostDecisions))[0]!.n)

  /** One claim in force (新規, 現物) of a person's month, 1割: 費用額 = 10 × the 利用者負担額. */
  async function addClaim(personId: number, copay: number, serviceMonth = MONTH) {
    const db = t.database.db
    const [file] = await db
      .insert(benefitRecordFiles)
      .values({
        fileName: `KYUFU_TEST_${personId}.csv`,
        sha256: randomUUID(),
        processingMonth: '2026-10',
        insurerNumber: '131045',
        fileControlNumber: 'T0001',
        controlRecordCount: 1,
        claimCount: 1,
        detailCount: 0,
        rawCount: 0,
        totalUnits: copay,
        totalCost: copay * 10,
        totalInsurerShare: copay * 9,
        totalCopay: copay,
        totalPublicExpense: 0,
        duplicateCount: 0,
        workCount: 0,
        importedAt: t.clock.now(),
        importedBy: null,
      })
      .returning({ id: benefitRecordFiles.id })
    line++
    const claimKey = `1115|7131|131045|T${personId}|${serviceMonth.replace('-', '')}|13000000${line}|`
    await db.insert(benefitRecords).values({
      fileId: file!.id,
      line: 2,
      recordKey: `${claimKey}|1|`,
      claimKey,
      personId,
      insuredNumber: `T${personId}`,
      cardInsurerNumber: '131045',
      serviceMonth,
      providerNumber: `13000000${line}`,
      exchangeId: '1115',
      inputId: '7131',
      serialNumber: null,
      createKind: '1',
      benefitKind: '1',
      careLevel: '23',
      serviceType: '11',
      reviewMonth: null,
      units: copay,
      cost: copay * 10,
      insurerShare: copay * 9,
      copay,
      publicExpense: 0,
      facilityRelief: 0,
    })
  }

  const member = async (household: { id: number }, birthDate: string) =>
    (
      await addMember(t, household, birthDate, [
        { kind: 'acquisition', on: '2015-05-04', reason: 'reachingAge65', recordedAt: '2015-05-04T09:00:00+09:00' },
      ])
    ).id

  const dryRun = (token = clerk) =>
    terminalClient(t).call('highCost.dryRun', { serviceMonth: MONTH, idempotencyKey: randomUUID() }, token)

  beforeAll(async () => {
    t = await startTestServer(kind, 100, { startAt: new Date('2026-11-10T09:00:00+09:00') })
    const c = await provisionUser(t, { roles: ['benefitClerk'] })
    const s = await provisionUser(t, { roles: ['supervisor'] })
    clerkId = c.id
    clerk = await signIn(t, c.loginId)
    supervisorLogin = s.loginId
    supervisor = await signIn(t, s.loginId)
    const a = await addHousehold(t)
    p.a1 = await member(a, '1950-05-05')
    p.a2 = await member(a, '1952-06-06')
    await addTaxRecord(t, p.a1, 2026, { taxable: true, totalIncome: 2_000_000 })
    await addTaxRecord(t, p.a2, 2026, { taxable: true, totalIncome: 1_500_000 })
    const b = await addHousehold(t)
    p.b = await member(b, '1948-02-02')
    await addTaxRecord(t, p.b, 2026, { taxable: false, totalIncome: 0, publicPensionIncome: 1_000_000 })
    const c2 = await addHousehold(t)
    p.c = await member(c2, '1947-03-03')
    await addTaxRecord(t, p.c, 2026, { taxable: false, totalIncome: 0, publicPensionIncome: 800_000 })
    const d = await addHousehold(t)
    p.d = await member(d, '1951-07-07')
    await addTaxRecord(t, p.d, 2026, { taxable: true, totalIncome: 1_000_000 })
    const e = await addHousehold(t)
    p.e = await member(e, '1949-08-08')
    await addTaxRecord(t, p.e, 2026, { taxable: true, totalIncome: 5_000_000 })
    const f = await addHousehold(t)
    p.f1 = await member(f, '1946-09-09')
    p.f2 = await member(f, '1947-10-10')
    await addTaxRecord(t, p.f1, 2026, { taxable: true, totalIncome: 1_200_000 })
    await addTaxRecord(t, p.f2, 2026, { taxable: true, totalIncome: 1_100_000 })
    await t.database.db.insert(benefitRestrictionSteps).values({
      personId: p.f1,
      measure: 'reduction',
      step: 'decision',
      stepOn: '2026-06-01',
      untilOn: '2027-05-31',
      reductionMonths: 12,
      note: '給付額減額（検証）',
      idempotencyKey: randomUUID(),
      recordedAt: t.clock.now(),
      recordedBy: c.id,
    })
    await addClaim(p.f1, 40_000)
    await addClaim(p.f2, 50_000)
    await addClaim(p.a1, 31_000)
    await addClaim(p.a2, 20_000)
    await addClaim(p.b, 30_000)
    await addClaim(p.c, 30_000)
    await addClaim(p.d, 10_000)
    await addClaim(p.e, 50_000)
    await terminalClient(t).call(
      'highCost.registerApplication',
      { personId: p.a1, receivedOn: '2026-10-15', idempotencyKey: randomUUID() },
      clerk,
    )
  }, 240_000)
  afterAll(async () => t?.close())

  it('the dry run splits a taxed household of two over 44,400 by share, pays a 非課税 household above 24,600 and an individual above 15,000, nothing below the cap — and writes no decision', async () => {
    const before = await decisionCount()
    const dry = await dryRun()
    const of = (id: number) => dry.lines.find((l) => l.personId === id)
    expect(of(p.a1)).toMatchObject({
      copay: 31_000,
      householdCap: 44_400,
      householdPart: 4_012,
      refund: 4_012,
      status: 'payable',
    })
    expect(of(p.a2)).toMatchObject({
      copay: 20_000,
      householdCap: 44_400,
      householdPart: 2_588,
      refund: 2_588,
      status: 'awaitingApplication',
    })
    expect(of(p.b)).toMatchObject({ householdCap: 24_600, individualCap: null, refund: 5_400 })
    expect(of(p.c)).toMatchObject({
      householdCap: 24_600,
      individualCap: 15_000,
      individualPart: 15_000,
      householdPart: 0,
      refund: 15_000,
    })
    expect(of(p.d)).toMatchObject({ householdCap: 44_400, refund: 0, status: 'withinCap' })
    expect(of(p.d)!.reason).toContain('上限以内')
    expect(of(p.e)).toMatchObject({ householdCap: null, refund: 0, status: 'undecided' })
    expect(of(p.e)!.reason).toContain('課税所得')
    // The generated ward's users of the month (no 令和8年度 課税情報 in the demo data) are listed too.
    const ours = dry.lines.filter((l) => Object.values(p).includes(l.personId))
    expect(ours.reduce((a, l) => a + l.refund, 0)).toBe(32_600)
    expect(of(p.f1)).toMatchObject({ copay: 40_000, refund: 0, status: 'excluded' })
    expect(of(p.f1)!.reason).toContain('介護保険法第69条')
    expect(of(p.f2)).toMatchObject({ householdCap: 44_400, householdPart: 5_600, refund: 5_600 })
    expect(dry.run).toMatchObject({ status: 'prepared', serviceMonth: MONTH, persons: dry.lines.length })
    expect(dry.run.totalRefund).toBe(
      dry.lines.filter((l) => ['payable', 'awaitingApplication'].includes(l.status)).reduce((a, l) => a + l.refund, 0),
    )
    expect(dry.run.counts.payable).toBe(dry.lines.filter((l) => l.status === 'payable').length)
    expect(await decisionCount()).toBe(before)
  }, 240_000)

  it('the preparer cannot approve its own run', async () => {
    const both = await provisionUser(t, { roles: ['benefitClerk', 'supervisor'] })
    const token = await signIn(t, both.loginId)
    const dry = await dryRun(token)
    await stepUp(t, both.loginId, token)
    const refused = await callRoute(
      t,
      'highCost.approve',
      { runId: dry.run.runId, idempotencyKey: randomUUID() },
      token,
    )
    expect(refused.status).toBe(403)
    expect(refused.body.code).toBe('ownRun')
  }, 240_000)

  it('a commit before the sign-off is refused and writes nothing', async () => {
    const dry = await dryRun()
    const refused = await callRoute(t, 'highCost.commit', { runId: dry.run.runId, idempotencyKey: randomUUID() }, clerk)
    expect(refused.status).toBe(409)
    expect(await decisionCount()).toBe(0)
  }, 240_000)

  it('signed off by a second person and committed, it writes one decision per person paid; a re-commit changes nothing; each step has its audit row', async () => {
    const dry = await dryRun()
    await stepUp(t, supervisorLogin, supervisor)
    const approved = await terminalClient(t).call(
      'highCost.approve',
      { runId: dry.run.runId, idempotencyKey: randomUUID() },
      supervisor,
    )
    expect(approved.status).toBe('approved')
    const committed = await terminalClient(t).call(
      'highCost.commit',
      { runId: dry.run.runId, idempotencyKey: randomUUID() },
      clerk,
    )
    const paid = dry.lines.filter((l) => ['payable', 'awaitingApplication', 'excluded'].includes(l.status))
    expect(committed).toMatchObject({ written: paid.length, alreadyCommitted: false })
    expect(committed.run.status).toBe('committed')
    const rows = await t.database.db
      .select()
      .from(highCostDecisions)
      .where(inArray(highCostDecisions.personId, Object.values(p)))
      .orderBy(asc(highCostDecisions.personId))
    expect(rows.map((r) => [r.personId, r.refund, r.status, r.serviceMonth, r.runId])).toEqual(
      [
        [p.a1, 4_012, 'payable', MONTH, dry.run.runId],
        [p.a2, 2_588, 'awaitingApplication', MONTH, dry.run.runId],
        [p.b, 5_400, 'awaitingApplication', MONTH, dry.run.runId],
        [p.c, 15_000, 'awaitingApplication', MONTH, dry.run.runId],
        [p.f1, 0, 'excluded', MONTH, dry.run.runId],
        [p.f2, 5_600, 'awaitingApplication', MONTH, dry.run.runId],
      ].sort((x, y) => (x[0] as number) - (y[0] as number)),
    )

    // A second commit (a new request, not a replay) writes nothing.
    const again = await terminalClient(t).call(
      'highCost.commit',
      { runId: dry.run.runId, idempotencyKey: randomUUID() },
      clerk,
    )
    expect(again).toMatchObject({ written: 0, alreadyCommitted: true })
    expect(await decisionCount()).toBe(paid.length)

    // A later run of the same month lists the decided persons as such and writes nothing for them.
    const later = await dryRun()
    expect(
      later.lines
        .filter((l) => l.status === 'alreadyDecided')
        .map((l) => l.personId)
        .sort(byId),
    ).toEqual([p.a1, p.a2, p.b, p.c, p.f1, p.f2].sort(byId))
    expect(later.lines.filter((l) => l.status === 'withinCap').map((l) => l.personId)).toContain(p.d)

    const audit = await t.database.db
      .select({
        action: auditLog.action,
        outcome: auditLog.outcome,
        targetIds: auditLog.targetIds,
        userId: auditLog.userId,
      })
      .from(auditLog)
      .where(inArray(auditLog.action, ['highCost.dryRun', 'highCost.approve', 'highCost.commit']))
      .orderBy(asc(auditLog.seq))
    const commits = audit.filter((r) => r.action === 'highCost.commit' && r.outcome === 'ok')
    expect(commits).toHaveLength(2)
    expect([...commits[0]!.targetIds].sort(byId)).toEqual(paid.map((l) => l.personId).sort(byId))
    expect(commits[0]!.userId).toBe(clerkId)
    expect(audit.some((r) => r.action === 'highCost.approve' && r.outcome === 'ok')).toBe(true)
    expect(audit.filter((r) => r.action === 'highCost.dryRun').every((r) => r.targetIds.length > 0)).toBe(true)
    const read = await terminalClient(t).call('highCost.run', { runId: dry.run.runId }, supervisor)
    expect(read.run.status).toBe('committed')
  }, 240_000)

  it('a person’s 初回申請 and committed decisions are read back for the 給付 panel, with one audit row naming the person', async () => {
    const a1 = await terminalClient(t).call('highCost.personStatus', { personId: p.a1 }, clerk)
    expect(a1.application).toMatchObject({ personId: p.a1, receivedOn: '2026-10-15' })
    expect(a1.decisions).toEqual([
      expect.objectContaining({
        serviceMonth: MONTH,
        copay: 31_000,
        householdCap: 44_400,
        individualCap: null,
        refund: 4_012,
        status: 'payable',
      }),
    ])
    const a2 = await terminalClient(t).call('highCost.personStatus', { personId: p.a2 }, clerk)
    expect(a2.application).toBeNull()
    expect(a2.decisions.map((d) => [d.serviceMonth, d.refund, d.status])).toEqual([
      [MONTH, 2_588, 'awaitingApplication'],
    ])
    // Within the cap: nothing decided.
    const d = await terminalClient(t).call('highCost.personStatus', { personId: p.d }, supervisor)
    expect(d).toEqual({ personId: p.d, application: null, decisions: [] })
    const rows = await t.database.db
      .select({ targetIds: auditLog.targetIds, purpose: auditLog.purpose })
      .from(auditLog)
      .where(eq(auditLog.action, 'highCost.personStatus'))
      .orderBy(asc(auditLog.seq))
    expect(rows).toEqual([
      { targetIds: [p.a1], purpose: '高額介護サービス費 初回申請あり・支給決定 1か月の参照' },
      { targetIds: [p.a2], purpose: '高額介護サービス費 初回申請なし・支給決定 1か月の参照' },
      { targetIds: [p.d], purpose: '高額介護サービス費 初回申請なし・支給決定 0か月の参照' },
    ])
  }, 240_000)

  it('a sign-off after the inputs changed is refused: the run must be prepared again', async () => {
    await addClaim(p.d, 50_000, '2026-10')
    const dry = await terminalClient(t).call(
      'highCost.dryRun',
      { serviceMonth: '2026-10', idempotencyKey: randomUUID() },
      clerk,
    )
    expect(dry.lines.find((l) => l.personId === p.d)).toMatchObject({ refund: 50_000 - 44_400 })
    await addClaim(p.d, 1_000, '2026-10')
    await stepUp(t, supervisorLogin, supervisor)
    const refused = await callRoute(
      t,
      'highCost.approve',
      { runId: dry.run.runId, idempotencyKey: randomUUID() },
      supervisor,
    )
    expect(refused.status).toBe(409)
    expect(refused.body.code).toBe('inputsChanged')
  }, 240_000)

  it('a second 初回申請 of the same person is refused', async () => {
    const refused = await callRoute(
      t,
      'highCost.registerApplication',
      { personId: p.a1, receivedOn: '2026-11-01', idempotencyKey: randomUUID() },
      clerk,
    )
    expect(refused.status).toBe(409)
    const rows = await t.database.db.select().from(highCostApplications).where(eq(highCostApplications.personId, p.a1))
    expect(rows).toHaveLength(1)
  }, 240_000)

  it('a role without a 高額介護サービス費 permission is refused', async () => {
    const arrears = await provisionUser(t, { roles: ['arrearsClerk'] })
    const token = await signIn(t, arrears.loginId)
    const refused = await callRoute(t, 'highCost.dryRun', { serviceMonth: MONTH, idempotencyKey: randomUUID() }, token)
    expect(refused.status).toBe(403)
    const person = await callRoute(t, 'highCost.personStatus', { personId: p.a1 }, token)
    expect(person.status).toBe(403)
    const clerkApprove = await callRoute(t, 'highCost.approve', { runId: 1, idempotencyKey: randomUUID() }, clerk)
    expect(clerkApprove.status).toBe(403)
  }, 240_000)
})
