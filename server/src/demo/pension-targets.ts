/**
 * A dummy 特別徴収対象者情報 file (Z11, notice 00) for the demo ward, as the pension insurers would send it in May
 * (docs/interfaces/pension-withholding.md): every category-1 resident whose taxable public pension is at least
 * 180,000 yen a year (docs/sources/domain.md §3.6), with dummy 基礎年金番号 derived from the resident code, one group
 * per 特別徴収義務者 (every tenth person a 共済 pension), and one ダミーレコード. Dummy data only (control C-23).
 * Used by the seeder (the demo ward has its targets imported) and by the tests.
 */
import { createHash } from 'node:crypto'
import { and, eq, gte } from 'drizzle-orm'
import type { Db } from '../core/db/connect'
import { households, persons } from '../areas/persons/schema'
import {
  buildPensionWithholdingFile,
  fitsJisX0208,
  fitsSingleByte,
  importWithholdingTargets,
  toHalfWidthKana,
  truncateBytes,
  WARD_MUNICIPALITY_CODE,
  type DataRecord,
  type PensionWithholdingRecord,
} from '../areas/premiums'

/** The annual pension from which the pension is withheld (介護保険法第134条, 施行令第41条; docs/sources/domain.md §3.6). */
export const WITHHOLDING_PENSION_THRESHOLD = 180_000

/** The fiscal year the demo ward's targets are for (the generator's 4/1). */
export const DEMO_TARGETS_FISCAL_YEAR = 2026

/** A resident as the file needs them. */
export interface PensionTargetPerson {
  residentCode: string
  birthDate: string
  sex: 'male' | 'female'
  familyName: string
  givenName: string
  familyNameKana: string
  givenNameKana: string
  postalCode: string
  address: string
  /** Annual public pension (yen), written as 各種金額1. */
  pensionAmount: number
  /** Insured before the fiscal year: 前年度継続者 (02), else 新規者 (01). */
  continuing: boolean
}

/** 日本年金機構 (⚠️ dummy code: the current one is unconfirmed) and 全国市町村共済組合連合会 (700). */
export const DEMO_WITHHOLDERS = { pensionService: '001', mutualAid: '700' } as const

const KEYS = { municipalityCode: WARD_MUNICIPALITY_CODE, systemCode: '0', noticeCode: '00' as const }

/** A dummy 基礎年金番号: 9 + nine digits of the SHA-256 of the resident code (never a real number's form). */
export function dummyBasicPensionNumber(residentCode: string): string {
  const n = Number.parseInt(createHash('sha256').update(residentCode).digest('hex').slice(0, 12), 16) % 1_000_000_000
  return `9${String(n).padStart(9, '0')}`
}

const kanji = (text: string, characters: number) => {
  const cut = Array.from(text).slice(0, characters).join('')
  return fitsJisX0208(cut) ? cut : ''
}

function dataRecord(p: PensionTargetPerson, index: number, createdOn: string): DataRecord | null {
  const kanaName = truncateBytes(toHalfWidthKana(`${p.familyNameKana} ${p.givenNameKana}`), 25)
  if (!fitsSingleByte(kanaName)) return null
  const mutualAid = index % 10 === 9
  return {
    kind: 'data',
    ...KEYS,
    withholderCode: mutualAid ? DEMO_WITHHOLDERS.mutualAid : DEMO_WITHHOLDERS.pensionService,
    createdOn,
    basicPensionNumber: dummyBasicPensionNumber(p.residentCode),
    pensionCode: mutualAid ? '0210' : '1150',
    birthDate: p.birthDate,
    sex: p.sex,
    kanaName,
    kanjiName: kanji(`${p.familyName}\u3000${p.givenName}`, 25),
    postalCode: /^\d{3}-?\d{4}$/.test(p.postalCode) ? p.postalCode.replace('-', '') : null,
    kanaAddress: '',
    kanjiAddress: kanji(p.address, 80),
    category: p.continuing ? '02' : '01',
    resultCode: null,
    lateStageTransferCode: null,
    noticeDate: null,
    amount1: p.pensionAmount,
    amount2: 0,
    amount3: 0,
    mutualAidCertificateNumber: mutualAid ? `D${String(index).padStart(9, '0')}` : '',
  }
}

