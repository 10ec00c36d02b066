/**
 * Sign-in (password, then TOTP), logout, session, step-up re-authentication and password change (controls
 * C-06, C-30). These routes keep their own bookkeeping outside a request transaction: a failed attempt must
 * still count towards the lockout and leave its audit row although the request fails.
 */
import { and, eq, isNull, ne, sql } from 'drizzle-orm'
import type { AuditEntry, AuditLog } from '../../core/audit/audit-log'
import type { ServerConfig } from '../../core/config'
import type { Db, Tx } from '../../core/db/connect'
import { loginChallenges, sessions, users } from '../../core/db/schema'
import { problems } from '../../core/http/problem'
import { defineRoute } from '../../core/http/route'
import { recordVersion } from '../../core/records/versioned'
import { seal, unseal, type ServerKeys } from '../../core/secrets'
import { hashPassword, verifyPassword } from './passwords'
import { passwordProblems } from './password-policy'
import { isRole, requiresSecondFactor, sessionPermissions } from '../../core/access/roles'
import { createSession, endSession, endSessionsOf, newToken, rolesOn, tokenHash } from '../../core/sessions/sessions'
import { newTotpSecret, otpauthUri, verifyTotp } from './totp'

export interface LockoutPolicy {
  maxFailures: number
  coolDownSeconds: number
}

export const defaultLockoutPolicy: LockoutPolicy = { maxFailures: 5, coolDownSeconds: 15 * 60 }

/** A password accepted waits this long for its TOTP code. */
export const CHALLENGE_SECONDS = 5 * 60

export type AuthConfig = Pick<
  ServerConfig,
  'mode' | 'insurerName' | 'sessionIdleSeconds' | 'sessionMaxSeconds' | 'stepUpSeconds' | 'lockout'
>

export interface AuthDependencies {
  config: AuthConfig
  keys: ServerKeys
  auditLog: AuditLog
  /** Accounts whose TOTP codes may be reused within their window (demo accounts in demo mode only). */
  replayExempt?: (loginId: string) => boolean
}

type UserRow = typeof users.$inferSelect

let dummyHash: Promise<string> | null = null
/** Verifies against a throw-away hash so that an unknown login id costs as much time as a wrong password. */
const burnPasswordCheck = async (password: string) => {
  dummyHash ??= hashPassword(newToken())
  await verifyPassword(await dummyHash, password)
}

