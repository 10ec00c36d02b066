import { defineRoute } from '../../../core/http/route'
import { problems } from '../../../core/http/problem'
import { casePersonId } from '../cases'
import { loadOpinion, opinionDto, receiveOpinion, requestOpinion } from './opinions'

/** 主治医意見書 routes (docs/sources/certification.md §1.4): request, receipt with the channel, reading. 認定担当 only. */
export function opinionRoutes() {
  return [
    defineRoute({
      name: 'certification.requestOpinion',
      access: { kind: 'permission', permission: 'certification.manage' },
      personalData: true,
      audit: { action: 'certification.requestOpinion' },
      effect: 'create',
      async handle({ input, db, user, audit, now }) {
        audit.targets([await casePersonId(db, input.caseId)])
        audit.purpose(`認定申請 #${input.caseId} の主治医意見書依頼（${input.clinicName}）`)
        return opinionDto(await requestOpinion(db, input, user!.id, now))
      },
    }),
    defineRoute({
      name: 'certification.receiveOpinion',
      access: { kind: 'permission', permission: 'certification.manage' },
      personalData: true,
      audit: { action: 'certification.receiveOpinion' },
      effect: 'statusChange',
      async handle({ input, db, user, audit, now }) {
        audit.targets([await casePersonId(db, input.caseId)])
        audit.purpose(`認定申請 #${input.caseId} の主治医意見書受領（${input.opinion.channel}）`)
        return opinionDto(await receiveOpinion(db, input, user!.id, now))
      },
    }),
    defineRoute({
      name: 'certification.opinion',
      access: { kind: 'permission', permission: 'certification.manage' },
      personalData: true,
      audit: { action: 'certification.opinion' },
      effect: 'read',
      async handle({ input, db, audit }) {
        audit.targets([await casePersonId(db, input.caseId)])
        audit.purpose(`認定申請 #${input.caseId} の主治医意見書の参照`)
        const row = await loadOpinion(db, input.caseId)
        if (!row) throw problems.notFound()
        return opinionDto(row)
      },
    }),
  ]
}
