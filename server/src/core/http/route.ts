import type { z } from 'zod'
import { type apiRoutes, type ApiOutput, type ApiRouteName } from '../../../../shared/api/routes'
import type { AuditTargetType } from '../audit/audit-log'
import type { Permission, Scope } from '../access/roles'
import type { AuthenticatedUser } from '../sessions/sessions'
import type { Db, Tx } from '../db/connect'

/** Who may call a route. There is no default: every route declares its access (deny by default). */
export type RouteAccess =
  { kind: 'public' } | { kind: 'authenticated' } | { kind: 'permission'; permission: Permission }

/**
 * What a route does to the data, which decides how the request runs:
 * - 'read': reads (its audit row, if any, commits in the request's transaction);
 * - 'session': sign-in flows that keep their own bookkeeping (failure counters, refusal audit rows), which must
 *   commit even though the request fails — no surrounding transaction;
 * - 'update': changes a versioned record and names the row version it read (409 when stale);
 * - 'create' / 'statusChange': creates records or changes a status; requires an idempotency key, and a retry
 *   with the same key returns the first result and writes nothing again (server/src/core/http/pipeline/idempotency.ts).
 */
export type RouteEffect = 'read' | 'session' | 'update' | 'create' | 'statusChange'

export interface HandlerContext<K extends ApiRouteName> {
  input: z.output<(typeof apiRoutes)[K]['input']>
  user: AuthenticatedUser | null
  /** The caller's permissions with their scope ('all' or 'ownArea'). */
  permissions: ReadonlyMap<Permission, Scope>
  terminalId: string
  /** The bearer token of the request, when one was sent. */
  token: string | null
  /** The request's transaction (every route but 'session' routes); its audit row commits with it. */
  db: Db | Tx
  /** The request's instant, from the server clock. */
  now: Date
  /** Records which records the request touched and why, for its single audit row. */
  audit: { targets(ids: readonly number[]): void; purpose(text: string): void }
}

export interface RouteDefinition<K extends ApiRouteName = ApiRouteName> {
  name: K
  access: RouteAccess
  /** 住民の個人情報 passes through this route (control C-08: audited, in one transaction with its audit row). */
  personalData: boolean
  /** One audit row per request, in the request's transaction: required for personal-data routes. */
  audit: false | { action: string; targetType?: AuditTargetType }
  effect: RouteEffect
  /** Needs a step-up re-authentication within the configured window (revealing マイナンバー, …). */
  stepUp?: boolean
  handle(ctx: HandlerContext<K>): Promise<ApiOutput<K>>
}

export function defineRoute<K extends ApiRouteName>(definition: RouteDefinition<K>): RouteDefinition<K> {
  return definition
}
