/**
 * Loads a generated dummy ward and the demo staff accounts into an empty database (control C-23).
 * Refuses to run in production mode and on a database that already holds persons.
 */
import { createHmac } from 'node:crypto'
import { count, eq, inArray, isNull, sql } from 'drizzle-orm'
import { normalizeKana, normalizeKanjiName } from '../../../shared/text/kana'
import { base32Encode, hashPassword } from '../areas/accounts'
import { designationKindOf, type Role } from '../core/access/roles'
import { bulkInsertJson } from '../core/db/bulk-insert'
import type { Db } from '../core/db/connect'
import { users } from '../core/db/schema'
import { households, persons } from '../areas/persons/schema'
import { careAreaOfTown, type CareArea } from '../areas/persons'
import { insertVersioned, recordVersion } from '../core/records/versioned'
import { deriveServerKeys, DEMO_SERVER_SECRET, seal } from '../core/secrets'
import type { DummyHousehold, DummyPerson } from './dummy-ward-model'

export interface DemoUser {
  loginId: string
  displayName: string
  department: string
  roles: Role[]
  careArea?: CareArea
}

/** Demo staff accounts (fictitious people). Password for all of them in demo mode: DEMO_PASSWORD. */
export const DEMO_PASSWORD = 'Kaigo#Demo2026'
export const demoUsers: DemoUser[] = [
  { loginId: 'shikaku01', displayName: '検証 一郎', department: '介護保険課 資格係', roles: ['eligibilityClerk'] },
  { loginId: 'fuka01', displayName: '検証 二葉', department: '介護保険課 保険料係', roles: ['premiumClerk'] },
  { loginId: 'nintei01', displayName: '検証 三郎', department: '介護保険課 認定係', roles: ['certificationClerk'] },
  { loginId: 'kantoku01', displayName: '検証 四季', department: '介護保険課 管理係', roles: ['supervisor'] },
  { loginId: 'tainou01', displayName: '検証 八雲', department: '介護保険課 収納係', roles: ['arrearsClerk'] },
  { loginId: 'kyufu01', displayName: '検証 九重', department: '介護保険課 給付係', roles: ['benefitClerk'] },
  {
    loginId: 'sodan01',
    displayName: '検証 五月',
    department: '高齢者総合相談センター（ダミー）',
    roles: ['communityCareStaff'],
    careArea: 'okubo',
  },
  { loginId: 'kanri01', displayName: '検証 六郎', department: '情報システム課', roles: ['systemAdmin'] },
  { loginId: 'unyo01', displayName: '検証 七海', department: '運用事業者（ダミー）', roles: ['operator'] },
  { loginId: 'ikou01', displayName: '検証 十和', department: '介護保険課 管理係', roles: ['migrationOfficer'] },
]

/** Demo designations start here and stay open. */
export const DEMO_DESIGNATION_FROM = '2020-04-01'

/**
 * The known TOTP secret of a demo account (base32, 160 bits), derived from its login id so that the demo,
 * the tests and `npm run demo:totp -- <loginId>` can compute codes. Demo mode only: production accounts enrol
 * their own random secret at first sign-in.
 */
export function demoTotpSecret(loginId: string): string {
  return base32Encode(createHmac('sha1', 'kaigo-desk demo TOTP (not a secret)').update(loginId).digest())
}

export interface WardChunk {
  households: DummyHousehold[]
  persons: DummyPerson[]
}

const BATCH = 1_000
const SEED_REASON = 'デモ用アカウントの作成（ダミーデータ）'

/**
 * Creates the demo accounts that are missing (each with its demo TOTP secret, sealed under the server secret,
 * and open-ended designations), and gives existing demo accounts without a second factor or area theirs.
 */
export async function seedDemoUsers(db: Db, serverSecret = DEMO_SERVER_SECRET, now = new Date()): Promise<void> {
  const { sealKey } = deriveServerKeys(serverSecret)
  const passwordHash = await hashPassword(DEMO_PASSWORD)
  const change = { userId: null, terminalId: null, reason: SEED_REASON, now }
  for (const demo of demoUsers) {
    const existing = (await db.select().from(users).where(eq(users.loginId, demo.loginId)))[0]
    if (existing) {
      // A demo database from before TOTP and areas: the demo accounts get their demo secret and area.
      if (!existing.totpSecret || (demo.careArea && !existing.careArea)) {
        const [updated] = await db
          .update(users)
          .set({
            ...(existing.totpSecret
              ? {}
              : { totpSecret: seal(sealKey, demoTotpSecret(demo.loginId)), totpEnabledAt: now }),
            ...(demo.careArea && !existing.careArea ? { careArea: demo.careArea } : {}),
            rowVersion: sql`${users.rowVersion} + 1`,
          })
          .where(eq(users.id, existing.id))
          .returning()
        await recordVersion(db, 'user', updated!, { ...change, reason: 'デモ用アカウントの更新（確認コード・圏域）' })
      }
      continue
    }
    await db.transaction(async (tx) => {
      const user = await insertVersioned(
        tx,
        'user',
        {
          loginId: demo.loginId,
          displayName: demo.displayName,
          department: demo.department,
          careArea: demo.careArea ?? null,
          passwordHash,
          totpSecret: seal(sealKey, demoTotpSecret(demo.loginId)),
          totpEnabledAt: now,
        },
        change,
      )
      for (const role of demo.roles)
        await insertVersioned(
          tx,
          'designation',
          { userId: user.id, role, kind: designationKindOf(role), validFrom: DEMO_DESIGNATION_FROM, validTo: null },
          change,
        )
    })
  }
}

