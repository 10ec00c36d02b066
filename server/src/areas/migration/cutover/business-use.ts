/**
 * The business-use lock of a cut-over (docs/sources/migration.md §6 item 8): while a 本移行 is in progress and its
 * 判定 is not recorded, the server refuses business writes. Minimal and safe by construction: the lock exists only
 * while a `migration_cutovers` row is 'inProgress' — a database without a cut-over (the demo, every test) is never
 * locked; reads stay open (staff can look things up); the migration routes themselves and sign-in are exempt.
 */
import { eq } from 'drizzle-orm'
import type { Db, Tx } from '../../../core/db/connect'
import { HttpProblem } from '../../../core/http/problem'
import type { RouteDefinition } from '../../../core/http/route'
import type { ApiRouteName } from '../../../../../shared/api/routes'
import { migrationCutovers } from './schema'

export async function businessUseLocked(db: Db | Tx): Promise<number | null> {
  const [row] = await db
    .select({ id: migrationCutovers.id })
    .from(migrationCutovers)
    .where(eq(migrationCutovers.status, 'inProgress'))
    .limit(1)
  return row?.id ?? null
}

const exempt = (name: string) => name.startsWith('migration.') || name.startsWith('auth.') || name.startsWith('ops.')

/** Wraps every business write route with the lock check, in the request's own transaction. */
export function guardBusinessUse(routes: RouteDefinition<ApiRouteName>[]): RouteDefinition<ApiRouteName>[] {
  return routes.map((route) => {
    if (route.effect === 'read' || route.effect === 'session' || exempt(route.name)) return route
    const handle = route.handle
    return {
      ...route,
      async handle(ctx) {
        const cutover = await businessUseLocked(ctx.db)
        if (cutover !== null)
          throw new HttpProblem(
            423,
            'migrationInProgress',
            `本移行 第${cutover}号 の移行判定が記録されるまで業務での更新はできません`,
          )
        return handle(ctx)
      },
    } as RouteDefinition<ApiRouteName>
  })
}
