/**
 * 支援措置 in the database: the rule of shared/domain/support-measure.ts fed with the residents it needs, for every
 * route that shows, prints or exports a person (the person view, the search results, the 被保険者証 and 資格者証,
 * the export), and the one SQL predicate the searches filter with (docs/security.md, 支援措置).
 */
import { eq, inArray, or, sql, type SQL, type SQLWrapper } from 'drizzle-orm'
import {
  addressProtectionAmong,
  supportMeasureAddressKey,
  type SupportMeasureResident,
} from '../../../../shared/domain/support-measure'
import type { Permission, Scope } from '../../core/access/roles'
import type { Db, Tx } from '../../core/db/connect'
import type { AuthenticatedUser } from '../../core/sessions/sessions'
import { households, persons } from './schema'

/** supportMeasureAddressKey in SQL: NFKC without white space (PostgreSQL and PGlite both have normalize()). */
export const addressKeySql = (address: SQLWrapper): SQL =>
  sql`regexp_replace(normalize(${address}, NFKC), '\\s', '', 'g')`

/**
 * Every protected person's household and address: a few hundred rows at Shinjuku scale, read once per request (one
 * pass over the partial index persons_protected_household_idx, then the addresses by primary key). Everything the
 * rule needs, whoever the request shows.
 */
export async function protectedResidents(db: Db | Tx): Promise<SupportMeasureResident[]> {
  const members = await db
    .select({ householdId: persons.householdId })
    .from(persons)
    .where(eq(persons.isProtected, true))
  if (members.length === 0) return []
  const dwellings = await db
    .select({ id: households.id, address: households.address })
    .from(households)
    .where(inArray(households.id, [...new Set(members.map((m) => m.householdId))]))
  const addressOf = new Map(dwellings.map((d) => [d.id, d.address]))
  return members.map((m) => ({ householdId: m.householdId, address: addressOf.get(m.householdId)!, isProtected: true }))
}

/**
 * The searches' predicate (the rule in SQL, over the `households` of the query): true for every person whose
 * household has a protected member or whose address is a protected person's. The protected dwellings come in as
 * constants, so the planner checks only the rows the search's own indexes found.
 */
export function addressProtectedCondition(residents: readonly SupportMeasureResident[]): SQL {
  const householdIds = [...new Set(residents.map((r) => Number(r.householdId)))]
  const keys = [...new Set(residents.map((r) => supportMeasureAddressKey(r.address)))]
  if (householdIds.length === 0) return sql`false`
  return sql`(${or(inArray(households.id, householdIds), inArray(addressKeySql(households.address), keys))})`
}

/** A person row with its household, as the routes load them. */
export interface PersonWithHousehold {
  person: { id: number; householdId: number; isProtected: boolean }
  household: { address: string }
}

/** The ids of the persons among `rows` whose address the rule protects, given protectedResidents(db). */
export function addressProtectedIds(
  rows: readonly PersonWithHousehold[],
  residents: readonly SupportMeasureResident[],
): Set<number> {
  const isProtected = addressProtectionAmong(residents)
  return new Set(
    rows
      .filter(({ person, household }) =>
        isProtected({ householdId: person.householdId, address: household.address, isProtected: person.isProtected }),
      )
      .map(({ person }) => person.id),
  )
}

/** Whether one person's address is protected (one read of the protected residents). */
export async function isAddressProtectedIn(db: Db | Tx, row: PersonWithHousehold): Promise<boolean> {
  return addressProtectedIds([row], await protectedResidents(db)).has(row.person.id)
}

/**
 * Whether the caller may see the protected members of a household list: the holders of person.revealProtectedAddress
 * in their scope (everywhere, or the household's own 日常生活圏域). Everyone else is told only that members are
 * withheld. The list is audited with the members shown (person.summary's targets).
 */
export function mayListProtectedMembers(
  permissions: ReadonlyMap<Permission, Scope>,
  user: AuthenticatedUser | null,
  householdCareArea: string | null,
): boolean {
  const scope = permissions.get('person.revealProtectedAddress')
  return scope === 'all' || (scope === 'ownArea' && Boolean(user?.careArea) && user?.careArea === householdCareArea)
}
