import { households, persons } from '../../../../server/src/areas/persons/schema'
import { normalizeKana, normalizeKanjiName } from '../../../../shared/text/kana'
import type { TestServer } from '../../support/test-server'

let serial = 0

/**
 * A resident of a household of its own in the 日常生活圏域 given (dummy values only, like support/residents.ts), so that
 * the case tests depend on nobody of the generated ward.
 */
export async function addResident(
  t: TestServer,
  birthDate: string,
  careArea: string,
  town = '大久保',
): Promise<{ id: number; householdId: number }> {
  serial++
  const tag = `${String(process.pid % 100_000).padStart(5, '0')}${String(serial).padStart(4, '0')}`
  const [household] = await t.database.db
    .insert(households)
    .values({
      householdCode: `6${tag}`,
      postalCode: '169-0072',
      town,
      address: `東京都新宿区${town}一丁目1番1号（検証）`,
      careArea,
    })
    .returning({ id: households.id })
  const [row] = await t.database.db
    .insert(persons)
    .values({
      residentCode: `5${tag}`,
      householdId: household!.id,
      relationship: '世帯主',
      familyName: '検証',
      givenName: '認定',
      familyNameKana: 'ケンショウ',
      givenNameKana: 'ニンテイ',
      kanaKey: normalizeKana('ケンショウニンテイ'),
      nameKey: normalizeKanjiName('検証認定'),
      sex: 'male',
      birthDate,
      phone: null,
      individualNumber: '990000000003',
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
  return { id: row!.id, householdId: household!.id }
}
