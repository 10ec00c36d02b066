import { asc, eq, sql } from 'drizzle-orm'
import type { EligibilityEvent, EligibilityEventDetail } from '../../../../shared/eligibility/contract'
import type { Db, Tx } from '../../core/db/connect'
import { eligibilityEvents } from './schema'

type Row = typeof eligibilityEvents.$inferSelect
export type NewEligibilityEvent = typeof eligibilityEvents.$inferInsert

export function toEvent(r: Row): EligibilityEvent {
  return {
    id: r.id,
    kind: r.kind,
    category: r.category === 1 || r.category === 2 ? r.category : null,
    reason: r.reason,
    effectiveOn: r.effectiveOn,
    recordedAt: r.recordedAt.toISOString(),
    source: r.source,
    detail: r.detail as EligibilityEventDetail,
    supersedesId: r.supersedesId,
  }
}

export async function loadEvents(db: Db | Tx, personId: number): Promise<EligibilityEvent[]> {
  const rows = await db
    .select()
    .from(eligibilityEvents)
    .where(eq(eligibilityEvents.personId, personId))
    .orderBy(asc(eligibilityEvents.effectiveOn), asc(eligibilityEvents.id))
  return rows.map(toEvent)
}

export async function loadEventsOf(
  db: Db | Tx,
  personIds: readonly number[],
): Promise<Map<number, EligibilityEvent[]>> {
  const byPerson = new Map<number, EligibilityEvent[]>()
  // The ids of a block as ONE array parameter (not one bound parameter per id): one query per 10,000 persons.
  for (let i = 0; i < personIds.length; i += 10_000) {
    const ids = `{${personIds
      .slice(i, i + 10_000)
      .map((id) => Math.trunc(id))
      .join(',')}}`
    const rows = await db
      .select()
      .from(eligibilityEvents)
      .where(sql`${eligibilityEvents.personId} = any(${ids}::int[])`)
      .orderBy(asc(eligibilityEvents.effectiveOn), asc(eligibilityEvents.id))
    for (const r of rows) {
      const list = byPerson.get(r.personId) ?? []
      list.push(toEvent(r))
      byPerson.set(r.personId, list)
    }
  }
  return byPerson
}

/** Appends a row unless its dedupe key is already recorded; true when it was new. Rows are never updated. */
export async function appendEvent(db: Db | Tx, row: NewEligibilityEvent): Promise<boolean> {
  const inserted = await db
    .insert(eligibilityEvents)
    .values(row)
    .onConflictDoNothing({ target: eligibilityEvents.dedupeKey })
    .returning({ id: eligibilityEvents.id })
  return inserted.length === 1
}
