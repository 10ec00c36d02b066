import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { auditLog, recordVersions, users } from '../../../../server/src/core/db/schema'
import { newKey, passwordOf, provisionUser, signIn } from '../../support/accounts'
import { callRoute, rawPost } from '../../support/clients'
import { databaseKinds } from '../../support/databases'
import { startTestServer, type TestServer } from '../../support/test-server'

// The administration screens' server side (docs/controls.md C-06, C-25): an administrator's lock, and the reset of
// a second factor with four eyes — asked by one administrator, decided by another person (administrator or 監督者).
describe.each(databaseKinds)('account administration on %s', (kind) => {
  let t: TestServer
  let admin: { id: number; loginId: string; token: string }
  let secondAdmin: { id: number; loginId: string; token: string }
  let supervisor: { id: number; loginId: string; token: string }
  const account = async (roles: Parameters<typeof provisionUser>[1]['roles']) => {
    const u = await provisionUser(t, { roles })
    return { ...u, token: await signIn(t, u.loginId) }
  }
  const login = (loginId: string) => callRoute(t, 'auth.login', { loginId, password: passwordOf(loginId) })
  const session = (token: string) => callRoute(t, 'auth.session', {}, token)
  /** After the test clock jumps, the staff of the suite sign in again. */
  const refreshSessions = async () => {
    for (const who of [admin, secondAdmin, supervisor]) who.token = await signIn(t, who.loginId)
  }

  beforeAll(async () => {
    t = await startTestServer(kind, 100)
    admin = await account(['systemAdmin'])
    secondAdmin = await account(['systemAdmin'])
    supervisor = await account(['supervisor'])
  })
  afterAll(() => t.close())

  describe('user.lock: an administrator locks an account until an administrator unlocks it', () => {
    it('refuses the sign-in at once and ends the open sessions; no cool-down lifts it; user.unlock does', async () => {
      const clerk = await account(['eligibilityClerk'])
      const locked = await callRoute(
        t,
        'user.lock',
        { idempotencyKey: newKey(), userId: clerk.id, reason: '不正利用の疑い' },
        admin.token,
      )
      expect(locked.body).toMatchObject({ id: clerk.id, locked: true })
      expect((await session(clerk.token)).status).toBe(401)
      expect((await login(clerk.loginId)).status).toBe(423)
      // A failed-login lock ends after 15 minutes; an administrator's lock does not (a year later: still locked).
      t.clock.advance(366 * 24 * 3600)
      expect((await login(clerk.loginId)).status).toBe(423)
      await refreshSessions()
      const unlocked = await callRoute(
        t,
        'user.unlock',
        { idempotencyKey: newKey(), userId: clerk.id, reason: '調査の結果、問題なし' },
        admin.token,
      )
      expect(unlocked.body).toMatchObject({ locked: false })
      expect((await login(clerk.loginId)).body.status).toBe('totpRequired')
      const rows = await t.database.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, 'user.lock'), eq(auditLog.userId, admin.id)))
      expect(rows.at(-1)).toMatchObject({ targetType: 'user', targetIds: [clerk.id], purpose: '不正利用の疑い' })
    })

    it('is refused for the own account (separation of duties) and without user.manage', async () => {
      const self = await callRoute(
        t,
        'user.lock',
        { idempotencyKey: newKey(), userId: admin.id, reason: '自分を止める' },
        admin.token,
      )
      expect(self.status).toBe(403)
      const clerk = await account(['eligibilityClerk'])
      const bySupervisor = await callRoute(
        t,
        'user.lock',
        { idempotencyKey: newKey(), userId: clerk.id, reason: '監督者から' },
        supervisor.token,
      )
      expect(bySupervisor.status).toBe(403)
    })
  })

  describe('second-factor reset: one administrator asks, another person decides', () => {
    const request = (userId: number, token = admin.token, reason = '端末の紛失') =>
      callRoute(t, 'user.requestTotpReset', { idempotencyKey: newKey(), userId, reason }, token)
    const decide = (requestId: unknown, token: string, approve = true, comment: string | null = null) =>
      callRoute(t, 'user.decideTotpReset', { idempotencyKey: newKey(), requestId, approve, comment }, token)
    const totpOf = async (id: number) =>
      (await t.database.db.select({ at: users.totpEnabledAt }).from(users).where(eq(users.id, id)))[0]!.at

    it('a request changes nothing yet; the requester cannot approve it; a 監督者 can, which clears the secret and ends the sessions', async () => {
      const clerk = await account(['eligibilityClerk'])
      const asked = await request(clerk.id)
      expect(asked.status).toBe(200)
      expect(asked.body).toMatchObject({
        userId: clerk.id,
        loginId: clerk.loginId,
        status: 'pending',
        requestedBy: admin.loginId,
        decidedBy: null,
        reason: '端末の紛失',
      })
      expect(await totpOf(clerk.id)).not.toBeNull()
      expect((await session(clerk.token)).status).toBe(200)

      const own = await decide(asked.body.id, admin.token)
      expect(own.status).toBe(403)
      expect(own.body.title).toContain('申請した本人は承認できません')
      expect(await totpOf(clerk.id)).not.toBeNull()

      const approved = await decide(asked.body.id, supervisor.token, true, '本人と面談済み')
      expect(approved.status).toBe(200)
      expect(approved.body).toMatchObject({
        status: 'approved',
        decidedBy: supervisor.loginId,
        decisionComment: '本人と面談済み',
      })
      expect(await totpOf(clerk.id)).toBeNull()
      expect((await session(clerk.token)).status).toBe(401)
      // The user enrols again at the next sign-in.
      expect((await login(clerk.loginId)).body.status).toBe('totpEnrolmentRequired')
      const version = await t.database.db
        .select()
        .from(recordVersions)
        .where(and(eq(recordVersions.entity, 'user'), eq(recordVersions.entityId, clerk.id)))
      expect(version.at(-1)).toMatchObject({ changedBy: supervisor.id })
      expect(version.at(-1)!.reason).toContain('端末の紛失')

      // Decided once: a second decision is refused.
      expect((await decide(asked.body.id, secondAdmin.token)).status).toBe(409)
      const auditRows = await t.database.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.targetType, 'user'), eq(auditLog.outcome, 'ok')))
      const mine = auditRows
        .filter((r) => r.targetIds.includes(clerk.id) && r.action.startsWith('user.'))
        .map((r) => [r.action, r.loginId])
      expect(mine).toEqual([
        ['user.requestTotpReset', admin.loginId],
        ['user.decideTotpReset', supervisor.loginId],
      ])
    })

    it('another administrator may approve; a rejection keeps the second factor', async () => {
      const a = await account(['premiumClerk'])
      const b = await account(['premiumClerk'])
      const first = await request(a.id)
      expect((await decide(first.body.id, secondAdmin.token)).body).toMatchObject({ status: 'approved' })
      expect(await totpOf(a.id)).toBeNull()
      const second = await request(b.id)
      expect((await decide(second.body.id, supervisor.token, false, '本人確認ができない')).body).toMatchObject({
        status: 'rejected',
      })
      expect(await totpOf(b.id)).not.toBeNull()
      expect((await session(b.token)).status).toBe(200)
    })

    it('refuses a second pending request for the same account, an account without a second factor, and the own account', async () => {
      const clerk = await account(['arrearsClerk'])
      expect((await request(clerk.id)).status).toBe(200)
      const again = await request(clerk.id, secondAdmin.token)
      expect(again).toMatchObject({ status: 409, code: 'duplicate' })
      const noTotp = await provisionUser(t, { roles: [], totp: false })
      expect((await request(noTotp.id)).status).toBe(400)
      expect((await request(admin.id)).status).toBe(403)
    })

    it('needs user.manage to ask and user.approveTotpReset to decide (a clerk has neither)', async () => {
      const clerk = await account(['eligibilityClerk'])
      const other = await account(['eligibilityClerk'])
      expect((await request(other.id, clerk.token)).status).toBe(403)
      expect((await request(other.id, supervisor.token)).status).toBe(403)
      const asked = await request(other.id)
      expect((await decide(asked.body.id, clerk.token)).status).toBe(403)
      const listed = await callRoute(t, 'user.totpResetRequests', {}, supervisor.token)
      expect(listed.status).toBe(200)
      expect((listed.body.items as { id: number; status: string }[]).find((r) => r.id === asked.body.id)).toMatchObject(
        { status: 'pending' },
      )
    })

    it('the one-person reset is gone: POST /api/v1/users/reset-totp is not a route', async () => {
      const clerk = await account(['eligibilityClerk'])
      const res = await rawPost(
        t,
        '/api/v1/users/reset-totp',
        { idempotencyKey: newKey(), userId: clerk.id, reason: '端末の紛失' },
        admin.token,
      )
      expect(res.status).toBe(404)
      expect(await totpOf(clerk.id)).not.toBeNull()
    })
  })
})
