import type { FastifyBaseLogger, FastifyReply } from 'fastify'
import type { z } from 'zod'
import type { ApiRouteName } from '../../../../../shared/api/routes'
import type { Db, Tx } from '../../db/connect'
import type { HandlerContext, RouteDefinition } from '../route'
import { RecordedProblem } from '../problem'
import { claimIdempotencyKey, requestHashOf, storeIdempotentResponse } from './idempotency'
import type { RequestAudit } from './request-audit'

/** Everything of the handler's context but the database it runs on. */
export type RequestFacts = Omit<HandlerContext<ApiRouteName>, 'db' | 'audit'>

/** How a first result is kept for its retries: the answer and the audit targets of the first request. */
const REPLAY_MARK = 'kaigoReplay'
function storedReplay(stored: unknown): { value: unknown; targets: number[]; purpose: string | null } {
  const record = stored as {
    [REPLAY_MARK]?: number
    value?: unknown
    targets?: number[]
    purpose?: string | null
  } | null
  // Keys stored before the targets were kept hold the bare answer.
  if (record?.[REPLAY_MARK] !== 1) return { value: stored, targets: [], purpose: null }
  return { value: record.value, targets: record.targets ?? [], purpose: record.purpose ?? null }
}

/**
 * Step 7 — run the handler and answer. A 'session' route runs on its own (it keeps its own bookkeeping); every
 * other route runs in one transaction with its audit row, and a create or status change claims its idempotency
 * key in that transaction: a retry answers the first result again and writes nothing. The answer is checked
 * against the contract's output schema. A rolled-back request is still audited.
 */
export async function runRoute(
  route: RouteDefinition<ApiRouteName>,
  output: z.ZodType,
  facts: RequestFacts,
  audit: RequestAudit,
  env: { db: Db; reply: FastifyReply; log: FastifyBaseLogger },
): Promise<unknown> {
  const context = (db: Db | Tx) => ({ ...facts, db, audit: audit.recorder }) as HandlerContext<never>
  if (route.effect === 'session') return output.parse(await route.handle(context(env.db)))

  const input = facts.input as Record<string, unknown>
  const claim =
    route.effect === 'create' || route.effect === 'statusChange'
      ? {
          userId: facts.user?.id ?? 0,
          key: String(input.idempotencyKey),
          route: route.name,
          requestHash: requestHashOf(route.name, input),
          now: facts.now,
        }
      : null
  try {
    const result = await env.db.transaction(async (tx) => {
      if (claim) {
        const previous = await claimIdempotencyKey(tx, claim)
        if (previous.kind === 'replay') {
          // The first result is answered again: a personal-data answer is a disclosure again, so it is
          // audited (outcome 'replayed', with the persons of the first answer); nothing is written twice.
          const stored = storedReplay(previous.response)
          audit.touchAgain(stored.targets, stored.purpose)
          if (audit.audited && route.personalData) await audit.append(tx, 'replayed')
          return { replayed: true, value: stored.value }
        }
      }
      const value = output.parse(await route.handle(context(tx)))
      if (audit.audited) await audit.append(tx, 'ok')
      if (claim)
        await storeIdempotentResponse(tx, claim, {
          [REPLAY_MARK]: 1,
          value,
          targets: audit.touched(),
          purpose: audit.purposeGiven(),
        })
      return { replayed: false, value }
    })
    if (audit.audited && (!result.replayed || route.personalData)) audit.committed()
    if (result.replayed) {
      void env.reply.header('idempotent-replayed', 'true')
      env.log.info({ event: 'idempotentReplay', route: route.name }, 'idempotent replay')
    }
    return result.value
  } catch (error) {
    // A refusal that leaves a record (a quarantined file) writes it now; if that fails, that failure is the answer.
    const failure =
      error instanceof RecordedProblem
        ? await error.record(env.db).then(
            () => error,
            (e: unknown) => e,
          )
        : error
    await audit.afterRollback(env.db, failure)
    throw failure
  }
}
