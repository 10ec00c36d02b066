import type { Permission, Scope } from '../../access/roles'
import type { Db } from '../../db/connect'
import type { AuthenticatedUser } from '../../sessions/sessions'
import { problems } from '../problem'
import type { RouteDefinition } from '../route'
import type { RequestAudit } from './request-audit'

/**
 * Step 5 — check access and step-up, before the input is even parsed (deny by default): a permission route needs
 * the permission granted; a step-up route needs a re-authentication within `stepUpSeconds`. A refusal of an
 * audited route is audited.
 */
export async function checkAccess(
  route: Pick<RouteDefinition, 'access' | 'stepUp'>,
  caller: { user: AuthenticatedUser | null; permissions: ReadonlyMap<Permission, Scope>; now: Date },
  env: { db: Db; stepUpSeconds: number },
  audit: RequestAudit,
): Promise<void> {
  if (route.access.kind === 'permission' && !caller.permissions.has(route.access.permission))
    await audit.refuse(env.db, problems.forbidden())
  if (route.stepUp) {
    const stepUpAt = caller.user?.stepUpAt?.getTime() ?? -Infinity
    if (caller.now.getTime() - stepUpAt > env.stepUpSeconds * 1000)
      await audit.refuse(env.db, problems.stepUpRequired())
  }
}
