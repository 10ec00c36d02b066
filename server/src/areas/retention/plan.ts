/**
 * What is past its retention on a day (control C-20): the persons whose eligibility ended long enough ago, the
 * 住基異動 files and the 持出申請 older than their periods. Rules and periods come from shared/domain (retention.ts);
 * this file only loads the reference dates and asks them.
 */
import { and, eq, inArray, sql } from 'drizzle-orm'
import { isPastRetention, retentionEndDate, todayInJapan, type IsoDate } from '../../../../shared/domain'
import type { ErasableKind } from '../../../../shared/api/retention'
import { historyAsKnownOn, statusOn } from '../../../../shared/eligibility/history'
import type { Db, Tx } from '../../core/db/connect'

import { eligibilityCorrections, eligibilityEvents } from '../eligibility/schema'
import { intakeFiles, loadEventsOf } from '../eligibility'
import { exportRequests } from '../export/schema'

export interface PlannedItem {
  kind: ErasableKind
  recordId: number
  referenceDate: IsoDate
  keepUntil: IsoDate
}

/** The later of two end dates (a person's record is kept while any kind held for them is). */
const later = (a: IsoDate, b: IsoDate) => (a > b ? a : b)

/**
 * A person is past retention when, as known today, they are not insured, their status ended with a loss (資格喪失),
 * nothing is recorded to take effect later, no correction of their history is pending, no table the erasure does not
 * cover holds a row of theirs (holdingReferences), and both the person's
 * records and the premium records held for them (the same reference date) are past their periods.
 */
export function personRetention(
  events: Parameters<typeof historyAsKnownOn>[0],
  today: IsoDate,
): { lostOn: IsoDate; keepUntil: IsoDate; past: boolean } | null {
  const { events: effective } = historyAsKnownOn(events, today)
  if (effective.some((e) => e.effectiveOn > today)) return null
  const status = statusOn(effective, today)
  if (status.insured || status.since === null) return null
  const lostOn = status.since
  if (!effective.some((e) => e.kind === 'loss' && e.effectiveOn === lostOn)) return null
  const keepUntil = later(
    retentionEndDate('insuredPerson', lostOn, today)!,
    retentionEndDate('premium', lostOn, today)!,
  )
  return {
    lostOn,
    keepUntil,
    past: isPastRetention('insuredPerson', lostOn, today) && isPastRetention('premium', lostOn, today),
  }
}

/**
 * The tables whose rows of a person the erasure deletes with the person (runs.ts); persons → households is handled
 * there. The 賦課 tables go through retention_erase_notice_records and retention_erase_premium_records (migrations
 * 0016 and 0038), their child rows (期割, 減免の決定) with their parents.
 */
export const ERASED_WITH_PERSON = [
  'eligibility_events',
  'eligibility_corrections',
  'card_issuances',
  'provisional_card_issuances',
  'notice_issuances',
  'mailing_addresses',
  'direct_debit_request_items',
  'bank_account_revisions',
  'premium_batch_results',
  'premium_relief_applications',
  'premium_assessments',
  'resident_tax_records',
  'welfare_statuses',
  'pension_withholding_requests',
  'pension_withholding_results',
  'pension_withholding_targets',
] as const

/**
 * Parent tables the erasure deletes a person's rows from, with how a row names its person: a table the erasure does
 * not know that references one of them (e.g. a payment pointing at a 期割) holds the person back, as a reference to
 * persons does.
 */
const ERASED_PARENTS: Record<string, string> = {
  premium_assessments: 'person_id',
  premium_installments: '(SELECT a.person_id FROM premium_assessments a WHERE a.id = parent.assessment_id)',
  premium_relief_applications: 'person_id',
  resident_tax_records: 'person_id',
  bank_account_revisions: 'person_id',
  mailing_addresses: 'person_id',
}
const ERASED_CHILDREN = new Set<string>([...ERASED_WITH_PERSON, 'premium_installments', 'premium_relief_decisions'])

/**
 * Every other foreign key to persons (table, column), read from the database: a person with a row in such a table is
 * held out of the run — the erasure does not yet know how to delete (or may not delete) that row, and deleting the
 * person around it would fail or leave it behind. A new area's table referencing persons therefore holds its persons
 * back until the erasure learns about it, never half-erases them.
 */
export async function holdingReferences(db: Db | Tx): Promise<{ table: string; column: string }[]> {
  const result = (await db.execute(sql`
    SELECT c.conrelid::regclass::text AS "table", a.attname AS "column"
    FROM pg_constraint c
    JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
    WHERE c.contype = 'f' AND c.confrelid = 'persons'::regclass AND array_length(c.conkey, 1) = 1
    ORDER BY 1, 2`)) as unknown as { rows: { table: string; column: string }[] }
  const erased = new Set<string>(ERASED_WITH_PERSON)
  return result.rows.filter((r) => !erased.has(r.table) && /^[a-z_][a-z0-9_]*$/.test(r.table + r.column))
}

