/**
 * The 介護認定審査会 secretariat (docs/sources/certification.md §1.6, §1.7): 合議体 and members, meetings, the automatic
 * assignment (shared/domain/certification-board.ts `assignCases`: urgent first, 除斥 by affiliation and by name, terms,
 * capacity), attendance and quorum. Every write in the caller's transaction.
 */
import { and, asc, count, eq, gte, inArray, isNull, sql } from 'drizzle-orm'
import {
  assignCases,
  excludedMembers,
  memberTermEnd,
  panelProblems,
  quorumMet,
  quorumOf,
  type BoardCase,
  type BoardMember,
} from '../../../../../shared/domain/certification-board'
import { ageOn, type IsoDate } from '../../../../../shared/domain'
import { valueAt } from '../../../../../shared/domain/versioned'
import { BOARD_MEMBER_FEES } from '../../../../../shared/domain/parameters/board-fees'
import { BOARD_RULES } from '../../../../../shared/domain/parameters/certification'
import type { Db, Tx } from '../../../core/db/connect'
import { problems } from '../../../core/http/problem'
import { persons } from '../../persons/schema'
import { certificationCases } from '../cases/schema'
import { advanceCaseStage, caseRefusal, loadCases } from '../cases/stages'
import { certificationFirstDecisions } from '../first-decision/schema'
import {
  certificationAssignments,
  certificationAttendance,
  certificationBoardMembers,
  certificationCaseExclusions,
  certificationDecisions,
  certificationMeetings,
  certificationPanels,
} from './schema'

type MemberRow = typeof certificationBoardMembers.$inferSelect
type MeetingRow = typeof certificationMeetings.$inferSelect

export const memberView = (m: MemberRow) => ({
  id: m.id,
  panelId: m.panelId,
  memberName: m.memberName,
  profession: m.profession,
  chair: m.chair,
  psychiatrist: m.psychiatrist,
  termFrom: m.termFrom,
  termTo: m.termTo,
  affiliationProviderNos: m.affiliationProviderNos,
})

/** The shared rules see providers as numbers: a 事業所番号 is 10 digits, exact in a double. */
const providerId = (no: string) => Number(no)
const asBoardMember = (m: MemberRow): BoardMember => ({
  id: m.id,
  termFrom: m.termFrom,
  termTo: m.termTo,
  affiliationIds: m.affiliationProviderNos.map(providerId),
})

export async function createPanel(
  db: Db | Tx,
  input: { panelName: string; reducedAllowed: boolean },
  by: number | null,
  now: Date,
) {
  const [row] = await db
    .insert(certificationPanels)
    .values({ panelName: input.panelName, reducedAllowed: input.reducedAllowed, createdAt: now, createdBy: by })
    .returning()
  return row!
}

export async function addBoardMember(
  db: Db | Tx,
  input: {
    panelId: number
    memberName: string
    profession: string
    chair: boolean
    psychiatrist: boolean
    termFrom: IsoDate
    termTo?: IsoDate | undefined
    affiliationProviderNos: string[]
  },
  now: Date,
) {
  const [panel] = await db.select().from(certificationPanels).where(eq(certificationPanels.id, input.panelId))
  if (!panel) throw problems.notFound()
  const termTo = input.termTo ?? memberTermEnd(input.termFrom)
  if (termTo < input.termFrom) throw caseRefusal('任期の終わりが始まりより前です')
  if (input.chair) {
    const chairs = await db
      .select({ id: certificationBoardMembers.id })
      .from(certificationBoardMembers)
      .where(and(eq(certificationBoardMembers.panelId, panel.id), eq(certificationBoardMembers.chair, true)))
    if (chairs.length > 0) throw caseRefusal('この合議体には既に合議体の長がいます')
  }
  const [row] = await db
    .insert(certificationBoardMembers)
    .values({ ...input, termTo, createdAt: now })
    .returning()
  return memberView(row!)
}

