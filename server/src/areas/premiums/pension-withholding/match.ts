/**
 * Which resident a data record of a pension-withholding file is (docs/interfaces/pension-withholding.md, "Matching"):
 *
 * 1. 基礎年金番号 already known: an earlier 対象者情報 record with the same number was matched to a person whose
 *    生年月日 is the record's → that person.
 * 2. Otherwise 生年月日 + 性別 + カナ氏名 (the search key of shared/text/kana: half-width → full-width, small kana →
 *    large, spaces removed) must give exactly one resident; when several do, the 郵便番号 of their household decides.
 * 3. Anything else is unmatched, with the reason; nothing is guessed (a 住所 spelt differently is not evidence).
 */
import { and, eq, inArray, isNotNull } from 'drizzle-orm'
import { normalizeKana } from '../../../../../shared/text/kana'
import type { Db, Tx } from '../../../core/db/connect'
import { households, persons } from '../../persons/schema'
import type { DataRecord } from './records'
import { pensionWithholdingTargets } from './schema'

export type Match = { personId: number; by: 'basicPensionNumber' | 'demographics' } | { personId: null; reason: string }

type Identity = Pick<DataRecord, 'basicPensionNumber' | 'birthDate' | 'sex' | 'kanaName' | 'postalCode'>

const CHUNK = 1_000
const chunks = <T>(items: readonly T[]) =>
  Array.from({ length: Math.ceil(items.length / CHUNK) }, (_, i) => items.slice(i * CHUNK, (i + 1) * CHUNK))

interface Candidate {
  id: number
  birthDate: string
  sex: string
  kanaKey: string
  postalCode: string
}

/** The match of every record, in the records' order. */
export async function matchRecords(db: Db | Tx, records: readonly Identity[]): Promise<Match[]> {
  const numbers = [...new Set(records.map((r) => r.basicPensionNumber))]
  const known = new Map<string, Set<number>>()
  for (const part of chunks(numbers)) {
    const rows = await db
      .selectDistinct({
        number: pensionWithholdingTargets.basicPensionNumber,
        personId: pensionWithholdingTargets.personId,
      })
      .from(pensionWithholdingTargets)
      .where(
        and(inArray(pensionWithholdingTargets.basicPensionNumber, part), isNotNull(pensionWithholdingTargets.personId)),
      )
    for (const r of rows) known.set(r.number, (known.get(r.number) ?? new Set()).add(r.personId!))
  }
  const birthDates = [...new Set(records.map((r) => r.birthDate))]
  const byBirth = new Map<string, Candidate[]>()
  const byId = new Map<number, Candidate>()
  for (const part of chunks(birthDates)) {
    const rows = await db
      .select({
        id: persons.id,
        birthDate: persons.birthDate,
        sex: persons.sex,
        kanaKey: persons.kanaKey,
        postalCode: households.postalCode,
      })
      .from(persons)
      .innerJoin(households, eq(households.id, persons.householdId))
      .where(inArray(persons.birthDate, part))
    for (const r of rows) {
      const same = byBirth.get(r.birthDate)
      if (same) same.push(r)
      else byBirth.set(r.birthDate, [r])
      byId.set(r.id, r)
    }
  }
  return records.map((record) => {
    const numbered = [...(known.get(record.basicPensionNumber) ?? [])].filter(
      (id) => byId.get(id)?.birthDate === record.birthDate,
    )
    if (numbered.length === 1) return { personId: numbered[0]!, by: 'basicPensionNumber' as const }
    const key = normalizeKana(record.kanaName)
    const same = (byBirth.get(record.birthDate) ?? []).filter((c) => c.sex === record.sex && c.kanaKey === key)
    if (same.length === 1) return { personId: same[0]!.id, by: 'demographics' as const }
    if (same.length === 0) return { personId: null, reason: '生年月日・性別・カナ氏名が一致する住民がいません' }
    const postal = record.postalCode
    const here = postal === null ? [] : same.filter((c) => c.postalCode.replace('-', '') === postal)
    if (here.length === 1) return { personId: here[0]!.id, by: 'demographics' as const }
    return {
      personId: null,
      reason: `生年月日・性別・カナ氏名が一致する住民が ${same.length} 人いて、郵便番号でも特定できません`,
    }
  })
}
