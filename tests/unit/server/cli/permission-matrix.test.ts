import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { apiRoutes, type ApiRouteName } from '../../../../shared/api/routes'
import { declaredRoutes, verdict } from '../../../../server/src/cli/permission-matrix'
import {
  grantPermission,
  permissionCatalog,
  permissions,
  requiresSecondFactor,
  rolePermissions,
  roles,
} from '../../../../server/src/core/access/roles'
import { formattedPermissionsDoc, permissionsDocPath } from '../../../../server/src/cli/permissions-doc-format'
import { AuditLog } from '../../../../server/src/core/audit/audit-log'
import { loadServerConfig } from '../../../../server/src/core/config'
import { buildApp, routeDeclarationProblems } from '../../../../server/src/core/http/app'
import type { RouteDefinition } from '../../../../server/src/core/http/route'

const routes = declaredRoutes()
const named = (name: ApiRouteName) => routes.find((r) => r.name === name)!

describe('docs/permissions.md is generated from the code', () => {
  it('is up to date (run `npm run permissions:docs` after changing roles or routes)', async () => {
    expect(readFileSync(permissionsDocPath, 'utf8')).toBe(await formattedPermissionsDoc())
  })
})

// controls C-24, C-25: deny by default; no personal data for システム管理者 and 運用事業者.
describe('roles, deny by default', () => {
  it('never grants a personal-data permission to システム管理者 or 運用事業者', () => {
    for (const role of ['systemAdmin', 'operator'] as const)
      expect(rolePermissions[role].map(grantPermission).filter((p) => permissionCatalog[p].personalData)).toEqual([])
  })

  it('asks the second factor for every personal-data permission, so every role touching personal data signs in with TOTP', () => {
    for (const p of permissions)
      if (permissionCatalog[p].personalData) expect(permissionCatalog[p].secondFactor).toBe(true)
    for (const role of roles) {
      const personal = rolePermissions[role].some((g) => permissionCatalog[grantPermission(g)].personalData)
      if (personal) expect(requiresSecondFactor([role])).toBe(true)
    }
  })

  it('limits 相談センター職員 to its own area: search, summary, and filing and following 認定 and the 基本チェックリスト', () => {
    expect(rolePermissions.communityCareStaff).toEqual([
      { permission: 'person.search', scope: 'ownArea' },
      { permission: 'person.read', scope: 'ownArea' },
      { permission: 'certification.read', scope: 'ownArea' },
      { permission: 'certification.apply', scope: 'ownArea' },
      { permission: 'certification.checklist', scope: 'ownArea' },
    ])
    expect(verdict(named('person.summary'), 'communityCareStaff')).toBe('allowOwnArea')
    expect(verdict(named('person.revealIndividualNumber'), 'communityCareStaff')).toBe('deny')
  })

  it('grants nothing for an unknown role name', () => {
    for (const route of routes)
      if (route.access.kind === 'permission') expect(verdict(route, 'nobody' as never)).toBe('deny')
  })
})

describe('every route declares its access, audit and effect (a route without a declaration stops the server)', () => {
  it('the real routes break no rule, and there is exactly one definition per route of the contract', () => {
    expect(routeDeclarationProblems(routes)).toEqual([])
    expect(routes.map((r) => r.name).sort()).toEqual((Object.keys(apiRoutes) as ApiRouteName[]).sort())
  })

  const without = (name: ApiRouteName) => routes.filter((r) => r.name !== name)
  const replaced = (name: ApiRouteName, change: Partial<RouteDefinition>) =>
    routes.map((r) => (r.name === name ? ({ ...r, ...change } as RouteDefinition<ApiRouteName>) : r))

  it('a contract route without a definition is refused', () => {
    expect(routeDeclarationProblems(without('person.search'))).toEqual([
      'route person.search has no definition (every route declares its access)',
    ])
  })

  it('and the server does not even start with it', () => {
    const deps = {
      db: {} as never,
      config: loadServerConfig({}),
      auditLog: new AuditLog(Buffer.alloc(32)),
    }
    expect(() => buildApp({ ...deps, routes: without('person.search') })).toThrow(
      /route person\.search has no definition/,
    )
    expect(() => buildApp({ ...deps, routes: replaced('person.summary', { audit: false }) })).toThrow(/C-08/)
  })

  it('a route defined twice is refused', () => {
    expect(routeDeclarationProblems([...routes, named('user.list')])).toEqual(['route user.list is defined 2 times'])
  })

  it('a personal-data route without an audit row is refused (C-08)', () => {
    expect(routeDeclarationProblems(replaced('person.summary', { audit: false }))).toContain(
      'person.summary: a personal-data route must be audited (C-08)',
    )
  })

  it('a personal-data permission on a route not declared as personal data is refused', () => {
    expect(routeDeclarationProblems(replaced('person.search', { personalData: false }))).toContain(
      'person.search: a personal-data permission guards a route not declared as personal data',
    )
  })

  it('a status change or creation without an idempotency key is refused', () => {
    expect(routeDeclarationProblems(replaced('user.update', { effect: 'statusChange' }))).toContain(
      'user.update: a statusChange route must accept an idempotency key',
    )
  })

  it('an update without the row version it read is refused', () => {
    expect(routeDeclarationProblems(replaced('user.unlock', { effect: 'update' }))).toContain(
      'user.unlock: an update names the row version it read and a reason',
    )
  })

  it('step-up on a public route is refused', () => {
    expect(routeDeclarationProblems(replaced('meta.get', { stepUp: true }))).toContain(
      'meta.get: step-up needs a session',
    )
  })
})