export async function listPanels(db: Db | Tx, today: IsoDate) {
  const panels = await db.select().from(certificationPanels).orderBy(asc(certificationPanels.id))
  const members = await db.select().from(certificationBoardMembers).orderBy(asc(certificationBoardMembers.id))
  return panels.map((p) => {
    const own = members.filter((m) => m.panelId === p.id)
    const current = own.filter((m) => m.termFrom <= today && today <= m.termTo)
    return {
      id: p.id,
      panelName: p.panelName,
      reducedAllowed: p.reducedAllowed,
      members: own.map(memberView),
      problems: panelProblems(
        {
          memberCount: current.length,
          chairCount: current.filter((m) => m.chair).length,
          reducedAllowed: p.reducedAllowed,
        },
        today,
      ),
    }
  })
}

export async function createMeeting(
  db: Db | Tx,
  input: { panelId: number; heldOn: IsoDate; venue: string; capacity?: number | undefined },
  today: IsoDate,
  now: Date,
) {
  const [panel] = await db.select().from(certificationPanels).where(eq(certificationPanels.id, input.panelId))
  if (!panel) throw problems.notFound()
  if (input.heldOn < today) throw caseRefusal('開催日に過去の日付は指定できません')
  const [{ last } = { last: 0 }] = await db
    .select({ last: sql<number>`coalesce(max(${certificationMeetings.meetingNo}), 0)` })
    .from(certificationMeetings)
  const capacity = input.capacity ?? valueAt(BOARD_RULES, input.heldOn, 'board rules').casesPerMeeting
  const [row] = await db
    .insert(certificationMeetings)
    .values({
      meetingNo: Number(last) + 1,
      panelId: panel.id,
      heldOn: input.heldOn,
      venue: input.venue,
      capacity,
      createdAt: now,
    })
    .returning()
  return meetingView(db, row!)
}

async function meetingView(db: Db | Tx, m: MeetingRow) {
  const [panel] = await db.select().from(certificationPanels).where(eq(certificationPanels.id, m.panelId))
  const [{ n } = { n: 0 }] = await db
    .select({ n: count() })
    .from(certificationAssignments)
    .where(eq(certificationAssignments.meetingId, m.id))
  const [{ d } = { d: 0 }] = await db
    .select({ d: count() })
    .from(certificationDecisions)
    .where(eq(certificationDecisions.meetingId, m.id))
  return {
    id: m.id,
    meetingNo: m.meetingNo,
    panelId: m.panelId,
    panelName: panel?.panelName ?? '',
    heldOn: m.heldOn,
    venue: m.venue,
    capacity: m.capacity,
    assigned: Number(n),
    decided: Number(d),
  }
}

export async function listMeetings(db: Db | Tx, from: IsoDate) {
  const rows = await db
    .select()
    .from(certificationMeetings)
    .where(gte(certificationMeetings.heldOn, from))
    .orderBy(asc(certificationMeetings.heldOn), asc(certificationMeetings.meetingNo))
  return Promise.all(rows.map((m) => meetingView(db, m)))
}

/** 除斥 of a case: the members named (親族 …) and the providers serving the applicant. */
export async function setCaseExclusions(
  db: Db | Tx,
  input: { caseId: number; memberIds: number[]; providerNos: string[] },
  now: Date,
) {
  const [c] = await db.select().from(certificationCases).where(eq(certificationCases.id, input.caseId))
  if (!c) throw problems.notFound()
  const [assigned] = await db
    .select()
    .from(certificationAssignments)
    .where(eq(certificationAssignments.caseId, input.caseId))
  if (assigned)
    throw caseRefusal(`申請 #${input.caseId} は既に審査会に割り付けられています（除斥は割付の前に登録します）`)
  await db
    .insert(certificationCaseExclusions)
    .values({ ...input, updatedAt: now })
    .onConflictDoUpdate({
      target: certificationCaseExclusions.caseId,
      set: { memberIds: input.memberIds, providerNos: input.providerNos, updatedAt: now },
    })
  return c.personId
}

/**
 * 自動割付: every case with its 一次判定 and no assignment goes to the earliest meeting from today that takes it (the
 * shared rule). The assignment is recorded and the case moves to 審査会割当 with the meeting date (the clock reads it).
 */
