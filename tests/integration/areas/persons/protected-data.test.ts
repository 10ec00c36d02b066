import { and, desc, eq, inArray, like } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Role } from '../../../../server/src/core/access/roles'
import { auditLog } from '../../../../server/src/core/db/schema'
import { households, persons } from '../../../../server/src/areas/persons/schema'
import { careAreaOfTown } from '../../../../server/src/areas/persons/care-areas'
import { provisionUser, signIn, stepUp } from '../../support/accounts'
import { callRoute } from '../../support/clients'
import { databaseKinds } from '../../support/databases'
import { findPersonalData, seededWard } from '../../support/log-scan'
import { startTestServer, type TestServer } from '../../support/test-server'

const SCALE = 300
const ward = seededWard(SCALE)
const protectedPerson = ward.persons.find((p) => p.isProtected)!
const protectedHousehold = ward.households.find((h) => h.householdId === protectedPerson.householdId)!
const ordinary = ward.persons.find((p) => !p.isProtected && p.phone && p.insuredNumber)!
/** The first カナ of someone living in 大久保 (the demo centre's area). */
const okuboKana = ward.persons
  .find((p) => careAreaOfTown(ward.households.find((h) => h.householdId === p.householdId)!.town) === 'okubo')!
  .familyNameKana.slice(0, 1)

/** The values of a person that must never appear unless revealed on purpose. */
const secretsOf = (p: typeof protectedPerson) => [
  p.individualNumber,
  ...(p.isProtected ? [ward.households.find((h) => h.householdId === p.householdId)!.address] : []),
  ...(p.isProtected && p.phone ? [p.phone] : []),
]

