import { randomUUID } from 'node:crypto'
import { count } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { eligibilityEvents } from '../../../../server/src/areas/eligibility/schema'
import { auditLog } from '../../../../server/src/core/db/schema'
import { signIn } from '../../support/accounts'
import { rawRequest } from '../../support/clients'
import { databaseKinds } from '../../support/databases'
import { startTestServer, type TestServer } from '../../support/test-server'

// An impossible calendar date is refused at the boundary — 400 problem+json with a Japanese message naming the
// field — before any handler runs: never a 500 from the domain, and nothing is written.
describe.each(databaseKinds)('an impossible date in a request on %s', (kind) => {
  let t: TestServer
  let token: string
  beforeAll(async () => {
    t = await startTestServer(kind, 100)
    token = await signIn(t, 'shikaku01')
  })
  afterAll(() => t.close())

  const counts = async () => ({
    events: Number((await t.database.db.select({ n: count() }).from(eligibilityEvents))[0]!.n),
    audit: Number((await t.database.db.select({ n: count() }).from(auditLog))[0]!.n),
  })
  const post = (path: string, body: unknown) =>
    rawRequest(t, { method: 'POST', path, token, body: JSON.stringify(body) })
  const problemOf = (res: { status: number; body: string; headers: Record<string, unknown> }) => {
    expect(res.status).toBe(400)
    expect(String(res.headers['content-type'])).toMatch(/^application\/problem\+json/)
    return JSON.parse(res.body) as { title: string; detail?: string; code: string }
  }

  it('person search: 2026-02-31 as the birth date answers 400 naming 生年月日', async () => {
    const before = await counts()
    const problem = problemOf(await post('/api/v1/persons/search', { birthDate: '2026-02-31' }))
    expect(problem).toMatchObject({ code: 'invalidRequest', title: '入力内容に誤りがあります' })
    expect(problem.detail).toBe('生年月日（birthDate）: 存在しない日付です（2026-02-31）')
    expect(await counts()).toEqual(before)
  })

  it('person search: the real leap day 2024-02-29 is searched', async () => {
    const res = await post('/api/v1/persons/search', { birthDate: '2024-02-29' })
    expect(res.status).toBe(200)
  })

  it('the 65 batch: 2026-02-31 as the end of the range answers 400 naming 終了日, and records nothing', async () => {
    const before = await counts()
    const problem = problemOf(
      await post('/api/v1/eligibility/batches/age65', {
        from: '2026-02-01',
        to: '2026-02-31',
        idempotencyKey: randomUUID(),
      }),
    )
    expect(problem.code).toBe('invalidRequest')
    expect(problem.detail).toContain('終了日（to）: 存在しない日付です（2026-02-31）')
    expect(await counts()).toEqual(before)
  })

  it('the eligibility history: 2025-02-29 as the as-known-on date answers 400 naming 基準日', async () => {
    const problem = problemOf(await post('/api/v1/eligibility/history', { personId: 1, asKnownOn: '2025-02-29' }))
    expect(problem.detail).toBe('基準日（asKnownOn）: 存在しない日付です（2025-02-29）')
  })
})
