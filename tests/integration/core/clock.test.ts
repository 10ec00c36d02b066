import { randomUUID } from 'node:crypto'
import { and, eq, isNotNull } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cardIssuances } from '../../../server/src/areas/forms/schema'
import { persons } from '../../../server/src/areas/persons/schema'
import { signIn } from '../support/accounts'
import { terminalClient } from '../support/clients'
import { databaseKinds } from '../support/databases'
import { startTestServer, type TestServer } from '../support/test-server'

/** Noon in Japan on the last day of fiscal year 2026: not today, so only the injected clock can give this date. */
const START = new Date('2027-03-31T03:00:00Z')
const TODAY = '2027-03-31'

// Handlers take "now" from the server's injected clock (the request context), never from the machine: a server
// started on 2027-03-31 answers, stamps and records that day.
describe.each(databaseKinds)('handlers follow the injected clock on %s', (kind) => {
  let t: TestServer
  let token: string
  const client = () => terminalClient(t)
  beforeAll(async () => {
    t = await startTestServer(kind, 1_000, { startAt: START })
    token = await signIn(t, 'shikaku01')
  })
  afterAll(() => t.close())

  const insuredPerson = async () =>
    (
      await t.database.db
        .select()
        .from(persons)
        .where(and(isNotNull(persons.insuredNumber), eq(persons.insuredCategory, 1), eq(persons.isProtected, false)))
        .orderBy(persons.id)
        .limit(1)
    )[0]!

  it('the eligibility history is "as known" on the clock’s date in Japan when no date is asked', async () => {
    const holder = await insuredPerson()
    const history = await client().call('eligibility.history', { personId: holder.id }, token)
    expect(history.asKnownOn).toBe(TODAY)
  })

  it('the 被保険者証 is issued on the clock’s date, and its ledger row carries the clock’s instant', async () => {
    const holder = await insuredPerson()
    const issued = await client().call(
      'eligibility.issueInsuranceCard',
      { personId: holder.id, idempotencyKey: randomUUID() },
      token,
    )
    expect(issued.issuedOn).toBe(TODAY)
    const [row] = await t.database.db.select().from(cardIssuances).where(eq(cardIssuances.personId, holder.id))
    expect(row!.issuedOn).toBe(TODAY)
    expect(Math.abs(row!.issuedAt.getTime() - START.getTime())).toBeLessThan(10 * 60_000)
  })

  it('an export request is stamped with the clock’s instant', async () => {
    const holder = await insuredPerson()
    const requested = await client().call(
      'export.request',
      {
        idempotencyKey: randomUUID(),
        purpose: '介護認定審査会資料',
        recordTypes: ['personBasic'],
        personIds: [holder.id],
      },
      token,
    )
    expect(Math.abs(Date.parse(requested.requestedAt) - START.getTime())).toBeLessThan(10 * 60_000)
  })
})
