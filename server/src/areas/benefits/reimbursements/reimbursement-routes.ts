/**
 * 償還払 routes (docs/reimbursements.md): the application (給付担当), read back (one, or a person's all), the decision by a second person with
 * the 監督者's permission and a fresh step-up (C-06), and the 支給決定通知書. Every answer names a person, so every
 * route is personal data with one audit row. Thin: parse → the service → answer.
 */
import { reimbursementKindLabels } from '../../../../../shared/api/reimbursements'
import { todayInJapan } from '../../../../../shared/domain'
import { defineRoute } from '../../../core/http/route'
import { loadPerson } from '../../persons'
import {
  applicationLabel,
  applicationView,
  decideReimbursement,
  loadApplication,
  personApplications,
  registerReimbursement,
} from './applications'
import { reimbursementNoticePdf } from './notice-pdf'

const yen = (n: number) => `${n.toLocaleString('ja-JP')}円`

export function reimbursementRoutes() {
  return [
    defineRoute({
      name: 'reimbursement.register',
      access: { kind: 'permission', permission: 'reimbursement.operate' },
      personalData: true,
      audit: { action: 'reimbursement.register' },
      effect: 'create',
      async handle({ input, db, user, audit, now, permissions }) {
        // 支援措置: the guard every person read goes through.
        await loadPerson(db, input.personId, 'reimbursement.operate', { permissions, user })
        audit.targets([input.personId])
        audit.purpose(`${reimbursementKindLabels[input.kind]}の償還払申請の受付（費用額 ${yen(input.cost)}）`)
        return registerReimbursement(db, input, user!.id, now)
      },
    }),
    defineRoute({
      name: 'reimbursement.application',
      access: { kind: 'permission', permission: 'reimbursement.read' },
      personalData: true,
      audit: { action: 'reimbursement.application' },
      effect: 'read',
      async handle({ input, db, audit }) {
        const { application } = await loadApplication(db, input.applicationId)
        audit.targets([application.personId])
        audit.purpose(`${applicationLabel(input.applicationId)} の確認`)
        return applicationView(db, input.applicationId)
      },
    }),
    defineRoute({
      name: 'reimbursement.personApplications',
      access: { kind: 'permission', permission: 'reimbursement.read' },
      personalData: true,
      audit: { action: 'reimbursement.personApplications' },
      effect: 'read',
      async handle({ input, db, audit, permissions, user }) {
        // 支援措置: the guard every person read goes through.
        await loadPerson(db, input.personId, 'reimbursement.read', { permissions, user })
        const applications = await personApplications(db, input.personId)
        audit.targets([input.personId])
        audit.purpose(`償還払の申請一覧の参照（${applications.length}件）`)
        return { personId: input.personId, applications }
      },
    }),
    defineRoute({
      // Four eyes: a second person with the 監督者's permission, never the clerk who recorded it; a recent step-up.
      name: 'reimbursement.decide',
      access: { kind: 'permission', permission: 'reimbursement.approve' },
      personalData: true,
      audit: { action: 'reimbursement.decide' },
      effect: 'statusChange',
      stepUp: true,
      async handle({ input, db, user, audit, now }) {
        const { application } = await loadApplication(db, input.applicationId)
        audit.targets([application.personId])
        audit.purpose(`${applicationLabel(input.applicationId)} の${input.approve ? '支給' : '不支給'}決定`)
        return decideReimbursement(db, user!, input, now)
      },
    }),
    defineRoute({
      name: 'reimbursement.notice',
      access: { kind: 'permission', permission: 'reimbursement.operate' },
      personalData: true,
      audit: { action: 'reimbursement.notice' },
      effect: 'create',
      async handle({ input, db, audit, now }) {
        const notice = await reimbursementNoticePdf(db, input.applicationId, todayInJapan(now))
        audit.targets([notice.personId])
        audit.purpose(
          `${applicationLabel(input.applicationId)} の${notice.approved ? '支給' : '不支給'}決定通知書の作成`,
        )
        return { fileName: notice.fileName, pdfBase64: notice.pdfBase64 }
      },
    }),
  ]
}
