/**
 * Idempotency keys for POSTs that create records or change a status (control C-09: a retry after a
 * failure never doubles a write). The key is claimed in the request's own transaction and the first response is
 * stored with it, so "claimed" and "written" commit together: a retry returns the stored response and writes
 * nothing; the same key with a different request is refused. On PostgreSQL a concurrent retry waits on the
 * primary key until the first request commits (or rolls back, and then it runs as the first).
 */
import { createHash } from 'node:crypto'
import { and, eq, lt } from 'drizzle-orm'
import { canonicalJson } from '../../audit/canonical-json'
import type { Db, Tx } from '../../db/connect'
import { idempotencyKeys } from '../../db/schema'
import { problems } from '../problem'

/** A key is remembered this long; a retry after that is a new request. */
export const IDEMPOTENCY_TTL_HOURS = 24

export const requestHashOf = (route: string, input: Record<string, unknown>) => {
  const { idempotencyKey: _key, ...rest } = input
  return createHash('sha256')
    .update(canonicalJson({ route, input: rest }))
    .digest('hex')
}

export type Claim = { kind: 'new' } | { kind: 'replay'; response: unknown }

export async function claimIdempotencyKey(
  tx: Db | Tx,
  claim: { userId: number; key: string; route: string; requestHash: string; now: Date },
): Promise<Claim> {
  const cutoff = new Date(claim.now.getTime() - IDEMPOTENCY_TTL_HOURS * 3_600_000)
  await tx
    .delete(idempotencyKeys)
    .where(and(eq(idempotencyKeys.userId, claim.userId), lt(idempotencyKeys.createdAt, cutoff)))
  const inserted = await tx
    .insert(idempotencyKeys)
    .values({
      userId: claim.userId,
      key: claim.key,
      route: claim.route,
      requestHash: claim.requestHash,
      response: { pending: true },
      createdAt: claim.now,
    })
    .onConflictDoNothing()
    .returning({ key: idempotencyKeys.key })
  if (inserted.length > 0) return { kind: 'new' }
  const [existing] = await tx
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.userId, claim.userId), eq(idempotencyKeys.key, claim.key)))
  if (!existing || existing.route !== claim.route || existing.requestHash !== claim.requestHash)
    throw problems.idempotencyKeyReused()
  return { kind: 'replay', response: existing.response }
}

export async function storeIdempotentResponse(
  tx: Db | Tx,
  claim: { userId: number; key: string },
  response: unknown,
): Promise<void> {
  await tx
    .update(idempotencyKeys)
    .set({ response: response as never })
    .where(and(eq(idempotencyKeys.userId, claim.userId), eq(idempotencyKeys.key, claim.key)))
}
