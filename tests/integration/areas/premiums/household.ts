import { randomUUID } from 'node:crypto'
import { and, eq } from 'drizzle-orm'
import { households, persons } from '../../../../server/src/areas/persons/schema'
import { eligibilityEvents } from '../../../../server/src/areas/eligibility/schema'
import {
  pensionExchangeFiles,
  pensionWithholdingResults,
  pensionWithholdingTargets,
} from '../../../../server/src/areas/premiums/pension-withholding/schema'
import {
  premiumAssessments,
  premiumInstallments,
  residentTaxFiles,
  residentTaxRecords,
} from '../../../../server/src/areas/premiums/schema'
import { residentTaxColumns, type ResidentTaxColumn } from '../../../../shared/api/premiums'
import { normalizeKana, normalizeKanjiName } from '../../../../shared/text/kana'
import type { TestServer } from '../../support/test-server'

let serial = 0

/** One line of a 住民税課税情報 file, by column name (docs/interfaces/resident-tax.md). */
export type ResidentTaxRow = Partial<Record<ResidentTaxColumn, string>>

/** A 住民税課税情報 file (UTF-8 CSV with the header line) of the rows given, base64 as the intake route takes it. */
export const residentTaxCsv = (rows: ResidentTaxRow[]) =>
  Buffer.from(
    [
      residentTaxColumns.map((c) => c.name).join(','),
      ...rows.map((r) => residentTaxColumns.map((c) => r[c.name] ?? '').join(',')),
    ].join('\r\n'),
  ).toString('base64')

/** The initial 2026 record of a taxed person (課税) with the 合計所得 given, no pension and no salary. */
export const taxedRecord = (atenaNo: string, gokei: string): ResidentTaxRow => ({
  atena_no: atenaNo,
  nendo: '2026',
  kazei_kubun: '1',
  gokei_shotoku: gokei,
  nenkin_shunyu: '0',
  nenkin_shotoku: '0',
  kyuyo_shotoku: '0',
  hikazei_nenkin: '0',
  kosei_kubun: '0',
})

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

/**
 * The latest 住民税課税情報 of a person's year, as the intake would have stored it (a file of its own, revision after
 * the last). Dummy figures only.
 */
export async function addTaxRecord(
  t: TestServer,
  personId: number,
  fiscalYear: number,
  figures: { taxable: boolean; totalIncome: number; publicPensionIncome?: number; pensionMiscIncome?: number },
): Promise<void> {
  const db = t.database.db
  const [file] = await db
    .insert(residentTaxFiles)
    .values({
      fileHash: randomUUID(),
      fileName: `KAZEI_TEST_${personId}.csv`,
      encoding: 'utf-8',
      records: 1,
      applied: 1,
      importedAt: t.clock.now(),
      importedBy: null,
    })
    .returning({ id: residentTaxFiles.id })
  const revisions = await db
    .select({ revision: residentTaxRecords.revision })
    .from(residentTaxRecords)
    .where(and(eq(residentTaxRecords.personId, personId), eq(residentTaxRecords.fiscalYear, fiscalYear)))
  await db.insert(residentTaxRecords).values({
    personId,
    fiscalYear,
    revision: Math.max(0, ...revisions.map((r) => r.revision)) + 1,
    taxable: figures.taxable,
    totalIncome: figures.totalIncome,
    publicPensionIncome: figures.publicPensionIncome ?? 0,
    pensionMiscIncome: figures.pensionMiscIncome ?? 0,
    salaryIncome: 0,
    taxExemptPension: false,
    correctedOn: revisions.length > 0 ? t.clock.now().toISOString().slice(0, 10) : null,
    sourceFileId: file!.id,
    sourceLine: 2,
    recordedAt: t.clock.now(),
    recordedBy: null,
  })
}

/**
 * A person in the 特別徴収対象者情報 of a fiscal year (notice 00: category 02 前年度継続者 or 01 新規者), in a received
 * Z11 file of its own, matched to the person.
 */
