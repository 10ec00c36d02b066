/**
 * 二次判定 entry (docs/sources/certification.md §1.6, §1.7) and the 法第36条 decision without a board (§1.13). The
 * board's vote is checked against the attendance (quorum of the panel, majority of those present and not excluded,
 * the chair breaking a tie — voteOutcome), the result against boardDecisionProblems, and the validity is
 * validityPeriod's (start month rule; maximum months by kind, 介護保険法施行規則第38条・第41条).
 */
import { eq } from 'drizzle-orm'
import {
  boardDecisionProblems,
  certifies,
  transferInWithoutBoard,
  voteOutcome,
  type BoardResultCode,
} from '../../../../../shared/domain/certification-board'
import { validityPeriod, type ApplicationKind, type IsoDate } from '../../../../../shared/domain'
import type { Db, Tx } from '../../../core/db/connect'
import { problems } from '../../../core/http/problem'
import { certificationCases } from '../cases/schema'
import { advanceCaseStage, caseRefusal } from '../cases/stages'
import { certificationFirstDecisions } from '../first-decision/schema'
import {
  certificationAssignments,
  certificationAttendance,
  certificationBoardMembers,
  certificationDecisions,
  certificationMeetings,
} from './schema'

type CaseRow = typeof certificationCases.$inferSelect
export type DecisionRow = typeof certificationDecisions.$inferSelect

/** The validity rules know new, renewal and level change; an ex-officio change counts as a level change (法第30条). */
export const validityKindOf = (kind: CaseRow['kind']): ApplicationKind =>
  kind === 'renewal' ? 'renewal' : kind === 'new' || kind === 'transferIn' ? 'new' : 'levelChange'

export interface DecisionInput {
  caseId: number
  result: BoardResultCode
  validityMonths?: number | undefined
  sameLevel: boolean
  changeReason?: string | undefined
  stateExample?: '01' | '02' | '99' | undefined
  boardOpinion: string
  serviceTypes: string[]
  votesFor: number
  votesAgainst: number
  chairCasts?: boolean | undefined
}

async function caseRow(db: Db | Tx, caseId: number) {
  const [c] = await db.select().from(certificationCases).where(eq(certificationCases.id, caseId)).for('update')
  if (!c) throw problems.notFound()
  const [already] = await db.select().from(certificationDecisions).where(eq(certificationDecisions.caseId, caseId))
  if (already) throw caseRefusal(`申請 #${caseId} は判定済みです`)
  return c
}

function validity(c: CaseRow, months: number, sameLevel: boolean) {
  const kind = validityKindOf(c.kind)
  if (kind === 'renewal' && !c.previousValidTo)
    throw caseRefusal(`申請 #${c.id}: 更新申請に前回の有効期間の終わりがありません`)
  return validityPeriod({
    kind,
    applicationDate: c.appliedOn,
    months,
    sameLevel,
    ...(kind === 'renewal' ? { previousEnd: c.previousValidTo! } : {}),
  })
}

