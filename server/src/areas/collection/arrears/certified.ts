/**
 * Who is certified (要介護・要支援認定を受けている) on a date, for 給付制限 (介護保険法第66条: 要介護被保険者等).
 * The seam to the certification area: its 受給者台帳 (certified_persons, server/src/areas/certification/results/schema.ts)
 * read by plain SQL, since that area has no public index yet. Replace by its index's reader once it exports one.
 */
import { sql } from 'drizzle-orm'
import type { Db, Tx } from '../../../core/db/connect'

export async function certifiedPersonIdsOn(
  db: Db | Tx,
  personIds: readonly number[],
  on: string,
): Promise<Set<number>> {
  if (personIds.length === 0) return new Set()
  const ids = sql.join(
    personIds.map((id) => sql`${id}`),
    sql`, `,
  )
  const result = await db.execute<{ person_id: number }>(
    sql`select distinct person_id from certified_persons where person_id in (${ids}) and valid_from <= ${on} and valid_to >= ${on}`,
  )
  const rows = (Array.isArray(result) ? result : (result as { rows: { person_id: number }[] }).rows) as {
    person_id: number
  }[]
  return new Set(rows.map((r) => Number(r.person_id)))
}
