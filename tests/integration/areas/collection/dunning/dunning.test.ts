import { execFileSync } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { and, eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { timeBarredLookup } from '../../../../../server/src/areas/collection/dunning'
import { limitationRenewals } from '../../../../../server/src/areas/collection/dunning/schema'
import { recordLimitationRenewal } from '../../../../../server/src/areas/collection/dunning/limitation'
import { applyPayment, collectionEntries, syncCharges } from '../../../../../server/src/areas/collection/ledger'
import type { Db } from '../../../../../server/src/core/db/connect'
import { auditLog } from '../../../../../server/src/core/db/schema'
import type { DunningRunDetail, LateChargeQuote } from '../../../../../shared/api/dunning'
import { provisionUser, signIn, stepUp } from '../../../support/accounts'
import { callRoute } from '../../../support/clients'
import { databaseKinds } from '../../../support/databases'
import { startTestServer, type TestServer } from '../../../support/test-server'
import { addAssessmentVersion, addLedgerPerson } from '../ledger/ledger-support'

/** The text of a PDF as pdftotext reads it (a temporary file of the test runner only). */
function pdfText(base64: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'kaigo-it-dunning-')), 'd.pdf')
  writeFileSync(file, Buffer.from(base64, 'base64'))
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' })
}

/**
 * 督促・延滞金・時効・不納欠損 through the real server on a day of the test clock (2026-08-12, JST). The test's own
 * persons get 普通徴収 installments written as a 賦課 version and synced to the ledger (調定); expected dates and yen by
 * hand from docs/sources/domain.md §4.1–§4.2 and the dated tables (shared/domain/parameters/shinjuku.ts,
 * shared/domain/parameters/dunning.ts).
 */
