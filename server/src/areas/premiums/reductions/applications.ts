/**
 * 減免・徴収猶予 applications: recording one (a 賦課収納担当, with the reason from the ward's list, the 納期 concerned,
 * the figures the reason needs and the documents received), withdrawing a pending one (取下げ), and reading them — a
 * person's applications with their decision, or the queue of pending ones for the deciding 監督者, each pending 減免
 * with what the ward's table gives today. Everything is appended, nothing overwritten (schema.ts).
 */
import { and, asc, desc, eq, inArray, isNull } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import { fiscalYearStart, todayInJapan, versionAt, type PlannedInstallment } from '../../../../../shared/domain'
import {
  computeReduction,
  reliefKindLabels,
  SHINJUKU_RELIEF_TABLE,
  type ReliefTable,
} from '../../../../../shared/domain/premium-reduction'
import type {
  ReliefApplication,
  ReliefApplyRequest$,
  ReliefWithdrawRequest$,
} from '../../../../../shared/api/premium-reductions'
import type { z } from 'zod'
import type { Db, Tx } from '../../../core/db/connect'
import { users } from '../../../core/db/schema'
import { HttpProblem, problems } from '../../../core/http/problem'
import { persons } from '../../persons/schema'
import { loadAssessments } from '../assessment'
import { premiumAssessments } from '../schema'
import { premiumReliefApplications, premiumReliefDecisions } from './schema'

const recorder = alias(users, 'relief_recorder')
const decider = alias(users, 'relief_decider')

/** A refusal of the relief rules, with the rule as the title staff see. */
export const reliefRefusal = (message: string) => new HttpProblem(422, 'reliefRefused', message)

/** The ward's table of reasons and rates in force for the fiscal year (its 4/1). */
export const reliefTableVersionFor = (fiscalYear: number) =>
  versionAt(SHINJUKU_RELIEF_TABLE, fiscalYearStart(fiscalYear), 'relief table')
export const reliefTableFor = (fiscalYear: number): ReliefTable => reliefTableVersionFor(fiscalYear).value

/**
 * The installments of the person's current version of the year, or null when the year is not assessed: the 普通徴収
 * 納期 (`installments`, the ones an application names by 期) and the 特別徴収 payments (`withholding`).
 */
export async function currentInstallments(
  db: Db | Tx,
  personId: number,
  fiscalYear: number,
): Promise<{ version: number; installments: PlannedInstallment[]; withholding: PlannedInstallment[] } | null> {
  const versions = (await loadAssessments(db, personId)).filter((v) => v.fiscalYear === fiscalYear)
  const current = versions[versions.length - 1]
  if (!current) return null
  const of = (method: 'direct' | 'withholding') =>
    current.installments
      .filter((i) => i.method === method)
      .map((i) => ({ seq: i.seq, month: i.period, dueDate: i.dueDate, amount: i.amount }))
  return { version: current.version, installments: of('direct'), withholding: of('withholding') }
}

/**
 * What a 減免 may reduce: the 普通徴収 納期 named, or — none named — every installment of the year, 特別徴収 payments
 * included (computeReduction keeps those not yet due).
 */
export const reducibleInstallments = (
  current: { installments: PlannedInstallment[]; withholding: PlannedInstallment[] },
  seqs: readonly number[],
): PlannedInstallment[] =>
  seqs.length === 0 ? [...current.installments, ...current.withholding] : current.installments

type ApplicationRow = typeof premiumReliefApplications.$inferSelect

