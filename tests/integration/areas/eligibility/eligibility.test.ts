import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { eq, sql } from 'drizzle-orm'
import { persons } from '../../../../server/src/areas/persons/schema'
import { recordLoss } from '../../../../server/src/areas/eligibility/engine'
import { eligibilityEvents } from '../../../../server/src/areas/eligibility/schema'
import { normalizeKana, normalizeKanjiName } from '../../../../shared/text/kana'
import { databaseKinds } from '../../support/databases'
import { terminalClient } from '../../support/clients'
import { startTestServer, type TestServer } from '../../support/test-server'
import { signIn } from '../../support/sign-in'
import { todayInJapan } from '../../../../shared/domain'

/** A resident added to the seeded ward for a test: born `birthDate`, not insured, no history. */
async function addResident(t: TestServer, residentCode: string, birthDate: string): Promise<number> {
  const [household] = await t.database.db
    .execute<{ id: number }>(sql`select id from households order by id limit 1`)
    .then((r) => (r as unknown as { rows: { id: number }[] }).rows)
  const [row] = await t.database.db
    .insert(persons)
    .values({
      residentCode,
      householdId: household!.id,
      relationship: '同居人',
      familyName: '検証',
      givenName: '六十五',
      familyNameKana: 'ケンショウ',
      givenNameKana: 'ロクジュウゴ',
      kanaKey: normalizeKana('ケンショウロクジュウゴ'),
      nameKey: normalizeKanjiName('検証六十五'),
      sex: 'female',
      birthDate,
      phone: null,
      individualNumber: '990000000000',
      insuredNumber: null,
      insuredCategory: null,
      acquiredOn: null,
      isProtected: false,
      residentTaxable: false,
      totalIncome: 0,
      taxablePensionIncome: 0,
      pensionAndOtherIncome: 0,
      onPublicAssistance: false,
      oldAgeWelfarePension: false,
    })
    .returning({ id: persons.id })
  return row!.id
}

