import { and, eq, gt } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { apiRoutes, type ApiRouteName } from '../../../../shared/api/routes'
import { declaredRoutes, verdict } from '../../../../server/src/cli/permission-matrix'
import { roles, type Role } from '../../../../server/src/core/access/roles'
import { auditLog } from '../../../../server/src/core/db/schema'
import { registeredRoutes } from '../../../../server/src/core/http/app'
import { probePaths } from '../../../../server/src/core/http/health'
import { provisionUser, signIn } from '../../support/accounts'
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

// Every route × every role, allow/deny exactly as docs/permissions.md (generated from the code).
describe.each(databaseKinds)('the route × role matrix on %s', (kind) => {
  let t: TestServer
  const tokens = new Map<Role, string>()
  beforeAll(async () => {
    t = await startTestServer(kind, 100)
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
      expected[role] = verdict(route, role) === 'deny' ? 'deny' : 'allow'
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
