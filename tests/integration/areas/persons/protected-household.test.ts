import { execFileSync } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { and, desc, eq, inArray, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ExportService } from '../../../../electron/main/services/export/export-service'
import { auditLog } from '../../../../server/src/core/db/schema'
import { recordAcquisition } from '../../../../server/src/areas/eligibility/engine'
import { households, persons } from '../../../../server/src/areas/persons/schema'
import { addressProtectedCondition, protectedResidents } from '../../../../server/src/areas/persons/support-measure'
import { isAddressProtected } from '../../../../shared/domain/support-measure'
import { addDays, todayInJapan } from '../../../../shared/domain'
import { normalizeKana, normalizeKanjiName } from '../../../../shared/text/kana'
import { provisionUser, signIn, stepUp } from '../../support/accounts'
import { callRoute, terminalClient } from '../../support/clients'
import { databaseKinds } from '../../support/databases'
import { seededWard } from '../../support/log-scan'
import { startTestServer, type TestServer } from '../../support/test-server'

// 支援措置 (docs/security.md): the flag is a person's, the address a dwelling's. Whoever lives in a protected person's
// household or at the same address is protected for address purposes: in the person view, the household list, the
// search, the 被保険者証 and 資格者証, and the export.
const SCALE = 1_000
const ward = seededWard(SCALE)
const membersOf = (householdId: string) => ward.persons.filter((p) => p.householdId === householdId)
/** The generator's mixed household at this scale: its 世帯主 protected, the 妻 not (dummy-ward-generator.test.ts). */
const mixed = ward.households.find((h) => {
  const members = membersOf(h.householdId)
  return members.some((p) => p.isProtected) && members.some((p) => !p.isProtected)
})!
const protectedHead = membersOf(mixed.householdId).find((p) => p.isProtected)!
const unprotectedWife = membersOf(mixed.householdId).find((p) => !p.isProtected)!
/** An ordinary insured person with a phone, nobody protected in their household or at their address. */
const ordinary = ward.persons.find((p) => {
  const h = ward.households.find((x) => x.householdId === p.householdId)!
  return (
    p.insuredCategory === 1 &&
    p.phone &&
    !membersOf(p.householdId).some((m) => m.isProtected) &&
    ward.households.filter((x) => x.address === h.address).length === 1
  )
})!
const ordinaryAddress = ward.households.find((h) => h.householdId === ordinary.householdId)!.address
/** A dummy landline for the mixed household (the generator gives it one or none). */
const PHONE = '03-0999-1357'
const NEIGHBOUR_PHONE = '03-0999-2468'

const scratch = mkdtempSync(join(tmpdir(), 'kaigo-protected-household-'))
function pdfText(base64: string): string {
  const file = join(scratch, `${randomUUID()}.pdf`)
  writeFileSync(file, Buffer.from(base64, 'base64'))
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' })
}

let serial = 0
/**
 * A resident added to a household as records stood before protection followed the household (not protected):
 * a 出生 or 転入 applied earlier. Insured (category 1 from `insuredOn`) when given a number.
 */
async function addMember(
  t: TestServer,
  householdId: number,
  values: { relationship: string; family: [string, string]; given: [string, string]; birthDate: string },
  insured?: { number: string; on: string },
): Promise<number> {
  serial++
  const [row] = await t.database.db
    .insert(persons)
    .values({
      residentCode: `97${String(process.pid % 10_000).padStart(4, '0')}${String(serial).padStart(4, '0')}`,
      householdId,
      relationship: values.relationship,
      familyName: values.family[0],
      givenName: values.given[0],
      familyNameKana: values.family[1],
      givenNameKana: values.given[1],
      kanaKey: normalizeKana(values.family[1] + values.given[1]),
      nameKey: normalizeKanjiName(values.family[0] + values.given[0]),
      sex: 'female',
      birthDate: values.birthDate,
      phone: null,
      individualNumber: '990000000002',
      insuredNumber: insured?.number ?? null,
      insuredCategory: insured ? 1 : null,
      acquiredOn: insured?.on ?? null,
      isProtected: false,
      residentTaxable: false,
      totalIncome: 0,
      taxablePensionIncome: 0,
      pensionAndOtherIncome: 0,
      onPublicAssistance: false,
      oldAgeWelfarePension: false,
    })
    .returning({ id: persons.id })
  if (insured)
    await recordAcquisition(
      t.database.db,
      row!.id,
      { category: 1, reason: 'moveIn', effectiveOn: insured.on },
      { source: 'seed', dedupeKey: `test:protected-household:${row!.id}`, today: todayInJapan(t.clock.now()) },
    )
  return row!.id
}

