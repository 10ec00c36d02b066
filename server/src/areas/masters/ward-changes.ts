/**
 * Changing the ward parameters: a システム管理者 proposes a new version with a future effective date, a 監督者 —
 * never the proposer — approves or rejects it (four-eyes). Approval publishes a new master version that adds one row;
 * no past version is rewritten (and the database refuses to). Each step runs in its request's transaction together
 * with its audit row (server/src/core/http/app.ts).
 */
import { desc, eq } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import { parseIsoDate, type IsoDate } from '../../../../shared/domain'
import type {
  ProposeWardChange,
  WardChangeDetail,
  WardChangeList,
  WardChangeSummary,
} from '../../../../shared/masters/api'
import { parseMasterPayload, type MasterRow } from '../../../../shared/masters/datasets'
import { diffWardParameters } from '../../../../shared/masters/diff'
import { memoryMasterReader } from '../../../../shared/masters/engine'
import { toMasterRow } from '../../../../shared/masters/rows'
import {
  validateWardParameters,
  type WardParameterPayload,
  type WardParameters,
} from '../../../../shared/masters/ward-parameters'
import type { AuthenticatedUser } from '../../core/sessions/sessions'
import type { Db, Tx } from '../../core/db/connect'
import { users } from '../../core/db/schema'
import { HttpProblem, problems } from '../../core/http/problem'
import { masterChangeRequests, masterVersions } from './schema'
import { WARD_PARAMETERS_META } from './shipped'
import { liveRows, lockMasters, publishChanges } from './store'

const DATASET = 'ward.parameters'

/** What a request stores: the proposed set and its flags (the payload of the version it would publish). */
interface StoredProposal {
  parameters: WardParameters
  unverified: WardParameterPayload['unverified']
}

const proposer = alias(users, 'proposer')
const decider = alias(users, 'decider')

async function summaries(db: Db | Tx, id?: number): Promise<(WardChangeSummary & { proposedById: number })[]> {
  const rows = await db
    .select({
      id: masterChangeRequests.id,
      effectiveFrom: masterChangeRequests.effectiveFrom,
      status: masterChangeRequests.status,
      note: masterChangeRequests.note,
      proposedById: masterChangeRequests.proposedBy,
      proposedAt: masterChangeRequests.proposedAt,
      decidedAt: masterChangeRequests.decidedAt,
      decisionComment: masterChangeRequests.decisionComment,
      proposerLoginId: proposer.loginId,
      proposerName: proposer.displayName,
      deciderLoginId: decider.loginId,
      deciderName: decider.displayName,
      version: masterVersions.version,
    })
    .from(masterChangeRequests)
    .innerJoin(proposer, eq(proposer.id, masterChangeRequests.proposedBy))
    .leftJoin(decider, eq(decider.id, masterChangeRequests.decidedBy))
    .leftJoin(masterVersions, eq(masterVersions.changeRequestId, masterChangeRequests.id))
    .where(id === undefined ? undefined : eq(masterChangeRequests.id, id))
    .orderBy(desc(masterChangeRequests.id))
    .limit(id === undefined ? 100 : 1)
  return rows.map((r) => ({
    id: r.id,
    effectiveFrom: r.effectiveFrom,
    status: r.status,
    note: r.note,
    proposedBy: { loginId: r.proposerLoginId, displayName: r.proposerName },
    proposedById: r.proposedById,
    proposedAt: r.proposedAt.toISOString(),
    decidedBy: r.deciderLoginId !== null ? { loginId: r.deciderLoginId, displayName: r.deciderName ?? '' } : null,
    decidedAt: r.decidedAt?.toISOString() ?? null,
    decisionComment: r.decisionComment,
    publishedVersion: r.version ?? null,
  }))
}

function payloadOf(row: MasterRow): WardParameterPayload {
  return parseMasterPayload(DATASET, row.payload)
}

/** Approved versions and the latest requests. */
export async function listWardChanges(db: Db | Tx, today: IsoDate): Promise<WardChangeList> {
  const versions = await liveRows(db, DATASET)
  const inForce = memoryMasterReader({ [DATASET]: versions }).latestFrom(DATASET, today)
  const requests = await summaries(db)
  return {
    today,
    versions: versions
      .sort((a, b) => ((a.validFrom ?? '') < (b.validFrom ?? '') ? -1 : 1))
      .map((row) => {
        const p = payloadOf(row)
        return {
          validFrom: row.validFrom ?? '',
          validTo: row.validTo,
          basePremium: p.value.basePremium,
          stageCount: p.value.stageTable.rates.length,
          changeRequestId: p.changeRequestId,
          unverifiedCount: p.unverified.length,
          inForceToday: inForce !== null && inForce.key === row.key && (row.validTo === null || today <= row.validTo),
        }
      }),
    requests: requests.map(({ proposedById: _ignored, ...s }) => s),
  }
}

function proposalPayload(id: number | null, stored: StoredProposal, note: string): WardParameterPayload {
  return {
    value: stored.parameters,
    source: WARD_PARAMETERS_META.source,
    unverified: stored.unverified,
    note,
    changeRequestId: id,
  }
}

