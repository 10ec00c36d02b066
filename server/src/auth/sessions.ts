import { createHash, randomBytes } from 'node:crypto'
import { and, eq, isNull } from 'drizzle-orm'
import type { Db } from '../db/connect'
import { sessions, users } from '../db/schema'

export interface SessionPolicy {
  idleSeconds: number
  maxSeconds: number
}

export interface AuthenticatedUser {
  id: number
  loginId: string
  displayName: string
  department: string
  roles: string[]
}

export const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex')

export async function createSession(
  db: Db,
  userId: number,
  terminalId: string,
  policy: SessionPolicy,
  now = new Date(),
) {
  const token = randomBytes(32).toString('base64url')
  await db.insert(sessions).values({
    tokenHash: tokenHash(token),
    userId,
    terminalId,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + policy.maxSeconds * 1000),
  })
  return token
}

/**
 * Resolves a bearer token to its user, enforcing the server-side idle timeout and absolute lifetime and
 * that the session is used from the terminal it was opened on. Touches `last_seen_at` on success.
 */
export async function resolveSession(
  db: Db,
  token: string,
  terminalId: string,
  policy: SessionPolicy,
  now = new Date(),
): Promise<AuthenticatedUser | null> {
  const rows = await db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, tokenHash(token)), isNull(sessions.endedAt)))
    .limit(1)
  const row = rows[0]
  if (!row) return null
  const { session, user } = row
  const idleExpired = now.getTime() - session.lastSeenAt.getTime() > policy.idleSeconds * 1000
  if (idleExpired || now >= session.expiresAt || session.terminalId !== terminalId) {
    await db.update(sessions).set({ endedAt: now }).where(eq(sessions.tokenHash, session.tokenHash))
    return null
  }
  await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.tokenHash, session.tokenHash))
  return {
    id: user.id,
    loginId: user.loginId,
    displayName: user.displayName,
    department: user.department,
    roles: user.roles,
  }
}

export async function endSession(db: Db, token: string, now = new Date()): Promise<void> {
  await db
    .update(sessions)
    .set({ endedAt: now })
    .where(eq(sessions.tokenHash, tokenHash(token)))
}