export async function recordApplication(
  db: Db | Tx,
  input: z.output<typeof ReliefApplyRequest$>,
  userId: number,
  now: Date,
): Promise<ReliefApplication> {
  const today = todayInJapan(now)
  if (input.receivedOn > today) throw reliefRefusal(`申請受付日 ${input.receivedOn} は本日（${today}）より後です`)
  const current = await currentInstallments(db, input.personId, input.fiscalYear)
  if (!current)
    throw reliefRefusal(
      `${input.fiscalYear}年度の保険料がまだ賦課されていないため、${reliefKindLabels[input.kind]}を申請できません`,
    )
  const unknown = input.seqs.filter((s) => !current.installments.some((i) => i.seq === s))
  if (unknown.length > 0) throw reliefRefusal(`第${unknown.join('・')}期は${input.fiscalYear}年度の納期にありません`)
  if (input.kind === 'deferral') {
    if (input.seqs.length === 0) throw reliefRefusal('徴収猶予する納期を選んでください')
    if (input.deferredUntil === null) throw reliefRefusal('徴収猶予には猶予期限（希望）が必要です')
  } else if (input.deferredUntil !== null) throw reliefRefusal('猶予期限は徴収猶予の申請にだけ入力します')
  const pending = await db
    .select({ id: premiumReliefApplications.id })
    .from(premiumReliefApplications)
    .leftJoin(premiumReliefDecisions, eq(premiumReliefDecisions.applicationId, premiumReliefApplications.id))
    .where(
      and(
        eq(premiumReliefApplications.personId, input.personId),
        eq(premiumReliefApplications.fiscalYear, input.fiscalYear),
        eq(premiumReliefApplications.kind, input.kind),
        isNull(premiumReliefDecisions.id),
      ),
    )
  if (pending.length > 0)
    throw new HttpProblem(
      409,
      'conflict',
      `${input.fiscalYear}年度の${reliefKindLabels[input.kind]}には決定待ちの申請（#${pending[0]!.id}）があります`,
    )
  const [row] = await db
    .insert(premiumReliefApplications)
    .values({
      personId: input.personId,
      fiscalYear: input.fiscalYear,
      kind: input.kind,
      reason: input.reliefReason,
      seqs: [...input.seqs].sort((a, b) => a - b),
      figures: input.figures,
      documents: input.documents,
      receivedOn: input.receivedOn,
      requestedDeferredUntil: input.deferredUntil,
      note: input.note,
      recordedAt: now,
      recordedBy: userId,
    })
    .returning({ id: premiumReliefApplications.id })
  return (await readApplications(db, { id: row!.id }, today))[0]!
}

/** 取下げ of a pending application (by the applicant, recorded by any clerk): a 取下げ decision row. */
export async function withdrawApplication(
  db: Db | Tx,
  input: z.output<typeof ReliefWithdrawRequest$>,
  userId: number,
  now: Date,
): Promise<ReliefApplication> {
  const today = todayInJapan(now)
  const application = await applicationForDecision(db, input.applicationId)
  await db
    .insert(premiumReliefDecisions)
    .values({
      applicationId: application.id,
      outcome: 'withdrawn',
      reductionAmount: null,
      deferredUntil: null,
      comment: input.comment,
      steps: [],
      decidedOn: today,
      decidedAt: now,
      decidedBy: userId,
    })
    .onConflictDoNothing()
    .returning({ id: premiumReliefDecisions.id })
    .then((rows) => {
      if (rows.length === 0) throw alreadyDecided()
    })
  return (await readApplications(db, { id: application.id }, today))[0]!
}

const alreadyDecided = () => new HttpProblem(409, 'conflict', 'この申請は既に決定（または取下げ）されています')

/** The application, refused when missing (404) or already decided (409). */
export async function applicationForDecision(db: Db | Tx, id: number): Promise<ApplicationRow> {
  const [application] = await db.select().from(premiumReliefApplications).where(eq(premiumReliefApplications.id, id))
  if (!application) throw problems.notFound()
  const decided = await db
    .select({ id: premiumReliefDecisions.id })
    .from(premiumReliefDecisions)
    .where(eq(premiumReliefDecisions.applicationId, id))
  if (decided.length > 0) throw alreadyDecided()
  return application
}

export { alreadyDecided }

/**
 * Applications with their decision: one (`id`), a person's (`personId`), or the pending ones (`pendingOnly`, the
 * queue; optionally of one fiscal year), newest first, at most 500. A pending 減免 carries what the ward's table gives
 * on `today`.
 */