describe.each(databaseKinds)('督促・時効・不納欠損 on %s', (kind) => {
  let t: TestServer
  let db: Db
  let clerk: string
  let supervisor: string
  /** A: unpaid FY2026 第1期 123,456円 due 2026-07-31. B: FY2026 第1期 paid. C: FY2024 第1期 due 2024-07-31 unpaid,
   * never demanded (time-barred after 2026-07-31). D: FY2024 第1期 due 2024-07-31 with a 督促 issued 2024-08-10.
   * E: a 支援措置 person with FY2026 第1期 8,800円 unpaid. */
  const ids = { a: 0, b: 0, c: 0, d: 0, e: 0 }
  const names = { a: '' }
  const withKey = new Set(['dunning.dryRun', 'dunning.approve', 'dunning.reject', 'dunning.commit'])
  const call = (name: Parameters<typeof callRoute>[1], input: Record<string, unknown>, token: string) =>
    callRoute(t, name, withKey.has(name) ? { idempotencyKey: randomUUID(), ...input } : input, token)

  const quote = async (personId: number, asOf?: string) => {
    const answer = await call('dunning.lateChargeQuote', { personId, ...(asOf ? { asOf } : {}) }, clerk)
    expect(answer.status, JSON.stringify(answer.body)).toBe(200)
    return answer.body as unknown as LateChargeQuote
  }
  const dryRun = async (runKind: 'demand' | 'writeOff') => {
    const answer = await call('dunning.dryRun', { kind: runKind }, clerk)
    expect(answer.status, JSON.stringify(answer.body)).toBe(200)
    return answer.body as unknown as DunningRunDetail
  }
  const allItems = async (runId: number) => {
    const answer = await call('dunning.run', { runId, offset: 0, limit: 1_000 }, supervisor)
    expect(answer.status, JSON.stringify(answer.body)).toBe(200)
    return (answer.body as unknown as DunningRunDetail).items.rows
  }
  const approve = async (runId: number) => {
    await stepUp(t, 'kantoku01', supervisor)
    return call('dunning.approve', { runId }, supervisor)
  }

  beforeAll(async () => {
    t = await startTestServer(kind, 200, { startAt: new Date('2026-08-12T09:00:00+09:00') })
    db = t.database.db as Db
    for (const k of ['a', 'b', 'c', 'd'] as const) ids[k] = await addLedgerPerson(db)
    ids.e = await addLedgerPerson(db, { isProtected: true })
    // E lives elsewhere: a 支援措置 protects every address it covers, so the others keep theirs printable.
    await db.execute(
      sql`update households set address = '東京都新宿区西新宿二丁目8番1号（検証）'
          where id = (select household_id from persons where id = ${ids.e})`,
    )
    names.a = '検証 収納'
    await addAssessmentVersion(db, ids.a, 2026, [{ seq: 1, amount: 123_456, dueDate: '2026-07-31' }])
    await addAssessmentVersion(db, ids.b, 2026, [{ seq: 1, amount: 8_800, dueDate: '2026-07-31' }])
    await addAssessmentVersion(db, ids.c, 2024, [{ seq: 1, amount: 8_800, dueDate: '2024-07-31' }])
    await addAssessmentVersion(db, ids.d, 2024, [{ seq: 1, amount: 8_800, dueDate: '2024-07-31' }])
    await addAssessmentVersion(db, ids.e, 2026, [{ seq: 1, amount: 8_800, dueDate: '2026-07-31' }])
    const now = t.clock.now()
    await syncCharges(db, Object.values(ids), { now, recordedBy: null })
    await applyPayment(
      db,
      {
        personId: ids.b,
        target: { fiscalYear: 2026, method: 'direct', seq: 1 },
        amount: 8_800,
        paidOn: '2026-07-30',
        channel: 'counter',
        source: 'test',
        idempotencyKey: `test-pay-${randomUUID()}`,
      },
      { now, recordedBy: null, timeBarred: timeBarredLookup },
    )
    // D's 督促 of 2024: issued 2024-08-10 → the limitation runs again from 2024-08-20.
    await recordLimitationRenewal(
      db,
      [
        {
          personId: ids.d,
          fiscalYear: 2024,
          method: 'direct',
          installmentSeq: 1,
          kind: 'demandNotice',
          occurredOn: '2024-08-10',
          source: 'test',
          idempotencyKey: `test-renewal-${ids.d}`,
          recordedBy: null,
        },
      ],
      now,
    )
    clerk = await signIn(t, 'fuka01')
    supervisor = await signIn(t, 'kantoku01')
  }, 240_000)
  afterAll(() => t.close())

  describe('延滞金 (docs/sources/domain.md §4.1)', () => {
    it('a payment 100 days after the due date: 123,456円 due 2026-07-31 paid 2026-11-08 → 1,100円', async () => {
      // By hand (新宿区 [S35], 2026 rates 2.8 % / 9.1 % [S36]): base 123,000 (1,000円未満切捨て); rate A from
      // 2026-08-01 to 2026-10-31 (3 months, 92 days), rate B 2026-11-01 … 11-08 (8 days) = 100 days;
      // 123,000 × (92 × 2.8 % + 8 × 9.1 %) ÷ 365 = 123,000 × 3.304 ÷ 365 = 1,113.40… → 100円未満切捨て 1,100円.
      const q = await quote(ids.a, '2026-11-08')
      expect(q.rows).toHaveLength(1)
      expect(q.rows[0]).toMatchObject({ fiscalYear: 2026, installmentSeq: 1, balance: 123_456, lateCharge: 1_100 })
      expect(q.totalLateCharge).toBe(1_100)
    })

    it('the ledger collects the same 延滞金 after the premium itself when the payment is taken', async () => {
      let paid: Awaited<ReturnType<typeof applyPayment>> | null = null
      // In a transaction rolled back afterwards: the batch tests below need the installment unpaid.
      await expect(
        db.transaction(async (tx) => {
          paid = await applyPayment(
            tx,
            {
              personId: ids.a,
              target: { fiscalYear: 2026, method: 'direct', seq: 1 },
              amount: 123_456 + 1_100,
              paidOn: '2026-11-08',
              channel: 'counter',
              source: 'test',
              idempotencyKey: `test-late-${randomUUID()}`,
            },
            { now: t.clock.now(), recordedBy: null, timeBarred: timeBarredLookup },
          )
          throw new RollbackProbe()
        }),
      ).rejects.toBeInstanceOf(RollbackProbe)
      expect(paid).toMatchObject({ premiumPaid: 123_456, lateCharge: 1_100, lateChargePaid: 1_100, overpaid: 0 })
    })
  })

  describe('時効 and its renewal (介護保険法第200条, docs/sources/domain.md §4.2)', () => {
    it('without a renewal the limitation ends 2 years after the day after the due date', async () => {
      const q = await quote(ids.c)
      // due 2024-07-31 → 2026-07-31; on 2026-08-12 time-barred.
      expect(q.rows[0]).toMatchObject({ limitationEnd: '2026-07-31', timeBarred: true, lateCharge: 0 })
    })

    it('a 督促 issued 2024-08-10 renews it from 2024-08-20 → 2026-08-20, not yet time-barred', async () => {
      const q = await quote(ids.d)
      expect(q.rows[0]).toMatchObject({ limitationEnd: '2026-08-20', timeBarred: false })
      expect(q.rows[0]!.renewals).toEqual([{ kind: 'demandNotice', occurredOn: '2024-08-10', renewedOn: '2024-08-20' }])
    })

    it('a time-barred installment cannot be paid: the ledger refuses it with the reason', async () => {
      await expect(
        applyPayment(
          db,
          {
            personId: ids.c,
            target: { fiscalYear: 2024, method: 'direct', seq: 1 },
            amount: 8_800,
            paidOn: '2026-08-12',
            channel: 'counter',
            source: '窓口',
            idempotencyKey: `test-barred-${randomUUID()}`,
          },
          { now: t.clock.now(), recordedBy: null, timeBarred: timeBarredLookup },
        ),
      ).rejects.toThrow(/時効で消滅しており、納付を受けられません（介護保険法第200条）/)
      const entries = await db
        .select()
        .from(collectionEntries)
        .where(and(eq(collectionEntries.personId, ids.c), eq(collectionEntries.kind, 'payment')))
      expect(entries).toEqual([])
    })
  })

  describe('the 督促 batch: dry run, sign-off by a second person, commit, repeat', () => {
    let runId = 0

    it('the dry run lists the unpaid 普通徴収 installments 10 days after their due date, and nothing else of ours', async () => {
      const run = await dryRun('demand')
      runId = run.summary.id
      // 発付日 2026-08-12 → 指定期限 2026-08-21 (発付日から起算して10日).
      expect(run.summary).toMatchObject({
        kind: 'demand',
        status: 'awaitingApproval',
        asOf: '2026-08-12',
        deadline: '2026-08-21',
        feePerNotice: 0,
      })
      const items = await allItems(runId)
      const ours = items.filter((i) => Object.values(ids).includes(i.personId))
      expect(ours).toEqual([
        {
          personId: ids.a,
          name: names.a,
          fiscalYear: 2026,
          method: 'direct',
          installmentSeq: 1,
          dueDate: '2026-07-31',
          balance: 123_456,
          limitationEnd: '2028-07-31',
          late: false,
        },
        {
          personId: ids.e,
          name: names.a,
          fiscalYear: 2026,
          method: 'direct',
          installmentSeq: 1,
          dueDate: '2026-07-31',
          balance: 8_800,
          limitationEnd: '2028-07-31',
          late: false,
        },
      ])
      expect(run.summary.installments).toBe(items.length)
      expect(run.summary.totalAmount).toBe(items.reduce((s, i) => s + i.balance, 0))
    })

    it('the preparer cannot sign it off; nor can a person who holds both roles and prepared it', async () => {
      const own = await call('dunning.approve', { runId }, clerk)
      expect(own.status).toBe(403)
      const both = await provisionUser(t, { roles: ['premiumClerk', 'supervisor'] })
      const token = await signIn(t, both.loginId)
      const mine = await call('dunning.dryRun', { kind: 'demand' }, token)
      expect(mine.status).toBe(200)
      const mineId = (mine.body as unknown as DunningRunDetail).summary.id
      await stepUp(t, both.loginId, token)
      const refused = await call('dunning.approve', { runId: mineId }, token)
      expect(refused.status).toBe(403)
      expect(refused.body.title ?? refused.body.detail).toBeDefined()
      // The later dry run superseded the first; prepare again as the clerk.
      const again = await dryRun('demand')
      runId = again.summary.id
    })

    it('the commit is refused before the sign-off', async () => {
      const early = await call('dunning.commit', { runId }, clerk)
      expect(early.status).toBe(409)
    })

    it('the 監督者 signs off after a step-up; the commit renews the limitation: 2026-08-12 + 10 → 2028-08-22', async () => {
      const approved = await approve(runId)
      expect(approved.status, JSON.stringify(approved.body)).toBe(200)
      expect(approved.body).toMatchObject({ status: 'approved', approvedBy: expect.any(String) })
      const committed = await call('dunning.commit', { runId }, clerk)
      expect(committed.status, JSON.stringify(committed.body)).toBe(200)
      const body = committed.body as { summary: { status: string; installments: number }; written: number }
      expect(body.summary.status).toBe('committed')
      expect(body.written).toBe(body.summary.installments)
      // Renewed on 2026-08-22 → the 2 years run from 2026-08-23 → last day 2028-08-22 (was 2028-07-31).
      const q = await quote(ids.a)
      expect(q.rows[0]).toMatchObject({ limitationEnd: '2028-08-22' })
      expect(q.rows[0]!.renewals).toEqual([{ kind: 'demandNotice', occurredOn: '2026-08-12', renewedOn: '2026-08-22' }])
    })

    it('a repeated commit writes nothing, and a new dry run no longer lists what was demanded', async () => {
      const before = await db.select().from(limitationRenewals)
      const again = await call('dunning.commit', { runId }, clerk)
      expect(again.status).toBe(200)
      expect((again.body as { written: number }).written).toBe(0)
      expect(await db.select().from(limitationRenewals)).toHaveLength(before.length)
      const next = await dryRun('demand')
      expect(next.summary.installments).toBe(0)
    })

    it('the 督促状 of the run is one PDF: cover page, then the person, the amount and the 指定期限 in 和暦', async () => {
      const answer = await call('dunning.notices', { runId }, clerk)
      expect(answer.status, JSON.stringify(answer.body)).toBe(200)
      const body = answer.body as { notices: number; pages: number; pdfBase64: string }
      expect(body.pages).toBe(body.notices + 1)
      const text = pdfText(body.pdfBase64)
      expect(text).toContain('介護保険料督促状')
      expect(text.replace(/\s+/g, '')).toContain(names.a.replace(/\s+/g, ''))
      // A's own address is printed (not protected); E's is withheld.
      expect(text).toContain('新宿一丁目1番1号')
      expect(text).toContain('123,456円')
      expect(text).toContain('令和8年8月21日')
      expect(text).toContain('介護保険法第200条')
      // The 支援措置 person's 督促状 is handed at the counter: the clerk may not reveal the address.
      expect(text).toContain('（窓口で交付）')
      expect((answer.body as { withheld: number }).withheld).toBeGreaterThanOrEqual(1)
    })
  })

  describe('the 監督者 may send a run back; it can then not be committed', () => {
    it('差戻し with the reason; the commit is refused', async () => {
      const run = await dryRun('writeOff')
      const rejected = await call('dunning.reject', { runId: run.summary.id, reason: '対象の確認が必要' }, supervisor)
      expect(rejected.status, JSON.stringify(rejected.body)).toBe(200)
      expect(rejected.body).toMatchObject({ status: 'rejected', rejectionReason: '対象の確認が必要' })
      expect((await call('dunning.commit', { runId: run.summary.id }, clerk)).status).toBe(409)
    })
  })

  describe('every read of a person is audited (C-08)', () => {
    it('the 延滞金 quote writes one audit row naming the person', async () => {
      const before = await db.select().from(auditLog).where(eq(auditLog.action, 'dunning.lateChargeQuote'))
      await quote(ids.d)
      const after = await db.select().from(auditLog).where(eq(auditLog.action, 'dunning.lateChargeQuote'))
      expect(after).toHaveLength(before.length + 1)
      expect(after.at(-1)!.targetIds).toEqual([ids.d])
    })
  })

  describe('the 不納欠損 batch writes off what is time-barred', () => {
    it('lists C (limitation ended 2026-07-31), not D (renewed to 2026-08-20); the commit writes off its balance once', async () => {
      const run = await dryRun('writeOff')
      const items = await allItems(run.summary.id)
      const ours = items.filter((i) => Object.values(ids).includes(i.personId))
      expect(ours.map((i) => [i.personId, i.fiscalYear, i.balance, i.limitationEnd])).toEqual([
        [ids.c, 2024, 8_800, '2026-07-31'],
      ])
      expect((await approve(run.summary.id)).status).toBe(200)
      const committed = await call('dunning.commit', { runId: run.summary.id }, clerk)
      expect(committed.status, JSON.stringify(committed.body)).toBe(200)
      const writeOffs = await db
        .select()
        .from(collectionEntries)
        .where(and(eq(collectionEntries.personId, ids.c), eq(collectionEntries.kind, 'writeOff')))
      expect(writeOffs.map((e) => e.amount)).toEqual([-8_800])
      const again = await call('dunning.commit', { runId: run.summary.id }, clerk)
      expect((again.body as { written: number }).written).toBe(0)
      const q = await quote(ids.c)
      expect(q.rows).toEqual([])
    })
  })
})

class RollbackProbe extends Error {}