export async function autoAssign(db: Db | Tx, today: IsoDate, by: number | null, now: Date) {
  const waiting = (await loadCases(db, { stages: ['firstDecided'], openOnly: true })).filter((c) => c.row.boardRequired)
  const caseIds = waiting.map((c) => c.row.id)
  const exclusions = caseIds.length
    ? await db.select().from(certificationCaseExclusions).where(inArray(certificationCaseExclusions.caseId, caseIds))
    : []
  const exclusionOf = new Map(exclusions.map((e) => [e.caseId, e]))
  const meetings = await db.select().from(certificationMeetings).where(gte(certificationMeetings.heldOn, today))
  const members = await db.select().from(certificationBoardMembers)
  const counts = meetings.length
    ? await db
        .select({ meetingId: certificationAssignments.meetingId, n: count() })
        .from(certificationAssignments)
        .where(
          inArray(
            certificationAssignments.meetingId,
            meetings.map((m) => m.id),
          ),
        )
        .groupBy(certificationAssignments.meetingId)
    : []
  const countOf = new Map(counts.map((c) => [c.meetingId, Number(c.n)]))
  const boardMembers = members.map(asBoardMember)
  const cases: BoardCase[] = waiting.map((c) => {
    const ex = exclusionOf.get(c.row.id)
    const kind = c.row.kind
    return {
      applicationId: c.row.id,
      kind: kind === 'levelChange' || kind === 'new' || kind === 'renewal' ? kind : kind,
      applicationDate: c.row.appliedOn,
      readyOn:
        c.clockEvents.firstDecisionOn && c.clockEvents.firstDecisionOn > today ? c.clockEvents.firstDecisionOn : today,
      urgent: c.row.priority > 0,
      providerIds: (ex?.providerNos ?? []).map(providerId),
      excludedMemberIds: ex?.memberIds ?? [],
    }
  })
  const result = assignCases(
    cases,
    meetings.map((m) => {
      const own = members.filter((x) => x.panelId === m.panelId)
      return {
        no: m.id,
        date: m.heldOn,
        memberIds: own.map((x) => x.id),
        hasPsychiatrist: own.some((x) => x.psychiatrist),
        autoCapacity: m.capacity,
        assigned: countOf.get(m.id) ?? 0,
      }
    }),
    boardMembers,
  )
  const meetingOf = new Map(meetings.map((m) => [m.id, m]))
  if (result.assignments.length > 0) {
    await db.insert(certificationAssignments).values(
      result.assignments.map((a) => ({
        caseId: a.applicationId,
        meetingId: a.meetingNo,
        order: a.order,
        excludedMemberIds: excludedMembers(
          cases.find((c) => c.applicationId === a.applicationId)!,
          boardMembers,
        ),
        assignedAt: now,
        assignedBy: by,
      })),
    )
    for (const a of result.assignments) {
      const m = meetingOf.get(a.meetingNo)!
      await advanceCaseStage(db, a.applicationId, 'boardAssigned', today, by, {
        now,
        details: { meetingId: m.id, meetingNo: m.meetingNo, meetingOn: m.heldOn },
      })
    }
  }
  return {
    assignments: result.assignments.map((a) => ({ caseId: a.applicationId, meetingId: a.meetingNo, order: a.order })),
    unassigned: result.unassigned.map((u) => ({ caseId: u.applicationId, reason: u.reason })),
    personIds: waiting.map((c) => c.row.personId),
  }
}

export async function recordAttendance(db: Db | Tx, meetingId: number, presentMemberIds: number[], now: Date) {
  const [meeting] = await db.select().from(certificationMeetings).where(eq(certificationMeetings.id, meetingId))
  if (!meeting) throw problems.notFound()
  const members = await db
    .select()
    .from(certificationBoardMembers)
    .where(eq(certificationBoardMembers.panelId, meeting.panelId))
  const ids = new Set(members.map((m) => m.id))
  const stranger = presentMemberIds.find((id) => !ids.has(id))
  if (stranger !== undefined) throw caseRefusal(`委員 #${stranger} はこの合議体の委員ではありません`)
  const [{ d } = { d: 0 }] = await db
    .select({ d: count() })
    .from(certificationDecisions)
    .where(eq(certificationDecisions.meetingId, meetingId))
  if (Number(d) > 0) throw caseRefusal('判定を記録した後は出欠を変更できません')
  await db.delete(certificationAttendance).where(eq(certificationAttendance.meetingId, meetingId))
  if (presentMemberIds.length > 0)
    await db
      .insert(certificationAttendance)
      .values([...new Set(presentMemberIds)].map((memberId) => ({ meetingId, memberId, recordedAt: now })))
}

