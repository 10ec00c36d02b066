import { sql } from 'drizzle-orm'
import { persons } from '../../../server/src/areas/persons/schema'
import { recordAcquisition } from '../../../server/src/areas/eligibility/engine'
import { appendEvent } from '../../../server/src/areas/eligibility/history-store'
import { normalizeKana, normalizeKanjiName } from '../../../shared/text/kana'
import type { TestServer } from './test-server'
import { todayInJapan } from '../../../shared/domain'

let serial = 0

/**
 * A resident added to the generated ward for one test (dummy values only): born `birthDate`, in the first household
 * of the ward, with no history unless `insured` names the category and acquisition date to record (source 'seed',
 * as a migrated person would have), or `movedInOn` the date of a 転入 without insurance.
 */
export async function addResident(
  t: TestServer,
  birthDate: string,
  options: { insured?: { category: 1 | 2; on: string }; movedInOn?: string } = {},
): Promise<{ id: number; residentCode: string; householdCode: string }> {
  const [household] = await t.database.db
    .execute<{ id: number; code: string }>(sql`select id, household_code as code from households order by id limit 1`)
    .then((r) => (r as unknown as { rows: { id: number; code: string }[] }).rows)
  serial++
  const residentCode = `9${String(process.pid % 100_000).padStart(5, '0')}${String(serial).padStart(4, '0')}`
  const [row] = await t.database.db
    .insert(persons)
    .values({
      residentCode,
      householdId: household!.id,
      relationship: '同居人',
      familyName: '検証',
      givenName: '施設',
      familyNameKana: 'ケンショウ',
      givenNameKana: 'シセツ',
      kanaKey: normalizeKana('ケンショウシセツ'),
      nameKey: normalizeKanjiName('検証施設'),
      sex: 'male',
      birthDate,
      phone: null,
      individualNumber: '990000000001',
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
  if (options.insured)
    await recordAcquisition(
      t.database.db,
      id,
      {
        category: options.insured.category,
        reason: options.insured.category === 1 ? 'reachingAge65' : 'reachingAge40',
        effectiveOn: options.insured.on,
      },
      { source: 'seed', dedupeKey: `test:acquisition:${id}`, today: todayInJapan(t.clock.now()) },
    )
  if (options.movedInOn)
    await appendEvent(t.database.db, {
      personId: id,
      kind: 'residenceStart',
      reason: 'moveIn',
      effectiveOn: options.movedInOn,
      source: 'intake',
      dedupeKey: `test:residenceStart:${id}`,
    })
  return { id, residentCode, householdCode: household!.code }
}
