import { permissionCatalog, permissionsOf, type Permission, type Scope } from '../../access/roles'
import type { AuthenticatedUser } from '../../sessions/sessions'

/**
 * Step 4 — grant permissions: those of the caller's roles in force today, except that a permission needing the
 * second factor counts only in a session opened with it (C-06, C-30). No caller, no permission.
 */
export function grantPermissions(user: AuthenticatedUser | null): Map<Permission, Scope> {
  const granted = new Map<Permission, Scope>()
  for (const [permission, scope] of permissionsOf(user?.roles ?? []))
    if (!permissionCatalog[permission].secondFactor || user?.secondFactor) granted.set(permission, scope)
  return granted
}