/** The meeting as the secretariat and the board see it: the cases with a management number instead of the name. */
export async function meetingDetail(db: Db | Tx, meetingId: number) {
  const [meeting] = await db.select().from(certificationMeetings).where(eq(certificationMeetings.id, meetingId))
  if (!meeting) throw problems.notFound()
  const members = await db
    .select()
    .from(certificationBoardMembers)
    .where(eq(certificationBoardMembers.panelId, meeting.panelId))
    .orderBy(asc(certificationBoardMembers.id))
  const present = (
    await db.select().from(certificationAttendance).where(eq(certificationAttendance.meetingId, meetingId))
  ).map((a) => a.memberId)
  const rows = await db
    .select({
      a: certificationAssignments,
      c: certificationCases,
      birthDate: persons.birthDate,
      sex: persons.sex,
      first: certificationFirstDecisions,
      decision: certificationDecisions,
    })
    .from(certificationAssignments)
    .innerJoin(certificationCases, eq(certificationCases.id, certificationAssignments.caseId))
    .innerJoin(persons, eq(persons.id, certificationCases.personId))
    .leftJoin(certificationFirstDecisions, eq(certificationFirstDecisions.caseId, certificationCases.id))
    .leftJoin(certificationDecisions, eq(certificationDecisions.caseId, certificationCases.id))
    .where(eq(certificationAssignments.meetingId, meetingId))
    .orderBy(asc(certificationAssignments.order))
  const rules = valueAt(BOARD_MEMBER_FEES, meeting.heldOn, 'board member fees')
  const quorum = quorumOf(members.length || 1)
  return {
    meeting: await meetingView(db, meeting),
    members: members.map(memberView),
    presentMemberIds: present,
    quorum,
    quorumMet: members.length > 0 && quorumMet(members.length, present.length),
    cases: rows.map((r) => ({
      caseId: r.c.id,
      order: r.a.order,
      managementNo: managementNo(meeting.meetingNo, r.a.order),
      age: ageOn(r.birthDate, meeting.heldOn),
      sex: r.sex,
      kind: r.c.kind,
      urgent: r.c.priority > 0,
      firstDecision: (r.first?.result ?? null) as never,
      standardMinutes10: r.first?.standardMinutes10 ?? null,
      excludedMemberIds: r.a.excludedMemberIds,
      decision: r.decision
        ? { result: r.decision.result as never, validFrom: r.decision.validFrom, validTo: r.decision.validTo }
        : null,
    })),
    fees: members
      .filter((m) => present.includes(m.id))
      .map((m) => ({ memberId: m.id, amount: m.chair ? rules.chair : rules.member })),
    personIds: rows.map((r) => r.c.personId),
    meetingRow: meeting,
    panelMembers: members,
  }
}

/** 審査会資料の管理番号: meeting number and order, never the name (§1.6). */
export const managementNo = (meetingNo: number, order: number) =>
  `${String(meetingNo).padStart(4, '0')}-${String(order).padStart(3, '0')}`

/** The assignment of a case, or null. */
export async function assignmentOf(db: Db | Tx, caseId: number) {
  const [a] = await db.select().from(certificationAssignments).where(eq(certificationAssignments.caseId, caseId))
  return a ?? null
}

/** Cases assigned but not yet decided (for the secretariat's lists). */
export async function undecidedAssigned(db: Db | Tx) {
  return db
    .select({ caseId: certificationAssignments.caseId })
    .from(certificationAssignments)
    .leftJoin(certificationDecisions, eq(certificationDecisions.caseId, certificationAssignments.caseId))
    .where(isNull(certificationDecisions.id))
}