export async function readApplications(
  db: Db | Tx,
  where: { id?: number; personId?: number; pendingOnly?: boolean; fiscalYear?: number },
  today: string,
): Promise<ReliefApplication[]> {
  const conditions = [
    where.id !== undefined ? eq(premiumReliefApplications.id, where.id) : undefined,
    where.personId !== undefined ? eq(premiumReliefApplications.personId, where.personId) : undefined,
    where.fiscalYear !== undefined ? eq(premiumReliefApplications.fiscalYear, where.fiscalYear) : undefined,
    where.pendingOnly ? isNull(premiumReliefDecisions.id) : undefined,
  ].filter((c) => c !== undefined)
  const rows = await db
    .select({
      a: premiumReliefApplications,
      d: premiumReliefDecisions,
      familyName: persons.familyName,
      givenName: persons.givenName,
      insuredNumber: persons.insuredNumber,
      recorderLoginId: recorder.loginId,
      recorderName: recorder.displayName,
      deciderLoginId: decider.loginId,
      deciderName: decider.displayName,
    })
    .from(premiumReliefApplications)
    .innerJoin(persons, eq(persons.id, premiumReliefApplications.personId))
    .innerJoin(recorder, eq(recorder.id, premiumReliefApplications.recordedBy))
    .leftJoin(premiumReliefDecisions, eq(premiumReliefDecisions.applicationId, premiumReliefApplications.id))
    .leftJoin(decider, eq(decider.id, premiumReliefDecisions.decidedBy))
    .where(conditions.length > 0 ? and(...conditions) : undefined)
    .orderBy(where.pendingOnly ? asc(premiumReliefApplications.id) : desc(premiumReliefApplications.id))
    .limit(500)
  const versions = await approvalVersions(
    db,
    rows.flatMap((r) =>
      r.d?.outcome === 'approved' ? [{ personId: r.a.personId, fiscalYear: r.a.fiscalYear, at: r.d.decidedAt }] : [],
    ),
  )
  const out: ReliefApplication[] = []
  for (const r of rows) {
    const a = r.a
    let proposal: ReliefApplication['proposal'] = null
    if (r.d === null && a.kind === 'reduction') {
      const current = await currentInstallments(db, a.personId, a.fiscalYear)
      const result = current
        ? computeReduction({
            reason: a.reason,
            figures: a.figures,
            table: reliefTableFor(a.fiscalYear),
            installments: reducibleInstallments(current, a.seqs),
            seqs: a.seqs,
            today,
          })
        : { notEligible: `${a.fiscalYear}年度の保険料が賦課されていません` }
      proposal =
        'notEligible' in result
          ? { amount: null, base: null, notEligible: result.notEligible, steps: [] }
          : { amount: result.amount, base: result.base, notEligible: null, steps: [...result.steps] }
    }
    out.push({
      id: a.id,
      personId: a.personId,
      person: { name: `${r.familyName} ${r.givenName}`, insuredNumber: r.insuredNumber },
      fiscalYear: a.fiscalYear,
      kind: a.kind,
      reliefReason: a.reason,
      seqs: a.seqs,
      figures: a.figures,
      documents: a.documents,
      receivedOn: a.receivedOn,
      requestedDeferredUntil: a.requestedDeferredUntil,
      note: a.note,
      recordedBy: { loginId: r.recorderLoginId, displayName: r.recorderName },
      recordedAt: a.recordedAt.toISOString(),
      status: r.d === null ? 'pending' : r.d.outcome,
      proposal,
      decision:
        r.d === null
          ? null
          : {
              outcome: r.d.outcome,
              reductionAmount: r.d.reductionAmount,
              deferredUntil: r.d.deferredUntil,
              comment: r.d.comment,
              decidedOn: r.d.decidedOn,
              decidedAt: r.d.decidedAt.toISOString(),
              decidedBy: { loginId: r.deciderLoginId ?? '', displayName: r.deciderName ?? '' },
              assessmentVersion:
                r.d.outcome === 'approved'
                  ? (versions.get(`${a.personId}:${a.fiscalYear}:${r.d.decidedAt.getTime()}`) ?? null)
                  : null,
              steps: r.d.steps,
            },
    })
  }
  return out
}

/**
 * The 賦課基本 version each approval's reassessment appended: the version of the person's year assessed at the
 * decision's instant (the approval and its reassessment run in one transaction with one clock reading).
 */
async function approvalVersions(
  db: Db | Tx,
  approvals: readonly { personId: number; fiscalYear: number; at: Date }[],
): Promise<Map<string, number>> {
  const found = new Map<string, number>()
  if (approvals.length === 0) return found
  const rows = await db
    .select({
      personId: premiumAssessments.personId,
      fiscalYear: premiumAssessments.fiscalYear,
      version: premiumAssessments.version,
      assessedAt: premiumAssessments.assessedAt,
    })
    .from(premiumAssessments)
    .where(
      and(
        inArray(premiumAssessments.personId, [...new Set(approvals.map((a) => a.personId))]),
        eq(premiumAssessments.reason, 'reduction'),
      ),
    )
  for (const r of rows) found.set(`${r.personId}:${r.fiscalYear}:${r.assessedAt.getTime()}`, r.version)
  return found
}
