/**
 * Manual corrections of the eligibility history with a reason and a second person's approval (four
 * eyes as in masters/ward-changes.ts). A 資格担当 proposes (add a row, a new version of a row, or cancel a row) with a
 * reason; the proposal changes nothing. An authorised approver — never the proposer — approves: only then the
 * history row is appended, recorded at the approval instant, naming the row it supersedes, so "as known on" any
 * earlier date still shows the old state. Rejection records the decision and changes nothing else. The decision names
 * the request's row version: a stale one gets 409 and nothing is written.
 */
import { and, desc, eq, inArray, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import { parseIsoDate, todayInJapan } from '../../../../shared/domain'
import {
  correctionActionLabels,
  residenceExceptionTypeProblem,
  type CorrectionListQuery,
  type EligibilityCorrection,
  type EligibilityEventDetail,
  type ProposeCorrectionRequest,
  type ProposedEvent,
} from '../../../../shared/eligibility/contract'
import type { AuthenticatedUser } from '../../core/sessions/sessions'
import type { Db, Tx } from '../../core/db/connect'
import { users } from '../../core/db/schema'
import { households, persons } from '../persons/schema'
import { HttpProblem, problems } from '../../core/http/problem'
import { invalidInput } from './rule-problem'
import { syncSnapshot } from './engine'
import { loadEvents, toEvent } from './history-store'
import { eligibilityCorrections, eligibilityEvents } from './schema'

const proposer = alias(users, 'correction_proposer')
const decider = alias(users, 'correction_decider')

async function summaries(
  db: Db | Tx,
  where: { id?: number; personId?: number; pendingOnly: boolean; careArea?: string | null },
): Promise<(EligibilityCorrection & { proposedById: number })[]> {
  const conditions = [
    where.id !== undefined ? eq(eligibilityCorrections.id, where.id) : undefined,
    where.personId !== undefined ? eq(eligibilityCorrections.personId, where.personId) : undefined,
    where.pendingOnly ? eq(eligibilityCorrections.status, 'pending') : undefined,
    // A 相談センター職員 (person.read in their own area only) sees the corrections of that area; no area: none.
    where.careArea !== undefined
      ? where.careArea === null
        ? sql`false`
        : eq(households.careArea, where.careArea)
      : undefined,
  ].filter((c) => c !== undefined)
  const rows = await db
    .select({
      c: eligibilityCorrections,
      familyName: persons.familyName,
      givenName: persons.givenName,
      insuredNumber: persons.insuredNumber,
      proposerLoginId: proposer.loginId,
      proposerName: proposer.displayName,
      proposerDepartment: proposer.department,
      deciderLoginId: decider.loginId,
      deciderName: decider.displayName,
      deciderDepartment: decider.department,
    })
    .from(eligibilityCorrections)
    .innerJoin(persons, eq(persons.id, eligibilityCorrections.personId))
    .innerJoin(households, eq(households.id, persons.householdId))
    .innerJoin(proposer, eq(proposer.id, eligibilityCorrections.proposedBy))
    .leftJoin(decider, eq(decider.id, eligibilityCorrections.decidedBy))
    .where(conditions.length > 0 ? and(...conditions) : undefined)
    .orderBy(desc(eligibilityCorrections.id))
    .limit(200)
  const targetIds = rows.flatMap((r) => (r.c.targetEventId === null ? [] : [r.c.targetEventId]))
  const targets = new Map(
    targetIds.length === 0
      ? []
      : (await db.select().from(eligibilityEvents).where(inArray(eligibilityEvents.id, targetIds))).map((t) => [
          t.id,
          toEvent(t),
        ]),
  )
  return rows.map(({ c, ...r }) => ({
    id: c.id,
    personId: c.personId,
    person: { name: `${r.familyName} ${r.givenName}`, insuredNumber: r.insuredNumber },
    action: c.action,
    target: c.targetEventId === null ? null : (targets.get(c.targetEventId) ?? null),
    event: (c.proposed as ProposedEvent | null) ?? null,
    reason: c.reason,
    status: c.status,
    rowVersion: c.rowVersion,
    proposedBy: { loginId: r.proposerLoginId, displayName: r.proposerName, department: r.proposerDepartment },
    proposedById: c.proposedBy,
    proposedAt: c.proposedAt.toISOString(),
    decidedBy:
      r.deciderLoginId !== null
        ? { loginId: r.deciderLoginId, displayName: r.deciderName ?? '', department: r.deciderDepartment ?? '' }
        : null,
    decidedAt: c.decidedAt?.toISOString() ?? null,
    decisionComment: c.decisionComment,
    appliedEventId: c.appliedEventId,
  }))
}

const strip = ({ proposedById: _ignored, ...c }: EligibilityCorrection & { proposedById: number }) => c

/** `careArea`: only persons whose household lies in that 日常生活圏域 (null: none); omitted: all persons. */
export async function listCorrections(
  db: Db | Tx,
  query: CorrectionListQuery,
  scope: { careArea?: string | null } = {},
): Promise<EligibilityCorrection[]> {
  const rows = await summaries(db, {
    ...(query.personId !== undefined ? { personId: query.personId } : {}),
    pendingOnly: (query.status ?? 'pending') === 'pending',
    ...scope,
  })
  return rows.map(strip)
}

/** The target must be a live row of the person: not a void row and not already superseded (409 otherwise). */
async function liveTarget(db: Db | Tx, personId: number, targetEventId: number) {
  const rows = await loadEvents(db, personId)
  const target = rows.find((r) => r.id === targetEventId)
  if (!target) throw new HttpProblem(404, 'notFound', '訂正する記録がこの被保険者の資格履歴にありません')
  if (target.kind === 'void') throw new HttpProblem(409, 'conflict', '取消の記録は訂正できません')
  if (rows.some((r) => r.supersedesId === target.id))
    throw new HttpProblem(409, 'conflict', 'この記録は既に訂正されています。画面を開き直してください')
  return target
}

function checkProposedEvent(event: ProposedEvent): void {
  try {
    parseIsoDate(event.effectiveOn)
  } catch {
    throw invalidInput('効力発生日が正しい日付ではありません')
  }
  if ((event.kind === 'residenceExceptionStart' || event.kind === 'residenceExceptionChange') && event.facilityType) {
    const problem = residenceExceptionTypeProblem(event.facilityType)
    if (problem) throw invalidInput(problem)
  }
}

export async function proposeCorrection(
  tx: Db | Tx,
  user: AuthenticatedUser,
  input: ProposeCorrectionRequest,
  now: Date,
): Promise<EligibilityCorrection> {
  const [person] = await tx.select({ id: persons.id }).from(persons).where(eq(persons.id, input.personId))
  if (!person) throw problems.notFound()
  if (input.targetEventId !== undefined) await liveTarget(tx, input.personId, input.targetEventId)
  if (input.event) checkProposedEvent(input.event)
  const pendingForTarget =
    input.targetEventId === undefined
      ? []
      : await tx
          .select({ id: eligibilityCorrections.id })
          .from(eligibilityCorrections)
          .where(
            and(
              eq(eligibilityCorrections.targetEventId, input.targetEventId),
              eq(eligibilityCorrections.status, 'pending'),
            ),
          )
  if (pendingForTarget.length > 0)
    throw new HttpProblem(409, 'conflict', `この記録には承認待ちの訂正（#${pendingForTarget[0]!.id}）があります`)
  const [row] = await tx
    .insert(eligibilityCorrections)
    .values({
      personId: input.personId,
      action: input.action,
      targetEventId: input.targetEventId ?? null,
      proposed: input.event ?? null,
      reason: input.reason,
      status: 'pending',
      rowVersion: 1,
      proposedBy: user.id,
      proposedAt: now,
    })
    .returning({ id: eligibilityCorrections.id })
  const [created] = await summaries(tx, { id: row!.id, pendingOnly: false })
  return strip(created!)
}

export async function decideCorrection(
  tx: Db | Tx,
  user: AuthenticatedUser,
  input: { id: number; rowVersion: number; decision: 'approve' | 'reject'; comment: string },
  now: Date,
): Promise<EligibilityCorrection> {
  const [current] = await tx
    .select()
    .from(eligibilityCorrections)
    .where(eq(eligibilityCorrections.id, input.id))
    .for('update')
  if (!current) throw problems.notFound()
  if (current.proposedBy === user.id)
    throw new HttpProblem(403, 'forbidden', '申請者本人は承認・却下できません。別の承認者に依頼してください')
  if (current.rowVersion !== input.rowVersion || current.status !== 'pending') throw problems.conflict()

  let appliedEventId: number | null = null
  if (input.decision === 'approve') {
    const target = current.targetEventId === null ? null : await liveTarget(tx, current.personId, current.targetEventId)
    const proposed = current.proposed as ProposedEvent | null
    if (proposed) checkProposedEvent(proposed)
    const detail: EligibilityEventDetail = {
      ...(proposed?.facilityType ? { facilityType: proposed.facilityType } : {}),
      ...(proposed?.facilityName ? { facilityName: proposed.facilityName } : {}),
      ...(proposed?.facilityMunicipality ? { facilityMunicipality: proposed.facilityMunicipality } : {}),
      note: `${correctionActionLabels[current.action]} #${current.id}: ${current.reason}`,
    }
    const [row] = await tx
      .insert(eligibilityEvents)
      .values({
        personId: current.personId,
        kind: proposed ? proposed.kind : 'void',
        category: proposed ? proposed.category : null,
        reason: proposed ? proposed.reason : 'correction',
        effectiveOn: proposed ? proposed.effectiveOn : target!.effectiveOn,
        recordedAt: now,
        source: 'manual',
        detail,
        supersedesId: target?.id ?? null,
        dedupeKey: `correction:${current.id}`,
        recordedBy: user.id,
      })
      .returning({ id: eligibilityEvents.id })
    appliedEventId = row!.id
    await syncSnapshot(tx, current.personId, todayInJapan(now))
  }
  const updated = await tx
    .update(eligibilityCorrections)
    .set({
      status: input.decision === 'approve' ? 'approved' : 'rejected',
      rowVersion: current.rowVersion + 1,
      decidedBy: user.id,
      decidedAt: now,
      decisionComment: input.comment || null,
      appliedEventId,
    })
    .where(and(eq(eligibilityCorrections.id, input.id), eq(eligibilityCorrections.rowVersion, input.rowVersion)))
    .returning({ id: eligibilityCorrections.id })
  if (updated.length === 0) throw problems.conflict()
  const [decided] = await summaries(tx, { id: input.id, pendingOnly: false })
  return strip(decided!)
}
