import { todayInJapan } from '../../../../../shared/domain'
import { reliefKindLabels, reliefReasonLabels } from '../../../../../shared/api/premium-reductions'
import { defineRoute } from '../../../core/http/route'
import { loadPerson } from '../../persons'
import { readApplications, recordApplication, withdrawApplication } from './applications'
import { decideApplication } from './relief'

/**
 * 減免・徴収猶予 routes (介護保険法第142条): the application and its withdrawal (賦課収納担当), the decision by a second
 * person with step-up (監督者), the queue of pending applications, and a person's applications. Thin: parse → the
 * service → answer; every request writes its one audit row naming the person.
 */
export function reductionRoutes() {
  return [
    defineRoute({
      name: 'premiums.reductionApply',
      access: { kind: 'permission', permission: 'premiums.reductionApply' },
      personalData: true,
      audit: { action: 'premiums.reduction.apply' },
      effect: 'create',
      async handle({ input, db, user, audit, now, permissions }) {
        audit.targets([input.personId])
        await loadPerson(db, input.personId, 'premiums.reductionApply', { permissions, user })
        const created = await recordApplication(db, input, user!.id, now)
        audit.purpose(
          `${reliefKindLabels[input.kind]}申請の受付 #${created.id} ${input.fiscalYear}年度（${reliefReasonLabels[input.reliefReason]}）`,
        )
        return created
      },
    }),
    defineRoute({
      name: 'premiums.reductionWithdraw',
      access: { kind: 'permission', permission: 'premiums.reductionApply' },
      personalData: true,
      audit: { action: 'premiums.reduction.withdraw' },
      effect: 'statusChange',
      async handle({ input, db, user, audit, now }) {
        audit.purpose(`減免・徴収猶予申請 #${input.applicationId} の取下げ`)
        const withdrawn = await withdrawApplication(db, input, user!.id, now)
        audit.targets([withdrawn.personId])
        return withdrawn
      },
    }),
    defineRoute({
      name: 'premiums.reductionDecide',
      access: { kind: 'permission', permission: 'premiums.reductionDecide' },
      personalData: true,
      audit: { action: 'premiums.reduction.decide' },
      effect: 'statusChange',
      stepUp: true,
      async handle({ input, db, user, audit, now, permissions }) {
        const verb = input.decision === 'approve' ? '承認' : '却下'
        audit.purpose(`減免・徴収猶予申請 #${input.applicationId} の${verb}`)
        const [application] = await readApplications(db, { id: input.applicationId }, todayInJapan(now))
        if (application) {
          audit.targets([application.personId])
          await loadPerson(db, application.personId, 'premiums.reductionDecide', { permissions, user })
        }
        const decided = await decideApplication(db, input, user!.id, now)
        const a = decided.assessment
        audit.purpose(
          `${reliefKindLabels[decided.application.kind]}申請 #${input.applicationId} の${verb}` +
            (a ? `（${a.changed ? `賦課 第${a.assessment.version}版` : '賦課 変更なし'}）` : ''),
        )
        return decided
      },
    }),
    defineRoute({
      name: 'premiums.reductionQueue',
      access: { kind: 'permission', permission: 'premiums.reductionDecide' },
      personalData: true,
      audit: { action: 'premiums.reductionQueue' },
      effect: 'read',
      async handle({ input, db, audit, now }) {
        const applications = await readApplications(
          db,
          { pendingOnly: true, ...(input.fiscalYear !== undefined ? { fiscalYear: input.fiscalYear } : {}) },
          todayInJapan(now),
        )
        audit.targets(applications.map((a) => a.personId))
        audit.purpose(`減免・徴収猶予の決定待ち ${applications.length}件の参照`)
        return { applications }
      },
    }),
    defineRoute({
      name: 'premiums.personReductions',
      access: { kind: 'permission', permission: 'premiums.read' },
      personalData: true,
      audit: { action: 'premiums.personReductions' },
      effect: 'read',
      async handle({ input, db, audit, now, permissions, user }) {
        audit.targets([input.personId])
        const { person } = await loadPerson(db, input.personId, 'premiums.read', { permissions, user })
        audit.purpose('減免・徴収猶予の申請・決定の参照')
        return { applications: await readApplications(db, { personId: person.id }, todayInJapan(now)) }
      },
    }),
  ]
}
