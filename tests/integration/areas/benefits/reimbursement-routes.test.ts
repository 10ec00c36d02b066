import { execFileSync } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { and, asc, count, eq, inArray } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { reimbursementApplications, reimbursementDecisions } from '../../../../server/src/areas/benefits'
import { certifiedPersons } from '../../../../server/src/areas/certification'
import { benefitRestrictionSteps } from '../../../../server/src/areas/collection/arrears/schema'
import { persons } from '../../../../server/src/areas/persons/schema'
import { copayRatePeriods } from '../../../../server/src/areas/recipients/schema'
import { auditLog } from '../../../../server/src/core/db/schema'
import type { ApiInput } from '../../../../shared/api/routes'
import { provisionUser, signIn, stepUp } from '../../support/accounts'
import { callRoute, terminalClient } from '../../support/clients'
import { databaseKinds } from '../../support/databases'
import { startTestServer, type TestServer } from '../../support/test-server'
import { addHousehold, addMember } from '../premiums/household'

const scratch = mkdtempSync(join(tmpdir(), 'kaigo-shokan-'))
const pdfText = (base64: string) => {
  const file = join(scratch, `${randomUUID()}.pdf`)
  writeFileSync(file, Buffer.from(base64, 'base64'))
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' })
}

/**
 * 償還払 through the real server (mutual TLS, session, audit row). Dummy persons, certified 2025-04-01〜2027-03-31.
 * Figures by hand, from docs/sources/domain.md §5.1 (住宅改修 200,000 yen per person; 福祉用具購入 100,000 yen a fiscal
 * year April–March) and §5.2 (the insurer's share = cost × benefit rate, truncated below 1 yen):
 * - H (要介護1, 1割): 住宅改修 150,000 → 150,000 × 9/10 = 135,000. A second one of 80,000 at the same dwelling: 200,000 −
 *   150,000 = 50,000 remain, so 50,000 covered (50,000 × 9/10 = 45,000) and 30,000 left to the person; after that
 *   nothing remains and a third one is refused.
 * - E (要介護2, 2割): 福祉用具 2025-10-01 60,000 → 60,000 × 8/10 = 48,000; 2026-03-10 40,000 (40,000 remain in
 *   令和7年度) → 32,000; 2026-03-20 10,000 in the same year → refused; 2026-04-10 30,000 in 令和8年度 (the limit starts
 *   again) → 24,000.
 */
