import type { z } from 'zod'
import { type apiRoutes, type ApiOutput, type ApiRouteName } from '../../../shared/api/routes'
import type { AuditEntry } from '../audit/audit-log'
import type { Db, Tx } from '../db/connect'
import type { Permission } from '../auth/roles'
import type { AuthenticatedUser } from '../auth/sessions'

/** Who may call a route. There is no default: every route declares its access (deny by default). */
export type RouteAccess =
  { kind: 'public' } | { kind: 'authenticated' } | { kind: 'permission'; permission: Permission }

export interface HandlerContext<K extends ApiRouteName> {
  input: z.output<(typeof apiRoutes)[K]['input']>
  user: AuthenticatedUser | null
  permissions: ReadonlySet<Permission>
  terminalId: string
  /** The bearer token of the request, when one was sent. */
  token: string | null
  /** The request's transaction for personal-data routes (its audit row commits with it); the database otherwise. */
  db: Db | Tx
  /** Records which person records the request touched and why, for its single audit row. */
  audit: { targets(ids: readonly number[]): void; purpose(text: string): void }
}

export interface RouteDefinition<K extends ApiRouteName = ApiRouteName> {
  name: K
  access: RouteAccess
  /** Personal-data routes run in one transaction with exactly one audit row (control C-08). */
  personalData: false | { auditAction: string }
  handle(ctx: HandlerContext<K>): Promise<ApiOutput<K>>
}

export function defineRoute<K extends ApiRouteName>(definition: RouteDefinition<K>): RouteDefinition<K> {
  return definition
}

export type AuditDraft = Pick<AuditEntry, 'targetIds' | 'purpose'>