/** Records the board's decision on an assigned case; the case moves to 二次判定 on the meeting date. */
export async function recordBoardDecision(db: Db | Tx, input: DecisionInput, by: number | null, now: Date) {
  const c = await caseRow(db, input.caseId)
  const [assignment] = await db
    .select({ a: certificationAssignments, m: certificationMeetings })
    .from(certificationAssignments)
    .innerJoin(certificationMeetings, eq(certificationMeetings.id, certificationAssignments.meetingId))
    .where(eq(certificationAssignments.caseId, c.id))
  if (!assignment) throw caseRefusal(`申請 #${c.id} は審査会に割り付けられていません`)
  const [first] = await db
    .select()
    .from(certificationFirstDecisions)
    .where(eq(certificationFirstDecisions.caseId, c.id))
  if (!first) throw caseRefusal(`申請 #${c.id} には一次判定がありません`)
  const panelSize = (
    await db
      .select({ id: certificationBoardMembers.id })
      .from(certificationBoardMembers)
      .where(eq(certificationBoardMembers.panelId, assignment.m.panelId))
  ).length
  const excluded = new Set(assignment.a.excludedMemberIds)
  const present = (
    await db.select().from(certificationAttendance).where(eq(certificationAttendance.meetingId, assignment.m.id))
  ).filter((p) => !excluded.has(p.memberId))
  if (input.votesFor + input.votesAgainst !== present.length)
    throw caseRefusal(
      `賛成と反対の合計（${input.votesFor + input.votesAgainst}）が出席委員数（除斥を除く${present.length}人）と一致しません`,
    )
  const votes = present.map((p, i) => ({ memberId: p.memberId, inFavour: i < input.votesFor }))
  let outcome: 'adopted' | 'rejected'
  try {
    outcome = voteOutcome(panelSize, votes, input.chairCasts)
  } catch (error) {
    throw caseRefusal(error instanceof RangeError ? error.message : String(error))
  }
  if (outcome === 'rejected') throw caseRefusal('否決されました。別の判定案で改めて議決してください')
  const found = boardDecisionProblems({
    kind: validityKindOf(c.kind),
    applicationDate: c.appliedOn,
    sameLevel: input.sameLevel,
    firstDecision: first.result as BoardResultCode,
    result: input.result,
    ...(input.validityMonths !== undefined ? { validityMonths: input.validityMonths } : {}),
    ...(input.changeReason !== undefined ? { changeReason: input.changeReason } : {}),
    ...(input.stateExample !== undefined ? { stateExample: input.stateExample } : {}),
  })
  if (found.length > 0) throw caseRefusal(found.join('、'))
  const period = certifies(input.result) ? validity(c, input.validityMonths!, input.sameLevel) : null
  const decidedOn = assignment.m.heldOn
  const [row] = await db
    .insert(certificationDecisions)
    .values({
      caseId: c.id,
      personId: c.personId,
      meetingId: assignment.m.id,
      withoutBoard: false,
      decidedOn,
      result: input.result,
      firstDecision: first.result,
      validityMonths: period ? input.validityMonths! : null,
      validFrom: period?.start ?? null,
      validTo: period?.end ?? null,
      changeReason: input.changeReason ?? '',
      stateExample: input.stateExample ?? null,
      boardOpinion: input.boardOpinion,
      serviceTypes: input.serviceTypes,
      votesFor: input.votesFor,
      votesAgainst: input.votesAgainst,
      chairCast: input.chairCasts ?? null,
      decidedAt: now,
      decidedBy: by,
    })
    .returning()
  // 再調査・継続審査 keep the case open at the board; a level or 非該当 decides it.
  if (input.result !== '31' && input.result !== 'continued')
    await advanceCaseStage(db, c.id, 'decided', decidedOn, by, { now, details: { result: input.result } })
  return row!
}

/**
 * 法第36条: a 転入 with the previous insurer's 受給資格証明書, applied for within 14 days of becoming insured here, is
 * certified with the certificate's level and without the board; the validity is counted as a new one (§1.13 ⚠️).
 */
export async function decideTransferIn(
  db: Db | Tx,
  input: {
    caseId: number
    level: BoardResultCode
    qualifiedOn?: IsoDate | undefined
    validityMonths: number
    previousInsurer?: string | undefined
  },
  today: IsoDate,
  by: number | null,
  now: Date,
) {
  const c = await caseRow(db, input.caseId)
  if (c.kind !== 'transferIn' || c.boardRequired)
    throw caseRefusal(`申請 #${c.id} は受給資格証明書による申請ではありません（審査会で判定します）`)
  const certificate = c.transferCertificate as
    (NonNullable<typeof c.transferCertificate> & { movedInOn?: string }) | null
  const qualifiedOn = input.qualifiedOn ?? certificate?.movedInOn
  const previousInsurer = input.previousInsurer ?? certificate?.formerInsurer ?? ''
  if (!qualifiedOn) throw caseRefusal('転入日（qualifiedOn）を入力してください')
  if (!transferInWithoutBoard(qualifiedOn, c.appliedOn))
    throw caseRefusal('資格取得日から14日を過ぎた申請です。通常の申請として審査会で判定します（介護保険法第36条）')
  const period = validity(c, input.validityMonths, false)
  const [row] = await db
    .insert(certificationDecisions)
    .values({
      caseId: c.id,
      personId: c.personId,
      meetingId: null,
      withoutBoard: true,
      decidedOn: today,
      result: input.level,
      firstDecision: null,
      validityMonths: input.validityMonths,
      validFrom: period.start,
      validTo: period.end,
      changeReason: '',
      stateExample: null,
      boardOpinion: `受給資格証明書（${previousInsurer}）による認定（介護保険法第36条）`,
      serviceTypes: [],
      votesFor: null,
      votesAgainst: null,
      chairCast: null,
      decidedAt: now,
      decidedBy: by,
    })
    .returning()
  await advanceCaseStage(db, c.id, 'decided', today, by, { now, details: { result: input.level, withoutBoard: true } })
  return row!
}

export async function decisionOf(db: Db | Tx, caseId: number): Promise<DecisionRow | null> {
  const [row] = await db.select().from(certificationDecisions).where(eq(certificationDecisions.caseId, caseId))
  return row ?? null
}