/** A request with its proposed payload, the version it is compared with, and the side-by-side diff. */
export async function wardChangeDetail(db: Db | Tx, id: number): Promise<WardChangeDetail> {
  const [summary] = await summaries(db, id)
  const [request] = await db.select().from(masterChangeRequests).where(eq(masterChangeRequests.id, id))
  if (!summary || !request) throw problems.notFound()
  const proposed = proposalPayload(id, request.payload as StoredProposal, request.note)
  // The baseline: the approved version in force just before the effective date (never the request's own row).
  const before = (await liveRows(db, DATASET))
    .filter((r) => (r.validFrom ?? '') < request.effectiveFrom)
    .sort((a, b) => ((a.validFrom ?? '') < (b.validFrom ?? '') ? 1 : -1))[0]
  const baseline = before
    ? { validFrom: before.validFrom ?? '', validTo: before.validTo, payload: payloadOf(before) }
    : null
  const { proposedById: _ignored, ...rest } = summary
  return {
    request: rest,
    proposed,
    baseline,
    diff: diffWardParameters(baseline?.payload.value ?? null, proposed.value),
  }
}

function assertFuture(effectiveFrom: IsoDate, today: IsoDate, message: string): void {
  try {
    parseIsoDate(effectiveFrom)
  } catch {
    throw problems.invalidRequest('効力発生日が正しい日付ではありません')
  }
  if (effectiveFrom <= today) throw new HttpProblem(409, 'conflict', message)
}

function assertValid(parameters: WardParameters): void {
  const issues = validateWardParameters(parameters)
  // The rule broken is the message staff see (the problem title), not a generic one.
  if (issues.length > 0) throw new HttpProblem(400, 'invalidRequest', issues.map((i) => i.message).join(' / '))
}

interface Step {
  today: IsoDate
  now: Date
  /** The request's audit row (written by the route framework in the same transaction). */
  audit: { purpose(text: string): void }
}

/**
 * Records a proposal (status pending), in the request's transaction. The effective date must lie in the future and
 * must not be the date of an approved version.
 */
export async function proposeWardChange(
  tx: Db | Tx,
  user: AuthenticatedUser,
  input: ProposeWardChange,
  step: Step,
): Promise<WardChangeDetail> {
  step.audit.purpose(`区の保険料パラメータ 変更申請（効力発生日 ${input.effectiveFrom}）`)
  assertFuture(
    input.effectiveFrom,
    step.today,
    '効力発生日は明日以降の日付を指定してください（過去の版は書き換えられません）',
  )
  assertValid(input.parameters)
  await lockMasters(tx)
  if ((await liveRows(tx, DATASET)).some((r) => r.key === input.effectiveFrom)) {
    throw new HttpProblem(409, 'conflict', 'その効力発生日の版は既に承認されています。別の日付を指定してください')
  }
  const stored: StoredProposal = { parameters: input.parameters, unverified: input.unverified }
  const [row] = await tx
    .insert(masterChangeRequests)
    .values({
      dataset: DATASET,
      effectiveFrom: input.effectiveFrom,
      payload: stored,
      note: input.note,
      status: 'pending',
      proposedBy: user.id,
      proposedAt: step.now,
    })
    .returning({ id: masterChangeRequests.id })
  if (!row) throw problems.internal()
  step.audit.purpose(`区の保険料パラメータ 変更申請 #${row.id}（効力発生日 ${input.effectiveFrom}）`)
  return wardChangeDetail(tx, row.id)
}

/**
 * Approves or rejects a pending request, in the request's transaction. The proposer can never decide their own
 * request (403, audited as denied by the route). Approval publishes the new version — one added row, nothing
 * rewritten — together with the request's new status and the audit row.
 */
export async function decideWardChange(
  tx: Db | Tx,
  user: AuthenticatedUser,
  input: { id: number; decision: 'approve' | 'reject'; comment: string },
  step: Step,
): Promise<WardChangeDetail> {
  const verb = input.decision === 'approve' ? '承認' : '却下'
  step.audit.purpose(`区の保険料パラメータ 変更申請 #${input.id} の${verb}`)
  await lockMasters(tx)
  const [current] = await tx
    .select()
    .from(masterChangeRequests)
    .where(eq(masterChangeRequests.id, input.id))
    .for('update')
  if (!current) throw problems.notFound()
  if (current.proposedBy === user.id) {
    throw new HttpProblem(403, 'forbidden', '申請者本人は承認・却下できません。別の承認者に依頼してください')
  }
  if (current.status !== 'pending') {
    throw new HttpProblem(409, 'conflict', 'この変更申請は既に処理されています。画面を開き直してください')
  }
  let publishedRevision: number | null = null
  if (input.decision === 'approve') {
    assertFuture(
      current.effectiveFrom,
      step.today,
      '効力発生日を過ぎた申請は承認できません。新しい効力発生日で申請し直してください',
    )
    const stored = current.payload as StoredProposal
    assertValid(stored.parameters)
    if ((await liveRows(tx, DATASET)).some((r) => r.key === current.effectiveFrom)) {
      throw new HttpProblem(409, 'conflict', 'その効力発生日の版は既に承認されています（過去の版は書き換えられません）')
    }
    const row = toMasterRow(DATASET, {
      key: current.effectiveFrom,
      validFrom: current.effectiveFrom,
      validTo: null,
      payload: proposalPayload(current.id, stored, current.note),
    })
    const version = await publishChanges(
      tx,
      DATASET,
      { upserts: [row], deletes: [] },
      { reason: `変更申請 #${current.id} の承認`, publishedBy: user.id, changeRequestId: current.id, now: step.now },
    )
    publishedRevision = version?.revision ?? null
  }
  await tx
    .update(masterChangeRequests)
    .set({
      status: input.decision === 'approve' ? 'approved' : 'rejected',
      decidedBy: user.id,
      decidedAt: step.now,
      decisionComment: input.comment,
      publishedRevision,
    })
    .where(eq(masterChangeRequests.id, input.id))
  step.audit.purpose(`区の保険料パラメータ 変更申請 #${input.id} を${verb}（効力発生日 ${current.effectiveFrom}）`)
  return wardChangeDetail(tx, input.id)
}