describe.each(databaseKinds)('償還払 on %s', (kind) => {
  let t: TestServer
  let clerk: string
  let clerkId: number
  let supervisor: string
  let supervisorLogin: string
  let home = 0
  let equip = 0

  const person = async (level: string, ratio: 1 | 2, decidedOn = '2025-03-20', validFrom = '2025-04-01') => {
    const household = await addHousehold(t)
    const { id } = await addMember(t, household, '1948-04-04', [
      { kind: 'acquisition', on: '2013-04-03', reason: 'reachingAge65', recordedAt: '2013-04-03T09:00:00+09:00' },
    ])
    await t.database.db.insert(certifiedPersons).values({
      personId: id,
      caseId: null,
      level,
      decidedOn,
      validFrom,
      validTo: '2027-03-31',
      boardOpinion: '',
      serviceTypes: [],
      withoutBoard: false,
      recordedAt: t.clock.now(),
    })
    await t.database.db.insert(copayRatePeriods).values({
      personId: id,
      validFrom: '2025-08-01',
      validTo: '2027-07-31',
      ratio,
      reason: 'yearly',
      basis: {
        category: 1,
        onPublicAssistance: false,
        residentTaxExempt: false,
        totalIncome: ratio === 2 ? 1_700_000 : 500_000,
        over65InHousehold: 1,
        householdPensionAndOtherIncome: ratio === 2 ? 2_900_000 : 1_000_000,
        incomeSource: '検証',
      },
      decidedOn: '2025-07-15',
      recordedAt: t.clock.now(),
    })
    return id
  }

  type Register = ApiInput<'reimbursement.register'>
  const alteration = (cost: number, serviceOn = '2026-09-01'): Register => ({
    personId: home,
    kind: 'homeAlteration',
    serviceOn,
    cost,
    provider: '検証工務店',
    receivedOn: '2026-11-05',
    dwelling: '東京都新宿区新宿一丁目1番1号（検証）',
    priorApplicationOn: '2026-08-20',
    idempotencyKey: randomUUID(),
  })
  const purchase = (cost: number, serviceOn: string): Register => ({
    personId: equip,
    kind: 'equipmentPurchase',
    serviceOn,
    cost,
    provider: '検証福祉用具店',
    receivedOn: '2026-10-05',
    idempotencyKey: randomUUID(),
  })
  const register = (input: Register, token = clerk) => terminalClient(t).call('reimbursement.register', input, token)
  const approve = async (applicationId: number) => {
    await stepUp(t, supervisorLogin, supervisor)
    return terminalClient(t).call(
      'reimbursement.decide',
      { applicationId, approve: true, idempotencyKey: randomUUID() },
      supervisor,
    )
  }
  const applicationCount = async () =>
    Number((await t.database.db.select({ n: count() }).from(reimbursementApplications))[0]!.n)

  beforeAll(async () => {
    t = await startTestServer(kind, 100, { startAt: new Date('2026-11-10T09:00:00+09:00') })
    const c = await provisionUser(t, { roles: ['benefitClerk'] })
    const s = await provisionUser(t, { roles: ['supervisor'] })
    clerkId = c.id
    clerk = await signIn(t, c.loginId)
    supervisorLogin = s.loginId
    supervisor = await signIn(t, s.loginId)
    home = await person('21', 1)
    equip = await person('22', 2)
  }, 240_000)
  afterAll(async () => t?.close())

  it('住宅改修 of 150,000 yen at 1割: the insurer pays 135,000 once a second person approves it', async () => {
    const app = await register(alteration(150_000))
    expect(app.figures).toMatchObject({
      limit: 200_000,
      used: 0,
      remaining: 200_000,
      coveredCost: 150_000,
      uncoveredCost: 0,
      copayRate: 1,
      insurerShare: 135_000,
      userShare: 15_000,
    })
    expect(app).toMatchObject({ careLevel: 'care1', provider: '検証工務店', decision: null, recordedBy: clerkId })
    const decided = await approve(app.id)
    expect(decided.decision).toMatchObject({ outcome: 'approved', coveredCost: 150_000, insurerShare: 135_000 })

    // The 支給決定通知書 (IPAexゴシック, read back with pdftotext).
    const notice = await terminalClient(t).call(
      'reimbursement.notice',
      { applicationId: app.id, idempotencyKey: randomUUID() },
      clerk,
    )
    const text = pdfText(notice.pdfBase64)
    const [who] = await t.database.db.select().from(persons).where(eq(persons.id, home))
    for (const s of [
      '介護保険 住宅改修費 支給決定通知書',
      `${who!.familyName} ${who!.givenName}`,
      '150,000円',
      '135,000円',
      '1割',
      '検証工務店',
      '令和8年9月1日',
      '介護保険法第183条',
    ])
      expect(text).toContain(s)
  }, 240_000)

  it('a second 住宅改修 of 80,000 yen covers only the 50,000 left of the 200,000 limit (the rest is the person’s), and once the limit is used up the next one is refused', async () => {
    const app = await register(alteration(80_000, '2026-10-10'))
    expect(app.figures).toMatchObject({
      limit: 200_000,
      used: 150_000,
      remaining: 50_000,
      coveredCost: 50_000,
      uncoveredCost: 30_000,
      insurerShare: 45_000,
    })
    expect(app.figures.notes.join('\n')).toContain(
      '支給限度基準額（200,000円）の残り 50,000円 を超える 30,000円 は支給対象外',
    )
    const decided = await approve(app.id)
    expect(decided.decision).toMatchObject({ outcome: 'approved', coveredCost: 50_000, insurerShare: 45_000 })

    const before = await applicationCount()
    const third = await callRoute(t, 'reimbursement.register', alteration(20_000, '2026-10-20'), clerk)
    expect(third.status).toBe(422)
    expect(third.body.code).toBe('limitReached')
    expect(String(third.body.title)).toContain('住宅改修費の支給限度基準額（200,000円）を使い切っています')
    expect(await applicationCount()).toBe(before)
  }, 240_000)

  it('住宅改修 at another dwelling after a move starts the 200,000 limit again; one started before its 事前申請 is refused', async () => {
    const moved = await register({
      ...alteration(60_000, '2026-10-25'),
      dwelling: '東京都新宿区西新宿二丁目8番1号（検証）',
    })
    // A new dwelling: nothing counted yet, 60,000 × 9/10 = 54,000.
    expect(moved.figures).toMatchObject({ limit: 200_000, used: 0, coveredCost: 60_000, insurerShare: 54_000 })
    expect(moved.figures.notes.join('\n')).toContain('転居後の住宅')
    const early = await callRoute(
      t,
      'reimbursement.register',
      { ...alteration(10_000, '2026-08-10'), dwelling: '東京都新宿区西新宿二丁目8番1号（検証）' },
      clerk,
    )
    expect(early.status).toBe(422)
    expect(early.body.code).toBe('startedBeforePriorApplication')
  }, 240_000)

  it('償還払い化 under arrears pays the usual share, a 給付額減額 raises 1割 to 3割, and a person without a restriction is refused', async () => {
    const only = await person('21', 1)
    const reduced = await person('21', 1)
    const none = await person('21', 1)
    for (const [personId, measure] of [
      [only, 'reimbursementOnly'],
      [reduced, 'reduction'],
    ] as const)
      await t.database.db.insert(benefitRestrictionSteps).values({
        personId,
        measure,
        step: 'decision',
        stepOn: '2026-06-01',
        untilOn: measure === 'reduction' ? '2027-05-31' : null,
        reductionMonths: measure === 'reduction' ? 12 : null,
        note: '給付制限（検証）',
        idempotencyKey: randomUUID(),
        recordedAt: t.clock.now(),
        recordedBy: clerkId,
      })
    const arrears = (personId: number): Register => ({
      personId,
      kind: 'arrears',
      serviceOn: '2026-09-15',
      cost: 33_333,
      provider: '検証訪問介護事業所',
      receivedOn: '2026-10-20',
      idempotencyKey: randomUUID(),
    })
    // 1割: ⌊33,333 × 9/10⌋ = ⌊29,999.7⌋ = 29,999 (truncated below 1 yen, docs/sources/domain.md §5.2).
    expect((await register(arrears(only))).figures).toMatchObject({ limit: null, copayRate: 1, insurerShare: 29_999 })
    // 給付額減額 (docs/sources/domain.md §4.3: 10 % → 30 %): ⌊33,333 × 7/10⌋ = ⌊23,333.1⌋ = 23,333.
    const r = await register(arrears(reduced))
    expect(r.figures).toMatchObject({ copayRate: 3, insurerShare: 23_333, userShare: 10_000 })
    expect(r.figures.notes.join('\n')).toContain('介護保険法第69条')
    const refused = await callRoute(t, 'reimbursement.register', arrears(none), clerk)
    expect(refused.status).toBe(422)
    expect(refused.body.code).toBe('noRestriction')
  }, 240_000)

  it('a service before the certification was decided (in force from the application) is reimbursed; one after it is refused', async () => {
    const late = await person('21', 1, '2026-05-20', '2026-04-15')
    const before = (serviceOn: string): Register => ({
      personId: late,
      kind: 'beforeCertification',
      serviceOn,
      cost: 12_000,
      provider: '検証通所介護事業所',
      receivedOn: '2026-06-10',
      idempotencyKey: randomUUID(),
    })
    // 12,000 × 9/10 = 10,800.
    expect((await register(before('2026-04-20'))).figures).toMatchObject({ coveredCost: 12_000, insurerShare: 10_800 })
    const after = await callRoute(t, 'reimbursement.register', before('2026-05-25'), clerk)
    expect(after.status).toBe(422)
    expect(after.body.code).toBe('notBeforeCertification')
  }, 240_000)

  it('福祉用具購入 counts 100,000 yen a fiscal year (April–March): within it paid at 2割, beyond it refused, the next year starts again', async () => {
    const first = await register(purchase(60_000, '2025-10-01'))
    expect(first.figures).toMatchObject({ limit: 100_000, used: 0, copayRate: 2, insurerShare: 48_000 })
    await approve(first.id)
    const second = await register(purchase(40_000, '2026-03-10'))
    expect(second.figures).toMatchObject({ used: 60_000, remaining: 40_000, coveredCost: 40_000, insurerShare: 32_000 })
    await approve(second.id)
    const full = await callRoute(t, 'reimbursement.register', purchase(10_000, '2026-03-20'), clerk)
    expect(full.status).toBe(422)
    expect(String(full.body.title)).toContain(
      '福祉用具購入費（2025年度）の支給限度基準額（100,000円）を使い切っています',
    )
    const nextYear = await register(purchase(30_000, '2026-04-10'))
    expect(nextYear.figures).toMatchObject({ limit: 100_000, used: 0, coveredCost: 30_000, insurerShare: 24_000 })
  }, 240_000)

  it('the clerk who recorded an application cannot decide it; a rejection needs a reason and its notice says 不支給', async () => {
    const both = await provisionUser(t, { roles: ['benefitClerk', 'supervisor'] })
    const token = await signIn(t, both.loginId)
    const app = await register(purchase(5_000, '2026-04-20'), token)
    await stepUp(t, both.loginId, token)
    const own = await callRoute(
      t,
      'reimbursement.decide',
      { applicationId: app.id, approve: true, idempotencyKey: randomUUID() },
      token,
    )
    expect(own.status).toBe(403)
    expect(own.body.code).toBe('ownApplication')
    await stepUp(t, supervisorLogin, supervisor)
    const noReason = await callRoute(
      t,
      'reimbursement.decide',
      { applicationId: app.id, approve: false, idempotencyKey: randomUUID() },
      supervisor,
    )
    expect(noReason.status).toBe(422)
    const rejected = await terminalClient(t).call(
      'reimbursement.decide',
      {
        applicationId: app.id,
        approve: false,
        reason: '領収書が申請者本人の名義ではありません',
        idempotencyKey: randomUUID(),
      },
      supervisor,
    )
    expect(rejected.decision).toMatchObject({ outcome: 'refused', coveredCost: 0, insurerShare: 0 })
    const again = await callRoute(
      t,
      'reimbursement.decide',
      { applicationId: app.id, approve: true, idempotencyKey: randomUUID() },
      supervisor,
    )
    expect(again.status).toBe(409)
    const notice = await terminalClient(t).call(
      'reimbursement.notice',
      { applicationId: app.id, idempotencyKey: randomUUID() },
      clerk,
    )
    const text = pdfText(notice.pdfBase64)
    expect(text).toContain('福祉用具購入費 不支給決定通知書')
    expect(text).toContain('領収書が申請者本人の名義ではありません')
    const read = await terminalClient(t).call('reimbursement.application', { applicationId: app.id }, supervisor)
    expect(read.decision?.outcome).toBe('refused')
  }, 240_000)

  it('a re-submission with the same key changes nothing; the same key with another request is refused', async () => {
    const input = purchase(1_000, '2026-05-01')
    const first = await register(input)
    const before = await applicationCount()
    const retry = await register(input)
    expect(retry.id).toBe(first.id)
    expect(await applicationCount()).toBe(before)
    const other = await callRoute(t, 'reimbursement.register', { ...input, cost: 2_000 }, clerk)
    expect(other.status).toBe(422)
    expect(other.body.code).toBe('idempotencyKeyReused')
    expect(await applicationCount()).toBe(before)
  }, 240_000)

  it('a person’s applications are listed newest first, each as it is read back, with one audit row naming the person', async () => {
    const since = Number((await t.database.db.select({ n: count() }).from(auditLog))[0]!.n)
    const list = await terminalClient(t).call('reimbursement.personApplications', { personId: home }, clerk)
    expect(list.personId).toBe(home)
    const ids = list.applications.map((a) => a.id)
    expect(ids.length).toBeGreaterThanOrEqual(3)
    expect([...ids].sort((a, b) => b - a)).toEqual(ids)
    expect(list.applications.every((a) => a.personId === home)).toBe(true)
    // The oldest: the 住宅改修 of 150,000 yen decided at 135,000 (above).
    expect(list.applications.at(-1)).toMatchObject({
      cost: 150_000,
      decision: { outcome: 'approved', insurerShare: 135_000 },
    })
    for (const a of list.applications)
      expect(await terminalClient(t).call('reimbursement.application', { applicationId: a.id }, clerk)).toEqual(a)
    const rows = await t.database.db
      .select({ targetIds: auditLog.targetIds, purpose: auditLog.purpose, outcome: auditLog.outcome })
      .from(auditLog)
      .where(eq(auditLog.action, 'reimbursement.personApplications'))
    expect(rows).toEqual([{ targetIds: [home], purpose: `償還払の申請一覧の参照（${ids.length}件）`, outcome: 'ok' }])
    expect(Number((await t.database.db.select({ n: count() }).from(auditLog))[0]!.n)).toBe(since + 1 + ids.length)

    const none = await terminalClient(t).call('reimbursement.personApplications', { personId: 1 }, clerk)
    expect(none).toEqual({ personId: 1, applications: [] })
  }, 240_000)

  it('a role without a 償還払 permission is refused, and the clerk cannot decide', async () => {
    const arrears = await provisionUser(t, { roles: ['arrearsClerk'] })
    const token = await signIn(t, arrears.loginId)
    const refused = await callRoute(t, 'reimbursement.register', purchase(1_000, '2026-06-01'), token)
    expect(refused.status).toBe(403)
    const read = await callRoute(t, 'reimbursement.application', { applicationId: 1 }, token)
    expect(read.status).toBe(403)
    const list = await callRoute(t, 'reimbursement.personApplications', { personId: home }, token)
    expect(list.status).toBe(403)
    const clerkDecide = await callRoute(
      t,
      'reimbursement.decide',
      { applicationId: 1, approve: true, idempotencyKey: randomUUID() },
      clerk,
    )
    expect(clerkDecide.status).toBe(403)
  }, 240_000)

  it('every request wrote its audit row naming the person; decisions are one per application', async () => {
    const rows = await t.database.db
      .select({
        action: auditLog.action,
        outcome: auditLog.outcome,
        targetIds: auditLog.targetIds,
        userId: auditLog.userId,
      })
      .from(auditLog)
      .where(
        and(
          inArray(auditLog.action, ['reimbursement.register', 'reimbursement.decide', 'reimbursement.notice']),
          eq(auditLog.outcome, 'ok'),
        ),
      )
      .orderBy(asc(auditLog.seq))
    const registers = rows.filter((r) => r.action === 'reimbursement.register')
    expect(registers.filter((r) => r.targetIds.includes(home))).toHaveLength(3)
    expect(registers.every((r) => r.targetIds.length === 1)).toBe(true)
    expect(rows.filter((r) => r.action === 'reimbursement.decide' && r.targetIds.includes(home))).toHaveLength(2)
    expect(rows.filter((r) => r.action === 'reimbursement.notice')).toHaveLength(2)
    const decisions = await t.database.db
      .select({ applicationId: reimbursementDecisions.applicationId })
      .from(reimbursementDecisions)
    expect(new Set(decisions.map((d) => d.applicationId)).size).toBe(decisions.length)
  }, 240_000)
})
