/**
 * Eligibility history of a generated dummy ward (control C-23): one acquisition row per insured person (reason from
 * shared/domain: the attainment date means 65歳到達 / 40歳到達, a later date means 転入), and the 住所地特例 and
 * 適用除外施設 periods the generator drew. Rows are keyed, so seeding twice records nothing new.
 */
import { and, asc, gt, inArray, isNotNull, sql } from 'drizzle-orm'
import { category1AcquisitionDate, category2AcquisitionDate } from '../../../shared/domain'
import { bulkInsertJson } from '../core/db/bulk-insert'
import type { Db } from '../core/db/connect'
import { persons } from '../areas/persons/schema'
import type { DummyPerson } from './dummy-ward-model'
import type { NewEligibilityEvent } from '../areas/eligibility'
import { eligibilityEvents } from '../areas/eligibility/schema'

export interface SeedSpecial {
  residentCode: string
  residenceException: DummyPerson['residenceException']
  excludedFacility: DummyPerson['excludedFacility']
}

/** Passes the chunks through unchanged while keeping the few persons with a facility period. */
export function* collectEligibilitySpecials<T extends { persons: DummyPerson[] }>(
  chunks: Iterable<T>,
  into: SeedSpecial[],
): Generator<T> {
  for (const chunk of chunks) {
    for (const p of chunk.persons) {
      if (p.residenceException || p.excludedFacility)
        into.push({
          residentCode: p.personId,
          residenceException: p.residenceException,
          excludedFacility: p.excludedFacility,
        })
    }
    yield chunk
  }
}

const BATCH = 2_000

async function insertAll(db: Db, rows: NewEligibilityEvent[]) {
  for (let i = 0; i < rows.length; i += BATCH)
    await bulkInsertJson(db, eligibilityEvents, rows.slice(i, i + BATCH), { onConflictDoNothing: true })
}

export async function seedEligibilityHistory(db: Db, specials: readonly SeedSpecial[]): Promise<number> {
  let written = 0
  let lastId = 0
  for (;;) {
    const page = await db
      .select({
        id: persons.id,
        birthDate: persons.birthDate,
        category: persons.insuredCategory,
        acquiredOn: persons.acquiredOn,
      })
      .from(persons)
      .where(and(gt(persons.id, lastId), isNotNull(persons.insuredCategory), isNotNull(persons.acquiredOn)))
      .orderBy(asc(persons.id))
      .limit(10_000)
    if (page.length === 0) break
    lastId = page.at(-1)!.id
    const rows: NewEligibilityEvent[] = page.map((p) => {
      const category = p.category === 2 ? 2 : 1
      const attains = category === 1 ? category1AcquisitionDate(p.birthDate) : category2AcquisitionDate(p.birthDate)
      return {
        personId: p.id,
        kind: 'acquisition',
        category,
        reason: p.acquiredOn === attains ? (category === 1 ? 'reachingAge65' : 'reachingAge40') : 'moveIn',
        effectiveOn: p.acquiredOn!,
        source: 'seed',
        dedupeKey: `seed:acquisition:${p.id}`,
      }
    })
    await insertAll(db, rows)
    written += rows.length
  }

  const codes = specials.map((s) => s.residentCode)
  const idByCode = new Map<string, number>()
  for (let i = 0; i < codes.length; i += 1_000) {
    const found = await db
      .select({ id: persons.id, code: persons.residentCode })
      .from(persons)
      .where(inArray(persons.residentCode, codes.slice(i, i + 1_000)))
    for (const f of found) idByCode.set(f.code, f.id)
  }
  const periodRows: NewEligibilityEvent[] = []
  for (const s of specials) {
    const personId = idByCode.get(s.residentCode)
    if (personId === undefined) continue
    if (s.residenceException)
      periodRows.push({
        personId,
        kind: 'residenceExceptionStart',
        reason: 'facilityEntry',
        effectiveOn: s.residenceException.since,
        source: 'seed',
        dedupeKey: `seed:residenceException:${personId}`,
        detail: {
          facilityType: s.residenceException.facilityType,
          facilityName: s.residenceException.facilityName,
          facilityMunicipality: s.residenceException.facilityMunicipality,
        },
      })
    if (s.excludedFacility)
      periodRows.push({
        personId,
        kind: 'excludedFacilityStart',
        reason: 'excludedFacilityEntry',
        effectiveOn: s.excludedFacility.since,
        source: 'seed',
        dedupeKey: `seed:excludedFacility:${personId}`,
        detail: { facilityType: s.excludedFacility.facilityType, facilityName: s.excludedFacility.facilityName },
      })
  }
  await insertAll(db, periodRows)
  // The numbers the ward already issued go into the ledger, so the numbering never issues one of them again.
  await db.execute(
    sql`insert into insured_number_issues (insured_number, person_id) select insured_number, id from persons where insured_number is not null on conflict do nothing`,
  )
  return written + periodRows.length
}