describe.each(databaseKinds)('eligibility on %s', (kind) => {
  let t: TestServer
  let token: string
  const client = () => terminalClient(t)
  beforeAll(async () => {
    t = await startTestServer(kind, 1_000)
    token = await signIn(t, 'shikaku01')
  })
  afterAll(() => t.close())

  describe('the 65-attainment batch', () => {
    it('makes a person born 1961-04-01 category 1 from 2026-03-31, once', async () => {
      const id = await addResident(t, '1999999001', '1961-04-01')
      const first = await client().call(
        'eligibility.runAge65Batch',
        { from: '2026-03-31', to: '2026-03-31', idempotencyKey: randomUUID() },
        token,
      )
      expect(first.recorded).toBeGreaterThanOrEqual(1)
      const history = await client().call('eligibility.history', { personId: id }, token)
      expect(history.events).toMatchObject([
        { kind: 'acquisition', category: 1, reason: 'reachingAge65', effectiveOn: '2026-03-31', source: 'batch' },
      ])
      expect(history.status).toEqual({ insured: true, category: 1, since: '2026-03-31' })
      const [row] = await t.database.db.select().from(persons).where(eq(persons.id, id))
      expect(row).toMatchObject({ insuredCategory: 1, acquiredOn: '2026-03-31' })
      expect(row!.insuredNumber).toMatch(/^\d{10}$/)

      const before = await t.database.db.select().from(eligibilityEvents)
      const second = await client().call(
        'eligibility.runAge65Batch',
        { from: '2026-03-31', to: '2026-03-31', idempotencyKey: randomUUID() },
        token,
      )
      expect(second.recorded).toBe(0)
      expect(await t.database.db.select().from(eligibilityEvents)).toHaveLength(before.length)
      const [again] = await t.database.db.select().from(persons).where(eq(persons.id, id))
      expect(again!.insuredNumber).toBe(row!.insuredNumber)
    })

    it('does not pick a person the day before or after (born 1961-04-02 attains on 2026-04-01)', async () => {
      const id = await addResident(t, '1999999002', '1961-04-02')
      await client().call(
        'eligibility.runAge65Batch',
        { from: '2026-03-31', to: '2026-03-31', idempotencyKey: randomUUID() },
        token,
      )
      expect((await client().call('eligibility.history', { personId: id }, token)).events).toEqual([])
      await client().call(
        'eligibility.runAge65Batch',
        { from: '2026-04-01', to: '2026-04-01', idempotencyKey: randomUUID() },
        token,
      )
      expect((await client().call('eligibility.history', { personId: id }, token)).events).toMatchObject([
        { effectiveOn: '2026-04-01', reason: 'reachingAge65' },
      ])
    })

    it('refuses a reversed range in Japanese', async () => {
      await expect(
        client().call(
          'eligibility.runAge65Batch',
          { from: '2026-04-02', to: '2026-04-01', idempotencyKey: randomUUID() },
          token,
        ),
      ).rejects.toMatchObject({ message: '開始日は終了日以前の日付を指定してください' })
    })

    it('is not available to a role without the permission', async () => {
      const other = { token: await signIn(t, 'fuka01') }
      await expect(
        client().call(
          'eligibility.runAge65Batch',
          { from: '2026-04-01', to: '2026-04-01', idempotencyKey: randomUUID() },
          other.token,
        ),
      ).rejects.toMatchObject({ code: 'forbidden' })
    })
  })

  describe('loss dates (lossDate of shared/domain)', () => {
    it('転出 without residence elsewhere that day: the next day; with it: the same day; 死亡: the next day', async () => {
      const cases = [
        { code: '1999999011', event: { kind: 'moveOut', movedOutOn: '2026-11-03' } as const, lostOn: '2026-11-04' },
        {
          code: '1999999012',
          event: { kind: 'moveOut', movedOutOn: '2026-11-03', residenceElsewhereFrom: '2026-11-03' } as const,
          lostOn: '2026-11-03',
        },
        { code: '1999999013', event: { kind: 'death', diedOn: '2026-11-03' } as const, lostOn: '2026-11-04' },
      ]
      for (const c of cases) {
        const id = await addResident(t, c.code, '1950-05-05')
        await client().call(
          'eligibility.runAge65Batch',
          { from: '2015-05-04', to: '2015-05-04', idempotencyKey: randomUUID() },
          token,
        )
        const loss = await recordLoss(t.database.db, id, c.event, {
          source: 'manual',
          dedupeKey: `test:${c.code}`,
          today: todayInJapan(t.clock.now()),
        })
        expect(loss.lostOn).toBe(c.lostOn)
        const history = await client().call('eligibility.history', { personId: id }, token)
        expect(history.events.at(-1)).toMatchObject({ kind: 'loss', effectiveOn: c.lostOn })
        expect(history.status.insured).toBe(false)
      }
    })
  })

  describe('bitemporal history', () => {
    it('shows the history as known on an earlier date (before the batch recorded it: nothing)', async () => {
      const id = await addResident(t, '1999999021', '1961-05-10')
      await client().call(
        'eligibility.runAge65Batch',
        { from: '2026-05-09', to: '2026-05-09', idempotencyKey: randomUUID() },
        token,
      )
      const now = await client().call('eligibility.history', { personId: id }, token)
      expect(now.events).toHaveLength(1)
      const earlier = await client().call('eligibility.history', { personId: id, asKnownOn: '2026-05-01' }, token)
      expect(earlier.events).toEqual([])
      expect(earlier.status.insured).toBe(false)
    })

    it('refuses to change or delete a history row (append-only)', async () => {
      await expect(t.database.db.update(eligibilityEvents).set({ source: 'x' })).rejects.toThrow()
      await expect(t.database.db.delete(eligibilityEvents)).rejects.toThrow()
    })

    it('seeds the history of the generated ward: insured persons have an acquisition, 住所地特例 periods exist', async () => {
      const counts = await t.database.db.execute<{ kind: string; n: number }>(
        sql`select kind, count(*)::int as n from eligibility_events where source = 'seed' group by kind`,
      )
      const rows = (counts as unknown as { rows: { kind: string; n: number }[] }).rows
      const byKind = Object.fromEntries(rows.map((r) => [r.kind, Number(r.n)]))
      expect(byKind.acquisition).toBeGreaterThan(700)
      expect(byKind.residenceExceptionStart).toBeGreaterThan(0)
    })
  })

  describe('被保険者証の交付・再交付', () => {
    it('issues once, then needs a reason to reissue, counts and audits every issuance', async () => {
      const id = await addResident(t, '1999999031', '1961-06-10')
      await client().call(
        'eligibility.runAge65Batch',
        { from: '2026-06-09', to: '2026-06-09', idempotencyKey: randomUUID() },
        token,
      )
      const first = await client().call(
        'eligibility.issueInsuranceCard',
        { personId: id, idempotencyKey: randomUUID() },
        token,
      )
      expect(first).toMatchObject({ kind: 'issue', count: 1, card: { birthDate: '1961-06-10', category: 1 } })
      expect(Buffer.from(first.pdfBase64, 'base64').subarray(0, 5).toString()).toBe('%PDF-')
      await expect(
        client().call('eligibility.issueInsuranceCard', { personId: id, idempotencyKey: randomUUID() }, token),
      ).rejects.toMatchObject({ message: '再交付の理由を入力してください' })
      const again = await client().call(
        'eligibility.issueInsuranceCard',
        { personId: id, reissueReason: '紛失', idempotencyKey: randomUUID() },
        token,
      )
      expect(again).toMatchObject({ kind: 'reissue', count: 1 })
      const last = await t.database.db.execute<{ action: string; purpose: string; target_ids: number[] }>(
        sql`select action, purpose, target_ids from audit_log where action = 'eligibility.issueInsuranceCard' and outcome = 'ok' order by seq desc limit 1`,
      )
      const row = (last as unknown as { rows: { action: string; purpose: string; target_ids: number[] }[] }).rows[0]!
      expect(row.purpose).toBe('被保険者証 再交付（1回目）紛失')
      expect(row.target_ids).toEqual([id])
    })
    it('refuses a card to a person who is not insured', async () => {
      const id = await addResident(t, '1999999032', '1990-01-01')
      await expect(
        client().call('eligibility.issueInsuranceCard', { personId: id, idempotencyKey: randomUUID() }, token),
      ).rejects.toMatchObject({ message: '被保険者ではないため被保険者証を交付できません' })
    })
  })

  it('audits every history view (one row, the person as target)', async () => {
    const [{ id }] = (await t.database.db.select({ id: persons.id }).from(persons).limit(1)) as [{ id: number }]
    await client().call('eligibility.history', { personId: id }, token)
    const last = await t.database.db.execute<{ action: string; target_ids: number[] }>(
      sql`select action, target_ids from audit_log order by seq desc limit 1`,
    )
    const row = (last as unknown as { rows: { action: string; target_ids: number[] }[] }).rows[0]!
    expect(row.action).toBe('eligibility.history')
    expect(row.target_ids).toEqual([id])
  })
})
