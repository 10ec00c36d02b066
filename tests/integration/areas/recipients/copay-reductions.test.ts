import { randomUUID } from 'node:crypto'
import { and, eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { recipientChangeQueue } from '../../../../server/src/areas/certification'
import { copayReductionsOf } from '../../../../server/src/areas/recipients'
import { copayReductions } from '../../../../server/src/areas/recipients/schema'
import { provisionUser, signIn, stepUp } from '../../support/accounts'
import { callRoute, terminalClient } from '../../support/clients'
import { databaseKinds } from '../../support/databases'
import { startTestServer, type TestServer } from '../../support/test-server'
import { addHousehold, addMember } from '../premiums/household'

/**
 * 利用者負担の減免・軽減 through the real server (mutual TLS, session, audit row). Today is 2026-07-01 (JST), in the
 * 判定年度 2025-08-01〜2026-07-31 (docs/sources/domain.md §5.3: the year runs 8/1〜7/31). The kinds are the seed's
 * record types 57–59 and 61 (docs/sources/migration.md §1.3); 社会福祉法人等軽減 takes 25 % or 50 % (⚠️ general
 * knowledge: the 実施要綱's 1/4, and 1/2 for 老齢福祉年金受給者 — docs/sources/domain.md has no figure for it).
 */
describe.each(databaseKinds)('利用者負担の減免 on %s', (kind) => {
  let t: TestServer
  let clerk: string
  let supervisor: string
  let supervisorLogin: string
  let both: string
  let bothLogin: string

  const newPerson = async () => {
    const household = await addHousehold(t)
    return (
      await addMember(t, household, '1948-03-03', [
        { kind: 'acquisition', on: '2013-03-02', reason: 'reachingAge65', recordedAt: '2013-03-02T09:00:00+09:00' },
      ])
    ).id
  }
  const application = (personId: number, overrides: Record<string, unknown> = {}) => ({
    personId,
    kind: 'socialWelfareCorp' as const,
    ratePercent: 25,
    appliedOn: '2026-07-01',
    validFrom: '2026-07-01',
    validTo: '2026-07-31',
    reason: '生計困難（社会福祉法人等軽減の確認）',
    idempotencyKey: randomUUID(),
    ...overrides,
  })
  const apply = (personId: number, overrides: Record<string, unknown> = {}, token = clerk) =>
    callRoute(t, 'recipients.reductionApply', application(personId, overrides), token)
  const decide = (
    record: { id: number; rowVersion: number },
    approve: boolean,
    token = supervisor,
    rowVersion = record.rowVersion,
  ) =>
    callRoute(
      t,
      'recipients.reductionDecide',
      { recordId: record.id, approve, rowVersion, reason: '要件確認済み', idempotencyKey: randomUUID() },
      token,
    )

  beforeAll(async () => {
    t = await startTestServer(kind, 200, { startAt: new Date('2026-07-01T09:00:00+09:00') })
    const c = await provisionUser(t, { roles: ['benefitClerk'] })
    const s = await provisionUser(t, { roles: ['supervisor'] })
    const b = await provisionUser(t, { roles: ['benefitClerk', 'supervisor'] })
    clerk = await signIn(t, c.loginId)
    supervisorLogin = s.loginId
    supervisor = await signIn(t, s.loginId)
    bothLogin = b.loginId
    both = await signIn(t, b.loginId)
    await stepUp(t, supervisorLogin, supervisor)
  }, 240_000)
  afterAll(async () => t?.close())

  describe('second-person approval', () => {
    it('is recorded by the 給付担当 and approved by a 監督者, reaching the 受給者異動 and the read side', async () => {
      const personId = await newPerson()
      const input = application(personId)
      const applied = await terminalClient(t).call('recipients.reductionApply', input, clerk)
      expect(applied).toMatchObject({ kind: 'socialWelfareCorp', ratePercent: 25, status: 'applied', rowVersion: 1 })
      // The same idempotency key again: the first answer, nothing written twice.
      const again = await terminalClient(t).call('recipients.reductionApply', input, clerk)
      expect(again.id).toBe(applied.id)
      const rows = await t.database.db.select().from(copayReductions).where(eq(copayReductions.personId, personId))
      expect(rows).toHaveLength(1)
      // Nothing approved yet: nothing to read for the 531.
      expect((await copayReductionsOf(t.database.db, [personId])).get(personId)).toEqual([])

      // The clerk holds no decision permission.
      expect((await decide(applied, true, clerk)).status).toBe(403)
      await stepUp(t, supervisorLogin, supervisor)
      const approved = await decide(applied, true)
      expect(approved).toMatchObject({
        status: 200,
        body: { status: 'approved', decidedOn: '2026-07-01', rowVersion: 2 },
      })

      const periods = (await copayReductionsOf(t.database.db, [personId])).get(personId)
      expect(periods?.map((p) => [p.kind, p.ratePercent, p.validFrom, p.validTo])).toEqual([
        ['socialWelfareCorp', 25, '2026-07-01', '2026-07-31'],
      ])
      const queued = await t.database.db
        .select()
        .from(recipientChangeQueue)
        .where(and(eq(recipientChangeQueue.personId, personId), eq(recipientChangeQueue.changeKind, 'copayReduction')))
      expect(queued.map((q) => [q.effectiveOn, q.payload])).toEqual([
        [
          '2026-07-01',
          {
            reductionId: applied.id,
            kind: 'socialWelfareCorp',
            ratePercent: 25,
            validFrom: '2026-07-01',
            validTo: '2026-07-31',
          },
        ],
      ])
      const listed = await terminalClient(t).call('recipients.reductions', { personId }, clerk)
      expect(listed.reductions.map((r) => [r.id, r.status])).toEqual([[applied.id, 'approved']])
      const overview = await terminalClient(t).call('recipients.overview', { personId }, clerk)
      expect(overview.reductions.map((r) => r.status)).toEqual(['approved'])

      // Decided once: a second decision is refused.
      const twice = await decide({ id: applied.id, rowVersion: 2 }, false)
      expect(twice).toMatchObject({ status: 409, body: { title: 'この申請はすでに決定されています' } })
    }, 240_000)

    it('is refused to whoever recorded the application, even holding the 監督者 role', async () => {
      const personId = await newPerson()
      const applied = await apply(personId, {}, both)
      expect(applied.status).toBe(200)
      await stepUp(t, bothLogin, both)
      const refused = await decide(applied.body as { id: number; rowVersion: number }, true, both)
      expect(refused).toMatchObject({
        status: 403,
        body: { title: '自分が受け付けた申請は決定できません。別の職員に決定を依頼してください' },
      })
      const [row] = await t.database.db.select().from(copayReductions).where(eq(copayReductions.personId, personId))
      expect(row).toMatchObject({ status: 'applied', decidedBy: null, rowVersion: 1 })
    }, 240_000)

    it('needs the row version it read, and a fresh step-up', async () => {
      const personId = await newPerson()
      const applied = (await apply(personId)).body as { id: number; rowVersion: number }
      await stepUp(t, supervisorLogin, supervisor)
      const stale = await decide(applied, true, supervisor, applied.rowVersion + 1)
      expect(stale).toMatchObject({
        status: 409,
        body: { title: '申請は他の操作で変更されました。読み直してください' },
      })
      const rejected = await decide(applied, false)
      expect(rejected).toMatchObject({ status: 200, body: { status: 'rejected' } })
      // A rejection reaches neither the read side nor the 受給者異動.
      expect((await copayReductionsOf(t.database.db, [personId])).get(personId)).toEqual([])
      const queued = await t.database.db
        .select()
        .from(recipientChangeQueue)
        .where(eq(recipientChangeQueue.personId, personId))
      expect(queued).toEqual([])
    }, 240_000)

    it('never rewrites an application: the database refuses to change its facts or delete it', async () => {
      const personId = await newPerson()
      const applied = (await apply(personId)).body as { id: number; rowVersion: number }
      await stepUp(t, supervisorLogin, supervisor)
      await decide(applied, true)
      await expect(
        t.database.db.update(copayReductions).set({ ratePercent: 50 }).where(eq(copayReductions.id, applied.id)),
      ).rejects.toThrow()
      await expect(
        t.database.db.execute(sql`delete from recipient_copay_reductions where id = ${applied.id}`),
      ).rejects.toThrow()
      const [row] = await t.database.db.select().from(copayReductions).where(eq(copayReductions.id, applied.id))
      expect(row).toMatchObject({ ratePercent: 25, status: 'approved' })
    }, 240_000)
  })

  describe('overlapping periods', () => {
    it('refuses a period of the same kind sharing one day, naming the existing one; the next day is accepted', async () => {
      const personId = await newPerson()
      const first = await apply(personId, { validFrom: '2026-07-01', validTo: '2026-07-15' })
      expect(first.status).toBe(200)
      const clash = await apply(personId, { validFrom: '2026-07-15', validTo: '2026-07-31' })
      expect(clash).toMatchObject({
        status: 422,
        body: {
          title:
            '減免の期間が既存の申請（2026-07-01〜2026-07-15、社会福祉法人等による利用者負担軽減、申請中）と重なっています',
        },
      })
      const next = await apply(personId, { validFrom: '2026-07-16', validTo: '2026-07-31' })
      expect(next.status).toBe(200)
    }, 240_000)

    it('refuses an overlap with an approved 減免 too, but not with a rejected one or another kind', async () => {
      const personId = await newPerson()
      const approved = (await apply(personId)).body as { id: number; rowVersion: number }
      await stepUp(t, supervisorLogin, supervisor)
      await decide(approved, true)
      const clash = await apply(personId, { ratePercent: 50 })
      expect(clash.status).toBe(422)
      expect(clash.body.title).toBe(
        '減免の期間が既存の減免（2026-07-01〜2026-07-31、社会福祉法人等による利用者負担軽減、承認）と重なっています',
      )
      const otherKind = await apply(personId, { kind: 'userCopay', ratePercent: 100, reason: '災害（家屋の損害）' })
      expect(otherKind.status).toBe(200)
      await decide(otherKind.body as { id: number; rowVersion: number }, false)
      const afterRejection = await apply(personId, { kind: 'userCopay', ratePercent: 50, reason: '災害（再申請）' })
      expect(afterRejection.status).toBe(200)
    }, 240_000)
  })

  describe('date boundaries', () => {
    it('accepts a period ending on the 7/31 of its year and refuses one ending on 8/1', async () => {
      // docs/sources/domain.md §5.3: the year of 2026-07-01 is 2025-08-01〜2026-07-31.
      const personId = await newPerson()
      const over = await apply(personId, { validTo: '2026-08-01' })
      expect(over).toMatchObject({
        status: 422,
        body: {
          title: '有効期間の終了日（validTo）は開始日の属する年度（8月1日〜7月31日）の末日（2026-07-31）までです',
        },
      })
      expect((await apply(personId, { validTo: '2026-07-31' })).status).toBe(200)
    }, 240_000)

    it('starts on the first day of the application’s month at the earliest', async () => {
      const personId = await newPerson()
      const before = await apply(personId, { appliedOn: '2026-06-20', validFrom: '2026-05-31', validTo: '2026-06-30' })
      expect(before).toMatchObject({
        status: 422,
        body: { title: '有効期間の開始日（validFrom）は申請日の属する月の初日（2026-06-01）以降の日付にしてください' },
      })
      const first = await apply(personId, { appliedOn: '2026-06-20', validFrom: '2026-06-01', validTo: '2026-06-30' })
      expect(first).toMatchObject({ status: 200, body: { validFrom: '2026-06-01', validTo: '2026-06-30' } })
    }, 240_000)

    it('refuses an application dated tomorrow, an end before the start, and a rate the kind does not allow', async () => {
      const personId = await newPerson()
      expect((await apply(personId, { appliedOn: '2026-07-02', validFrom: '2026-07-02' })).body.title).toBe(
        '申請日（appliedOn）2026-07-02 が本日（2026-07-01）より後です',
      )
      expect((await apply(personId, { validFrom: '2026-07-10', validTo: '2026-07-09' })).body.title).toBe(
        '有効期間の終了日（validTo）2026-07-09 が有効期間の開始日（validFrom）2026-07-10 より前です',
      )
      expect((await apply(personId, { ratePercent: 30 })).body.title).toBe(
        '社会福祉法人等による利用者負担軽減の減免の割合（ratePercent）は25％・50％のいずれかです',
      )
      expect((await apply(personId, { ratePercent: null })).body.title).toBe(
        '減免の割合（ratePercent）を入力してください',
      )
      const impossible = await apply(personId, { validTo: '2026-06-31' })
      expect(impossible.status).toBe(400)
      expect(impossible.body.detail).toBe('有効期間の終了日（validTo）: 存在しない日付です（2026-06-31）')
      const rows = await t.database.db.select().from(copayReductions).where(eq(copayReductions.personId, personId))
      expect(rows).toEqual([])
    }, 240_000)
  })
})
