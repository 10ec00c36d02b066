/**
 * The approved reliefs of persons' fiscal year, as the assessment applies them (shared/domain/premium-reduction.ts
 * applyReliefs): every 承認 decision of a 減免 (its amount) or a 徴収猶予 (its 納期 and 猶予期限). Set-based: one read per
 * block of 10,000 persons.
 */
import { and, eq, sql } from 'drizzle-orm'
import type { ApprovedRelief } from '../../../../../shared/domain/premium-reduction'
import type { Db, Tx } from '../../../core/db/connect'
import { premiumReliefApplications, premiumReliefDecisions } from './schema'

export async function loadApprovedReliefs(
  db: Db | Tx,
  personIds: readonly number[],
  fiscalYear: number,
): Promise<Map<number, ApprovedRelief[]>> {
  const byPerson = new Map<number, ApprovedRelief[]>()
  // The ids of a block as ONE array parameter (not one bound parameter per id): one query per 10,000 persons.
  for (let i = 0; i < personIds.length; i += 10_000) {
    const ids = `{${personIds
      .slice(i, i + 10_000)
      .map((id) => Math.trunc(id))
      .join(',')}}`
    const rows = await db
      .select({ a: premiumReliefApplications, d: premiumReliefDecisions })
      .from(premiumReliefApplications)
      .innerJoin(premiumReliefDecisions, eq(premiumReliefDecisions.applicationId, premiumReliefApplications.id))
      .where(
        and(
          sql`${premiumReliefApplications.personId} = any(${ids}::int[])`,
          eq(premiumReliefApplications.fiscalYear, fiscalYear),
          eq(premiumReliefDecisions.outcome, 'approved'),
        ),
      )
    for (const { a, d } of rows) {
      const relief: ApprovedRelief =
        a.kind === 'reduction'
          ? { id: a.id, kind: 'reduction', reason: a.reason, amount: d.reductionAmount ?? 0 }
          : { id: a.id, kind: 'deferral', reason: a.reason, seqs: a.seqs, deferredUntil: d.deferredUntil! }
      byPerson.set(a.personId, [...(byPerson.get(a.personId) ?? []), relief])
    }
  }
  for (const list of byPerson.values()) list.sort((x, y) => x.id - y.id)
  return byPerson
}