// controls C-28, C-08 and 支援措置: masked by default; revealing needs the permission, a reason and a step-up.
describe.each(databaseKinds)('protected persons and マイナンバー on %s', (kind) => {
  let t: TestServer
  const logins = new Map<string, string>()
  let protectedId: number
  let ordinaryId: number
  const token = (who: string) => signIn(t, logins.get(who)!)

  beforeAll(async () => {
    t = await startTestServer(kind, SCALE)
    const accounts: [string, Role[], string | null][] = [
      ['clerk', ['eligibilityClerk'], null],
      ['premium', ['premiumClerk'], null],
      ['supervisor', ['supervisor'], null],
      ['centre', ['communityCareStaff'], 'okubo'],
      ['centreWithoutArea', ['communityCareStaff'], null],
    ]
    for (const [name, roles, careArea] of accounts)
      logins.set(name, (await provisionUser(t, { roles, careArea })).loginId)
    const id = async (residentCode: string) =>
      (await t.database.db.select({ id: persons.id }).from(persons).where(eq(persons.residentCode, residentCode)))[0]!
        .id
    protectedId = await id(protectedPerson.personId)
    ordinaryId = await id(ordinary.personId)
  })
  afterAll(() => t.close())

  describe('masking by default', () => {
    it('shows a protected person in search results without the address, to every role, even one that may reveal it', async () => {
      for (const who of ['clerk', 'premium', 'supervisor']) {
        const res = await callRoute(
          t,
          'person.search',
          {
            kana: protectedPerson.familyNameKana + protectedPerson.givenNameKana,
            birthDate: protectedPerson.birthDate,
          },
          await token(who),
        )
        const item = (res.body.items as { id: number; address: string | null; isProtected: boolean }[]).find(
          (i) => i.id === protectedId,
        )!
        expect(item).toMatchObject({ isProtected: true, address: null })
        for (const secret of secretsOf(protectedPerson)) expect(JSON.stringify(res.body)).not.toContain(secret)
      }
    })

    it('masks the address, 郵便番号 and phone of a protected person in the summary, and every マイナンバー', async () => {
      const clerk = await token('clerk')
      const summary = (await callRoute(t, 'person.summary', { personId: protectedId }, clerk)).body
      expect(summary).toMatchObject({ isProtected: true, address: null, postalCode: null, phone: null })
      expect(summary.individualNumberMasked).toMatch(/^[* ]+$/)
      for (const secret of secretsOf(protectedPerson)) expect(JSON.stringify(summary)).not.toContain(secret)
      const plain = (await callRoute(t, 'person.summary', { personId: ordinaryId }, clerk)).body
      expect(plain).toMatchObject({ address: expect.any(String), phone: ordinary.phone })
      expect(JSON.stringify(plain)).not.toContain(ordinary.individualNumber)
    })
  })

  describe('revealing a マイナンバー', () => {
    it('needs the specific permission: 監督者 and 相談センター職員 are refused, and the refusal is audited', async () => {
      for (const who of ['supervisor', 'centre']) {
        const res = await callRoute(
          t,
          'person.revealIndividualNumber',
          { personId: ordinaryId, reason: '確認のため' },
          await token(who),
        )
        expect(res).toMatchObject({ status: 403, code: 'forbidden' })
      }
      const [row] = await t.database.db
        .select()
        .from(auditLog)
        .where(eq(auditLog.action, 'person.revealIndividualNumber'))
        .orderBy(desc(auditLog.seq))
        .limit(1)
      expect(row).toMatchObject({ outcome: 'denied', loginId: logins.get('centre') })
    })

    it('needs a stated reason of 4 characters or more (3 refused) and a step-up; it is audited with the reason', async () => {
      const clerk = await token('clerk')
      const reveal = (reason: string) =>
        callRoute(t, 'person.revealIndividualNumber', { personId: ordinaryId, reason }, clerk)
      expect((await reveal('資格取得届')).code).toBe('stepUpRequired')
      await stepUp(t, logins.get('clerk')!, clerk)
      const short = await reveal('確認中')
      expect(short).toMatchObject({ status: 400, code: 'invalidRequest' })
      expect(String(short.body.detail)).toContain('表示する理由を4文字以上で入力してください')
      const revealed = await reveal('資格取得届の番号照合')
      expect(revealed.body).toEqual({ personId: ordinaryId, individualNumber: ordinary.individualNumber })
      const [row] = await t.database.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, 'person.revealIndividualNumber'), eq(auditLog.outcome, 'ok')))
        .orderBy(desc(auditLog.seq))
        .limit(1)
      expect(row).toMatchObject({
        targetIds: [ordinaryId],
        purpose: '資格取得届の番号照合',
        loginId: logins.get('clerk'),
      })
      expect(findPersonalData(t.logs, SCALE)).toEqual([])
    })
  })

  describe('revealing the address of a protected person', () => {
    it('is for the holders of the specific permission, with a reason and a step-up, and is audited', async () => {
      const premium = await token('premium')
      await stepUp(t, logins.get('premium')!, premium)
      const refused = await callRoute(
        t,
        'person.revealAddress',
        { personId: protectedId, reason: '通知書の送付先確認' },
        premium,
      )
      expect(refused).toMatchObject({ status: 403, code: 'forbidden' })
      const clerk = await token('clerk')
      await stepUp(t, logins.get('clerk')!, clerk)
      const shown = await callRoute(
        t,
        'person.revealAddress',
        { personId: protectedId, reason: '通知書の送付先確認' },
        clerk,
      )
      expect(shown.body).toMatchObject({ personId: protectedId, address: protectedHousehold.address })
      const rows = await t.database.db.select().from(auditLog).where(eq(auditLog.action, 'person.revealAddress'))
      expect(rows.map((r) => [r.outcome, r.purpose])).toEqual([
        ['denied', null],
        ['ok', '通知書の送付先確認'],
      ])
    })
  })

  describe('errors', () => {
    it('never echo the personal data of the request or of a record', async () => {
      const clerk = await token('clerk')
      const name = protectedPerson.familyName + protectedPerson.givenName
      const bad = await callRoute(t, 'person.search', { name, birthDate: protectedPerson.birthDate + 'x' }, clerk)
      expect(bad.status).toBe(400)
      const outOfArea = await callRoute(t, 'person.summary', { personId: protectedId }, await token('centre'))
      const missing = await callRoute(t, 'person.summary', { personId: 9_999_999 }, clerk)
      for (const res of [bad, outOfArea, missing]) {
        const text = JSON.stringify(res.body)
        expect(Object.keys(res.body).sort()).toEqual(expect.arrayContaining(['code', 'status', 'title', 'type']))
        for (const value of [name, protectedPerson.birthDate, ...secretsOf(protectedPerson)])
          expect(text).not.toContain(value)
      }
    })
  })

  // 相談センター職員 read only the persons of their own 日常生活圏域.
  describe('a 相談センター職員', () => {
    it('finds only persons whose household lies in the centre’s area, all of them', async () => {
      const res = await callRoute(t, 'person.search', { kana: okuboKana, pageSize: 100 }, await token('centre'))
      const ids = (res.body.items as { id: number }[]).map((i) => i.id)
      expect(ids.length).toBeGreaterThan(0)
      const areas = await t.database.db
        .selectDistinct({ area: households.careArea })
        .from(persons)
        .innerJoin(households, eq(households.id, persons.householdId))
        .where(inArray(persons.id, ids))
      expect(areas).toEqual([{ area: 'okubo' }])
      const inArea = await t.database.db
        .select({ id: persons.id })
        .from(persons)
        .innerJoin(households, eq(households.id, persons.householdId))
        .where(and(eq(households.careArea, 'okubo'), like(persons.kanaKey, `${okuboKana}%`)))
      expect(res.body.total).toBe(inArea.length)
    })

    it('is refused the summary of a person of another area, and the attempt is audited with the person', async () => {
      const res = await callRoute(t, 'person.summary', { personId: protectedId }, await token('centre'))
      expect(res).toMatchObject({
        status: 403,
        code: 'forbidden',
        body: { title: '担当圏域外の住民の情報は参照できません' },
      })
      const [row] = await t.database.db
        .select()
        .from(auditLog)
        .where(eq(auditLog.action, 'person.summary'))
        .orderBy(desc(auditLog.seq))
        .limit(1)
      expect(row).toMatchObject({ outcome: 'denied', targetIds: [protectedId] })
    })

    it('reads the eligibility history of a person of its own area, and is refused (audited) one of another area', async () => {
      const [inArea] = await t.database.db
        .select({ id: persons.id })
        .from(persons)
        .innerJoin(households, eq(households.id, persons.householdId))
        .where(eq(households.careArea, 'okubo'))
        .limit(1)
      const own = await callRoute(t, 'eligibility.history', { personId: inArea!.id }, await token('centre'))
      expect(own).toMatchObject({ status: 200, body: { personId: inArea!.id } })
      const other = await callRoute(t, 'eligibility.history', { personId: protectedId }, await token('centre'))
      expect(other).toMatchObject({
        status: 403,
        code: 'forbidden',
        body: { title: '担当圏域外の住民の情報は参照できません' },
      })
      const [row] = await t.database.db
        .select()
        .from(auditLog)
        .where(eq(auditLog.action, 'eligibility.history'))
        .orderBy(desc(auditLog.seq))
        .limit(1)
      expect(row).toMatchObject({ outcome: 'denied', targetIds: [protectedId] })
    })

    it('sees nobody when the account has no area (deny by default)', async () => {
      const res = await callRoute(t, 'person.search', { kana: 'ア' }, await token('centreWithoutArea'))
      expect(res.body).toMatchObject({ total: 0, items: [] })
    })
  })
})
