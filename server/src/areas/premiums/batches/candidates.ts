/**
 * Who a run computes, read set-based: 仮算定 and 本算定 take every person with a category-1 row in the eligibility
 * history; 異動賦課 takes the persons with an eligibility row, a 生活保護 / 老齢福祉年金 row or (for their whole
 * household, whose tax status it changes) a resident-tax record of the year recorded after the last committed run of
 * the year — every person, when no run of the year was committed yet.
 */
import { and, desc, eq, sql } from 'drizzle-orm'
import type { BatchKind } from '../../../../../shared/api/premium-batches'
import type { Db, Tx } from '../../../core/db/connect'
import type { SeenInputs } from './fingerprint'
import { premiumBatchRuns } from './schema'

/** What the last committed run of the year had seen (null: none committed yet). */
export async function lastCommittedSeen(db: Db | Tx, fiscalYear: number): Promise<SeenInputs | null> {
  const [last] = await db
    .select({
      eventId: premiumBatchRuns.seenEventId,
      taxRecordId: premiumBatchRuns.seenTaxRecordId,
      welfareId: premiumBatchRuns.seenWelfareId,
    })
    .from(premiumBatchRuns)
    .where(and(eq(premiumBatchRuns.fiscalYear, fiscalYear), eq(premiumBatchRuns.status, 'committed')))
    .orderBy(desc(premiumBatchRuns.committedAt), desc(premiumBatchRuns.id))
    .limit(1)
  return last ?? null
}

const ids = (result: unknown) => (result as { rows: { id: number }[] }).rows.map((r) => Number(r.id))

export async function candidatePersons(db: Db | Tx, kind: BatchKind, fiscalYear: number): Promise<number[]> {
  const since = kind === 'change' ? await lastCommittedSeen(db, fiscalYear) : null
  if (since === null)
    return ids(
      await db.execute(sql`select distinct person_id as id from eligibility_events where category = 1 order by 1`),
    )
  return ids(
    await db.execute(sql`
      select x.id from (
        select person_id as id from eligibility_events where id > ${since.eventId}
        union
        select person_id from welfare_statuses where id > ${since.welfareId}
        union
        select m.id from resident_tax_records r
          join persons p on p.id = r.person_id
          join persons m on m.household_id = p.household_id
        where r.id > ${since.taxRecordId} and r.fiscal_year = ${fiscalYear}
      ) x
      where exists (select 1 from eligibility_events e where e.person_id = x.id and e.category = 1)
      order by 1`),
  )
}
