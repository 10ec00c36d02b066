/**
 * Versioned records: every update names the row version it read — a stale one gets 409 and changes
 * nothing — and every version is kept in `record_versions` with who, when and why, so history is never
 * overwritten: a correction is a new version.
 */
import { and, asc, eq, sql } from 'drizzle-orm'
import type { Db, Tx } from '../db/connect'
import { designations, recordVersions, users } from '../db/schema'
import { problems } from '../http/problem'

export interface ChangeContext {
  /** The staff member making the change; null for the seed and migrations. */
  userId: number | null
  terminalId: string | null
  reason: string
  now: Date
}

type User = typeof users.$inferSelect
type Designation = typeof designations.$inferSelect

/** What a version of a user records: managed content only — never the password hash or the TOTP secret. */
export const userSnapshot = (u: User) => ({
  loginId: u.loginId,
  displayName: u.displayName,
  department: u.department,
  careArea: u.careArea,
  deactivatedAt: u.deactivatedAt ? u.deactivatedAt.toISOString() : null,
  totpEnrolled: u.totpEnabledAt !== null,
})

export const designationSnapshot = (d: Designation) => ({
  userId: d.userId,
  role: d.role,
  kind: d.kind,
  validFrom: d.validFrom,
  validTo: d.validTo,
})

export const entities = {
  user: { table: users, snapshot: userSnapshot },
  designation: { table: designations, snapshot: designationSnapshot },
} as const
export type Entity = keyof typeof entities
type RowOf<E extends Entity> = (typeof entities)[E]['table']['$inferSelect']
type InsertOf<E extends Entity> = (typeof entities)[E]['table']['$inferInsert']

export async function recordVersion<E extends Entity>(
  tx: Db | Tx,
  entity: E,
  row: RowOf<E>,
  change: ChangeContext,
): Promise<void> {
  const snapshot = (entities[entity].snapshot as (r: RowOf<E>) => Record<string, unknown>)(row)
  await tx.insert(recordVersions).values({
    entity,
    entityId: row.id,
    version: row.rowVersion,
    data: snapshot,
    changedAt: change.now,
    changedBy: change.userId,
    terminalId: change.terminalId,
    reason: change.reason,
  })
}

/** Inserts a record and its first version. */
export async function insertVersioned<E extends Entity>(
  tx: Db | Tx,
  entity: E,
  values: InsertOf<E>,
  change: ChangeContext,
): Promise<RowOf<E>> {
  const table = entities[entity].table
  const [row] = (await tx
    .insert(table)
    .values({ ...values, rowVersion: 1 } as never)
    .returning()) as RowOf<E>[]
  await recordVersion(tx, entity, row!, change)
  return row!
}

/**
 * Applies `changes` only if the record is still at `expectedVersion`: bumps the version and records it.
 * Unknown id → 404; another version → 409, and nothing is written.
 */
export async function updateVersioned<E extends Entity>(
  tx: Db | Tx,
  entity: E,
  id: number,
  expectedVersion: number,
  changes: Partial<InsertOf<E>>,
  change: ChangeContext,
): Promise<RowOf<E>> {
  const table = entities[entity].table as typeof users
  const updated = (await tx
    .update(table)
    .set({ ...changes, rowVersion: sql`${table.rowVersion} + 1` } as never)
    .where(and(eq(table.id, id), eq(table.rowVersion, expectedVersion)))
    .returning()) as unknown as RowOf<E>[]
  if (updated.length === 0) {
    const exists = await tx.select({ id: table.id }).from(table).where(eq(table.id, id))
    throw exists.length > 0 ? problems.conflict() : problems.notFound()
  }
  await recordVersion(tx, entity, updated[0]!, change)
  return updated[0]!
}

/** Every recorded version of a record, oldest first. */
export async function versionsOf(db: Db | Tx, entity: Entity, id: number) {
  return db
    .select()
    .from(recordVersions)
    .where(and(eq(recordVersions.entity, entity), eq(recordVersions.entityId, id)))
    .orderBy(asc(recordVersions.version))
}
