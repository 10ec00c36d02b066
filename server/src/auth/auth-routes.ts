import { eq, sql } from 'drizzle-orm'
import { appendAudit } from '../audit/audit-log'
import type { ServerConfig } from '../config'
import { users } from '../db/schema'
import { problems } from '../http/problem'
import { defineRoute } from '../http/route'
import { verifyPassword } from './passwords'
import { createSession, endSession } from './sessions'

export interface LockoutPolicy {
  maxFailures: number
  coolDownSeconds: number
}

export const defaultLockoutPolicy: LockoutPolicy = { maxFailures: 5, coolDownSeconds: 15 * 60 }

type AuthConfig = Pick<ServerConfig, 'mode' | 'insurerName' | 'sessionIdleSeconds' | 'sessionMaxSeconds'>

export function authRoutes(config: AuthConfig, lockout: LockoutPolicy = defaultLockoutPolicy) {
  const policy = { idleSeconds: config.sessionIdleSeconds, maxSeconds: config.sessionMaxSeconds }
  return [
    defineRoute({
      name: 'meta.get',
      access: { kind: 'public' },
      personalData: false,
      handle: async () => ({ mode: config.mode, apiVersion: 1 as const, insurerName: config.insurerName }),
    }),
    defineRoute({
      name: 'auth.login',
      access: { kind: 'public' },
      personalData: false,
      async handle({ input, db, terminalId }) {
        const now = new Date()
        const user = (await db.select().from(users).where(eq(users.loginId, input.loginId)).limit(1))[0]
        const audit = (outcome: 'ok' | 'denied', userId: number | null) =>
          appendAudit(db, {
            userId,
            loginId: input.loginId,
            terminalId,
            action: 'auth.login',
            targetIds: [],
            purpose: null,
            outcome,
          })
        if (!user) {
          await audit('denied', null)
          throw problems.loginFailed()
        }
        if (user.lockedUntil && user.lockedUntil > now) {
          await audit('denied', user.id)
          throw problems.accountLocked()
        }
        if (!(await verifyPassword(user.passwordHash, input.password))) {
          const failures = user.failedLogins + 1
          const locked = failures >= lockout.maxFailures
          await db
            .update(users)
            .set({
              failedLogins: locked ? 0 : failures,
              lockedUntil: locked ? new Date(now.getTime() + lockout.coolDownSeconds * 1000) : user.lockedUntil,
              rowVersion: sql`${users.rowVersion} + 1`,
            })
            .where(eq(users.id, user.id))
          await audit('denied', user.id)
          throw locked ? problems.accountLocked() : problems.loginFailed()
        }
        await db.update(users).set({ failedLogins: 0, lockedUntil: null }).where(eq(users.id, user.id))
        const token = await createSession(db as never, user.id, terminalId, policy, now)
        await audit('ok', user.id)
        return {
          token,
          idleTimeoutSeconds: config.sessionIdleSeconds,
          user: {
            loginId: user.loginId,
            displayName: user.displayName,
            department: user.department,
            roles: user.roles,
          },
        }
      },
    }),
    defineRoute({
      name: 'auth.logout',
      access: { kind: 'authenticated' },
      personalData: false,
      async handle({ db, token }) {
        if (token) await endSession(db as never, token)
        return { ok: true as const }
      },
    }),
    defineRoute({
      name: 'auth.session',
      access: { kind: 'authenticated' },
      personalData: false,
      async handle({ user }) {
        if (!user) throw problems.notAuthenticated()
        return { loginId: user.loginId, displayName: user.displayName, department: user.department, roles: user.roles }
      },
    }),
  ]
}
