import { eq } from 'drizzle-orm'
import { formatWareki } from '../../../shared/domain/wareki'
import type { Db } from '../../../server/src/core/db/connect'
import { households, persons } from '../../../server/src/areas/persons/schema'
import { generateDummyWard } from '../../../server/src/demo/generator'
import { DEMO_SEED } from '../../../server/src/demo/seed-if-empty'

const wards = new Map<number, ReturnType<typeof generateDummyWard>>()
/** The dummy ward a test server was seeded with (deterministic: the same seed and scale). */
export function seededWard(scale: number) {
  let ward = wards.get(scale)
  if (!ward) {
    ward = generateDummyWard({ seed: DEMO_SEED, scale })
    wards.set(scale, ward)
  }
  return ward
}

/** What identifies a person in a log line, in any of the forms the system reads or writes it. */
export interface PersonValues {
  familyName: string
  givenName: string
  familyNameKana: string
  givenNameKana: string
  birthDate: string
  individualNumber: string
  insuredNumber: string | null
  residentCode: string
  phone: string | null
  address: string | null
}

/**
 * Every form of a person's values that must never reach a log (control C-27): 漢字 and カナ names with
 * and without the space, the birth date as ISO, compact, slashed and 和暦, the 個人番号 plain and in groups of
 * four, the 被保険者番号, the 宛名番号, the phone number, and the address with and without 東京都 / the ward.
 */
export function formsOf(p: PersonValues): string[] {
  const out = [
    p.familyName + p.givenName,
    `${p.familyName} ${p.givenName}`,
    `${p.familyName}\u3000${p.givenName}`,
    p.familyNameKana + p.givenNameKana,
    `${p.familyNameKana} ${p.givenNameKana}`,
    `${p.familyNameKana}\u3000${p.givenNameKana}`,
    p.birthDate,
    p.birthDate.replaceAll('-', ''),
    p.birthDate.replaceAll('-', '/'),
    formatWareki(p.birthDate),
    p.individualNumber,
    p.individualNumber.replace(/^(\d{4})(\d{4})(\d{4})$/, '$1 $2 $3'),
    p.residentCode,
  ]
  if (p.insuredNumber) out.push(p.insuredNumber)
  if (p.phone) out.push(p.phone, p.phone.replaceAll('-', ''))
  if (p.address) {
    out.push(p.address)
    const inWard = p.address.replace(/^東京都/, '')
    out.push(inWard, inWard.replace(/^[^都道府県]{1,4}区/, ''))
  }
  // Digits shorter than 4 would match ordinary numbers (status codes, durations); names are covered at any length.
  return out.filter((v) => (/^[0-9/ -]+$/.test(v) ? v.length >= 4 : v.length >= 2))
}

const fromWard = (scale: number): PersonValues[] => {
  const ward = seededWard(scale)
  const addressOf = new Map(ward.households.map((h) => [h.householdId, h.address]))
  return ward.persons.map((p) => ({
    ...p,
    residentCode: p.personId,
    address: addressOf.get(p.householdId) ?? null,
  }))
}

/** The values of every seeded person (the generator's ward at `scale`). */
export function personalValues(scale: number): string[] {
  return [...new Set(fromWard(scale).flatMap(formsOf))]
}

/** The values of every person in the database (seeded ones and those the tests added, e.g. by 住基異動). */
export async function personalValuesInDatabase(db: Db): Promise<string[]> {
  const rows = await db
    .select({
      familyName: persons.familyName,
      givenName: persons.givenName,
      familyNameKana: persons.familyNameKana,
      givenNameKana: persons.givenNameKana,
      birthDate: persons.birthDate,
      individualNumber: persons.individualNumber,
      insuredNumber: persons.insuredNumber,
      residentCode: persons.residentCode,
      phone: persons.phone,
      address: households.address,
    })
    .from(persons)
    .leftJoin(households, eq(households.id, persons.householdId))
  return [...new Set(rows.flatMap(formsOf))]
}

/**
 * Returns the personal values found in the log lines (none, if the server behaves). Numbers, dates and phone
 * numbers are matched as whole tokens, so that digits inside a timestamp or a hash never count as a number.
 */
export function findPersonalData(logs: readonly string[], values: readonly string[] | number): string[] {
  const list = typeof values === 'number' ? personalValues(values) : values
  const text = logs.join('')
  const tokens = new Set(text.match(/[0-9][0-9/ -]*[0-9]/g) ?? [])
  for (const t of [...tokens]) for (const part of t.split(' ')) tokens.add(part)
  return list.filter((v) => (/^[0-9/ -]+$/.test(v) ? tokens.has(v) : text.includes(v)))
}

/**
 * Japanese text in the log at all: the server logs only English event names, route patterns and ids, so any
 * kanji or kana is a leak of some kind (a name, an address, a reason typed by staff) whatever its form.
 */
export function findJapaneseText(logs: readonly string[]): string[] {
  return [...new Set(logs.join('').match(/[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uff66-\uff9f]+/g) ?? [])]
}

export function assertNoPersonalData(logs: readonly string[], values: readonly string[] | number): void {
  const leaked = findPersonalData(logs, values)
  if (leaked.length > 0)
    throw new Error(`the server log contains personal data of ${leaked.length} seeded value(s) (C-27)`)
  const japanese = findJapaneseText(logs)
  if (japanese.length > 0)
    throw new Error(`the server log contains Japanese text (${japanese.length} run(s)): a possible leak (C-27)`)
}
