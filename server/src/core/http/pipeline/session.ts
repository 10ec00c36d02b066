import type { FastifyBaseLogger } from 'fastify'
import type { Db } from '../../db/connect'
import { resolveSession, type AuthenticatedUser, type SessionPolicy } from '../../sessions/sessions'
import { problems } from '../problem'
import type { RouteAccess } from '../route'
import type { RequestRateLimits } from './rate-limits'

/** The bearer token of the Authorization header, when it has the shape of one of ours. */
export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer ([A-Za-z0-9_-]{20,200})$/.exec(header ?? '')
  return match?.[1] ?? null
}

/**
 * Step 3 — resolve the session: a public route has no caller; every other route needs a live session of this
 * terminal (idle and absolute timeouts), and then counts against the user's rate limit.
 */
export async function resolveCaller(
  access: RouteAccess,
  request: { token: string | null; terminalId: string; now: Date; log: FastifyBaseLogger },
  env: { db: Db; policy: SessionPolicy; limits: RequestRateLimits },
): Promise<AuthenticatedUser | null> {
  if (access.kind === 'public') return null
  const user = request.token
    ? await resolveSession(env.db, request.token, request.terminalId, env.policy, request.now)
    : null
  if (!user) throw problems.notAuthenticated()
  env.limits.user(user.id, request.now, request.log)
  return user
}
