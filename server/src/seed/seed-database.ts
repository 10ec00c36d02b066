/**
 * Loads a generated dummy ward and the demo staff accounts into an empty database (control C-23).
 * Refuses to run in production mode and on a database that already holds persons.
 */
import { count, inArray } from 'drizzle-orm'
import { normalizeKana, normalizeKanjiName } from '../../../shared/text/kana'
import { hashPassword } from '../auth/passwords'
import type { Role } from '../auth/roles'
import type { Db } from '../db/connect'
import { households, persons, users } from '../db/schema'
import type { DummyHousehold, DummyPerson } from './dummy-ward-model'

export interface DemoUser {
  loginId: string
  displayName: string
  department: string
  roles: Role[]
}

/** Demo staff accounts (fictitious people). Password for all of them in demo mode: DEMO_PASSWORD. */
export const DEMO_PASSWORD = 'Kaigo#Demo2026'
export const demoUsers: DemoUser[] = [
  { loginId: 'shikaku01', displayName: '検証 一郎', department: '介護保険課 資格係', roles: ['eligibilityClerk'] },
  { loginId: 'fuka01', displayName: '検証 二葉', department: '介護保険課 保険料係', roles: ['premiumClerk'] },
  { loginId: 'nintei01', displayName: '検証 三郎', department: '介護保険課 認定係', roles: ['certificationClerk'] },
  { loginId: 'kantoku01', displayName: '検証 四季', department: '介護保険課 管理係', roles: ['supervisor'] },
  {
    loginId: 'sodan01',
    displayName: '検証 五月',
    department: '高齢者総合相談センター（ダミー）',
    roles: ['communityCareStaff'],
  },
  { loginId: 'kanri01', displayName: '検証 六郎', department: '情報システム課', roles: ['systemAdmin'] },
  { loginId: 'unyo01', displayName: '検証 七海', department: '運用事業者（ダミー）', roles: ['operator'] },
]

export interface WardChunk {
  households: DummyHousehold[]
  persons: DummyPerson[]
}

const BATCH = 1_000

export async function seedDemoUsers(db: Db, password = DEMO_PASSWORD): Promise<void> {
  const passwordHash = await hashPassword(password)
  await db
    .insert(users)
    .values(demoUsers.map((u) => ({ ...u, passwordHash })))
    .onConflictDoNothing()
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
        const inserted = await tx
          .insert(households)
          .values(
            chunk.households.slice(i, i + BATCH).map((h) => ({
              householdCode: h.householdId,
              postalCode: h.postalCode,
              town: h.town,
              address: h.address,
            })),
          )
          .returning({ id: households.id, code: households.householdCode })
        for (const row of inserted) idByCode.set(row.code, row.id)
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
        await tx.insert(persons).values(
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
