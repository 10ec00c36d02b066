import { and, eq, gt } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { apiRoutes, type ApiRouteName } from '../../../../shared/api/routes'
import { declaredRoutes, verdict } from '../../../../server/src/cli/permission-matrix'
import { roles, type Role } from '../../../../server/src/core/access/roles'
import { auditLog } from '../../../../server/src/core/db/schema'
import { registeredRoutes } from '../../../../server/src/core/http/app'
import { probePaths } from '../../../../server/src/core/http/health'
import { provisionUser, signIn } from '../../support/accounts'
import { personalDataGrants } from '../../../fixtures/access/personal-data-grants'
import { callRoute } from '../../support/clients'
import { databaseKinds } from '../../support/databases'
import { startTestServer, type TestServer } from '../../support/test-server'

const routeNames = Object.keys(apiRoutes) as ApiRouteName[]
const definitions = new Map(declaredRoutes().map((r) => [r.name, r]))

/**
 * Every request carries an unknown field: the server decides access first and only then parses the input, so an
 * allowed caller gets 400 (nothing runs) and a refused one 403 — the walk observes the access decision alone.
 */
const probe = { __walk: 1 }

/**
 * The expected answer of a role on a route. A route guarded by a personal-data or second-factor permission is judged
 * by the hand-written table (tests/fixtures/access/personal-data-grants.ts, controls C-24 and C-25), not by the role
 * table the server enforces; the remaining routes (public, any session, ops.status) by the generated matrix.
 */
function expectedVerdict(route: NonNullable<ReturnType<typeof definitions.get>>, role: Role): 'allow' | 'deny' {
  if (route.access.kind === 'permission') {
    const row = personalDataGrants[route.access.permission]
    if (row) return row.roles[role] ? 'allow' : 'deny'
  }
  return verdict(route, role) === 'deny' ? 'deny' : 'allow'
}

// Every route × every role, allow/deny exactly as the hand-written table of grants says for personal-data and
// second-factor permissions, and as docs/permissions.md (generated from the code) says for the rest.
describe.each(databaseKinds)('the route × role matrix on %s', (kind) => {
  let t: TestServer
  const tokens = new Map<Role, string>()
  beforeAll(async () => {
    // The walk sends (roles + 1) requests per route from one terminal: above the default per-minute limits once the
    // contract has ~55 routes, and the limiter is not what this walk observes (it has its own tests).
    t = await startTestServer(kind, 100, {
      env: { KAIGO_RATE_TERMINAL_PER_MINUTE: '100000', KAIGO_RATE_USER_PER_MINUTE: '100000' },
    })
    for (const role of roles) {
      const { loginId } = await provisionUser(t, {
        roles: [role],
        careArea: role === 'communityCareStaff' ? 'okubo' : null,
      })
      tokens.set(role, await signIn(t, loginId))
    }
  })
  afterAll(() => t.close())

  it('walks every route of the contract, each of which has a declaration', () => {
    expect(routeNames.length).toBeGreaterThan(20)
    for (const name of routeNames) expect(definitions.get(name), name).toBeDefined()
  })

  it('judges every personal-data route by the hand-written table of grants', () => {
    const personal = [...definitions.values()].filter((r) => r.personalData)
    expect(personal.length).toBeGreaterThan(10)
    for (const route of personal) {
      expect(route.access.kind, route.name).toBe('permission')
      if (route.access.kind === 'permission')
        expect(personalDataGrants, route.name).toHaveProperty([route.access.permission])
    }
  })

  it.each(routeNames)('%s: without a session, only a public route is reachable', async (name) => {
    const res = await callRoute(t, name, probe)
    const access = definitions.get(name)!.access.kind
    if (access === 'public') expect(res.code).toBe('invalidRequest')
    else expect(res).toMatchObject({ status: 401, code: 'notAuthenticated' })
  })

  it.each(routeNames)('%s: each role is allowed or refused exactly as the matrix says', async (name) => {
    const route = definitions.get(name)!
    const outcomes: Record<string, string> = {}
    const expected: Record<string, string> = {}
    for (const role of roles) {
      const res = await callRoute(t, name, probe, tokens.get(role))
      outcomes[role] = res.code === 'forbidden' ? 'deny' : res.code === 'notAuthenticated' ? 'unauthenticated' : 'allow'
      expected[role] = expectedVerdict(route, role)
      if (outcomes[role] === 'allow') expect(res.code).toBe(route.stepUp ? 'stepUpRequired' : 'invalidRequest')
    }
    expect(outcomes).toEqual(expected)
  })

  it('audits every refused attempt on a personal-data route as denied', async () => {
    const since = (await t.database.db.select({ seq: auditLog.seq }).from(auditLog)).reduce(
      (m, r) => Math.max(m, r.seq),
      0,
    )
    await callRoute(t, 'person.search', probe, tokens.get('operator'))
    const rows = await t.database.db
      .select()
      .from(auditLog)
      .where(and(gt(auditLog.seq, since), eq(auditLog.action, 'person.search')))
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ outcome: 'denied', targetIds: [] })
  })

  it('registers no route but the contract and the two probes', () => {
    const allowed = new Set([
      ...Object.values(apiRoutes).map((r) => `${r.method} ${r.path}`),
      ...probePaths.map((p) => `GET ${p}`),
    ])
    const registered = registeredRoutes(t.server.app).filter((r) => r.method !== 'HEAD')
    expect(registered.length).toBe(allowed.size)
    for (const r of registered) expect(allowed.has(`${r.method} ${r.url}`), `${r.method} ${r.url}`).toBe(true)
  })
})
