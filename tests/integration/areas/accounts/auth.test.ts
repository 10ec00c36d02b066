import { and, desc, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { totpCode, totpStep } from '../../../../server/src/areas/accounts/totp'
import { todayInJapan } from '../../../../shared/domain'
import { auditLog, designations, recordVersions, users } from '../../../../server/src/core/db/schema'
import { issueTerminalCertificate } from '../../../../server/src/demo/dev-pki'
import { freshCode, newKey, provisionUser, signIn, stepUp, TEST_PASSWORD } from '../../support/accounts'
import { callRoute, terminalClient } from '../../support/clients'
import { databaseKinds } from '../../support/databases'
import { startTestServer, type TestServer } from '../../support/test-server'

const DAY = 86_400_000

describe.each(databaseKinds)('accounts on %s', (kind) => {
  let t: TestServer
  let adminLogin: string
  let personId: number
  /** A fresh administrator session (the tests move the clock, so an old session may have timed out). */
  const asAdmin = () => signIn(t, adminLogin)
  beforeAll(async () => {
    t = await startTestServer(kind, 200)
    adminLogin = (await provisionUser(t, { roles: ['systemAdmin'] })).loginId
    const token = await signIn(t, 'shikaku01')
    personId = (await terminalClient(t).call('person.search', { kana: 'ア' }, token)).items[0]!.id
  })
  afterAll(() => t.close())

  const login = (loginId: string, password = TEST_PASSWORD) => callRoute(t, 'auth.login', { loginId, password })
  const verify = (challenge: unknown, code: string) => callRoute(t, 'auth.verifyTotp', { challenge, code })
  const session = (token: string) => callRoute(t, 'auth.session', {}, token)
  const userRow = async (id: number) => (await t.database.db.select().from(users).where(eq(users.id, id)))[0]!

  // controls C-06, C-30: the password alone never opens a session for personal-data work.
  describe('sign-in in two steps: password, then TOTP', () => {
    it('answers the password with a challenge and no session', async () => {
      const { loginId } = await provisionUser(t, { roles: ['eligibilityClerk'] })
      const first = await login(loginId)
      expect(first.status).toBe(200)
      expect(first.body).toEqual({ status: 'totpRequired', challenge: expect.any(String) })
      expect((await session(first.body.challenge as string)).code).toBe('notAuthenticated')
    })

    it('opens the session with the code of the current step; a wrong code is refused and may be retried', async () => {
      const { loginId } = await provisionUser(t, { roles: ['eligibilityClerk'] })
      const { challenge } = (await login(loginId)).body
      const right = freshCode(t, loginId)
      const wrong = String((Number(right) + 1) % 1_000_000).padStart(6, '0')
      expect(await verify(challenge, wrong)).toMatchObject({ status: 401, code: 'totpInvalid' })
      const second = await verify(challenge, right)
      expect(second.status).toBe(200)
      // control C-34: the session names the signed-in user's 氏名 and 所属 for the header.
      expect((await session(second.body.token as string)).body).toEqual({
        loginId,
        displayName: `試験 ${loginId}`,
        department: '試験係',
        roles: ['eligibilityClerk'],
        // What a 資格担当 may do in a session opened with the second factor (docs/permissions.md).
        permissions: [
          'eligibility.acquireAtApplication',
          'eligibility.batch',
          'eligibility.correct',
          'eligibility.intake',
          'eligibility.issueCard',
          'eligibility.record',
          'export.request',
          'person.read',
          // 送付先 (the address notices go to) is recorded at the 資格 counter too.
          'person.recordMailingAddress',
          'person.revealIndividualNumber',
          'person.revealProtectedAddress',
          'person.search',
          // C-20: the 資格担当 prepares and runs an erasure that a 監督者 signed off.
          'retention.persons',
          'retention.prepare',
          'retention.view',
        ],
      })
      expect(second.body.user).toMatchObject({ displayName: `試験 ${loginId}`, department: '試験係' })
    })

    it('accepts one step of clock drift either side and refuses two', async () => {
      const { loginId } = await provisionUser(t, { roles: ['eligibilityClerk'] })
      const secret = t.totpSecrets.get(loginId)!
      // Start mid-period, so that the real clock cannot carry the server into another step during the test.
      t.clock.advance((45 - ((t.clock.now().getTime() / 1000) % 30)) % 30)
      const step = totpStep(t.clock.now())
      const codeAt = (s: number) => totpCode(secret, t.clock.now(), s)
      for (const far of [step - 2, step + 2]) {
        const { challenge } = (await login(loginId)).body
        expect(await verify(challenge, codeAt(far))).toMatchObject({ status: 401, code: 'totpInvalid' })
      }
      for (const near of [step - 1, step, step + 1]) {
        const { challenge } = (await login(loginId)).body
        expect((await verify(challenge, codeAt(near))).status).toBe(200)
      }
      t.totpSteps.set(loginId, step + 1)
    })

    it('never accepts the same code twice, not even within its window (RFC 6238 §5.2)', async () => {
      const { loginId } = await provisionUser(t, { roles: ['eligibilityClerk'] })
      const code = freshCode(t, loginId)
      expect((await verify((await login(loginId)).body.challenge, code)).status).toBe(200)
      expect(await verify((await login(loginId)).body.challenge, code)).toMatchObject({
        status: 401,
        code: 'totpReplayed',
        body: { title: 'この確認コードは使用済みです。次のコードが表示されるまでお待ちください' },
      })
    })

    it('lets a challenge live 5 minutes: answered after 299 s, refused after 300 s', async () => {
      const { loginId } = await provisionUser(t, { roles: ['eligibilityClerk'] })
      const early = (await login(loginId)).body.challenge
      t.clock.advance(299)
      expect((await verify(early, freshCode(t, loginId))).status).toBe(200)
      const late = (await login(loginId)).body.challenge
      t.clock.advance(300)
      expect(await verify(late, freshCode(t, loginId))).toMatchObject({ status: 401, code: 'challengeExpired' })
    })

    it('refuses a challenge answered from another terminal', async () => {
      const { loginId } = await provisionUser(t, { roles: ['eligibilityClerk'] })
      const other = await issueTerminalCertificate(t.pki, 'KD-TEST-0300')
      const { challenge } = (await login(loginId)).body
      const res = await callRoute(t, 'auth.verifyTotp', { challenge, code: freshCode(t, loginId) }, undefined, {
        cert: other.certPem,
        key: other.keyPem,
      })
      expect(res).toMatchObject({ status: 401, code: 'challengeExpired' })
    })

    it('lets the demo accounts reuse a code in demo mode only (their secrets are published for the demo)', async () => {
      const code = totpCode(t.totpSecrets.get('fuka01')!, t.clock.now())
      for (let i = 0; i < 2; i++) {
        const first = await callRoute(t, 'auth.login', { loginId: 'fuka01', password: 'Kaigo#Demo2026' })
        expect((await verify(first.body.challenge, code)).status).toBe(200)
      }
    })
  })

  describe('enrolment of the second factor', () => {
    it('makes an account that touches personal data enrol before its first session', async () => {
      const { id, loginId } = await provisionUser(t, { roles: ['eligibilityClerk'], totp: false })
      const first = await login(loginId)
      expect(first.body).toMatchObject({
        status: 'totpEnrolmentRequired',
        secret: expect.stringMatching(/^[A-Z2-7]{32}$/),
      })
      expect(String(first.body.otpauthUri)).toContain(`secret=${String(first.body.secret)}`)
      const wrong = await verify(first.body.challenge, '000000')
      expect(wrong.status).toBe(401)
      expect((await userRow(id)).totpSecret).toBeNull()
      const code = totpCode(String(first.body.secret), t.clock.now())
      expect((await verify(first.body.challenge, code)).status).toBe(200)
      expect((await userRow(id)).totpEnabledAt).not.toBeNull()
      const [version] = await t.database.db
        .select()
        .from(recordVersions)
        .where(and(eq(recordVersions.entity, 'user'), eq(recordVersions.entityId, id)))
        .orderBy(desc(recordVersions.version))
      expect(version).toMatchObject({ reason: '本人による確認コード（TOTP）の登録', changedBy: id })
      expect(version!.data).toMatchObject({ totpEnrolled: true })
      expect((await login(loginId)).body.status).toBe('totpRequired')
    })

    it('lets an account without personal data and without TOTP sign in with the password alone', async () => {
      const { loginId } = await provisionUser(t, { roles: ['operator'], totp: false })
      const first = await login(loginId)
      expect(first.body).toMatchObject({ status: 'signedIn' })
      expect((await callRoute(t, 'ops.status', {}, first.body.token as string)).status).toBe(200)
    })

    it('gives such a session no personal data even when a personal-data role is designated later', async () => {
      const { id, loginId } = await provisionUser(t, { roles: ['operator'], totp: false })
      const token = (await login(loginId)).body.token as string
      await t.database.db
        .insert(designations)
        .values({ userId: id, role: 'eligibilityClerk', kind: 'dataHandler', validFrom: '2020-04-01' })
      expect(await callRoute(t, 'person.search', { kana: 'ア' }, token)).toMatchObject({
        status: 403,
        code: 'forbidden',
      })
    })
  })

  // control C-06: lockout after repeated failures, until the cool-down ends or an administrator unlocks.
  describe('lockout after 5 failures', () => {
    const fail = (loginId: string, times: number) =>
      Promise.all(Array.from({ length: times }, () => login(loginId, 'Wrong#Password1')))

    it('still signs in after 4 failures; after the 5th even the right password is refused (423)', async () => {
      const four = await provisionUser(t, { roles: ['eligibilityClerk'] })
      for (let i = 0; i < 4; i++) expect((await login(four.loginId, 'Wrong#Password1')).code).toBe('loginFailed')
      expect((await login(four.loginId)).body.status).toBe('totpRequired')
      const five = await provisionUser(t, { roles: ['eligibilityClerk'] })
      for (let i = 0; i < 4; i++) await login(five.loginId, 'Wrong#Password1')
      expect(await login(five.loginId, 'Wrong#Password1')).toMatchObject({ status: 423, code: 'accountLocked' })
      expect(await login(five.loginId)).toMatchObject({ status: 423, code: 'accountLocked' })
    })

    it('counts wrong TOTP codes as failures, and a known password cannot reset the count', async () => {
      const { loginId } = await provisionUser(t, { roles: ['eligibilityClerk'] })
      for (let i = 0; i < 4; i++) {
        const { challenge } = (await login(loginId)).body
        expect((await verify(challenge, '000000')).code).toBe('totpInvalid')
      }
      const { challenge } = (await login(loginId)).body
      expect(await verify(challenge, '000000')).toMatchObject({ status: 423, code: 'accountLocked' })
      expect((await login(loginId)).status).toBe(423)
    })

    it('ends the lock after the 15-minute cool-down: refused at 899 s, signed in after 901 s', async () => {
      const { loginId } = await provisionUser(t, { roles: ['eligibilityClerk'] })
      await fail(loginId, 5)
      t.clock.advance(899)
      expect((await login(loginId)).status).toBe(423)
      t.clock.advance(2)
      expect((await login(loginId)).body.status).toBe('totpRequired')
    })

    it('is ended at once by an administrator (user.unlock, with a reason; audited)', async () => {
      const { id, loginId } = await provisionUser(t, { roles: ['eligibilityClerk'] })
      await fail(loginId, 5)
      expect((await login(loginId)).status).toBe(423)
      const unlocked = await callRoute(
        t,
        'user.unlock',
        { idempotencyKey: newKey(), userId: id, reason: '本人確認のうえ解除' },
        await asAdmin(),
      )
      expect(unlocked.body).toMatchObject({ id, locked: false })
      expect((await login(loginId)).body.status).toBe('totpRequired')
      const [row] = await t.database.db.select().from(auditLog).orderBy(desc(auditLog.seq)).limit(1)
      expect(row).toMatchObject({ action: 'auth.login', outcome: 'ok' })
      const unlockRows = await t.database.db.select().from(auditLog).where(eq(auditLog.action, 'user.unlock'))
      expect(unlockRows.at(-1)).toMatchObject({ targetType: 'user', targetIds: [id], purpose: '本人確認のうえ解除' })
    })
  })

  // control C-06: server-side idle timeout (15 min) and absolute lifetime (8 h).
  describe('sessions', () => {
    it('survive 899 s of idleness and end after 901 s', async () => {
      const { loginId } = await provisionUser(t, { roles: ['eligibilityClerk'] })
      const token = await signIn(t, loginId)
      t.clock.advance(899)
      expect((await session(token)).status).toBe(200)
      t.clock.advance(901)
      expect((await session(token)).code).toBe('notAuthenticated')
    })

    it('end after 8 hours however busy: used at 7 h 59 min 50 s, refused at 8 h 0 min 10 s', async () => {
      const { loginId } = await provisionUser(t, { roles: ['eligibilityClerk'] })
      const token = await signIn(t, loginId)
      for (let elapsed = 0; elapsed + 840 < 28_790; elapsed += 840) {
        t.clock.advance(840)
        expect((await session(token)).status).toBe(200)
      }
      t.clock.advance(28_790 - 34 * 840)
      expect((await session(token)).status).toBe(200)
      t.clock.advance(20)
      expect((await session(token)).code).toBe('notAuthenticated')
    })

    it('end on logout', async () => {
      const { loginId } = await provisionUser(t, { roles: ['eligibilityClerk'] })
      const token = await signIn(t, loginId)
      expect((await callRoute(t, 'auth.logout', {}, token)).status).toBe(200)
      expect((await session(token)).code).toBe('notAuthenticated')
    })

    it('work only from the terminal they were opened on', async () => {
      const { loginId } = await provisionUser(t, { roles: ['eligibilityClerk'] })
      const token = await signIn(t, loginId)
      const other = await issueTerminalCertificate(t.pki, 'KD-TEST-0301')
      const elsewhere = await callRoute(t, 'auth.session', {}, token, { cert: other.certPem, key: other.keyPem })
      expect(elsewhere.code).toBe('notAuthenticated')
      expect((await session(token)).code).toBe('notAuthenticated')
    })
  })

  // control C-06, C-28: re-authentication for sensitive actions.
  describe('step-up before revealing a マイナンバー', () => {
    it('is required, lasts 5 minutes (299 s yes, 301 s no), and a mistyped one keeps the session', async () => {
      const { loginId } = await provisionUser(t, { roles: ['eligibilityClerk'] })
      const token = await signIn(t, loginId)
      const reveal = () =>
        callRoute(t, 'person.revealIndividualNumber', { personId, reason: '資格取得届の確認' }, token)
      expect(await reveal()).toMatchObject({ status: 403, code: 'stepUpRequired' })
      const mistyped = await callRoute(t, 'auth.stepUp', { password: 'Wrong#Password1', code: '000000' }, token)
      expect(mistyped).toMatchObject({ status: 403, code: 'reauthFailed' })
      expect((await session(token)).status).toBe(200)
      await stepUp(t, loginId, token)
      expect((await reveal()).body).toMatchObject({ personId, individualNumber: expect.stringMatching(/^\d{12}$/) })
      t.clock.advance(299)
      expect((await reveal()).status).toBe(200)
      t.clock.advance(2)
      expect((await reveal()).code).toBe('stepUpRequired')
    })
  })

  // control C-06, C-22: the supervisor re-authenticates before approving an export.
  describe('step-up before approving an export', () => {
    it('refuses the approval without a recent step-up (and changes nothing), approves after one', async () => {
      const clerk = await signIn(t, (await provisionUser(t, { roles: ['eligibilityClerk'] })).loginId)
      const requested = await callRoute(
        t,
        'export.request',
        { idempotencyKey: newKey(), purpose: '段階認証の確認', recordTypes: ['personBasic'], personIds: [personId] },
        clerk,
      )
      expect(requested.status).toBe(200)
      const { loginId } = await provisionUser(t, { roles: ['supervisor'] })
      const token = await signIn(t, loginId)
      const approve = () =>
        callRoute(t, 'export.approve', { idempotencyKey: newKey(), requestId: requested.body.id }, token)
      expect(await approve()).toMatchObject({ status: 403, code: 'stepUpRequired' })
      const pending = await callRoute(t, 'export.pending', {}, token)
      expect((pending.body.items as { id: number }[]).map((r) => r.id)).toContain(requested.body.id)
      await stepUp(t, loginId, token)
      expect((await approve()).body).toMatchObject({ id: requested.body.id, status: 'approved' })
    })
  })

  describe('the password policy and a password change', () => {
    it('refuses a wrong current password and a weak new one, with the reasons', async () => {
      const { loginId } = await provisionUser(t, { roles: ['eligibilityClerk'] })
      const token = await signIn(t, loginId)
      const change = (currentPassword: string, newPassword: string) =>
        callRoute(t, 'auth.changePassword', { currentPassword, newPassword }, token)
      expect(await change('Wrong#Password1', 'Another#Pass2026')).toMatchObject({ status: 403, code: 'reauthFailed' })
      const weak = await change(TEST_PASSWORD, 'short1A')
      expect(weak).toMatchObject({ status: 400, code: 'passwordPolicy' })
      expect(String(weak.body.detail)).toContain('パスワードは12文字以上にしてください')
      expect((await change(TEST_PASSWORD, TEST_PASSWORD)).code).toBe('passwordPolicy')
    })

    it('after a change: the old password fails, the new one works, the other sessions of the account end', async () => {
      const { loginId } = await provisionUser(t, { roles: ['eligibilityClerk'] })
      const mine = await signIn(t, loginId)
      const elsewhere = await signIn(t, loginId)
      const changed = await callRoute(
        t,
        'auth.changePassword',
        { currentPassword: TEST_PASSWORD, newPassword: 'Renewed#Pass2026' },
        mine,
      )
      expect(changed.status).toBe(200)
      expect((await session(mine)).status).toBe(200)
      expect((await session(elsewhere)).code).toBe('notAuthenticated')
      expect((await login(loginId)).code).toBe('loginFailed')
      expect((await login(loginId, 'Renewed#Pass2026')).body.status).toBe('totpRequired')
    })
  })

  describe('deactivation', () => {
    it('ends the sessions of the account and refuses its sign-in like a wrong password', async () => {
      const { id, loginId } = await provisionUser(t, { roles: ['eligibilityClerk'] })
      const token = await signIn(t, loginId)
      const res = await callRoute(
        t,
        'user.deactivate',
        { idempotencyKey: newKey(), userId: id, reason: '退職' },
        await asAdmin(),
      )
      expect(res.body).toMatchObject({ id, deactivated: true })
      expect((await session(token)).code).toBe('notAuthenticated')
      expect(await login(loginId)).toMatchObject({ status: 401, code: 'loginFailed' })
    })
  })

  // control C-25: every personal-data permission traces to a designation in force today.
  describe('roles come from designations with effective dates', () => {
    it('grants nothing after the end date or before the start date, and grants on the end date itself', async () => {
      const { id, loginId } = await provisionUser(t, { roles: [] })
      const token = await signIn(t, loginId)
      const admin = await asAdmin()
      const today = todayInJapan(t.clock.now())
      const yesterday = todayInJapan(new Date(t.clock.now().getTime() - DAY))
      const tomorrow = todayInJapan(new Date(t.clock.now().getTime() + DAY))
      const created = await callRoute(
        t,
        'designation.create',
        {
          idempotencyKey: newKey(),
          userId: id,
          role: 'eligibilityClerk',
          validFrom: '2020-04-01',
          validTo: yesterday,
          reason: '資格係へ配属（終了済み）',
        },
        admin,
      )
      expect(created.status).toBe(200)
      const search = () => callRoute(t, 'person.search', { kana: 'ア' }, token)
      expect((await search()).code).toBe('forbidden')
      const correct = (rowVersion: number, dates: Record<string, unknown>) =>
        callRoute(
          t,
          'designation.correct',
          { designationId: created.body.id, rowVersion, reason: '終了日の訂正', ...dates },
          admin,
        )
      expect((await correct(1, { validTo: today })).status).toBe(200)
      expect((await search()).status).toBe(200)
      expect((await correct(2, { validFrom: tomorrow, validTo: null })).status).toBe(200)
      expect((await search()).code).toBe('forbidden')
    })
  })
})
