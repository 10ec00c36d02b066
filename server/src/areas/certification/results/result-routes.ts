import { todayInJapan } from '../../../../../shared/domain'
import { certifies, type BoardResultCode } from '../../../../../shared/domain/certification-board'
import type { CertifiedLevel } from '../../../../../shared/api/certification-decisions'
import { defineRoute } from '../../../core/http/route'
import { loadPerson } from '../../persons'
import { decideTransferIn, recordBoardDecision, type DecisionRow } from '../board/decision'
import { certificationHistoryOf, pendingRecipientChanges, queueNotApplicable, recordCertification } from './ledger'
import { delayDrafts, issueDecisionNotice } from './notices'

const decisionOut = (d: DecisionRow) => ({
  caseId: d.caseId,
  personId: d.personId,
  result: d.result as BoardResultCode,
  decidedOn: d.decidedOn,
  validFrom: d.validFrom,
  validTo: d.validTo,
  withoutBoard: d.withoutBoard,
  meetingId: d.meetingId,
})

/** A decision that certifies goes into the 受給者台帳 with its 受給者異動; 非該当 queues its 異動 only. */
async function toLedger(db: Parameters<typeof recordCertification>[0], d: DecisionRow, today: string, now: Date) {
  if (certifies(d.result as BoardResultCode) && d.validFrom && d.validTo)
    await recordCertification(
      db,
      {
        personId: d.personId,
        caseId: d.caseId,
        level: d.result as CertifiedLevel,
        decidedOn: d.decidedOn,
        validFrom: d.validFrom,
        validTo: d.validTo,
        boardOpinion: d.boardOpinion,
        serviceTypes: d.serviceTypes,
        withoutBoard: d.withoutBoard,
      },
      today,
      now,
    )
  else if (d.result === '01') await queueNotApplicable(db, d.personId, d.caseId, d.decidedOn, now)
}

/**
 * Results of 要介護認定 (docs/sources/certification.md §1.7–§1.13): the 二次判定 and the 法第36条 decision (each writes
 * the 受給者台帳 and queues the 受給者異動 in the same transaction), the notices as PDF, the 延期通知 drafts, a
 * person's certifications and the queue for the 国保連.
 */
export function resultRoutes() {
  return [
    defineRoute({
      name: 'certification.recordDecision',
      access: { kind: 'permission', permission: 'certification.decide' },
      personalData: true,
      audit: { action: 'certification.recordDecision' },
      effect: 'create',
      async handle({ input, db, user, audit, now }) {
        const d = await recordBoardDecision(db, input, user?.id ?? null, now)
        audit.targets([d.personId])
        await toLedger(db, d, todayInJapan(now), now)
        audit.purpose(`二次判定 申請 #${d.caseId} ${d.result}${d.validityMonths ? ` ${d.validityMonths}か月` : ''}`)
        return decisionOut(d)
      },
    }),
    defineRoute({
      name: 'certification.decideTransferIn',
      access: { kind: 'permission', permission: 'certification.decide' },
      personalData: true,
      audit: { action: 'certification.decideTransferIn' },
      effect: 'create',
      async handle({ input, db, user, audit, now }) {
        const today = todayInJapan(now)
        const d = await decideTransferIn(db, input, today, user?.id ?? null, now)
        audit.targets([d.personId])
        await toLedger(db, d, today, now)
        audit.purpose(`受給資格証明書による認定（法第36条） 申請 #${d.caseId} ${d.result}`)
        return decisionOut(d)
      },
    }),
    defineRoute({
      name: 'certification.issueDecisionNotice',
      access: { kind: 'permission', permission: 'certification.decide' },
      personalData: true,
      audit: { action: 'certification.issueDecisionNotice' },
      effect: 'create',
      async handle({ input, db, user, audit, now }) {
        const { personId, notice } = await issueDecisionNotice(db, input, todayInJapan(now), user?.id ?? null, now)
        audit.targets([personId])
        audit.purpose(`認定の通知 ${input.noticeKind} 申請 #${input.caseId} 第${notice.number}回`)
        return notice
      },
    }),
    defineRoute({
      name: 'certification.delayDrafts',
      access: { kind: 'permission', permission: 'certification.decide' },
      personalData: true,
      audit: { action: 'certification.delayDrafts' },
      effect: 'read',
      async handle({ db, audit, now }) {
        const drafts = await delayDrafts(db, todayInJapan(now))
        audit.targets(drafts.map((d) => d.personId))
        audit.purpose(`延期通知の対象 ${drafts.length}件`)
        return { drafts }
      },
    }),
    defineRoute({
      name: 'certification.personCertifications',
      access: { kind: 'permission', permission: 'certification.read' },
      personalData: true,
      audit: { action: 'certification.personCertifications' },
      effect: 'read',
      async handle({ input, db, user, audit, permissions }) {
        audit.targets([input.personId])
        const { person } = await loadPerson(db, input.personId, 'certification.read', { permissions, user })
        audit.purpose('要介護認定の履歴の参照')
        return { certifications: await certificationHistoryOf(db, person.id) }
      },
    }),
    defineRoute({
      name: 'certification.recipientChanges',
      access: { kind: 'permission', permission: 'certification.decide' },
      personalData: true,
      audit: { action: 'certification.recipientChanges' },
      effect: 'read',
      async handle({ db, audit }) {
        const events = await pendingRecipientChanges(db)
        audit.targets([...new Set(events.map((e) => e.personId))])
        audit.purpose(`受給者異動（未送付）の参照 ${events.length}件`)
        return { events }
      },
    }),
  ]
}
