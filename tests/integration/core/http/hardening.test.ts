import { count } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { auditLog } from '../../../../server/src/core/db/schema'
import { persons } from '../../../../server/src/areas/persons/schema'
import { signIn } from '../../support/accounts'
import { rawRequest } from '../../support/clients'
import { databaseKinds } from '../../support/databases'
import { seededWard } from '../../support/log-scan'
import { startTestServer, type TestServer } from '../../support/test-server'

const SCALE = 100
const person = seededWard(SCALE).persons.find((p) => p.insuredNumber)!

// Control C-04: secure headers, body limits, strict validation, problem+json with a Japanese title and
// no stack trace — for fuzzed, oversized and malformed requests, which also leave no trace in the data.
describe.each(databaseKinds)('hardening of the API on %s (C-04)', (kind) => {
  let t: TestServer
  let token: string
  beforeAll(async () => {
    t = await startTestServer(kind, SCALE)
    token = await signIn(t, 'shikaku01')
  })
  afterAll(() => t.close())

  const counts = async () => ({
    persons: Number((await t.database.db.select({ n: count() }).from(persons))[0]!.n),
    audit: Number((await t.database.db.select({ n: count() }).from(auditLog))[0]!.n),
  })
  const expectProblem = (res: { status: number; body: string; headers: Record<string, unknown> }, status: number) => {
    expect(res.status).toBe(status)
    expect(String(res.headers['content-type'])).toMatch(/^application\/problem\+json/)
    const body = JSON.parse(res.body) as Record<string, unknown>
    expect(body).toMatchObject({ type: 'about:blank', status, title: expect.stringMatching(/[ぁ-んァ-ヶ一-龠]/) })
    expect(Object.keys(body).sort()).toEqual(expect.arrayContaining(['code', 'status', 'title', 'type']))
    expect(res.body).not.toMatch(/stack|\bat [\w.<>]+ \(|node_modules|\.ts:\d+/)
    return body
  }

  it('sends the secure headers with every answer, success or problem', async () => {
    const ok = await rawRequest(t, { method: 'GET', path: '/api/v1/meta' })
    const missing = await rawRequest(t, { method: 'GET', path: '/api/v1/nothing-here' })
    for (const res of [ok, missing]) {
      expect(res.headers).toMatchObject({
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
        'strict-transport-security': 'max-age=31536000',
        'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
        'referrer-policy': 'no-referrer',
      })
      expect(res.headers['x-powered-by']).toBeUndefined()
    }
    expect(expectProblem(missing, 404).code).toBe('notFound')
  })

  it('refuses a body above the limit (413) without reading it into anything', async () => {
    const before = await counts()
    const res = await rawRequest(t, {
      method: 'POST',
      path: '/api/v1/persons/search',
      token,
      body: JSON.stringify({ kana: 'ア'.repeat(300_000) }),
    })
    expect(expectProblem(res, 413).code).toBe('tooLarge')
    expect((await counts()).persons).toBe(before.persons)
  })

  it.each([
    ['malformed JSON', '{"kana": "ア"'],
    ['a JSON array', '[1, 2, 3]'],
    ['a wrong type', '{"kana": 12345}'],
    ['an unknown field', '{"kana": "ア", "sql": "DROP TABLE persons"}'],
    ['a prototype-pollution attempt', '{"kana": "ア", "__proto__": {"admin": true}}'],
    ['an over-long value', JSON.stringify({ kana: 'ア'.repeat(5_000) })],
  ])('answers %s with 400 problem+json and changes nothing', async (_label, body) => {
    const before = await counts()
    const res = await rawRequest(t, { method: 'POST', path: '/api/v1/persons/search', token, body })
    expect(expectProblem(res, 400).code).toBe('invalidRequest')
    expect(await counts()).toEqual(before)
  })

  it('never echoes the personal data a request carried, not even in the problem detail', async () => {
    const res = await rawRequest(t, {
      method: 'POST',
      path: '/api/v1/persons/search',
      token,
      body: JSON.stringify({
        insuredNumber: `${person.insuredNumber}X`,
        memo: `${person.familyName} ${person.givenName} ${person.individualNumber}`,
      }),
    })
    expectProblem(res, 400)
    expect(res.body).not.toContain(person.insuredNumber!)
    expect(res.body).not.toContain(person.familyName)
    expect(res.body).not.toContain(person.individualNumber)
  })

  it('refuses a content type other than JSON', async () => {
    const res = await rawRequest(t, {
      method: 'POST',
      path: '/api/v1/persons/search',
      token,
      body: 'kana=ア',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    })
    expect([400, 415]).toContain(res.status)
    expect(String(res.headers['content-type'])).toMatch(/^application\/problem\+json/)
  })
})
