import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { asc } from 'drizzle-orm'
import { BackendError } from '../../../../electron/main/backend/backend-client'
import { verifyAuditChain } from '../../../../server/src/core/audit/audit-log'
import { auditLog } from '../../../../server/src/core/db/schema'
import { deriveServerKeys } from '../../../../server/src/core/secrets'
import { signIn } from '../../support/accounts'
import { databaseKinds } from '../../support/databases'
import { rawPost, terminalClient } from '../../support/clients'
import { findPersonalData, seededWard } from '../../support/log-scan'
import { startTestServer, type TestServer } from '../../support/test-server'

const SCALE = 1_000
const ward = seededWard(SCALE)
const insured = ward.persons.find((p) => p.insuredNumber && !p.isProtected)!
const protectedPerson = ward.persons.find((p) => p.isProtected)

describe.each(databaseKinds)('the slice on %s: login → person search → summary', (kind) => {
  let t: TestServer
  let token: string
  beforeAll(async () => {
    t = await startTestServer(kind, SCALE)
    token = await signIn(t, 'shikaku01')
  })
  afterAll(() => t.close())

  it('finds a seeded person by カナ in any script (katakana, hiragana, half-width)', async () => {
    const client = terminalClient(t)
    const kana = insured.familyNameKana + insured.givenNameKana
    for (const query of [
      kana,
      kana.replace(/[ァ-ヶ]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60)),
      kana.normalize('NFKC'),
    ]) {
      const result = await client.call('person.search', { kana: query }, token)
      expect(result.items.map((i) => i.insuredNumber)).toContain(insured.insuredNumber)
    }
  })

  it('finds exactly one person by 被保険者番号 and returns the summary with the masked individual number', async () => {
    const client = terminalClient(t)
    const result = await client.call('person.search', { insuredNumber: insured.insuredNumber! }, token)
    expect(result.total).toBe(1)
    const summary = await client.call('person.summary', { personId: result.items[0]!.id }, token)
    expect(summary.name).toBe(`${insured.familyName} ${insured.givenName}`)
    expect(summary.birthDate).toBe(insured.birthDate)
    expect(summary.individualNumberMasked).not.toMatch(/\d/)
  })

  it('masks the address of a protected person (支援措置対象者) in results and summary', async () => {
    if (!protectedPerson) return
    const client = terminalClient(t)
    const result = await client.call(
      'person.search',
      { kana: protectedPerson.familyNameKana + protectedPerson.givenNameKana, birthDate: protectedPerson.birthDate },
      token,
    )
    const item = result.items.find((i) => i.isProtected)!
    expect(item.address).toBeNull()
    const summary = await client.call('person.summary', { personId: item.id }, token)
    expect(summary.address).toBeNull()
    expect(summary.postalCode).toBeNull()
    expect(summary.phone).toBeNull()
  })

  it('refuses personal data without a session (401) and to a role without the permission (403)', async () => {
    const client = terminalClient(t)
    await expect(client.call('person.search', { kana: 'ア' })).rejects.toMatchObject({ code: 'notAuthenticated' })
    const admin = await signIn(t, 'kanri01')
    const refused = await client.call('person.search', { kana: 'ア' }, admin).catch((e: unknown) => e)
    expect(refused).toBeInstanceOf(BackendError)
    expect((refused as BackendError).code).toBe('forbidden')
    expect((refused as BackendError).message).toBe('この操作を行う権限がありません')
  })

  it('rejects bad values before sending, with the Japanese message of the rule', async () => {
    const error = (await terminalClient(t)
      .call('person.search', { insuredNumber: '12345' }, token)
      .catch((e: unknown) => e)) as BackendError
    expect(error.code).toBe('invalidRequest')
    expect(error.message).toBe('被保険者番号は10桁の数字です')
  })

  it('answers unknown fields and empty criteria at the server with 400 problem+json and a Japanese title', async () => {
    for (const body of [{ kana: 'ア', extra: 1 }, {}]) {
      const res = await rawPost(t, '/api/v1/persons/search', body, token)
      expect(res.status).toBe(400)
      expect(res.contentType).toContain('application/problem+json')
      expect(JSON.parse(res.body)).toMatchObject({
        status: 400,
        code: 'invalidRequest',
        title: '入力内容に誤りがあります',
      })
    }
  })

  it('writes one audit row per personal-data request and keeps the hash chain intact', async () => {
    const client = terminalClient(t)
    const before = (await t.database.db.select().from(auditLog)).length
    const result = await client.call('person.search', { insuredNumber: insured.insuredNumber! }, token)
    await client.call('person.summary', { personId: result.items[0]!.id }, token)
    const rows = await t.database.db.select().from(auditLog).orderBy(asc(auditLog.seq))
    expect(rows.length).toBe(before + 2)
    const [search, summary] = rows.slice(-2)
    expect(search).toMatchObject({
      action: 'person.search',
      loginId: 'shikaku01',
      terminalId: 'KD-TEST-0001',
      outcome: 'ok',
    })
    expect(search!.targetIds).toEqual([result.items[0]!.id])
    expect(summary!.action).toBe('person.summary')
    expect((await verifyAuditChain(t.database.db, deriveServerKeys(t.config.serverSecret).auditKey)).ok).toBe(true)
  })

  it('never writes a seeded name, number, birth date or address into the server log', () => {
    expect(t.logs.join('').length).toBeGreaterThan(0)
    expect(findPersonalData(t.logs, SCALE)).toEqual([])
  })
})
