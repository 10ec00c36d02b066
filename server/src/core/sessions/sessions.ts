import { createHash, randomBytes } from 'node:crypto'
import { and, eq, gte, isNull, lte, or } from 'drizzle-orm'
import { todayInJapan } from '../../../../shared/domain'
import type { Db, Tx } from '../db/connect'
import { designations, sessions, users } from '../db/schema'

export interface SessionPolicy {
  idleSeconds: number
  maxSeconds: number
}

export interface AuthenticatedUser {
  id: number
  loginId: string
  displayName: string
  department: string
  careArea: string | null
  /** Roles of the designations in force today (control C-25). */
  roles: string[]
  /** The session was opened with the second factor. */
  secondFactor: boolean
  stepUpAt: Date | null
  sessionTokenHash: string
}

export const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex')
export const newToken = () => randomBytes(32).toString('base64url')

/** Roles held on the Japanese calendar day of `now`: designations with valid_from ≤ day ≤ valid_to. */
export async function rolesOn(db: Db | Tx, userId: number, now: Date): Promise<string[]> {
  const day = todayInJapan(now)
  const rows = await db
    .select({ role: designations.role })
    .from(designations)
    .where(
      and(
        eq(designations.userId, userId),
        lte(designations.validFrom, day),
        or(isNull(designations.validTo), gte(designations.validTo, day)),
      ),
    )
  return [...new Set(rows.map((r) => r.role))].sort()
}

export async function createSession(
  db: Db | Tx,
  userId: number,
  terminalId: string,
  policy: SessionPolicy,
  now: Date,
  secondFactor: boolean,
): Promise<string> {
  const token = newToken()
  await db.insert(sessions).values({
    tokenHash: tokenHash(token),
    userId,
    terminalId,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + policy.maxSeconds * 1000),
    secondFactor,
  })
  return token
}

/**
 * Resolves a bearer token to its user, enforcing the server-side idle timeout and absolute lifetime, that the
 * session is used from the terminal it was opened on, and that the account is still active. Touches
 * `last_seen_at` on success; ends the session on any failure.
 */
export async function resolveSession(
  db: Db,
  token: string,
  terminalId: string,
  policy: SessionPolicy,
  now: Date,
): Promise<AuthenticatedUser | null> {
  const hash = tokenHash(token)
  const rows = await db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, hash), isNull(sessions.endedAt)))
    .limit(1)
  const row = rows[0]
  if (!row) return null
  const { session, user } = row
  const idleExpired = now.getTime() - session.lastSeenAt.getTime() > policy.idleSeconds * 1000
  if (idleExpired || now >= session.expiresAt || session.terminalId !== terminalId || user.deactivatedAt) {
    await db.update(sessions).set({ endedAt: now }).where(eq(sessions.tokenHash, hash))
    return null
  }
  await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.tokenHash, hash))
  return {
    id: user.id,
    loginId: user.loginId,
    displayName: user.displayName,
    department: user.department,
    careArea: user.careArea,
    roles: await rolesOn(db, user.id, now),
    secondFactor: session.secondFactor,
    stepUpAt: session.stepUpAt,
    sessionTokenHash: hash,
  }
}

export async function endSession(db: Db | Tx, token: string, now: Date): Promise<void> {
  await db
    .update(sessions)
    .set({ endedAt: now })
    .where(and(eq(sessions.tokenHash, tokenHash(token)), isNull(sessions.endedAt)))
}

export async function endSessionsOf(db: Db | Tx, userId: number, now: Date): Promise<void> {
  await db
    .update(sessions)
    .set({ endedAt: now })
    .where(and(eq(sessions.userId, userId), isNull(sessions.endedAt)))
}
