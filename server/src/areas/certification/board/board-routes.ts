import { todayInJapan } from '../../../../../shared/domain'
import { defineRoute } from '../../../core/http/route'
import {
  addBoardMember,
  autoAssign,
  createMeeting,
  createPanel,
  listMeetings,
  listPanels,
  meetingDetail,
  recordAttendance,
  setCaseExclusions,
} from './board'
import { renderBoardPacket, renderMinutes } from './packet'

const detailOut = (d: Awaited<ReturnType<typeof meetingDetail>>) => ({
  meeting: d.meeting,
  members: d.members,
  presentMemberIds: d.presentMemberIds,
  quorum: d.quorum,
  quorumMet: d.quorumMet,
  cases: d.cases,
  fees: d.fees,
})

/**
 * 介護認定審査会 secretariat routes (docs/sources/certification.md §1.6): 合議体 and members, meetings,
 * 除斥 and the automatic assignment, attendance, the masked 審査会資料 and the 議事録.
 */
export function boardRoutes() {
  return [
    defineRoute({
      name: 'certification.panels',
      access: { kind: 'permission', permission: 'certification.board' },
      personalData: true,
      audit: { action: 'certification.panels' },
      effect: 'read',
      async handle({ db, now, audit }) {
        audit.purpose('合議体・委員の参照')
        return { panels: await listPanels(db, todayInJapan(now)) }
      },
    }),
    defineRoute({
      name: 'certification.createPanel',
      access: { kind: 'permission', permission: 'certification.board' },
      personalData: true,
      audit: { action: 'certification.createPanel' },
      effect: 'create',
      async handle({ input, db, user, audit, now }) {
        const row = await createPanel(db, input, user?.id ?? null, now)
        audit.purpose(`合議体の登録 ${row.panelName}`)
        const [panel] = (await listPanels(db, todayInJapan(now))).filter((p) => p.id === row.id)
        return panel!
      },
    }),
    defineRoute({
      name: 'certification.addBoardMember',
      access: { kind: 'permission', permission: 'certification.board' },
      personalData: true,
      audit: { action: 'certification.addBoardMember' },
      effect: 'create',
      async handle({ input, db, audit, now }) {
        const member = await addBoardMember(db, input, now)
        audit.purpose(`審査会委員の登録 合議体 #${member.panelId} 委員 #${member.id}`)
        return member
      },
    }),
    defineRoute({
      name: 'certification.meetings',
      access: { kind: 'permission', permission: 'certification.board' },
      personalData: true,
      audit: { action: 'certification.meetings' },
      effect: 'read',
      async handle({ input, db, now, audit }) {
        audit.purpose('審査会の開催一覧の参照')
        return { meetings: await listMeetings(db, input.from ?? todayInJapan(now)) }
      },
    }),
    defineRoute({
      name: 'certification.createMeeting',
      access: { kind: 'permission', permission: 'certification.board' },
      personalData: true,
      audit: { action: 'certification.createMeeting' },
      effect: 'create',
      async handle({ input, db, audit, now }) {
        const meeting = await createMeeting(db, input, todayInJapan(now), now)
        audit.purpose(`審査会の開催登録 第${meeting.meetingNo}回 ${meeting.heldOn}`)
        return meeting
      },
    }),
    defineRoute({
      name: 'certification.setExclusions',
      access: { kind: 'permission', permission: 'certification.board' },
      personalData: true,
      audit: { action: 'certification.setExclusions' },
      effect: 'create',
      async handle({ input, db, audit, now }) {
        const personId = await setCaseExclusions(db, input, now)
        audit.targets([personId])
        audit.purpose(
          `除斥の登録 申請 #${input.caseId}（委員${input.memberIds.length}人・事業所${input.providerNos.length}件）`,
        )
        return { ok: true as const }
      },
    }),
    defineRoute({
      name: 'certification.autoAssign',
      access: { kind: 'permission', permission: 'certification.board' },
      personalData: true,
      audit: { action: 'certification.autoAssign' },
      effect: 'create',
      async handle({ db, user, audit, now }) {
        const { personIds, ...result } = await autoAssign(db, todayInJapan(now), user?.id ?? null, now)
        audit.targets(personIds)
        audit.purpose(`審査会の自動割付 ${result.assignments.length}件（未割付 ${result.unassigned.length}件）`)
        return result
      },
    }),
    defineRoute({
      name: 'certification.meeting',
      access: { kind: 'permission', permission: 'certification.board' },
      personalData: true,
      audit: { action: 'certification.meeting' },
      effect: 'read',
      async handle({ input, db, audit }) {
        const detail = await meetingDetail(db, input.meetingId)
        audit.targets(detail.personIds)
        audit.purpose(`審査会の参照 第${detail.meeting.meetingNo}回`)
        return detailOut(detail)
      },
    }),
    defineRoute({
      name: 'certification.recordAttendance',
      access: { kind: 'permission', permission: 'certification.board' },
      personalData: true,
      audit: { action: 'certification.recordAttendance' },
      effect: 'statusChange',
      async handle({ input, db, audit, now }) {
        await recordAttendance(db, input.meetingId, input.presentMemberIds, now)
        const detail = await meetingDetail(db, input.meetingId)
        audit.targets(detail.personIds)
        audit.purpose(`審査会の出欠 第${detail.meeting.meetingNo}回 出席${detail.presentMemberIds.length}人`)
        return detailOut(detail)
      },
    }),
    defineRoute({
      name: 'certification.boardPacket',
      access: { kind: 'permission', permission: 'certification.board' },
      personalData: true,
      audit: { action: 'certification.boardPacket' },
      effect: 'read',
      async handle({ input, db, audit }) {
        const { personIds, document } = await renderBoardPacket(db, input.meetingId)
        audit.targets(personIds)
        audit.purpose(`審査会資料の出力 開催 #${input.meetingId}（個人情報マスキング済み）`)
        return document
      },
    }),
    defineRoute({
      name: 'certification.minutes',
      access: { kind: 'permission', permission: 'certification.board' },
      personalData: true,
      audit: { action: 'certification.minutes' },
      effect: 'read',
      async handle({ input, db, audit }) {
        const { personIds, document } = await renderMinutes(db, input.meetingId)
        audit.targets(personIds)
        audit.purpose(`審査会議事録の出力 開催 #${input.meetingId}`)
        return document
      },
    }),
  ]
}
