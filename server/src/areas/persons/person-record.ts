/** One person record as a caller with a given permission may see it: the lookup every area that shows a person uses. */
import { eq } from 'drizzle-orm'
import type { Permission, Scope } from '../../core/access/roles'
import type { Db, Tx } from '../../core/db/connect'
import { HttpProblem, problems } from '../../core/http/problem'
import type { AuthenticatedUser } from '../../core/sessions/sessions'
import { households, persons } from './schema'

const outOfArea = () => new HttpProblem(403, 'forbidden', '担当圏域外の住民の情報は参照できません')

/**
 * The person with their household, when `permission` reaches them: everywhere ('all'), or only in the user's own
 * 日常生活圏域 ('ownArea', 相談センター職員). 404 for no such person, 403 out of area.
 */
export async function loadPerson(
  db: Db | Tx,
  personId: number,
  permission: Permission,
  ctx: { permissions: ReadonlyMap<Permission, Scope>; user: AuthenticatedUser | null },
) {
  const row = (
    await db
      .select({ person: persons, household: households })
      .from(persons)
      .innerJoin(households, eq(households.id, persons.householdId))
      .where(eq(persons.id, personId))
      .limit(1)
  )[0]
  if (!row) throw problems.notFound()
  const scope = ctx.permissions.get(permission)
  if (scope !== 'all' && !(scope === 'ownArea' && ctx.user?.careArea && row.household.careArea === ctx.user.careArea))
    throw outOfArea()
  return row
}