describe.each(databaseKinds)('支援措置 reaches everyone at a protected address, on %s', (kind) => {
  let t: TestServer
  const logins = new Map<string, string>()
  const token = (who: string) => signIn(t, logins.get(who)!)
  const ids = { head: 0, wife: 0, newborn: 0, elder: 0, neighbour: 0, ordinary: 0 }
  /** Everyone living at the protected address. */
  const atProtectedAddress = () => [ids.head, ids.wife, ids.newborn, ids.elder, ids.neighbour]

  beforeAll(async () => {
    t = await startTestServer(kind, SCALE)
    for (const [name, roles] of [
      ['clerk', ['eligibilityClerk']],
      ['premium', ['premiumClerk']],
      ['supervisor', ['supervisor']],
    ] as const)
      logins.set(name, (await provisionUser(t, { roles: [...roles] })).loginId)
    const db = t.database.db
    const idOf = async (residentCode: string) =>
      (await db.select({ id: persons.id }).from(persons).where(eq(persons.residentCode, residentCode)))[0]!.id
    ids.head = await idOf(protectedHead.personId)
    ids.wife = await idOf(unprotectedWife.personId)
    ids.ordinary = await idOf(ordinary.personId)
    const [household] = await db.select().from(households).where(eq(households.householdCode, mixed.householdId))
    const today = todayInJapan(t.clock.now())
    ids.newborn = await addMember(t, household!.id, {
      relationship: '子',
      family: [protectedHead.familyName, protectedHead.familyNameKana],
      given: ['若葉', 'ワカバ'],
      birthDate: addDays(today, -20),
    })
    // Insured numbers of the dummy ward are 0 + 9 digits of a permutation; these two are not among them at this scale.
    for (const n of ['0999990001', '0999990002']) expect(ward.persons.some((p) => p.insuredNumber === n)).toBe(false)
    ids.elder = await addMember(
      t,
      household!.id,
      { relationship: '母', family: ['検証', 'ケンショウ'], given: ['千代', 'チヨ'], birthDate: '1948-06-10' },
      { number: '0999990001', on: '2025-04-01' },
    )
    // 世帯分離 at the same dwelling: another household, the same address.
    const [neighbourHousehold] = await db
      .insert(households)
      .values({
        householdCode: '8999990001',
        postalCode: household!.postalCode,
        town: household!.town,
        address: household!.address,
        careArea: household!.careArea,
      })
      .returning({ id: households.id })
    ids.neighbour = await addMember(
      t,
      neighbourHousehold!.id,
      { relationship: '世帯主', family: ['検証', 'ケンショウ'], given: ['八重', 'ヤエ'], birthDate: '1946-02-20' },
      { number: '0999990002', on: '2025-04-01' },
    )
    await db.update(persons).set({ phone: PHONE }).where(eq(persons.householdId, household!.id))
    await db.update(persons).set({ phone: NEIGHBOUR_PHONE }).where(eq(persons.id, ids.neighbour))
  })
  afterAll(() => t.close())

  describe('the person view', () => {
    it('shows the unprotected newborn of a protected household without address, 郵便番号 or phone', async () => {
      const summary = await terminalClient(t).call('person.summary', { personId: ids.newborn }, await token('clerk'))
      expect(summary).toMatchObject({
        isProtected: false,
        addressProtected: true,
        address: null,
        postalCode: null,
        phone: null,
      })
      for (const secret of [mixed.address, mixed.postalCode, PHONE])
        expect(JSON.stringify(summary)).not.toContain(secret)
    })

    it('shows the generator’s unprotected 妻 of a protected 世帯主 and a neighbour at the same address masked too', async () => {
      const premium = await token('premium')
      for (const personId of [ids.wife, ids.neighbour]) {
        const summary = await terminalClient(t).call('person.summary', { personId }, premium)
        expect(summary).toMatchObject({ isProtected: false, addressProtected: true, address: null, phone: null })
        expect(JSON.stringify(summary)).not.toContain(mixed.address)
      }
    })

    it('still shows the address of an ordinary person (nobody protected there)', async () => {
      const summary = await terminalClient(t).call('person.summary', { personId: ids.ordinary }, await token('premium'))
      expect(summary).toMatchObject({ addressProtected: false, address: ordinaryAddress, phone: ordinary.phone })
    })
  })

  describe('the household list from the newborn', () => {
    it('leaves the protected 世帯主 out for a viewer without person.revealProtectedAddress, says so, audits only those shown', async () => {
      const summary = await terminalClient(t).call('person.summary', { personId: ids.newborn }, await token('premium'))
      expect(summary.householdMembers.map((m) => m.id).sort()).toEqual([ids.wife, ids.elder].sort())
      expect(summary.householdMembersWithheld).toBe(true)
      for (const value of [protectedHead.givenName, protectedHead.birthDate])
        expect(JSON.stringify(summary)).not.toContain(value)
      const [row] = await t.database.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, 'person.summary'), eq(auditLog.loginId, logins.get('premium')!)))
        .orderBy(desc(auditLog.seq))
        .limit(1)
      expect([...row!.targetIds!].sort()).toEqual([ids.newborn, ids.wife, ids.elder].sort())
    })

    it('lists the protected 世帯主 to a holder of person.revealProtectedAddress (資格担当), audited with them', async () => {
      const summary = await terminalClient(t).call('person.summary', { personId: ids.newborn }, await token('clerk'))
      expect(summary.householdMembers.map((m) => m.id).sort()).toEqual([ids.head, ids.wife, ids.elder].sort())
      expect(summary.householdMembersWithheld).toBe(false)
    })
  })

  describe('the search', () => {
    it('finds nobody living at the protected address by that address, whole or in part', async () => {
      const clerk = await token('clerk')
      const street = mixed.address.split('\u3000')[0]!
      for (const address of [mixed.address, street]) {
        const res = await callRoute(t, 'person.search', { address, pageSize: 100 }, clerk)
        expect(res.status).toBe(200)
        const found = (res.body.items as { id: number }[]).map((i) => i.id)
        expect(found.filter((id) => atProtectedAddress().includes(id))).toEqual([])
        expect(JSON.stringify(res.body)).not.toContain(mixed.address)
      }
      // Nobody else lives there, so the full address finds nobody at all.
      const whole = await callRoute(t, 'person.search', { address: mixed.address }, clerk)
      expect(whole.body).toMatchObject({ total: 0, items: [] })
    })

    it('finds nobody at the protected address by the household’s phone or the neighbour’s, whole or by its last digits', async () => {
      const clerk = await token('clerk')
      for (const phone of [PHONE, PHONE.slice(-4), NEIGHBOUR_PHONE]) {
        const res = await callRoute(t, 'person.search', { phone, pageSize: 100 }, clerk)
        expect(res.status).toBe(200)
        const found = (res.body.items as { id: number }[]).map((i) => i.id)
        expect(found.filter((id) => atProtectedAddress().includes(id))).toEqual([])
      }
    })

    it('still finds an ordinary person by address and by phone', async () => {
      const clerk = await token('clerk')
      for (const criteria of [{ address: ordinaryAddress }, { phone: ordinary.phone! }]) {
        const res = await callRoute(t, 'person.search', { ...criteria, pageSize: 100 }, clerk)
        expect((res.body.items as { id: number }[]).map((i) => i.id)).toContain(ids.ordinary)
      }
    })

    it('finds the newborn by name with the address masked', async () => {
      const res = await callRoute(
        t,
        'person.search',
        { kana: protectedHead.familyNameKana + 'ワカバ' },
        await token('premium'),
      )
      const item = (res.body.items as Record<string, unknown>[]).find((i) => i.id === ids.newborn)
      expect(item).toMatchObject({ isProtected: false, addressProtected: true, address: null })
      expect(JSON.stringify(res.body)).not.toContain(mixed.address)
    })

    it('filters with the SQL predicate exactly as the rule decides, for every person of the ward', async () => {
      const rows = await t.database.db
        .select({
          id: persons.id,
          householdId: persons.householdId,
          address: households.address,
          isProtected: persons.isProtected,
          bySql: sql<boolean>`${addressProtectedCondition(await protectedResidents(t.database.db))}`,
        })
        .from(persons)
        .innerJoin(households, eq(households.id, persons.householdId))
      const byRule = rows.filter((r) => isAddressProtected(r, rows)).map((r) => r.id)
      expect(rows.filter((r) => r.bySql).map((r) => r.id)).toEqual(byRule)
      expect(byRule).toEqual(expect.arrayContaining(atProtectedAddress()))
      expect(byRule).not.toContain(ids.ordinary)
    })
  })

  describe('the 被保険者証 and 資格者証', () => {
    it('print （窓口で記入） instead of the address of an unprotected member and of a neighbour at the same address', async () => {
      const client = terminalClient(t)
      const clerk = await token('clerk')
      const today = todayInJapan(t.clock.now())
      const street = mixed.address.split('\u3000')[0]!
      for (const personId of [ids.elder, ids.neighbour]) {
        const card = await client.call(
          'eligibility.issueInsuranceCard',
          { personId, idempotencyKey: randomUUID() },
          clerk,
        )
        const provisional = await client.call(
          'eligibility.issueProvisionalCard',
          {
            personId,
            applicationDate: addDays(today, -1),
            validUntil: addDays(today, 30),
            idempotencyKey: randomUUID(),
          },
          clerk,
        )
        for (const issued of [card, provisional]) {
          expect(issued.card.address).toBeNull()
          const text = pdfText(issued.pdfBase64)
          expect(text).toContain('（窓口で記入）')
          expect(text.replace(/\s/g, '')).not.toContain(street.replace(/\s/g, ''))
        }
      }
    })

    it('print the address of an ordinary insured person', async () => {
      const card = await terminalClient(t).call(
        'eligibility.issueInsuranceCard',
        { personId: ids.ordinary, idempotencyKey: randomUUID() },
        await token('clerk'),
      )
      expect(card.card.address).toBe(ordinaryAddress)
    })
  })

  describe('the export', () => {
    it('leaves the address column empty for everyone at the protected address in the CSV inside the encrypted file', async () => {
      const clerk = await token('clerk')
      const client = terminalClient(t)
      const requested = await client.call(
        'export.request',
        {
          idempotencyKey: randomUUID(),
          purpose: '介護認定審査会資料',
          recordTypes: ['personBasic'],
          personIds: [ids.newborn, ids.elder, ids.neighbour, ids.ordinary],
        },
        clerk,
      )
      const supervisor = await token('supervisor')
      await stepUp(t, logins.get('supervisor')!, supervisor)
      await client.call('export.approve', { requestId: requested.id, idempotencyKey: randomUUID() }, supervisor)
      const dir = mkdtempSync(join(tmpdir(), 'kaigo-protected-export-'))
      const service = new ExportService(
        client,
        { authenticated: (call) => call(clerk) },
        {
          policy: { exportAllowed: true, allowRemovableExport: false, allowNetworkExport: false },
          chooseDestination: async (name) => join(dir, name),
          classify: async () => 'local',
          writeFile: async (path, bytes) => writeFileSync(path, bytes, { flag: 'wx' }),
        },
      )
      const result = await service.execute(requested.id)
      const out = join(dir, 'out')
      execFileSync('7z', ['x', `-p${result.password}`, `-o${out}`, result.destination], { stdio: 'pipe' })
      const csv = readFileSync(join(out, '被保険者基本情報.csv'), 'utf8')
      const lines = csv.trim().split('\r\n')
      expect(lines).toHaveLength(5)
      expect(csv).not.toContain(mixed.address.split('\u3000')[0]!)
      // The three at the protected address have an empty 住所; the ordinary person's is there.
      expect(lines.filter((l) => l.endsWith(',""'))).toHaveLength(3)
      expect(csv).toContain(`"${ordinaryAddress}"`)
      const issued = await t.database.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, 'export.data'), eq(auditLog.outcome, 'ok')))
      expect(issued.map((r) => [...r.targetIds!].sort())).toEqual([
        [ids.newborn, ids.elder, ids.neighbour, ids.ordinary].sort(),
      ])
    })
  })

  it('did not change the protection flags: only the rule protects these members', async () => {
    const rows = await t.database.db
      .select({ id: persons.id, isProtected: persons.isProtected })
      .from(persons)
      .where(inArray(persons.id, atProtectedAddress()))
    expect(rows.filter((r) => r.isProtected).map((r) => r.id)).toEqual([ids.head])
  })
})
