import { randomUUID } from 'node:crypto'
import { asc, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { applyPayment, benefitRestrictionsOf, syncCharges } from '../../../../../server/src/areas/collection'
import { certifiedPersons } from '../../../../../server/src/areas/certification/results/schema'
import type { Db } from '../../../../../server/src/core/db/connect'
import { auditLog } from '../../../../../server/src/core/db/schema'
import type { ApiInput } from '../../../../../shared/api/routes'
import { signIn, stepUp } from '../../../support/accounts'
import { callRoute, terminalClient } from '../../../support/clients'
import { databaseKinds } from '../../../support/databases'
import { startTestServer, type TestServer } from '../../../support/test-server'
import { addAssessmentVersion, addLedgerPerson } from '../ledger/ledger-support'

/**
 * 滞納管理 and 給付制限 through the real server. "Today" is 2026-08-01 (the test clock), then 2026-09-30 and
 * 2026-10-01. The boundaries of docs/sources/domain.md §4.3, by hand (periods count from the day after the due date,
 * 民法140条・143条, and have elapsed on the day after their last day):
 *   due 2025-07-31 → 1 year ends 2026-07-31 → 償還払い化 on 2026-08-01;   due 2025-08-01 → not yet (from 2026-08-02);
 *   due 2025-01-31 → 1 year 6 months ends 2026-07-31 → 一時差止 on 2026-08-01;  due 2025-02-01 → still 償還払い化;
 *   due 2024-07-31 → limitation (介護保険法第200条, 2 years) ends 2026-07-31 → time-barred → 給付額減額 on 2026-08-01;
 *   due 2024-08-01 → limitation ends 2026-08-01, not yet barred → 一時差止.
 * 減額 length (施行規則第113条): X = 10,000 ÷ 10,000 = 1.000 year expired, Y = 0 paid → 6 × 1² ÷ 1 = 6 months,
 * decided 2026-08-01 → last day 2027-01-31.
 */
describe.each(databaseKinds)('滞納管理・給付制限 on %s', (kind) => {
  let t: TestServer
  let clerk: string
  let supervisor: string
  const client = () => terminalClient(t)
  const db = () => t.database.db as Db
  const advanceTo = (iso: string) => t.clock.advance((Date.parse(iso) - t.clock.now().getTime()) / 1000)
  const persons: Record<string, number> = {}

  const debtor = async (name: string, dueDate: string, certified = true) => {
    const p = await addLedgerPerson(db())
    const fiscalYear = Number(dueDate.slice(0, 4)) - (Number(dueDate.slice(5, 7)) < 4 ? 1 : 0)
    await addAssessmentVersion(db(), p, fiscalYear, [{ seq: 1, amount: 10_000, dueDate }])
    await syncCharges(db(), [p], { now: t.clock.now(), recordedBy: null })
    if (certified)
      await db().insert(certifiedPersons).values({
        personId: p,
        caseId: null,
        level: 'care1',
        decidedOn: '2024-04-01',
        validFrom: '2024-04-01',
        validTo: '2027-03-31',
        boardOpinion: '',
        serviceTypes: [],
        withoutBoard: false,
        recordedAt: t.clock.now(),
      })
    persons[name] = p
    return p
  }
  const caseOf = (personId: number, token = clerk) => client().call('arrears.case', { personId }, token)
  const step = (input: Omit<ApiInput<'arrears.restrictionStep'>, 'idempotencyKey'>) =>
    client().call('arrears.restrictionStep', { ...input, idempotencyKey: randomUUID() }, clerk)
  const decide = (input: Omit<ApiInput<'arrears.restrictionDecide'>, 'idempotencyKey'>) =>
    callRoute(t, 'arrears.restrictionDecide', { ...input, idempotencyKey: randomUUID() }, supervisor)

  beforeAll(async () => {
    t = await startTestServer(kind, 100, { startAt: new Date('2026-08-01T09:00:00+09:00') })
    await debtor('oneYear', '2025-07-31')
    await debtor('underOneYear', '2025-08-01')
    await debtor('eighteenMonths', '2025-01-31')
    await debtor('underEighteenMonths', '2025-02-01')
    await debtor('timeBarred', '2024-07-31')
    await debtor('notYetBarred', '2024-08-01')
    await debtor('plan', '2025-10-31', false)
    clerk = await signIn(t, 'tainou01')
    supervisor = await signIn(t, 'kantoku01')
    await stepUp(t, 'kantoku01', supervisor)
  })
  afterAll(() => t.close())

  describe('the measure due by the length of arrears, both sides of each boundary', () => {
    it.each([
      ['oneYear', 'reimbursementOnly'],
      ['underOneYear', null],
      ['eighteenMonths', 'suspension'],
      ['underEighteenMonths', 'reimbursementOnly'],
      ['timeBarred', 'reduction'],
      ['notYetBarred', 'suspension'],
    ] as const)('%s → %s on 2026-08-01', async (name, measure) => {
      const c = await caseOf(persons[name]!)
      expect(c.restriction.measureDue).toBe(measure)
      expect(c.unpaidAmount).toBe(10_000)
    })
    it('an uncertified person in arrears has no measure due', async () => {
      expect((await caseOf(persons.plan!)).restriction.measureDue).toBeNull()
    })
  })

  describe('the 滞納者 work list: oldest due first, filtered by amount and age', () => {
    it('lists the debtors oldest due first and audits the read', async () => {
      const list = await client().call('arrears.workList', { limit: 1000 }, clerk)
      const mine = list.rows.filter((r) => Object.values(persons).includes(r.personId))
      expect(mine.map((r) => r.oldestDueDate)).toEqual([
        '2024-07-31',
        '2024-08-01',
        '2025-01-31',
        '2025-02-01',
        '2025-07-31',
        '2025-08-01',
        '2025-10-31',
      ])
      // 2025-07-31 → 2026-08-01 = 366 days
      expect(mine.find((r) => r.personId === persons.oneYear)).toMatchObject({ ageDays: 366, unpaidAmount: 10_000 })
      const [row] = await t.database.db
        .select()
        .from(auditLog)
        .where(eq(auditLog.action, 'arrears.workList'))
        .orderBy(asc(auditLog.seq))
      expect(row).toBeDefined()
    })
    it('minAgeDays 366 keeps 2025-07-31 and drops 2025-08-01 (365 days); minAmount 10,001 drops all', async () => {
      const aged = await client().call('arrears.workList', { minAgeDays: 366, limit: 1000 }, clerk)
      const ids = aged.rows.map((r) => r.personId)
      expect(ids).toContain(persons.oneYear)
      expect(ids).not.toContain(persons.underOneYear)
      const big = await client().call('arrears.workList', { minAmount: 10_001, limit: 1000 }, clerk)
      expect(big.rows.map((r) => r.personId)).not.toContain(persons.oneYear)
    })
  })

  describe('a 給付制限 goes 予告 → 弁明書 → 決定, and is released on full payment', () => {
    it('refuses a 予告 of a measure the arrears do not call for', async () => {
      const res = await callRoute(
        t,
        'arrears.restrictionStep',
        {
          personId: persons.oneYear,
          measure: 'suspension',
          step: 'notice',
          stepOn: '2026-08-01',
          idempotencyKey: randomUUID(),
        },
        clerk,
      )
      expect(res).toMatchObject({ status: 422, code: 'arrearsRefused' })
    })
    it('takes the steps in order, the decision by the 監督者 with step-up', async () => {
      const p = persons.oneYear!
      const noticed = await step({ personId: p, measure: 'reimbursementOnly', step: 'notice', stepOn: '2026-08-01' })
      // 弁明書 deadline: 予告 + 14 days (区の取扱い ⚠️) = 2026-08-15
      expect(noticed.restriction.steps[0]).toMatchObject({ step: 'notice', untilOn: '2026-08-15' })
      expect(
        await decide({ personId: p, measure: 'reimbursementOnly', step: 'decision', stepOn: '2026-08-01' }),
      ).toMatchObject({ status: 422, code: 'arrearsRefused' })
      await step({ personId: p, measure: 'reimbursementOnly', step: 'explanation', stepOn: '2026-08-01' })
      const clerkDecides = await callRoute(
        t,
        'arrears.restrictionStep',
        {
          personId: p,
          measure: 'reimbursementOnly',
          step: 'decision',
          stepOn: '2026-08-01',
          idempotencyKey: randomUUID(),
        },
        clerk,
      )
      expect(clerkDecides).toMatchObject({ status: 422, code: 'arrearsRefused' })
      const decided = await decide({
        personId: p,
        measure: 'reimbursementOnly',
        step: 'decision',
        stepOn: '2026-08-01',
      })
      expect(decided.status).toBe(200)
      expect((await caseOf(p)).restriction.inForce).toBe('reimbursementOnly')
      expect(await benefitRestrictionsOf(db(), [p], '2026-08-01')).toEqual([
        { personId: p, measure: 'reimbursementOnly', since: '2026-08-01', until: null, reductionMonths: null },
      ])
    })
    it('refuses the release while 10,000 yen is unpaid, and releases once it is paid', async () => {
      const p = persons.oneYear!
      const early = await decide({ personId: p, measure: 'reimbursementOnly', step: 'release', stepOn: '2026-08-01' })
      expect(early).toMatchObject({ status: 422, code: 'arrearsRefused' })
      expect(early.body.title).toContain('滞納額 10,000円')
      await applyPayment(
        db(),
        {
          personId: p,
          amount: 10_000,
          paidOn: '2026-08-01',
          channel: 'counter',
          source: 'test',
          idempotencyKey: randomUUID(),
        },
        { now: t.clock.now(), recordedBy: null },
      )
      expect(
        await decide({ personId: p, measure: 'reimbursementOnly', step: 'release', stepOn: '2026-08-01' }),
      ).toMatchObject({
        status: 200,
      })
      expect((await caseOf(p)).restriction.inForce).toBeNull()
      expect(await benefitRestrictionsOf(db(), [p], '2026-08-01')).toEqual([])
    })
    it('decides a 給付額減額 of 6 months, which payment cannot release', async () => {
      const p = persons.timeBarred!
      await step({ personId: p, measure: 'reduction', step: 'notice', stepOn: '2026-08-01' })
      await step({ personId: p, measure: 'reduction', step: 'explanation', stepOn: '2026-08-01' })
      expect((await decide({ personId: p, measure: 'reduction', step: 'decision', stepOn: '2026-08-01' })).status).toBe(
        200,
      )
      const c = await caseOf(p)
      expect(c.restriction.steps.at(-1)).toMatchObject({ step: 'decision', reductionMonths: 6, untilOn: '2027-01-31' })
      const release = await decide({ personId: p, measure: 'reduction', step: 'release', stepOn: '2026-08-01' })
      expect(release).toMatchObject({ status: 422, code: 'arrearsRefused' })
      const notice = await client().call('arrears.noticePdf', { personId: p, notice: 'restriction' }, clerk)
      expect(notice.text[0]).toBe('介護保険 給付額の減額決定通知書')
      expect(notice.text).toContain('減額期間 6か月（令和9年1月31日まで）')
    })
  })

  describe('a 分納誓約 must add up, is tracked against payments, and is flagged when broken', () => {
    const plan = (instalments: { dueOn: string; amount: number }[]) =>
      callRoute(
        t,
        'arrears.recordPlan',
        { personId: persons.plan, kind: 'pledge', agreedOn: '2026-08-01', instalments, idempotencyKey: randomUUID() },
        clerk,
      )
    it('refuses 2 × 4,000 for a debt of 10,000 with the reason', async () => {
      const res = await plan([
        { dueOn: '2026-08-31', amount: 4_000 },
        { dueOn: '2026-09-30', amount: 4_000 },
      ])
      expect(res).toMatchObject({ status: 422, code: 'arrearsRefused' })
      expect(res.body.title).toContain('分納額の合計 8,000円 が対象の滞納額 10,000円 と一致しません')
    })
    it('records 2 × 5,000; the pledge renews the limitation of the installment it covers', async () => {
      const before = await caseOf(persons.plan!)
      // due 2025-10-31 → limitation 2027-10-31 without renewal (介護保険法第200条)
      expect(before.unpaid[0]!.limitationEnd).toBe('2027-10-31')
      const res = await plan([
        { dueOn: '2026-08-31', amount: 5_000 },
        { dueOn: '2026-09-30', amount: 5_000 },
      ])
      expect(res.status).toBe(200)
      const c = await caseOf(persons.plan!)
      expect(c.plans).toHaveLength(1)
      expect(c.plans[0]).toMatchObject({ kind: 'pledge', debt: 10_000, status: 'kept' })
      expect(c.unpaid[0]!.limitationEnd > '2027-10-31').toBe(true)
    })
    it('is late, not broken, 30 days after an unpaid instalment, and broken on the 31st day', async () => {
      // 第1回 2026-08-31 paid; 第2回 2026-09-30 unpaid → late until 2026-10-30, broken from 2026-10-31.
      await applyPayment(
        db(),
        {
          personId: persons.plan!,
          amount: 5_000,
          paidOn: '2026-08-01',
          channel: 'counter',
          source: 'test',
          idempotencyKey: randomUUID(),
        },
        { now: t.clock.now(), recordedBy: null },
      )
      advanceTo('2026-10-30T10:00:00+09:00')
      clerk = await signIn(t, 'tainou01')
      const late = (await caseOf(persons.plan!)).plans[0]!
      expect(late.instalments.map((i) => i.state)).toEqual(['paid', 'late'])
      expect(late.status).toBe('kept')
      advanceTo('2026-10-31T10:00:00+09:00')
      clerk = await signIn(t, 'tainou01')
      const broken = (await caseOf(persons.plan!)).plans[0]!
      expect(broken).toMatchObject({ status: 'broken', brokenSince: '2026-10-31' })
      const list = await client().call('arrears.workList', { limit: 1000 }, clerk)
      expect(list.rows.find((r) => r.personId === persons.plan)?.activePlan).toBe('broken')
    })
  })

  describe('contacts, 財産調査 and the end of a plan are appended once per key', () => {
    it('records a 電話 and a 財産調査; the same key twice records once', async () => {
      const p = persons.plan!
      const key = randomUUID()
      const contact = {
        personId: p,
        kind: 'phone' as const,
        occurredOn: '2026-10-31',
        note: '納付を約束',
        idempotencyKey: key,
      }
      await client().call('arrears.recordContact', contact, clerk)
      const again = await client().call('arrears.recordContact', contact, clerk)
      expect(again.contacts.filter((c) => c.note === '納付を約束')).toHaveLength(1)
      const future = await callRoute(
        t,
        'arrears.recordContact',
        { ...contact, occurredOn: '2026-11-01', idempotencyKey: randomUUID() },
        clerk,
      )
      expect(future).toMatchObject({ status: 422, code: 'arrearsRefused' })
      const withProperty = await client().call(
        'arrears.recordProperty',
        {
          personId: p,
          kind: 'investigation',
          recordedOn: '2026-10-31',
          found: '預金 ○○銀行 普通 残高 52,000円',
          decision: '差押を検討',
          amount: 52_000,
          idempotencyKey: randomUUID(),
        },
        clerk,
      )
      expect(withProperty.property).toEqual([
        expect.objectContaining({ kind: 'investigation', amount: 52_000, decision: '差押を検討' }),
      ])
    })
    it('ends the broken plan; the person is again without a standing plan', async () => {
      const p = persons.plan!
      const [broken] = (await caseOf(p)).plans
      const ended = await client().call(
        'arrears.endPlan',
        { planId: broken!.id, endedOn: '2026-10-31', endReason: '不履行', idempotencyKey: randomUUID() },
        clerk,
      )
      expect(ended.plans[0]!.status).toBe('ended')
      const list = await client().call('arrears.workList', { limit: 1000 }, clerk)
      expect(list.rows.find((r) => r.personId === p)?.activePlan).toBeNull()
    })
  })

  it('prints the 催告書 with the debt', async () => {
    const pdf = await client().call('arrears.noticePdf', { personId: persons.plan!, notice: 'demandLetter' }, clerk)
    expect(pdf.text[0]).toBe('介護保険料催告書')
    expect(pdf.text.join('\n')).toContain('5,000')
    expect(Buffer.from(pdf.contentBase64, 'base64').subarray(0, 5).toString()).toBe('%PDF-')
  })
})
