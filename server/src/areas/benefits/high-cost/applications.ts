/**
 * 初回申請 of 高額介護サービス費 (docs/high-cost.md): recorded once per person; the person is the payee, and every later
 * month is paid without a new application. A second application of the same person is refused.
 */
import { desc, eq } from 'drizzle-orm'
import type { PersonHighCost } from '../../../../../shared/api/high-cost'
import type { Db, Tx } from '../../../core/db/connect'
import { HttpProblem } from '../../../core/http/problem'
import { highCostApplications, highCostDecisions } from './schema'

export async function registerHighCostApplication(
  db: Db | Tx,
  input: { personId: number; receivedOn: string; idempotencyKey: string },
  userId: number,
  now: Date,
) {
  const [existing] = await db
    .select()
    .from(highCostApplications)
    .where(eq(highCostApplications.personId, input.personId))
  if (existing)
    throw new HttpProblem(
      409,
      'alreadyApplied',
      `初回申請は ${existing.receivedOn} に受付済みです（以後の月は申請なしで支給されます）`,
    )
  const [row] = await db
    .insert(highCostApplications)
    .values({
      personId: input.personId,
      receivedOn: input.receivedOn,
      idempotencyKey: input.idempotencyKey,
      recordedAt: now,
      recordedBy: userId,
    })
    .returning()
  return { id: row!.id, personId: row!.personId, receivedOn: row!.receivedOn }
}

/** A person's 初回申請 (null before it) and the decisions committed runs wrote, newest service month first. */
export async function personHighCost(db: Db | Tx, personId: number): Promise<PersonHighCost> {
  const [application] = await db.select().from(highCostApplications).where(eq(highCostApplications.personId, personId))
  const decisions = await db
    .select()
    .from(highCostDecisions)
    .where(eq(highCostDecisions.personId, personId))
    .orderBy(desc(highCostDecisions.serviceMonth))
  return {
    personId,
    application: application
      ? { id: application.id, personId: application.personId, receivedOn: application.receivedOn }
      : null,
    decisions: decisions.map((d) => ({
      runId: d.runId,
      serviceMonth: d.serviceMonth,
      copay: d.copay,
      householdCap: d.householdCap,
      individualCap: d.individualCap,
      refund: d.refund,
      status: d.status,
      reason: d.reason,
      decidedAt: d.decidedAt.toISOString(),
    })),
  }
}
