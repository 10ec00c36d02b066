import { execFileSync } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { installmentBalances } from '../../../../../server/src/areas/collection'
import { auditLog } from '../../../../../server/src/core/db/schema'
import type { Db } from '../../../../../server/src/core/db/connect'
import type { ApiInput } from '../../../../../shared/api/routes'
import { provisionUser, signIn, stepUp } from '../../../support/accounts'
import { callRoute, terminalClient } from '../../../support/clients'
import { databaseKinds } from '../../../support/databases'
import { startTestServer, type TestServer } from '../../../support/test-server'
import { addAssessmentVersion, addLedgerPerson } from './ledger-support'

const pdfText = (base64: string) => {
  const file = join(mkdtempSync(join(tmpdir(), 'kaigo-refund-')), 'notice.pdf')
  writeFileSync(file, Buffer.from(base64, 'base64'))
  return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' })
}

/**
 * The 収納台帳 routes through the real server (mutual TLS, session, audit row), today 2026-12-10. Expected yen by
 * hand (docs/sources/domain.md §4.1, SHINJUKU_LATE_CHARGE_RATES 2026 A 2.8 % / B 9.1 %, 365 days):
 * - 期1 200,000 due 2026-08-31, paid 2026-12-09: 91 days A + 9 days B → (200,000×91×2.8 + 200,000×9×9.1) ÷ 36,500
 *   = 1,844.93 → 1,800; the same today 2026-12-10 (10 days B) → 1,894.79 → 1,800;
 * - 期2 50,000 due 2026-09-30, today: 71 days A → 272.3 → 200 → under 1,000, not collected → 0.
 */
