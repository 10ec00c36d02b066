import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { auditLog } from '../../../../server/src/core/db/schema'
import { newKey, provisionUser, signIn } from '../../support/accounts'
import { callRoute } from '../../support/clients'
import { databaseKinds } from '../../support/databases'
import { startTestServer, type TestServer } from '../../support/test-server'

// The supervisor's view of the terminals' security events (docs/controls.md C-01): read back from the audit rows the
// terminals wrote ('security.clientEvents'), newest first, filtered by kind, terminal and user; the reading is audited.
describe.each(databaseKinds)('security.events on %s', (kind) => {
  let t: TestServer
  let supervisor: string
  let clerk: { loginId: string; token: string }
  let from: string
  let to: string
  beforeAll(async () => {
    t = await startTestServer(kind, 100)
    from = new Date(t.clock.now().getTime() - 60_000).toISOString()
    const s = await provisionUser(t, { roles: ['supervisor'] })
    supervisor = await signIn(t, s.loginId)
    const c = await provisionUser(t, { roles: ['eligibilityClerk'] })
    clerk = { loginId: c.loginId, token: await signIn(t, c.loginId) }
    // Two batches of the clerk's terminal: three events, two kinds, in the order main saw them.
    const send = (events: { at: string; kind: string; detail: string }[]) =>
      callRoute(t, 'security.clientEvents', { idempotencyKey: newKey(), events }, clerk.token)
    await send([
      {
        at: '2026-12-03T01:00:00.000Z',
        kind: 'request-blocked',
        detail: 'url=https://evil.example/a resourceType=xhr',
      },
      {
        at: '2026-12-03T01:00:01.000Z',
        kind: 'print-refused',
        detail: 'printer=Microsoft Print to PDF reason=virtual',
      },
    ])
    await send([
      {
        at: '2026-12-03T01:05:00.000Z',
        kind: 'request-blocked',
        detail: 'url=https://evil.example/b resourceType=img',
      },
    ])
    to = new Date(t.clock.now().getTime() + 60_000).toISOString()
  })
  afterAll(() => t.close())

  const list = (filter: Record<string, unknown> = {}, token = supervisor) =>
    callRoute(t, 'security.events', { from, to, ...filter }, token)

  it('lists every event newest first, with the terminal, the user and the counts per kind', async () => {
    const res = await list()
    expect(res.status).toBe(200)
    const items = res.body.items as { at: string; kind: string; detail: string; terminalId: string; loginId: string }[]
    expect(items.map((e) => [e.at, e.kind])).toEqual([
      ['2026-12-03T01:05:00.000Z', 'request-blocked'],
      ['2026-12-03T01:00:01.000Z', 'print-refused'],
      ['2026-12-03T01:00:00.000Z', 'request-blocked'],
    ])
    expect(items[1]).toMatchObject({
      detail: 'printer=Microsoft Print to PDF reason=virtual',
      terminalId: 'KD-TEST-0001',
      loginId: clerk.loginId,
    })
    expect(res.body.total).toBe(3)
    expect(res.body.byKind).toEqual([
      { kind: 'request-blocked', count: 2 },
      { kind: 'print-refused', count: 1 },
    ])
  })

  it('filters by kind, by user and by terminal; a period before the events holds none', async () => {
    expect((await list({ kind: 'print-refused' })).body.total).toBe(1)
    expect((await list({ loginId: clerk.loginId })).body.total).toBe(3)
    expect((await list({ loginId: 'nobody' })).body.total).toBe(0)
    expect((await list({ terminalId: 'KD-OTHER-9999' })).body.total).toBe(0)
    expect((await list({ to: from })).body.total).toBe(0)
  })

  it('stops the list at the limit and still counts them all', async () => {
    const res = await list({ limit: 1 })
    expect((res.body.items as unknown[]).length).toBe(1)
    expect(res.body.total).toBe(3)
  })

  it('is for those holding security.readEvents (not a clerk), and each reading is audited', async () => {
    expect((await list({}, clerk.token)).status).toBe(403)
    await list({ kind: 'request-blocked' })
    const rows = await t.database.db.select().from(auditLog).where(eq(auditLog.action, 'security.events'))
    expect(rows.at(-1)).toMatchObject({ outcome: 'ok', targetType: 'user' })
    expect(rows.at(-1)!.purpose).toContain('種別 request-blocked')
  })

  it('refuses an unknown kind, naming the field', async () => {
    const res = await list({ kind: 'coffee-spilled' })
    expect(res.status).toBe(400)
    expect(JSON.stringify(res.body)).toContain('種別')
  })
})
