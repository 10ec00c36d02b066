/**
 * 利用者負担の減免・軽減 (利用者負担減免, 社会福祉法人等軽減, 訪問介護利用者負担額減額, 離島等軽減): the application
 * (給付担当) with its kind, rate, period and reason, refused when it breaks a rule of shared/domain/copay-reduction.ts or
 * overlaps a period of the same kind; the decision (承認・却下) by a second person, once — the facts of the application
 * are never changed (a trigger refuses it, migration 0059) and an approval reaches the 受給者異動.
 */
import { and, asc, eq } from 'drizzle-orm'
import {
  copayReductionKindLabels,
  copayReductionRefusal,
  overlappingReduction,
  type CopayReductionKind,
} from '../../../../shared/domain/copay-reduction'
import { todayInJapan, type IsoDate } from '../../../../shared/domain'
import type { CopayReduction } from '../../../../shared/api/recipients'
import type { Db, Tx } from '../../core/db/connect'
import { HttpProblem, problems } from '../../core/http/problem'
import { persons } from '../persons/schema'
import { RECIPIENT_CHANGE_KINDS } from './change-kinds'
import { queueRecipientChanges } from './queue'
import { copayReductions } from './schema'

type Row = typeof copayReductions.$inferSelect

const statusLabels = { applied: '申請中', approved: '承認', rejected: '却下' } as const

export const reductionOf = (r: Row): CopayReduction => ({
  id: r.id,
  kind: r.kind as CopayReductionKind,
  ratePercent: r.ratePercent,
  appliedOn: r.appliedOn,
  validFrom: r.validFrom,
  validTo: r.validTo,
  reason: r.reason,
  status: r.status,
  decidedOn: r.decidedOn,
  decisionNote: r.decisionNote,
  rowVersion: r.rowVersion,
})

/** A person's applications and 減免, by validFrom. */
export async function reductionsOf(db: Db | Tx, personId: number): Promise<Row[]> {
  return db
    .select()
    .from(copayReductions)
    .where(eq(copayReductions.personId, personId))
    .orderBy(asc(copayReductions.validFrom), asc(copayReductions.id))
}

export async function applyReduction(
  db: Db | Tx,
  input: {
    personId: number
    kind: CopayReductionKind
    ratePercent: number | null
    appliedOn: IsoDate
    validFrom: IsoDate
    validTo: IsoDate
    reason: string
  },
  userId: number,
  now: Date,
): Promise<Row> {
  const refusal = copayReductionRefusal(input, todayInJapan(now))
  if (refusal) throw new HttpProblem(422, 'reductionRefused', refusal)
  // One application at a time per person: two concurrent ones cannot both pass the overlap check.
  const [locked] = await db.select({ id: persons.id }).from(persons).where(eq(persons.id, input.personId)).for('update')
  if (!locked) throw problems.notFound()
  const clash = overlappingReduction(await reductionsOf(db, input.personId), input)
  if (clash)
    throw new HttpProblem(
      422,
      'reductionRefused',
      `減免の期間が既存の${clash.status === 'applied' ? '申請' : '減免'}（${clash.validFrom}〜${clash.validTo}、` +
        `${copayReductionKindLabels[clash.kind as CopayReductionKind]}、${statusLabels[clash.status]}）と重なっています`,
    )
  const [row] = await db
    .insert(copayReductions)
    .values({ ...input, status: 'applied', recordedAt: now, recordedBy: userId })
    .returning()
  return row!
}

/** The person an application concerns (404 when there is none). */
export async function reductionPersonId(db: Db | Tx, recordId: number): Promise<number> {
  const [row] = await db
    .select({ personId: copayReductions.personId })
    .from(copayReductions)
    .where(eq(copayReductions.id, recordId))
  if (!row) throw new HttpProblem(404, 'notFound', '減免の申請が見つかりません')
  return row.personId
}

export async function decideReduction(
  db: Db | Tx,
  input: { recordId: number; approve: boolean; decisionNote?: string | undefined; rowVersion: number },
  userId: number,
  now: Date,
): Promise<Row> {
  const [current] = await db.select().from(copayReductions).where(eq(copayReductions.id, input.recordId))
  if (!current) throw new HttpProblem(404, 'notFound', '減免の申請が見つかりません')
  if (current.status !== 'applied') throw new HttpProblem(409, 'wrongState', 'この申請はすでに決定されています')
  // Four eyes: whoever recorded the application does not decide it.
  if (current.recordedBy === userId)
    throw new HttpProblem(403, 'forbidden', '自分が受け付けた申請は決定できません。別の職員に決定を依頼してください')
  const today = todayInJapan(now)
  const [row] = await db
    .update(copayReductions)
    .set({
      status: input.approve ? 'approved' : 'rejected',
      decidedOn: today,
      decidedBy: userId,
      decisionNote: input.decisionNote ?? null,
      rowVersion: current.rowVersion + 1,
    })
    .where(and(eq(copayReductions.id, input.recordId), eq(copayReductions.rowVersion, input.rowVersion)))
    .returning()
  if (!row) throw new HttpProblem(409, 'stale', '申請は他の操作で変更されました。読み直してください')
  if (row.status === 'approved')
    await queueRecipientChanges(
      db,
      [
        {
          personId: row.personId,
          changeKind: RECIPIENT_CHANGE_KINDS.copayReduction,
          effectiveOn: row.validFrom,
          payload: {
            reductionId: row.id,
            kind: row.kind,
            ratePercent: row.ratePercent,
            validFrom: row.validFrom,
            validTo: row.validTo,
          },
        },
      ],
      today,
      now,
    )
  return row
}