/** The ダミーレコード (各種区分 70) a file may carry: no person. */
function dummyRecord(withholderCode: string, createdOn: string): DataRecord {
  return {
    kind: 'data',
    ...KEYS,
    withholderCode,
    createdOn,
    basicPensionNumber: '0000000000',
    pensionCode: '0000',
    birthDate: '1900-01-01',
    sex: 'male',
    kanaName: 'ﾀﾞﾐｰ',
    kanjiName: '',
    postalCode: null,
    kanaAddress: '',
    kanjiAddress: '',
    category: '70',
    resultCode: null,
    lateStageTransferCode: null,
    noticeDate: null,
    amount1: 0,
    amount2: 0,
    amount3: 0,
    mutualAidCertificateNumber: '',
  }
}

/** The records of the file (persons whose カナ氏名 has no one-byte form are left out). */
export function pensionTargetRecords(
  people: readonly PensionTargetPerson[],
  createdOn: string,
): PensionWithholdingRecord[] {
  const data = people.flatMap((p, i) => dataRecord(p, i, createdOn) ?? [])
  const records: PensionWithholdingRecord[] = [
    { kind: 'management', municipalityCode: WARD_MUNICIPALITY_CODE, mediumSerial: '001', createdOn, storedCount: null },
  ]
  for (const withholderCode of [DEMO_WITHHOLDERS.pensionService, DEMO_WITHHOLDERS.mutualAid]) {
    const group = data.filter((d) => d.withholderCode === withholderCode)
    if (withholderCode === DEMO_WITHHOLDERS.pensionService) group.push(dummyRecord(withholderCode, createdOn))
    if (group.length === 0) continue
    const keys = { ...KEYS, withholderCode, createdOn }
    records.push({ kind: 'header', ...keys, mediumCode: '1' }, ...group, {
      kind: 'trailer',
      ...keys,
      dataCount: group.length,
      totalAmount1: group.reduce((s, d) => s + d.amount1, 0),
      totalAmount2: 0,
      totalAmount3: 0,
    })
  }
  return records
}

/** The file's bytes. */
export function buildPensionTargetsFile(people: readonly PensionTargetPerson[], createdOn: string): Uint8Array {
  const built = buildPensionWithholdingFile(pensionTargetRecords(people, createdOn), { fileKind: 'targets' })
  if (!built.ok) throw new Error(built.problems.map((p) => p.message).join('\n'))
  return built.bytes
}

/** The residents of the database the insurers would name: category 1, pension ≥ 180,000 yen. */
export async function pensionTargetPeople(db: Db, fiscalYear: number): Promise<PensionTargetPerson[]> {
  const rows = await db
    .select({
      residentCode: persons.residentCode,
      birthDate: persons.birthDate,
      sex: persons.sex,
      familyName: persons.familyName,
      givenName: persons.givenName,
      familyNameKana: persons.familyNameKana,
      givenNameKana: persons.givenNameKana,
      postalCode: households.postalCode,
      address: households.address,
      pensionAmount: persons.taxablePensionIncome,
      acquiredOn: persons.acquiredOn,
    })
    .from(persons)
    .innerJoin(households, eq(households.id, persons.householdId))
    .where(and(eq(persons.insuredCategory, 1), gte(persons.taxablePensionIncome, WITHHOLDING_PENSION_THRESHOLD)))
    .orderBy(persons.id)
  return rows.map(({ acquiredOn, ...r }) => ({
    ...r,
    continuing: acquiredOn !== null && acquiredOn < `${fiscalYear}-04-01`,
  }))
}

/** Seeds the demo ward's 対象者情報 of the year: builds the file from the database and imports it once. */
export async function seedPensionTargets(db: Db, fiscalYear = DEMO_TARGETS_FISCAL_YEAR, now = new Date()) {
  const people = await pensionTargetPeople(db, fiscalYear)
  if (people.length === 0) return null
  const bytes = buildPensionTargetsFile(people, `${fiscalYear}-05-20`)
  const fileName = `Z11${String(fiscalYear % 100).padStart(2, '0')}001.dta`
  return db.transaction((tx) => importWithholdingTargets(tx, fiscalYear, { fileName, bytes, dryRun: false }, null, now))
}