export function authRoutes(deps: AuthDependencies) {
  const { config, keys, auditLog } = deps
  const lockout = config.lockout
  const policy = { idleSeconds: config.sessionIdleSeconds, maxSeconds: config.sessionMaxSeconds }

  const audit = (db: Db | Tx, entry: Omit<AuditEntry, 'targetIds' | 'purpose'>, now: Date) =>
    auditLog.append(
      db,
      { ...entry, targetType: 'user', targetIds: entry.userId ? [entry.userId] : [], purpose: null },
      now,
    )

  /** Counts a failed password or code; locks the account at the limit (and ends its sessions). */
  async function registerFailure(db: Db, user: UserRow, now: Date): Promise<boolean> {
    const [row] = await db
      .update(users)
      .set({ failedLogins: sql`${users.failedLogins} + 1` })
      .where(eq(users.id, user.id))
      .returning({ failures: users.failedLogins })
    if ((row?.failures ?? 0) < lockout.maxFailures) return false
    await db
      .update(users)
      .set({ failedLogins: 0, lockedUntil: new Date(now.getTime() + lockout.coolDownSeconds * 1000) })
      .where(eq(users.id, user.id))
    await endSessionsOf(db, user.id, now)
    return true
  }

  const isLocked = (user: UserRow, now: Date) => user.lockedUntil !== null && user.lockedUntil > now

  /**
   * Verifies a TOTP code and takes its step atomically: of two requests with the same code only one succeeds,
   * and a code is never accepted twice (RFC 6238 §5.2). Exception: the demo accounts in demo mode, whose
   * secrets are public by design (README) — a replay check protects nothing there, and repeated demo
   * sign-ins and E2E runs would otherwise wait for the next 30-second step.
   */
  async function takeTotpStep(db: Db, user: UserRow, secret: string, code: string, now: Date, enrolling: boolean) {
    const exempt = deps.replayExempt?.(user.loginId) ?? false
    const result = verifyTotp(secret, code, now, enrolling || exempt ? null : user.totpLastStep)
    if (result.step === null) return { ok: false, replay: result.replay }
    const stepFree = exempt ? sql`true` : sql`(${users.totpLastStep} IS NULL OR ${users.totpLastStep} < ${result.step})`
    const taken = await db
      .update(users)
      .set({ totpLastStep: sql`GREATEST(COALESCE(${users.totpLastStep}, 0), ${result.step})` })
      .where(and(eq(users.id, user.id), stepFree))
      .returning({ id: users.id })
    return { ok: taken.length === 1, replay: taken.length === 0 }
  }

  const profileOf = (
    user: { loginId: string; displayName: string; department: string },
    userRoles: string[],
    secondFactor: boolean,
  ) => ({
    loginId: user.loginId,
    displayName: user.displayName,
    department: user.department,
    roles: userRoles.filter(isRole),
    permissions: sessionPermissions(userRoles, secondFactor),
  })

  async function signIn(db: Db, user: UserRow, terminalId: string, now: Date, secondFactor: boolean) {
    await db.update(users).set({ failedLogins: 0, lockedUntil: null }).where(eq(users.id, user.id))
    const token = await createSession(db, user.id, terminalId, policy, now, secondFactor)
    return {
      status: 'signedIn' as const,
      token,
      idleTimeoutSeconds: config.sessionIdleSeconds,
      user: profileOf(user, await rolesOn(db, user.id, now), secondFactor),
    }
  }

  return [
    defineRoute({
      name: 'meta.get',
      access: { kind: 'public' },
      personalData: false,
      audit: false,
      effect: 'read',
      handle: async () => ({ mode: config.mode, apiVersion: 1 as const, insurerName: config.insurerName }),
    }),
    defineRoute({
      name: 'auth.login',
      access: { kind: 'public' },
      personalData: false,
      audit: false,
      effect: 'session',
      async handle({ input, terminalId, now, ...ctx }) {
        const db = ctx.db as Db
        const user = (await db.select().from(users).where(eq(users.loginId, input.loginId)).limit(1))[0]
        const refused = (userId: number | null) =>
          audit(db, { userId, loginId: input.loginId, terminalId, action: 'auth.login', outcome: 'denied' }, now)
        if (!user || user.deactivatedAt) {
          await burnPasswordCheck(input.password)
          await refused(user?.id ?? null)
          throw problems.loginFailed()
        }
        if (isLocked(user, now)) {
          await refused(user.id)
          throw problems.accountLocked()
        }
        if (!(await verifyPassword(user.passwordHash, input.password))) {
          const locked = await registerFailure(db, user, now)
          await refused(user.id)
          throw locked ? problems.accountLocked() : problems.loginFailed()
        }
        await audit(
          db,
          { userId: user.id, loginId: user.loginId, terminalId, action: 'auth.login', outcome: 'ok' },
          now,
        )
        const roles = await rolesOn(db, user.id, now)
        if (!user.totpSecret && !requiresSecondFactor(roles)) return signIn(db, user, terminalId, now, false)

        // The failure counter is reset only when the second factor succeeds: a known password must not reopen
        // unlimited guessing of TOTP codes.
        const challenge = newToken()
        const enrol = !user.totpSecret
        const secret = enrol ? newTotpSecret() : null
        await db.insert(loginChallenges).values({
          tokenHash: tokenHash(challenge),
          userId: user.id,
          terminalId,
          kind: enrol ? 'enrol' : 'verify',
          pendingSecret: secret ? seal(keys.sealKey, secret) : null,
          createdAt: now,
          expiresAt: new Date(now.getTime() + CHALLENGE_SECONDS * 1000),
        })
        if (!secret) return { status: 'totpRequired' as const, challenge }
        return {
          status: 'totpEnrolmentRequired' as const,
          challenge,
          secret,
          otpauthUri: otpauthUri(secret, user.loginId, `kaigo-desk ${config.insurerName}`),
        }
      },
    }),
    defineRoute({
      name: 'auth.verifyTotp',
      access: { kind: 'public' },
      personalData: false,
      audit: false,
      effect: 'session',
      async handle({ input, terminalId, now, ...ctx }) {
        const db = ctx.db as Db
        const hash = tokenHash(input.challenge)
        const challenge = (
          await db
            .select()
            .from(loginChallenges)
            .where(and(eq(loginChallenges.tokenHash, hash), isNull(loginChallenges.consumedAt)))
            .limit(1)
        )[0]
        if (!challenge || challenge.expiresAt <= now || challenge.terminalId !== terminalId)
          throw problems.challengeExpired()
        const user = (await db.select().from(users).where(eq(users.id, challenge.userId)).limit(1))[0]
        if (!user || user.deactivatedAt) throw problems.challengeExpired()
        const refused = () =>
          audit(
            db,
            { userId: user.id, loginId: user.loginId, terminalId, action: 'auth.verifyTotp', outcome: 'denied' },
            now,
          )
        if (isLocked(user, now)) {
          await refused()
          throw problems.accountLocked()
        }
        const enrol = challenge.kind === 'enrol'
        const sealed = enrol ? challenge.pendingSecret : user.totpSecret
        if (!sealed) throw problems.challengeExpired()
        const secret = unseal(keys.sealKey, sealed)
        const check = await takeTotpStep(db, user, secret, input.code, now, enrol)
        const taken = check.ok
        if (!taken) {
          const locked = await registerFailure(db, user, now)
          await refused()
          if (locked) {
            await db.update(loginChallenges).set({ consumedAt: now }).where(eq(loginChallenges.tokenHash, hash))
            throw problems.accountLocked()
          }
          throw check.replay ? problems.totpReplayed() : problems.totpInvalid()
        }
        const consumed = await db
          .update(loginChallenges)
          .set({ consumedAt: now })
          .where(and(eq(loginChallenges.tokenHash, hash), isNull(loginChallenges.consumedAt)))
          .returning({ hash: loginChallenges.tokenHash })
        if (consumed.length === 0) throw problems.challengeExpired()
        if (enrol) {
          const [enrolled] = await db
            .update(users)
            .set({ totpSecret: sealed, totpEnabledAt: now, rowVersion: sql`${users.rowVersion} + 1` })
            .where(eq(users.id, user.id))
            .returning()
          await recordVersion(db, 'user', enrolled!, {
            userId: user.id,
            terminalId,
            reason: '本人による確認コード（TOTP）の登録',
            now,
          })
        }
        await audit(
          db,
          { userId: user.id, loginId: user.loginId, terminalId, action: 'auth.verifyTotp', outcome: 'ok' },
          now,
        )
        return signIn(db, user, terminalId, now, true)
      },
    }),
    defineRoute({
      name: 'auth.logout',
      access: { kind: 'authenticated' },
      personalData: false,
      audit: false,
      effect: 'session',
      async handle({ db, token, user, terminalId, now }) {
        if (token) await endSession(db, token, now)
        if (user)
          await audit(
            db,
            { userId: user.id, loginId: user.loginId, terminalId, action: 'auth.logout', outcome: 'ok' },
            now,
          )
        return { ok: true as const }
      },
    }),
    defineRoute({
      name: 'auth.session',
      access: { kind: 'authenticated' },
      personalData: false,
      audit: false,
      effect: 'read',
      async handle({ user }) {
        if (!user) throw problems.notAuthenticated()
        return profileOf(user, user.roles, user.secondFactor)
      },
    }),
    defineRoute({
      name: 'auth.stepUp',
      access: { kind: 'authenticated' },
      personalData: false,
      audit: false,
      effect: 'session',
      async handle({ input, user: who, terminalId, now, ...ctx }) {
        const db = ctx.db as Db
        if (!who) throw problems.notAuthenticated()
        const user = (await db.select().from(users).where(eq(users.id, who.id)).limit(1))[0]!
        const entry = (outcome: 'ok' | 'denied') =>
          audit(db, { userId: user.id, loginId: user.loginId, terminalId, action: 'auth.stepUp', outcome }, now)
        if (!user.totpSecret || !who.secondFactor) {
          await entry('denied')
          throw problems.forbidden()
        }
        const passwordOk = await verifyPassword(user.passwordHash, input.password)
        const check = passwordOk
          ? await takeTotpStep(db, user, unseal(keys.sealKey, user.totpSecret), input.code, now, false)
          : { ok: false, replay: false }
        const taken = check.ok
        if (!taken) {
          const locked = await registerFailure(db, user, now)
          await entry('denied')
          if (locked) throw problems.accountLocked()
          // 403, not 401: a mistyped re-authentication must not end the session on the client.
          throw check.replay ? problems.totpReplayed403() : problems.reauthFailed()
        }
        await db.update(users).set({ failedLogins: 0 }).where(eq(users.id, user.id))
        await db.update(sessions).set({ stepUpAt: now }).where(eq(sessions.tokenHash, who.sessionTokenHash))
        await entry('ok')
        return { validUntil: new Date(now.getTime() + config.stepUpSeconds * 1000).toISOString() }
      },
    }),
    defineRoute({
      name: 'auth.changePassword',
      access: { kind: 'authenticated' },
      personalData: false,
      audit: false,
      effect: 'session',
      async handle({ input, user: who, terminalId, now, ...ctx }) {
        const db = ctx.db as Db
        if (!who) throw problems.notAuthenticated()
        const user = (await db.select().from(users).where(eq(users.id, who.id)).limit(1))[0]!
        const entry = (outcome: 'ok' | 'denied') =>
          audit(db, { userId: user.id, loginId: user.loginId, terminalId, action: 'auth.changePassword', outcome }, now)
        if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
          const locked = await registerFailure(db, user, now)
          await entry('denied')
          throw locked ? problems.accountLocked() : problems.reauthFailed()
        }
        const reasons = passwordProblems(input.newPassword, { loginId: user.loginId, displayName: user.displayName })
        if (input.newPassword === input.currentPassword) reasons.push('現在と同じパスワードは使用できません')
        if (reasons.length > 0) throw problems.passwordPolicy(reasons.join(' / '))
        await db
          .update(users)
          .set({ passwordHash: await hashPassword(input.newPassword), passwordChangedAt: now, failedLogins: 0 })
          .where(eq(users.id, user.id))
        // Other sessions of the account end: a changed password locks out whoever else held the old one.
        await db
          .update(sessions)
          .set({ endedAt: now })
          .where(
            and(eq(sessions.userId, user.id), isNull(sessions.endedAt), ne(sessions.tokenHash, who.sessionTokenHash)),
          )
        await entry('ok')
        return { ok: true as const }
      },
    }),
  ]
}
