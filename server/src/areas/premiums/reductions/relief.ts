/**
 * The decision on a 減免・徴収猶予 application by a second person (four eyes: never the clerk who recorded it). An
 * approval of a 減免 computes the reduction from the ward's table (never more than the 納期 concerned not yet due), an
 * approval of a 徴収猶予 checks the 猶予期限 against the ward's longest 猶予; either appends the decision and, in the
 * same transaction, reassesses the person's year — the new version (reason 減免) carries the reduced annual amount
 * over the 納期 not yet due, or the moved due dates. A rejection records its reason and changes nothing else.
 */
import { todayInJapan } from '../../../../../shared/domain'
import {
  computeReduction,
  deferralProblem,
  installmentsConcerned,
} from '../../../../../shared/domain/premium-reduction'
import type { ReliefApplication, ReliefDecideRequest$ } from '../../../../../shared/api/premium-reductions'
import type { AssessResult } from '../../../../../shared/api/premiums'
import type { z } from 'zod'
import type { Db, Tx } from '../../../core/db/connect'
import { HttpProblem } from '../../../core/http/problem'
import { assessPersonYear } from '../assessment'
import {
  alreadyDecided,
  applicationForDecision,
  currentInstallments,
  readApplications,
  reliefRefusal,
  reliefTableFor,
  reliefTableVersionFor,
  reducibleInstallments,
} from './applications'
import { premiumReliefDecisions } from './schema'

export interface ReliefDecision {
  application: ReliefApplication
  /** The reassessment of an approval (null for a rejection). */
  assessment: AssessResult | null
}

export async function decideApplication(
  db: Db | Tx,
  input: z.output<typeof ReliefDecideRequest$>,
  userId: number,
  now: Date,
): Promise<ReliefDecision> {
  const today = todayInJapan(now)
  const application = await applicationForDecision(db, input.applicationId)
  if (application.recordedBy === userId)
    throw new HttpProblem(
      403,
      'forbidden',
      '申請を受け付けた職員本人は決定できません。別の決定者（監督者）に依頼してください',
    )
  let reductionAmount: number | null = null
  let deferredUntil: string | null = null
  let steps: string[] = []
  if (input.decision === 'reject') {
    if (input.comment === '') throw reliefRefusal('却下の理由を入力してください')
  } else {
    const current = await currentInstallments(db, application.personId, application.fiscalYear)
    if (!current) throw reliefRefusal(`${application.fiscalYear}年度の保険料が賦課されていません`)
    const table = reliefTableFor(application.fiscalYear)
    if (application.kind === 'reduction') {
      const result = computeReduction({
        reason: application.reason,
        figures: application.figures,
        table,
        installments: reducibleInstallments(current, application.seqs),
        seqs: application.seqs,
        today,
      })
      if ('notEligible' in result) throw reliefRefusal(`${result.notEligible}（承認できないときは却下してください）`)
      reductionAmount = result.amount
      steps = [...result.steps]
    } else {
      const concerned = installmentsConcerned(current.installments, application.seqs, today)
      const due = application.seqs.filter((s) => !concerned.some((i) => i.seq === s))
      if (due.length > 0) throw reliefRefusal(`第${due.join('・')}期は納期限を過ぎているため猶予できません`)
      deferredUntil = input.deferredUntil ?? application.requestedDeferredUntil
      if (deferredUntil === null) throw reliefRefusal('猶予期限を入力してください')
      const problem = deferralProblem(concerned, deferredUntil, table)
      if (problem) throw reliefRefusal(problem)
      steps = [`${concerned.map((i) => `第${i.seq}期（${i.dueDate}）`).join('・')}の納期限を ${deferredUntil} まで猶予`]
    }
  }
  if (input.decision === 'approve' && reliefTableVersionFor(application.fiscalYear).unverified)
    steps.push('区の減免・徴収猶予の基準は新宿区の既定値（条例と未照合 ⚠️）')
  const inserted = await db
    .insert(premiumReliefDecisions)
    .values({
      applicationId: application.id,
      outcome: input.decision === 'approve' ? 'approved' : 'rejected',
      reductionAmount,
      deferredUntil,
      comment: input.comment,
      steps,
      decidedOn: today,
      decidedAt: now,
      decidedBy: userId,
    })
    .onConflictDoNothing()
    .returning({ id: premiumReliefDecisions.id })
  if (inserted.length === 0) throw alreadyDecided()
  const assessment =
    input.decision === 'approve'
      ? await assessPersonYear(db, application.personId, application.fiscalYear, { today, now, userId })
      : null
  const [decided] = await readApplications(db, { id: application.id }, today)
  return { application: decided!, assessment }
}