export async function addWithholdingTarget(
  t: TestServer,
  personId: number,
  fiscalYear: number,
  target: { pensionAmount: number; category: '01' | '02' },
): Promise<void> {
  const db = t.database.db
  const [file] = await db
    .insert(pensionExchangeFiles)
    .values({
      direction: 'received',
      fileKind: 'targets',
      fiscalYear,
      fileHash: randomUUID(),
      fileName: `Z11_TEST_${personId}`,
      records: 1,
      matched: 1,
      unmatched: 0,
      content: null,
      createdAt: t.clock.now(),
      createdBy: null,
    })
    .returning({ id: pensionExchangeFiles.id })
  await db.insert(pensionWithholdingTargets).values({
    fileId: file!.id,
    recordNumber: 2,
    fiscalYear,
    personId,
    matchedBy: 'basicPensionNumber',
    unmatchedReason: null,
    noticeCode: '00',
    category: target.category,
    municipalityCode: '13104',
    withholderCode: '001',
    basicPensionNumber: String(1_000_000_000 + personId).slice(-10),
    pensionCode: '1150',
    birthDate: '1950-05-05',
    sex: 'female',
    kanaName: 'ｹﾝｼｮｳ ﾌｶ',
    kanjiName: '検証　賦課',
    postalCode: '1600022',
    kanaAddress: 'ｼﾝｼﾞｭｸｸ',
    kanjiAddress: '新宿区新宿一丁目',
    mutualAidCertificateNumber: '',
    noticeDate: null,
    pensionAmount: target.pensionAmount,
    amount2: 0,
    amount3: 0,
  })
}

/** A previous year's assessment of a person whose February 特別徴収 was `februaryAmount` (for the 仮算定). */
export async function addPreviousYearWithholding(
  t: TestServer,
  personId: number,
  fiscalYear: number,
  februaryAmount: number,
): Promise<void> {
  const db = t.database.db
  const annual = februaryAmount * 6
  const [row] = await db
    .insert(premiumAssessments)
    .values({
      personId,
      fiscalYear,
      version: 1,
      reason: 'initial',
      liableMonths: 12,
      annualAmount: annual,
      overpaidAmount: 0,
      tableVersion: 'test',
      taxRecordId: null,
      explanation: {
        assessmentDate: `${fiscalYear}-04-01`,
        household: [],
        taxRecord: null,
        incomesForPremium: { totalIncome: 0, pensionAndOtherIncome: 0 },
        insuredPeriods: [],
        publicAssistance: [],
        oldAgeWelfarePension: [],
        table: {
          version: 'test',
          basePremium: 0,
          rounding: 'none',
          prorationRounding: 'none',
          pensionIncomeBoundary: 0,
        },
        unverified: [],
        steps: ['前年度（検証用）'],
      },
      assessedOn: `${fiscalYear}-07-10`,
      assessedAt: t.clock.now(),
      assessedBy: null,
    })
    .returning({ id: premiumAssessments.id })
  const months = [
    `${fiscalYear}-04`,
    `${fiscalYear}-06`,
    `${fiscalYear}-08`,
    `${fiscalYear}-10`,
    `${fiscalYear}-12`,
    `${fiscalYear + 1}-02`,
  ]
  await db.insert(premiumInstallments).values(
    months.map((m, i) => ({
      assessmentId: row!.id,
      method: 'withholding' as const,
      seq: i + 1,
      period: m,
      amount: februaryAmount,
      dueDate: `${m}-15`,
    })),
  )
}

/** A 特別徴収結果 (notice 22) of one pension month for a person, in a received Z14 file of its own. */
export async function addWithholdingResult(
  t: TestServer,
  personId: number,
  fiscalYear: number,
  result: { period: string; withheld: boolean; reasonCode: string; amount: number },
): Promise<void> {
  const db = t.database.db
  const [file] = await db
    .insert(pensionExchangeFiles)
    .values({
      direction: 'received',
      fileKind: 'results',
      fiscalYear,
      fileHash: randomUUID(),
      fileName: `Z14_TEST_${personId}`,
      records: 1,
      matched: 1,
      unmatched: 0,
      content: null,
      createdAt: t.clock.now(),
      createdBy: null,
    })
    .returning({ id: pensionExchangeFiles.id })
  await db.insert(pensionWithholdingResults).values({
    fileId: file!.id,
    recordNumber: 2,
    personId,
    unmatchedReason: null,
    fiscalYear,
    period: result.period,
    paidOn: `${result.period}-15`,
    withholderCode: '001',
    basicPensionNumber: String(1_000_000_000 + personId).slice(-10),
    pensionCode: '1150',
    reasonCode: result.reasonCode,
    resultCode: null,
    withheld: result.withheld,
    amount: result.amount,
  })
}