describe.each(databaseKinds)('収納台帳 routes on %s', (kind) => {
  let t: TestServer
  let clerk: string
  let supervisor: string
  let both: { id: number; loginId: string }
  let bothToken: string
  let person: number
  const client = () => terminalClient(t)
  const pay = (
    input: Omit<ApiInput<'collection.counterPayment'>, 'idempotencyKey'>,
    token = clerk,
    key = randomUUID(),
  ) => client().call('collection.counterPayment', { ...input, idempotencyKey: key }, token)

  beforeAll(async () => {
    t = await startTestServer(kind, 100, { startAt: new Date('2026-12-10T09:00:00+09:00') })
    clerk = await signIn(t, 'fuka01')
    supervisor = await signIn(t, 'kantoku01')
    await stepUp(t, 'kantoku01', supervisor)
    both = await provisionUser(t, { roles: ['premiumClerk', 'supervisor'] })
    bothToken = await signIn(t, both.loginId)
    await stepUp(t, both.loginId, bothToken)
    person = await addLedgerPerson(t.database.db as Db)
    await addAssessmentVersion(t.database.db as Db, person, 2026, [
      { seq: 1, amount: 200_000, dueDate: '2026-08-31' },
      { seq: 2, amount: 50_000, dueDate: '2026-09-30' },
    ])
  })
  afterAll(async () => {
    await t?.close()
  })

  it('shows the person’s ledger with the 調定 of the latest 賦課, the 延滞金 today and the limitation date; the read is audited', async () => {
    const ledger = await client().call('collection.personLedger', { personId: person }, clerk)
    expect(ledger.years).toHaveLength(1)
    expect(ledger.years[0]).toMatchObject({
      fiscalYear: 2026,
      charged: 250_000,
      paid: 0,
      balance: 250_000,
      lateChargeToday: 1_800,
    })
    expect(ledger.years[0]!.installments.map((i) => [i.seq, i.balance, i.lateChargeToday, i.limitationEnd])).toEqual([
      [1, 200_000, 1_800, '2028-08-31'],
      [2, 50_000, 0, '2028-09-30'],
    ])
    const rows = await t.database.db.select().from(auditLog).where(eq(auditLog.action, 'collection.personLedger'))
    expect(rows.length).toBeGreaterThan(0)
  })

  it('a 滞納担当 without collection.read is refused the ledger', async () => {
    const arrears = await signIn(t, 'tainou01')
    const refused = await callRoute(t, 'collection.personLedger', { personId: person }, arrears)
    expect(refused.status).toBe(403)
  })

  it('quotes a 窓口 payment with its 延滞金 before the money is taken, and writes nothing', async () => {
    const quote = await client().call(
      'collection.counterQuote',
      {
        personId: person,
        target: { fiscalYear: 2026, method: 'direct', seq: 1 },
        amount: 202_000,
        paidOn: '2026-12-09',
      },
      clerk,
    )
    expect(quote).toMatchObject({
      premiumPaid: 200_000,
      lateCharge: 1_800,
      lateChargePaid: 1_800,
      overpaid: 200,
      refusal: null,
    })
    expect(quote.totalDueToday).toBe(201_800)
    const ledger = await client().call('collection.personLedger', { personId: person }, clerk)
    expect(ledger.years[0]!.paid).toBe(0)
  })

  it('takes a 窓口 payment once per key: premium, then 延滞金, the 過誤納 offset to the next unpaid installment', async () => {
    const key = randomUUID()
    const input = {
      personId: person,
      target: { fiscalYear: 2026, method: 'direct' as const, seq: 1 },
      amount: 202_000,
      paidOn: '2026-12-09',
    }
    const paid = await pay(input, clerk, key)
    expect(paid).toMatchObject({
      applied: true,
      premiumPaid: 200_000,
      lateCharge: 1_800,
      lateChargePaid: 1_800,
      overpaid: 200,
      offset: 200,
      refundProposals: [],
    })
    const again = await pay(input, clerk, key)
    expect(again).toEqual(paid)
    const ledger = await client().call('collection.personLedger', { personId: person }, clerk)
    expect(ledger.years[0]!.installments.map((i) => [i.seq, i.paid, i.offset, i.balance, i.lateChargeBalance])).toEqual(
      [
        [1, 200_200, -200, 0, 0],
        [2, 0, 200, 49_800, 0],
      ],
    )
  })

  it('refuses a future 納付日 and a payment with no 調定, naming the reason', async () => {
    const future = await callRoute(
      t,
      'collection.counterPayment',
      { personId: person, amount: 1_000, paidOn: '2026-12-11', idempotencyKey: randomUUID() },
      clerk,
    )
    expect(future.status).toBe(400)
    const none = await callRoute(
      t,
      'collection.counterPayment',
      {
        personId: person,
        target: { fiscalYear: 2025, method: 'direct', seq: 1 },
        amount: 1_000,
        paidOn: '2026-12-10',
        idempotencyKey: randomUUID(),
      },
      clerk,
    )
    expect(none).toMatchObject({ status: 422, code: 'ledgerRule' })
    expect(String(none.body.title)).toContain('2025年度 普通徴収 第1期の調定がありません')
  })

  it('answers the 収納状況 of the year reconciled to the ledger, and the same as CSV and PDF', async () => {
    const status = await client().call('collection.statusReport', { fiscalYear: 2026 }, clerk)
    const ledger = await installmentBalances(t.database.db as Db, { fiscalYears: [2026] })
    expect(status.rows.find((r) => r.part === 'current' && r.method === 'direct')!.balance).toBe(
      ledger.filter((b) => b.method === 'direct').reduce((s, b) => s + b.balance, 0),
    )
    const csv = await client().call('collection.statusReportFile', { fiscalYear: 2026, format: 'csv' }, clerk)
    expect(csv.text).toContain('区分,徴収方法,調定額,収納,還付,充当,不納欠損,収納額,未納額（残高）,収納率')
    const pdf = await client().call('collection.statusReportFile', { fiscalYear: 2026, format: 'pdf' }, clerk)
    expect(pdfText(pdf.contentBase64)).toContain('2026年度 介護保険料 収納状況')
  })

  describe('過誤納 after a downward 更正: 充当 first, the rest a 還付 decided by a second person', () => {
    let proposalId: number
    it('offsets 49,800 to 期2 and proposes 200 for 還付', async () => {
      await addAssessmentVersion(
        t.database.db as Db,
        person,
        2026,
        [
          { seq: 1, amount: 150_000, dueDate: '2026-08-31' },
          { seq: 2, amount: 50_000, dueDate: '2026-09-30' },
        ],
        { assessedOn: '2026-12-10' },
      )
      const settled = await client().call(
        'collection.settleOverpayments',
        { personId: person, idempotencyKey: randomUUID() },
        clerk,
      )
      expect(settled.offset).toBe(49_800)
      expect(settled.refundProposals).toHaveLength(1)
      proposalId = settled.refundProposals[0]!
      const again = await client().call(
        'collection.settleOverpayments',
        { personId: person, idempotencyKey: randomUUID() },
        clerk,
      )
      expect(again).toEqual({ offset: 0, refundProposals: [] })
    })

    it('the 収納担当 may not decide; the 監督者 needs a payee and then approves, writing the 還付', async () => {
      expect((await callRoute(t, 'collection.refundQueue', {}, clerk)).status).toBe(403)
      const queue = await client().call('collection.refundQueue', {}, supervisor)
      expect(queue.proposals.map((p) => [p.id, p.amount, p.status, p.arisenOn, p.rightEndsOn])).toEqual([
        [proposalId, 200, 'pending', '2026-12-10', '2028-12-10'],
      ])
      const noPayee = await callRoute(
        t,
        'collection.refundDecide',
        { proposalId, decision: 'approve', idempotencyKey: randomUUID() },
        supervisor,
      )
      expect(noPayee).toMatchObject({ status: 422, code: 'refundRefused' })
      const noAccount = await callRoute(
        t,
        'collection.refundDecide',
        { proposalId, decision: 'approve', payee: 'account', idempotencyKey: randomUUID() },
        supervisor,
      )
      expect(String(noAccount.body.title)).toContain('有効な口座がありません')
      const decided = await client().call(
        'collection.refundDecide',
        { proposalId, decision: 'approve', payee: 'cash', idempotencyKey: randomUUID() },
        supervisor,
      )
      expect(decided).toMatchObject({ status: 'approved', payee: 'cash', decidedOn: '2026-12-10' })
      const ledger = await client().call('collection.personLedger', { personId: person }, clerk)
      expect(
        ledger.years[0]!.installments.map((i) => [i.seq, i.charged, i.paid, i.refunded, i.offset, i.balance]),
      ).toEqual([
        [1, 150_000, 200_200, 200, -50_000, 0],
        [2, 50_000, 0, 0, 50_000, 0],
      ])
      expect(ledger.overpaid).toBe(0)
      const twice = await callRoute(
        t,
        'collection.refundDecide',
        { proposalId, decision: 'approve', payee: 'cash', idempotencyKey: randomUUID() },
        supervisor,
      )
      expect(twice).toMatchObject({ status: 409 })
    })

    it('prints the 還付通知書 with the amount and the legal basis', async () => {
      const notice = await client().call('collection.refundNotice', { proposalId }, clerk)
      expect(notice.mediaType).toBe('application/pdf')
      const text = pdfText(notice.contentBase64)
      expect(text).toContain('介護保険料 還付通知書')
      expect(text).toContain('200円')
      expect(text).toContain('介護保険法第200条')
    })
  })

  it('refunds to the person’s 口座 in force and names it on the 還付通知書 by its last 4 digits', async () => {
    const own = await addLedgerPerson(t.database.db as Db)
    await addAssessmentVersion(t.database.db as Db, own, 2026, [{ seq: 1, amount: 10_000, dueDate: '2026-12-31' }])
    await client().call(
      'premiums.registerBankAccount',
      {
        personId: own,
        validFrom: '2026-07-01',
        bankCode: '0001',
        branchCode: '001',
        accountType: '1',
        accountNumber: '7654321',
        holderKana: 'けんしょう しゅうのう',
        reason: '口座振替依頼書の受付',
        idempotencyKey: randomUUID(),
      },
      clerk,
    )
    const paid = await pay({ personId: own, amount: 10_700, paidOn: '2026-12-10' })
    expect(paid).toMatchObject({ overpaid: 700, refundProposals: [expect.any(Number)] })
    const proposalId = paid.refundProposals[0]!
    const decided = await client().call(
      'collection.refundDecide',
      { proposalId, decision: 'approve', payee: 'account', idempotencyKey: randomUUID() },
      supervisor,
    )
    expect(decided).toMatchObject({ status: 'approved', payee: 'account', amount: 700 })
    const notice = await client().call('collection.refundNotice', { proposalId }, clerk)
    expect(notice.text).toContain('還付の方法 口座振込 金融機関 0001 支店 001 口座番号 ***4321')
    expect(notice.text).not.toContain('7654321')
  })

  describe('the proposer never decides; a refund right older than 2 years is refused (介護保険法第200条)', () => {
    let own: number
    let proposalId: number
    beforeAll(async () => {
      own = await addLedgerPerson(t.database.db as Db)
      await addAssessmentVersion(t.database.db as Db, own, 2026, [{ seq: 1, amount: 10_000, dueDate: '2026-12-31' }])
      const paid = await pay({ personId: own, amount: 13_000, paidOn: '2026-12-10' }, bothToken)
      expect(paid).toMatchObject({ premiumPaid: 10_000, overpaid: 3_000, offset: 0 })
      proposalId = paid.refundProposals[0]!
    })

    it('refuses the decision to the person who proposed it', async () => {
      const refused = await callRoute(
        t,
        'collection.refundDecide',
        { proposalId, decision: 'approve', payee: 'cash', idempotencyKey: randomUUID() },
        bothToken,
      )
      expect(refused).toMatchObject({ status: 403, code: 'forbidden' })
    })

    it('refuses the approval the day after the last day of the right (2028-12-10) and takes a rejection with its reason', async () => {
      // arisen 2026-12-10 → right ends 2028-12-10 (2 years from the next day, 民法143条)
      t.clock.advance((Date.parse('2028-12-11T09:00:00+09:00') - t.clock.now().getTime()) / 1000)
      const late = await signIn(t, 'kantoku01')
      await stepUp(t, 'kantoku01', late)
      const refused = await callRoute(
        t,
        'collection.refundDecide',
        { proposalId, decision: 'approve', payee: 'cash', idempotencyKey: randomUUID() },
        late,
      )
      expect(refused).toMatchObject({ status: 422, code: 'refundRefused' })
      expect(String(refused.body.title)).toContain(
        '2028-12-10 の経過で時効により消滅しています（2026-12-10 に発生、介護保険法第200条）',
      )
      const rejected = await client().call(
        'collection.refundDecide',
        {
          proposalId,
          decision: 'reject',
          comment: '還付請求権の時効（介護保険法第200条）',
          idempotencyKey: randomUUID(),
        },
        late,
      )
      expect(rejected).toMatchObject({ status: 'rejected', reason: '還付請求権の時効（介護保険法第200条）' })
      const audit = await t.database.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, 'collection.refundDecide')))
      expect(audit.length).toBeGreaterThanOrEqual(3)
    })
  })
})
