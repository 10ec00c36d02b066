/**
 * Test data of the 収納 ledger tests: a household and a person of their own (dummy values only), and 賦課 versions
 * with their 期割 written as the assessment would have stored them — so that the expected yen of a test come from the
 * installments it names, not from the assessment rules.
 */
import { households, persons } from '../../../../../server/src/areas/persons/schema'
import { premiumAssessments, premiumInstallments } from '../../../../../server/src/areas/premiums/schema'
import type { Db } from '../../../../../server/src/core/db/connect'
import type { AssessmentExplanation } from '../../../../../shared/api/premiums'
import { normalizeKana, normalizeKanjiName } from '../../../../../shared/text/kana'

let serial = 0

/** A person of a household of their own. */
export async function addLedgerPerson(db: Db, options: { isProtected?: boolean } = {}): Promise<number> {
  serial++
  const tag = `${String(process.pid % 100_000).padStart(5, '0')}${String(serial).padStart(4, '0')}`
  const [household] = await db
    .insert(households)
    .values({
      householdCode: `6${tag}`,
      postalCode: '160-0022',
      town: '新宿',
      address: '東京都新宿区新宿一丁目1番1号（検証）',
    })
    .returning({ id: households.id })
  const [row] = await db
    .insert(persons)
    .values({
      residentCode: `5${tag}`,
      householdId: household!.id,
      relationship: '世帯主',
      familyName: '検証',
      givenName: '収納',
      familyNameKana: 'ケンショウ',
      givenNameKana: 'シュウノウ',
      kanaKey: normalizeKana('ケンショウシュウノウ'),
      nameKey: normalizeKanjiName('検証収納'),
      sex: 'female',
      birthDate: '1950-05-05',
      phone: null,
      individualNumber: '990000000002',
      insuredNumber: null,
      insuredCategory: null,
      acquiredOn: null,
      isProtected: options.isProtected ?? false,
      residentTaxable: false,
      totalIncome: 0,
      taxablePensionIncome: 0,
      pensionAndOtherIncome: 0,
      onPublicAssistance: false,
      oldAgeWelfarePension: false,
    })
    .returning({ id: persons.id })
  return row!.id
}

export interface TestInstallment {
  method?: 'withholding' | 'direct'
  seq: number
  amount: number
  dueDate: string
}

/** The next 賦課 version of a person's year with the installments given (the amount is their sum). */
export async function addAssessmentVersion(
  db: Db,
  personId: number,
  fiscalYear: number,
  installments: TestInstallment[],
  options: { assessedOn?: string; overpaidAmount?: number } = {},
): Promise<{ id: number; version: number }> {
  const existing = await db
    .select({
      version: premiumAssessments.version,
      personId: premiumAssessments.personId,
      fy: premiumAssessments.fiscalYear,
    })
    .from(premiumAssessments)
  const version =
    Math.max(0, ...existing.filter((e) => e.personId === personId && e.fy === fiscalYear).map((e) => e.version)) + 1
  const annual = installments.reduce((s, i) => s + i.amount, 0)
  const [a] = await db
    .insert(premiumAssessments)
    .values({
      personId,
      fiscalYear,
      version,
      reason: version === 1 ? 'initial' : 'exOfficio',
      liableMonths: 12,
      annualAmount: annual,
      overpaidAmount: options.overpaidAmount ?? 0,
      tableVersion: 'test',
      taxRecordId: null,
      explanation: {} as AssessmentExplanation,
      assessedOn: options.assessedOn ?? `${fiscalYear}-07-01`,
      assessedAt: new Date(`${options.assessedOn ?? `${fiscalYear}-07-01`}T09:00:00+09:00`),
      assessedBy: null,
    })
    .returning({ id: premiumAssessments.id })
  if (installments.length > 0)
    await db.insert(premiumInstallments).values(
      installments.map((i) => ({
        assessmentId: a!.id,
        method: i.method ?? 'direct',
        seq: i.seq,
        period: i.dueDate.slice(0, 7),
        amount: i.amount,
        dueDate: i.dueDate,
      })),
    )
  return { id: a!.id, version }
}
