import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { eq, sql } from 'drizzle-orm'
import { persons } from '../../../../server/src/areas/persons/schema'
import { eligibilityEvents } from '../../../../server/src/areas/eligibility/schema'
import type { ApiInput } from '../../../../shared/api/routes'
import { provisionUser, signIn as signInProvisioned } from '../../support/accounts'
import { callRoute, terminalClient } from '../../support/clients'
import { databaseKinds } from '../../support/databases'
import { startTestServer, type TestServer } from '../../support/test-server'
import { addResident } from '../../support/residents'
import { signIn } from '../../support/sign-in'

/**
 * Manual corrections with a reason and a second person's approval, and the 第2号 acquisition at the
 * certification application (the hook of the certification area). Dates of the latter: 40歳到達日 =
 * category2AcquisitionDate (the day before the 40th birthday, 年齢計算ニ関スル法律), or the 転入 date when later.
 */
describe.each(databaseKinds)('corrections and 第2号 at application on %s', (kind) => {
  let t: TestServer
  let clerk: string
  let supervisor: string
  const client = () => terminalClient(t)
  const history = (personId: number, asKnownOn?: string) =>
    client().call('eligibility.history', { personId, ...(asKnownOn ? { asKnownOn } : {}) }, clerk)
  const propose = (input: Omit<ApiInput<'eligibility.proposeCorrection'>, 'idempotencyKey'>, token = clerk) =>
    client().call('eligibility.proposeCorrection', { ...input, idempotencyKey: randomUUID() }, token)
  const decide = (input: Omit<ApiInput<'eligibility.decideCorrection'>, 'idempotencyKey'>, token = supervisor) =>
    client().call('eligibility.decideCorrection', { ...input, idempotencyKey: randomUUID() }, token)

  beforeAll(async () => {
    t = await startTestServer(kind, 300)
    clerk = await signIn(t, 'shikaku01')
    supervisor = await signIn(t, 'kantoku01')
  })
  afterAll(() => t.close())

  describe('four eyes: proposed by one, effective only after another approves', () => {
    it('a proposal changes nothing; the approval supersedes the row and "as known on" earlier still shows the old one', async () => {
      const p = await addResident(t, '1958-10-10')
      // The row to correct, recorded on 2026-01-10 (JST) — long before the correction.
      const [old] = await t.database.db
        .insert(eligibilityEvents)
        .values({
          personId: p.id,
          kind: 'acquisition',
          category: 1,
          reason: 'moveIn',
          effectiveOn: '2025-12-01',
          recordedAt: new Date('2026-01-10T01:00:00+09:00'),
          source: 'intake',
          dedupeKey: `test:old:${p.id}`,
        })
        .returning()
      const proposal = await propose({
        personId: p.id,
        action: 'replace',
        targetEventId: old!.id,
        event: { kind: 'acquisition', category: 1, reason: 'moveIn', effectiveOn: '2025-11-28' },
        reason: '転入届の異動日の入力誤り（届出書で確認）',
      })
      expect(proposal).toMatchObject({ status: 'pending', rowVersion: 1, proposedBy: { loginId: 'shikaku01' } })
      expect((await history(p.id)).events.map((e) => e.effectiveOn)).toEqual(['2025-12-01'])

      const approved = await decide({ id: proposal.id, rowVersion: 1, decision: 'approve' })
      expect(approved).toMatchObject({ status: 'approved', rowVersion: 2, decidedBy: { loginId: 'kantoku01' } })
      const now = await history(p.id)
      expect(now.events).toMatchObject([
        { effectiveOn: '2025-11-28', source: 'manual', supersedesId: old!.id, id: approved.appliedEventId },
      ])
      expect(now.events[0]!.detail.note).toContain('転入届の異動日の入力誤り')
      expect(now.superseded.map((e) => e.id)).toEqual([old!.id])
      // Bitemporal: as known on 2026-01-10 the old date stands, nothing superseded yet.
      const then = await history(p.id, '2026-01-10')
      expect(then.events.map((e) => e.effectiveOn)).toEqual(['2025-12-01'])
      expect(then.superseded).toEqual([])
      // Boundary: as known on 2026-01-09 the row was not recorded yet.
      expect((await history(p.id, '2026-01-09')).events).toEqual([])
      // Nothing overwritten: both rows are still in the table.
      expect(
        await t.database.db.select().from(eligibilityEvents).where(eq(eligibilityEvents.personId, p.id)),
      ).toHaveLength(2)
      const [row] = await t.database.db.select().from(persons).where(eq(persons.id, p.id))
      expect(row).toMatchObject({ insuredCategory: 1, acquiredOn: '2025-11-28' })
    })

    it('the proposer can never approve, even holding the approval permission', async () => {
      const both = await provisionUser(t, { roles: ['eligibilityClerk', 'supervisor'] })
      const token = await signInProvisioned(t, both.loginId)
      const p = await addResident(t, '1950-01-01')
      const proposal = await propose(
        {
          personId: p.id,
          action: 'add',
          event: { kind: 'acquisition', category: 1, reason: 'reachingAge65', effectiveOn: '2014-12-31' },
          reason: '移行漏れ',
        },
        token,
      )
      await expect(decide({ id: proposal.id, rowVersion: 1, decision: 'approve' }, token)).rejects.toMatchObject({
        code: 'forbidden',
        message: '申請者本人は承認・却下できません。別の承認者に依頼してください',
      })
      expect((await history(p.id)).events).toEqual([])
      await decide({ id: proposal.id, rowVersion: 1, decision: 'approve' })
      expect((await history(p.id)).status).toEqual({ insured: true, category: 1, since: '2014-12-31' })
    })

    it('a stale row version gets 409 and writes nothing; a decided request cannot be decided again', async () => {
      const p = await addResident(t, '1952-02-02', { insured: { category: 1, on: '2017-02-01' } })
      const [target] = (await history(p.id)).events
      const proposal = await propose({ personId: p.id, action: 'void', targetEventId: target!.id, reason: '二重登録' })
      await expect(decide({ id: proposal.id, rowVersion: 2, decision: 'approve' })).rejects.toMatchObject({
        code: 'conflict',
      })
      await decide({ id: proposal.id, rowVersion: 1, decision: 'reject', comment: '二重登録ではない' })
      await expect(decide({ id: proposal.id, rowVersion: 1, decision: 'approve' })).rejects.toMatchObject({
        code: 'conflict',
        message: '他の利用者が先に更新しました。画面を開き直してください',
      })
      // Rejected: the history is as it was.
      expect((await history(p.id)).events.map((e) => e.id)).toEqual([target!.id])
    })

    it('a void cancels the row from the approval on; the row stays, shown as superseded', async () => {
      const p = await addResident(t, '1953-03-03', { insured: { category: 1, on: '2018-03-02' } })
      const [target] = (await history(p.id)).events
      const proposal = await propose({
        personId: p.id,
        action: 'void',
        targetEventId: target!.id,
        reason: '別人の記録',
      })
      await decide({ id: proposal.id, rowVersion: 1, decision: 'approve' })
      const h = await history(p.id)
      expect(h.events).toEqual([])
      expect(h.superseded.map((e) => e.id)).toEqual([target!.id])
      expect(h.status.insured).toBe(false)
      const [row] = await t.database.db.select().from(persons).where(eq(persons.id, p.id))
      expect(row!.insuredCategory).toBeNull()
    })

    it('a resent decision (same key) answers the first result and records one row', async () => {
      const p = await addResident(t, '1954-04-04')
      const proposal = await propose({
        personId: p.id,
        action: 'add',
        event: { kind: 'acquisition', category: 1, reason: 'reachingAge65', effectiveOn: '2019-04-03' },
        reason: '移行漏れ',
      })
      const key = randomUUID()
      const input = { id: proposal.id, rowVersion: 1, decision: 'approve' as const, idempotencyKey: key }
      const first = await client().call('eligibility.decideCorrection', input, supervisor)
      const again = await client().call('eligibility.decideCorrection', input, supervisor)
      expect(again).toEqual(first)
      expect(
        await t.database.db.select().from(eligibilityEvents).where(eq(eligibilityEvents.personId, p.id)),
      ).toHaveLength(1)
    })

    it('refuses a second pending correction of the same row, a row already corrected, and a missing reason', async () => {
      const p = await addResident(t, '1955-05-05', { insured: { category: 1, on: '2020-05-04' } })
      const [target] = (await history(p.id)).events
      await propose({ personId: p.id, action: 'void', targetEventId: target!.id, reason: '確認中' })
      await expect(
        propose({ personId: p.id, action: 'void', targetEventId: target!.id, reason: '確認中' }),
      ).rejects.toMatchObject({
        code: 'conflict',
        message: expect.stringContaining('承認待ちの訂正'),
      })
      await expect(
        propose({ personId: p.id, action: 'void', targetEventId: target!.id, reason: '   ' }),
      ).rejects.toMatchObject({ message: expect.stringContaining('訂正の理由を入力してください') })
      await expect(
        propose({
          personId: p.id,
          action: 'replace',
          targetEventId: target!.id,
          event: { kind: 'loss', category: 1, reason: 'death', effectiveOn: '2026-01-01' },
          reason: 'x',
        }),
      ).rejects.toMatchObject({
        message: expect.stringContaining('被保険者の区分は資格取得・区分変更のときだけ指定できます'),
      })
    })

    it('a rejection needs a comment, and a clerk (no approval permission) cannot decide', async () => {
      const p = await addResident(t, '1956-06-06')
      const proposal = await propose({
        personId: p.id,
        action: 'add',
        event: { kind: 'acquisition', category: 1, reason: 'reachingAge65', effectiveOn: '2021-06-05' },
        reason: '移行漏れ',
      })
      await expect(decide({ id: proposal.id, rowVersion: 1, decision: 'reject' })).rejects.toMatchObject({
        message: expect.stringContaining('却下の理由をコメントに入力してください'),
      })
      await expect(decide({ id: proposal.id, rowVersion: 1, decision: 'approve' }, clerk)).rejects.toMatchObject({
        code: 'forbidden',
      })
      const list = await client().call('eligibility.corrections', { personId: p.id }, supervisor)
      expect(list.corrections.map((c) => [c.id, c.status])).toEqual([[proposal.id, 'pending']])
    })

    it('lists every person’s pending corrections with whom they concern and who proposed them, audited; a 相談センター職員 sees only their area', async () => {
      const a = await addResident(t, '1957-07-07')
      const b = await addResident(t, '1957-08-08')
      // One of them in the 相談センター's area (okubo), the other outside it.
      await t.database.db.execute(
        sql`update persons set household_id = (select min(id) from households where care_area = 'okubo') where id = ${a.id}`,
      )
      await t.database.db.execute(
        sql`update persons set household_id = (select min(id) from households where care_area <> 'okubo') where id = ${b.id}`,
      )
      const [pa, pb] = await Promise.all(
        [a, b].map((p) =>
          propose({
            personId: p.id,
            action: 'add',
            event: { kind: 'acquisition', category: 1, reason: 'reachingAge65', effectiveOn: '2022-07-06' },
            reason: '移行漏れ（一覧）',
          }),
        ),
      )
      const list = await client().call('eligibility.corrections', { status: 'pending' }, supervisor)
      const mine = list.corrections.filter((c) => c.id === pa!.id || c.id === pb!.id)
      expect(mine).toHaveLength(2)
      expect(list.corrections.every((c) => c.status === 'pending')).toBe(true)
      expect(mine[0]).toMatchObject({
        person: { name: '検証 施設', insuredNumber: null },
        proposedBy: { loginId: 'shikaku01', displayName: '検証 一郎', department: '介護保険課 資格係' },
        reason: '移行漏れ（一覧）',
      })
      // One audit row naming every listed person (a personal-data read).
      const last = await t.database.db.execute<{ action: string; target_ids: number[] }>(
        sql`select action, target_ids from audit_log where action = 'eligibility.corrections' order by seq desc limit 1`,
      )
      const row = (last as unknown as { rows: { target_ids: number[] }[] }).rows[0]!
      expect(new Set(row.target_ids)).toEqual(new Set(list.corrections.map((c) => c.personId)))
      expect(row.target_ids).toEqual(expect.arrayContaining([a.id, b.id]))

      // person.read in the own area only: the corrections of persons living in that area, nothing else.
      const area = await t.database.db.execute<{ id: number }>(
        sql`select p.id from persons p join households h on h.id = p.household_id where h.care_area = 'okubo'`,
      )
      const inArea = new Set((area as unknown as { rows: { id: number }[] }).rows.map((r) => r.id))
      const centre = await signIn(t, 'sodan01')
      const seen = await client().call('eligibility.corrections', { status: 'pending' }, centre)
      expect(seen.corrections.map((c) => c.id)).toContain(pa!.id)
      expect(seen.corrections.map((c) => c.id)).not.toContain(pb!.id)
      expect(seen.corrections.map((c) => c.id)).toEqual(
        list.corrections.filter((c) => inArea.has(c.personId)).map((c) => c.id),
      )
    })

    it('a 監督者 cannot propose (no eligibility.correct): the two steps stay with two roles', async () => {
      const res = await callRoute(t, 'eligibility.proposeCorrection', { __walk: 1 }, supervisor)
      expect(res.code).toBe('forbidden')
    })
  })

  describe('第2号 at the certification application', () => {
    const acquire = (personId: number, appliedOn: string, token = clerk) =>
      client().call(
        'eligibility.acquireCategory2AtApplication',
        { personId, appliedOn, idempotencyKey: randomUUID() },
        token,
      )

    it('dates the acquisition back to the 40th attainment and issues a number; a second call records nothing', async () => {
      // Born 1980-06-01: attains 40 on 2020-05-31.
      const p = await addResident(t, '1980-06-01')
      const first = await acquire(p.id, '2026-10-01', await signIn(t, 'nintei01'))
      expect(first).toMatchObject({ status: 'acquired', category: 2, acquiredOn: '2020-05-31' })
      expect(first.insuredNumber).toMatch(/^\d{10}$/)
      const h = await history(p.id)
      expect(h.events).toMatchObject([
        {
          kind: 'acquisition',
          category: 2,
          reason: 'application',
          effectiveOn: '2020-05-31',
          detail: { factOn: '2026-10-01' },
        },
      ])
      const again = await acquire(p.id, '2026-10-02')
      expect(again).toEqual({
        status: 'alreadyInsured',
        category: 2,
        acquiredOn: '2020-05-31',
        insuredNumber: first.insuredNumber,
      })
      expect((await history(p.id)).events).toHaveLength(1)
    })

    it('uses the 転入 date when the person came later', async () => {
      const p = await addResident(t, '1975-01-15', { movedInOn: '2024-04-01' })
      expect(await acquire(p.id, '2026-09-01')).toMatchObject({ acquiredOn: '2024-04-01' })
    })

    it('boundaries: 40 attained on the application day is accepted, the day before is refused; 65 is refused', async () => {
      // Born 1986-09-02: attains 40 on 2026-09-01.
      const p = await addResident(t, '1986-09-02')
      await expect(acquire(p.id, '2026-08-31')).rejects.toMatchObject({
        code: 'conflict',
        message: '申請日に40歳に達していないため、第2号被保険者になりません（40歳到達日 2026-09-01）',
      })
      expect(await acquire(p.id, '2026-09-01')).toMatchObject({ acquiredOn: '2026-09-01' })
      // Born 1961-09-02: attains 65 on 2026-09-01 — category 1 from then, not 2.
      const old = await addResident(t, '1961-09-02')
      await expect(acquire(old.id, '2026-09-01')).rejects.toMatchObject({
        message: '申請日に65歳に達しているため第1号被保険者です（65歳到達処理で資格を取得します）',
      })
      await expect(acquire(old.id, '2026-08-31')).resolves.toMatchObject({ category: 2, acquiredOn: '2001-09-01' })
    })

    it('refuses a future application date and a role without the permission', async () => {
      const p = await addResident(t, '1980-01-01')
      await expect(acquire(p.id, '2099-01-01')).rejects.toMatchObject({ message: '申請日に未来の日付は指定できません' })
      await expect(acquire(p.id, '2026-01-01', await signIn(t, 'fuka01'))).rejects.toMatchObject({ code: 'forbidden' })
    })
  })
})
