import { households, persons } from '../../../../server/src/areas/persons/schema'
import { eligibilityEvents } from '../../../../server/src/areas/eligibility/schema'
import { normalizeKana, normalizeKanjiName } from '../../../../shared/text/kana'
import type { TestServer } from '../../support/test-server'

let serial = 0

/**
 * A household of its own for one test (dummy values only, like support/residents.ts), so that its tax status depends
 * on the records the test imports and on nobody of the generated ward.
 */
export async function addHousehold(t: TestServer): Promise<{ id: number; code: string }> {
  serial++
  const code = `8${String(process.pid % 100_000).padStart(5, '0')}${String(serial).padStart(4, '0')}`
  const [row] = await t.database.db
    .insert(households)
    .values({
      householdCode: code,
      postalCode: '160-0022',
      town: '新宿',
      address: '東京都新宿区新宿一丁目1番1号（検証）',
    })
    .returning({ id: households.id })
  return { id: row!.id, code }
}

/**
 * A resident of `household`, with the eligibility rows given: each `{ kind, on, recordedAt }` is appended as the
 * history would have it (recorded at that instant, so that "as known on" the test clock's day sees it).
 */
export async function addMember(
  t: TestServer,
  household: { id: number },
  birthDate: string,
  history: { kind: 'acquisition' | 'loss'; on: string; reason: 'reachingAge65' | 'death'; recordedAt: string }[],
): Promise<{ id: number; residentCode: string }> {
  serial++
  const residentCode = `7${String(process.pid % 100_000).padStart(5, '0')}${String(serial).padStart(4, '0')}`
  const [row] = await t.database.db
    .insert(persons)
    .values({
      residentCode,
      householdId: household.id,
      relationship: '世帯員',
      familyName: '検証',
      givenName: '賦課',
      familyNameKana: 'ケンショウ',
      givenNameKana: 'フカ',
      kanaKey: normalizeKana('ケンショウフカ'),
      nameKey: normalizeKanjiName('検証賦課'),
      sex: 'female',
      birthDate,
      phone: null,
      individualNumber: '990000000002',
      insuredNumber: null,
      insuredCategory: null,
      acquiredOn: null,
      isProtected: false,
      residentTaxable: false,
      totalIncome: 0,
      taxablePensionIncome: 0,
      pensionAndOtherIncome: 0,
      onPublicAssistance: false,
      oldAgeWelfarePension: false,
    })
    .returning({ id: persons.id })
  const id = row!.id
  for (const [i, h] of history.entries())
    await t.database.db.insert(eligibilityEvents).values({
      personId: id,
      kind: h.kind,
      category: h.kind === 'acquisition' ? 1 : null,
      reason: h.reason,
      effectiveOn: h.on,
      recordedAt: new Date(h.recordedAt),
      source: 'seed',
      dedupeKey: `test:premiums:${id}:${i}`,
    })
  return { id, residentCode }
}