/** Sets the 日常生活圏域 of households that have none yet (databases seeded before areas existed). */
export async function assignCareAreas(db: Db): Promise<void> {
  const towns = await db.selectDistinct({ town: households.town }).from(households).where(isNull(households.careArea))
  const byArea = new Map<CareArea, string[]>()
  for (const { town } of towns) {
    const area = careAreaOfTown(town)
    if (area) byArea.set(area, [...(byArea.get(area) ?? []), town])
  }
  for (const [area, list] of byArea)
    await db.update(households).set({ careArea: area }).where(inArray(households.town, list))
}

/** Inserts the chunks in one transaction per chunk; households of a chunk come before its persons. */
export async function seedWard(
  db: Db,
  chunks: Iterable<WardChunk>,
  mode: 'demo' | 'production',
): Promise<{ households: number; persons: number }> {
  if (mode === 'production') throw new Error('本番モードではダミーデータを投入できません (C-23)')
  const [{ existing } = { existing: 0 }] = await db.select({ existing: count() }).from(persons)
  if (Number(existing) > 0)
    throw new Error('データベースには既に住民データがあります。ダミーデータは空のデータベースにのみ投入できます')
  let householdCount = 0
  let personCount = 0
  for (const chunk of chunks) {
    await db.transaction(async (tx) => {
      const idByCode = new Map<string, number>()
      for (let i = 0; i < chunk.households.length; i += BATCH) {
        const inserted = await bulkInsertJson(
          tx,
          households,
          chunk.households.slice(i, i + BATCH).map((h) => ({
            householdCode: h.householdId,
            postalCode: h.postalCode,
            town: h.town,
            address: h.address,
            careArea: careAreaOfTown(h.town),
          })),
          { returning: ['id', 'householdCode'] },
        )
        for (const row of inserted) idByCode.set(row.householdCode, Number(row.id))
      }
      const missing = [...new Set(chunk.persons.map((p) => p.householdId))].filter((code) => !idByCode.has(code))
      if (missing.length > 0) {
        const rows = await tx
          .select({ id: households.id, code: households.householdCode })
          .from(households)
          .where(inArray(households.householdCode, missing))
        for (const row of rows) idByCode.set(row.code, row.id)
      }
      for (let i = 0; i < chunk.persons.length; i += BATCH) {
        await bulkInsertJson(
          tx,
          persons,
          chunk.persons.slice(i, i + BATCH).map((p) => {
            const householdId = idByCode.get(p.householdId)
            if (householdId === undefined) throw new Error(`household ${p.householdId} missing for a generated person`)
            return {
              residentCode: p.personId,
              householdId,
              relationship: p.relationship,
              familyName: p.familyName,
              givenName: p.givenName,
              familyNameKana: p.familyNameKana,
              givenNameKana: p.givenNameKana,
              kanaKey: normalizeKana(p.familyNameKana + p.givenNameKana),
              nameKey: normalizeKanjiName(p.familyName + p.givenName),
              sex: p.sex,
              birthDate: p.birthDate,
              phone: p.phone,
              individualNumber: p.individualNumber,
              insuredNumber: p.insuredNumber,
              insuredCategory: p.insuredCategory,
              acquiredOn: p.acquiredOn,
              isProtected: p.isProtected,
              residentTaxable: p.residentTaxable,
              totalIncome: p.totalIncome,
              taxablePensionIncome: p.taxablePensionIncome,
              pensionAndOtherIncome: p.pensionAndOtherIncome,
              onPublicAssistance: p.onPublicAssistance,
              oldAgeWelfarePension: p.oldAgeWelfarePension,
            }
          }),
        )
      }
    })
    householdCount += chunk.households.length
    personCount += chunk.persons.length
  }
  return { households: householdCount, persons: personCount }
}
