import { randomUUID } from 'node:crypto'
import { and, asc, eq, isNotNull } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mailingAddressOn } from '../../../../server/src/areas/persons'
import { mailingAddresses } from '../../../../server/src/areas/persons/mailing/schema'
import { households, persons } from '../../../../server/src/areas/persons/schema'
import { auditLog } from '../../../../server/src/core/db/schema'
import { signIn } from '../../support/accounts'
import { callRoute } from '../../support/clients'
import { databaseKinds } from '../../support/databases'
import { startTestServer, type TestServer } from '../../support/test-server'

/**
 * 送付先 through the real server: registered with a period and a reason, in force between its dates (both days
 * included), the 住民票 address otherwise; the history is append-only (an ending is a new row); a 支援措置 person's
 * 送付先 is as protected as the address; every request is one audit row naming the person.
 */
describe.each(databaseKinds)('送付先 on %s', (kind) => {
  let t: TestServer
  let premiumClerk: string
  let eligibilityClerk: string
  let certificationClerk: string
  let person: { id: number; address: string }
  let protectedPerson: number

  const record = (personId: number, extra: Record<string, unknown> = {}, token = premiumClerk) =>
    callRoute(
      t,
      'person.recordMailingAddress',
      {
        personId,
        recipientName: '特別養護老人ホーム検証苑　施設長',
        careOf: '検証　花子 様',
        postalCode: '169-0075',
        mailingAddress: '東京都新宿区高田馬場一丁目2番3号',
        reason: 'facility',
        validFrom: '2026-08-01',
        validTo: '2027-03-31',
        idempotencyKey: randomUUID(),
        ...extra,
      },
      token,
    )

  beforeAll(async () => {
    t = await startTestServer(kind, 300, { startAt: new Date('2026-07-01T09:00:00+09:00') })
    premiumClerk = await signIn(t, 'fuka01')
    eligibilityClerk = await signIn(t, 'shikaku01')
    certificationClerk = await signIn(t, 'nintei01')
    const rows = await t.database.db
      .select({ id: persons.id, isProtected: persons.isProtected, address: households.address })
      .from(persons)
      .innerJoin(households, eq(households.id, persons.householdId))
      .where(isNotNull(persons.insuredNumber))
      .orderBy(asc(persons.id))
    const protectedAddresses = new Set(rows.filter((r) => r.isProtected).map((r) => r.address))
    person = rows.find((r) => !r.isProtected && !protectedAddresses.has(r.address))!
    protectedPerson = rows.find((r) => r.isProtected)!.id
  })
  afterAll(() => t.close())

  describe('registration and the 送付先 in force', () => {
    it('registers a 送付先 with its reason and period, the postcode written with its hyphen', async () => {
      const res = await record(person.id, { postalCode: '1690075' })
      expect(res.status).toBe(200)
      expect(res.body).toMatchObject({ reason: 'facility', postalCode: '169-0075', validFrom: '2026-08-01' })
    })

    it('is in force from its first to its last day, the 住民票 address the day before and the day after', async () => {
      const db = t.database.db
      expect(await mailingAddressOn(db, person.id, '2026-07-31')).toMatchObject({
        source: 'residence',
        address: person.address,
      })
      for (const day of ['2026-08-01', '2027-03-31'])
        expect(await mailingAddressOn(db, person.id, day)).toMatchObject({
          source: 'mailingAddress',
          recipientName: '特別養護老人ホーム検証苑　施設長',
          postalCode: '169-0075',
        })
      expect(await mailingAddressOn(db, person.id, '2027-04-01')).toMatchObject({ source: 'residence' })
    })

    it('refuses a second 送付先 whose period overlaps, naming the one in the way', async () => {
      const res = await record(person.id, { validFrom: '2027-03-31', validTo: undefined })
      expect(res.status).toBe(409)
      expect(String(res.body.detail ?? res.body.title)).toMatch(/有効期間が重なる送付先/)
    })

    it('refuses an invalid postcode and その他 without a note, naming the field in Japanese', async () => {
      const bad = await record(person.id, { postalCode: '16-0022' })
      expect(bad.status).toBe(400)
      expect(JSON.stringify(bad.body)).toContain('郵便番号')
      const other = await record(person.id, { reason: 'other', validFrom: '2028-04-01', validTo: undefined })
      expect(other.status).toBe(400)
      expect(JSON.stringify(other.body)).toContain('備考')
    })
  })

  describe('ending and the append-only history', () => {
    it('ends a 送付先 with a new row that supersedes it; the old row stays as written', async () => {
      const list = await callRoute(t, 'person.mailingAddresses', { personId: person.id }, premiumClerk)
      const [registered] = (list.body.effective as { id: number }[]) ?? []
      const ended = await callRoute(
        t,
        'person.endMailingAddress',
        {
          personId: person.id,
          mailingAddressId: registered!.id,
          validTo: '2026-12-31',
          endReason: '施設を退所',
          idempotencyKey: randomUUID(),
        },
        premiumClerk,
      )
      expect(ended.status).toBe(200)
      expect(ended.body).toMatchObject({ supersedesId: registered!.id, validTo: '2026-12-31', withdrawn: false })
      expect(await mailingAddressOn(t.database.db, person.id, '2026-12-31')).toMatchObject({ source: 'mailingAddress' })
      expect(await mailingAddressOn(t.database.db, person.id, '2027-01-01')).toMatchObject({ source: 'residence' })
      const history = await t.database.db
        .select()
        .from(mailingAddresses)
        .where(eq(mailingAddresses.personId, person.id))
      expect(history.map((r) => r.validTo)).toEqual(['2027-03-31', '2026-12-31'])
    })

    it('refuses to end the same registration twice', async () => {
      const [first] = await t.database.db
        .select()
        .from(mailingAddresses)
        .where(eq(mailingAddresses.personId, person.id))
        .orderBy(asc(mailingAddresses.id))
      const again = await callRoute(
        t,
        'person.endMailingAddress',
        {
          personId: person.id,
          mailingAddressId: first!.id,
          validTo: '2026-10-31',
          endReason: '二重登録',
          idempotencyKey: randomUUID(),
        },
        premiumClerk,
      )
      expect(again.status).toBe(409)
    })

    it('is append-only: the database refuses UPDATE and DELETE', async () => {
      await expect(
        t.database.db
          .update(mailingAddresses)
          .set({ recipientName: 'x' })
          .where(eq(mailingAddresses.personId, person.id)),
      ).rejects.toThrow()
      await expect(
        t.database.db.delete(mailingAddresses).where(eq(mailingAddresses.personId, person.id)),
      ).rejects.toThrow()
    })
  })

  describe('支援措置: a protected person’s 送付先 is as protected as the address (C-28)', () => {
    it('is refused to a role without person.revealProtectedAddress, to read and to record', async () => {
      expect((await record(protectedPerson)).status).toBe(403)
      const read = await callRoute(t, 'person.mailingAddresses', { personId: protectedPerson }, premiumClerk)
      expect(read.status).toBe(403)
      expect(read.body.title).toMatch(/支援措置対象者の送付先/)
    })

    it('is recorded and read by the 資格担当, who holds the protection permission', async () => {
      expect((await record(protectedPerson, {}, eligibilityClerk)).status).toBe(200)
      const read = await callRoute(t, 'person.mailingAddresses', { personId: protectedPerson }, eligibilityClerk)
      expect(read.status).toBe(200)
      expect((read.body.history as unknown[]).length).toBe(1)
    })

    it('is refused to a role without person.recordMailingAddress', async () => {
      expect(
        (await record(person.id, { validFrom: '2030-04-01', validTo: undefined }, certificationClerk)).status,
      ).toBe(403)
    })
  })

  it('writes one audit row per request with the person, refused ones included', async () => {
    const rows = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'person.recordMailingAddress')))
    const protectedRows = rows.filter((r) => r.targetIds?.includes(protectedPerson))
    expect(protectedRows.map((r) => r.outcome).sort()).toEqual(['denied', 'ok'].sort())
    expect(rows.find((r) => r.outcome === 'ok' && r.targetIds?.includes(person.id))!.purpose).toMatch(
      /送付先の登録（施設入所/,
    )
  })
})