/** References (table, column → parent) to the erased 賦課 parents from tables the erasure does not delete from. */
async function heldParentReferences(db: Db | Tx): Promise<{ table: string; column: string; parent: string }[]> {
  const result = (await db.execute(sql`
    SELECT c.conrelid::regclass::text AS "table", a.attname AS "column", c.confrelid::regclass::text AS parent
    FROM pg_constraint c
    JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
    WHERE c.contype = 'f' AND array_length(c.conkey, 1) = 1
      AND c.confrelid::regclass::text IN (${sql.join(
        Object.keys(ERASED_PARENTS).map((t) => sql`${t}`),
        sql`, `,
      )})
    ORDER BY 1, 2`)) as unknown as { rows: { table: string; column: string; parent: string }[] }
  return result.rows.filter((r) => !ERASED_CHILDREN.has(r.table) && /^[a-z_][a-z0-9_]*$/.test(r.table + r.column))
}

async function heldPersons(db: Db | Tx, candidates: readonly number[]): Promise<Set<number>> {
  const held = new Set<number>()
  for (const { table, column, parent } of await heldParentReferences(db)) {
    for (let i = 0; i < candidates.length; i += 1_000) {
      const ids = sql.join(
        candidates.slice(i, i + 1_000).map((id) => sql`${id}`),
        sql`, `,
      )
      const person = sql.raw(ERASED_PARENTS[parent]!.replace(/^person_id$/, 'parent.person_id'))
      const rows = (await db.execute(
        sql`SELECT DISTINCT ${person} AS id FROM ${sql.identifier(parent)} parent
            JOIN ${sql.identifier(table)} child ON child.${sql.identifier(column)} = parent.id
            WHERE ${person} IN (${ids})`,
      )) as unknown as { rows: { id: number }[] }
      for (const r of rows.rows) held.add(Number(r.id))
    }
  }
  for (const { table, column } of await holdingReferences(db)) {
    for (let i = 0; i < candidates.length; i += 1_000) {
      const ids = sql.join(
        candidates.slice(i, i + 1_000).map((id) => sql`${id}`),
        sql`, `,
      )
      const rows = (await db.execute(
        sql`SELECT DISTINCT ${sql.identifier(column)} AS id FROM ${sql.identifier(table)} WHERE ${sql.identifier(column)} IN (${ids})`,
      )) as unknown as { rows: { id: number }[] }
      for (const r of rows.rows) held.add(Number(r.id))
    }
  }
  return held
}

/** The persons past retention on `today`, among `personIds` (all persons with a recorded loss when omitted). */
export async function expiredPersons(
  db: Db | Tx,
  today: IsoDate,
  personIds?: readonly number[],
): Promise<PlannedItem[]> {
  const candidates =
    personIds ??
    (
      await db
        .selectDistinct({ id: eligibilityEvents.personId })
        .from(eligibilityEvents)
        .where(eq(eligibilityEvents.kind, 'loss'))
    ).map((r) => r.id)
  if (candidates.length === 0) return []
  const pending = new Set<number>()
  for (let i = 0; i < candidates.length; i += 1_000) {
    const rows = await db
      .select({ id: eligibilityCorrections.personId })
      .from(eligibilityCorrections)
      .where(
        and(
          eq(eligibilityCorrections.status, 'pending'),
          inArray(eligibilityCorrections.personId, candidates.slice(i, i + 1_000)),
        ),
      )
    for (const r of rows) pending.add(r.id)
  }
  for (const id of await heldPersons(db, candidates)) pending.add(id)
  const histories = await loadEventsOf(db, candidates)
  const items: PlannedItem[] = []
  for (const id of candidates) {
    if (pending.has(id)) continue
    const retention = personRetention(histories.get(id) ?? [], today)
    if (retention?.past)
      items.push({
        kind: 'insuredPerson',
        recordId: id,
        referenceDate: retention.lostOn,
        keepUntil: retention.keepUntil,
      })
  }
  return items.sort((a, b) => a.recordId - b.recordId)
}

/** Rows stamped with an instant: their reference date is that instant's day in Japan. */
function byStampedDay(
  kind: Exclude<ErasableKind, 'insuredPerson'>,
  rows: readonly { id: number; at: Date }[],
  today: IsoDate,
): PlannedItem[] {
  return rows.flatMap(({ id, at }) => {
    const day = todayInJapan(at)
    if (!isPastRetention(kind, day, today)) return []
    return [{ kind, recordId: id, referenceDate: day, keepUntil: retentionEndDate(kind, day, today)! }]
  })
}

/** Everything past retention on `today`, by kind. */
export async function planRetention(db: Db | Tx, today: IsoDate): Promise<PlannedItem[]> {
  const files = await db.select({ id: intakeFiles.id, at: intakeFiles.importedAt }).from(intakeFiles)
  const requests = await db.select({ id: exportRequests.id, at: exportRequests.requestedAt }).from(exportRequests)
  return [
    ...(await expiredPersons(db, today)),
    ...byStampedDay('intakeFile', files, today),
    ...byStampedDay('exportRequest', requests, today),
  ]
}
