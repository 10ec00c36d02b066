import { defineRoute } from '../../../core/http/route'
import { loadPerson } from '../../persons'
import { endParticipation, participantPerson, personChecklists, recordChecklist } from './checklist'

/**
 * 基本チェックリスト and 事業対象者 routes (docs/sources/certification.md §6): entered by a 相談センター (own area) or the
 * 認定担当; reading a person's answers and registrations. The person is checked against the caller's scope first.
 */
export function checklistRoutes() {
  return [
    defineRoute({
      name: 'certification.recordChecklist',
      access: { kind: 'permission', permission: 'certification.checklist' },
      personalData: true,
      audit: { action: 'certification.recordChecklist' },
      effect: 'create',
      async handle({ input, db, user, audit, now, permissions }) {
        audit.targets([input.personId])
        await loadPerson(db, input.personId, 'certification.checklist', { permissions, user })
        const recorded = await recordChecklist(db, input, user!.id, now)
        audit.purpose(
          `基本チェックリストの登録（${input.answeredOn}）${recorded.participant ? '・事業対象者の登録' : ''}`,
        )
        return recorded
      },
    }),
    defineRoute({
      name: 'certification.endParticipation',
      access: { kind: 'permission', permission: 'certification.checklist' },
      personalData: true,
      audit: { action: 'certification.endParticipation' },
      effect: 'update',
      async handle({ input, db, user, audit, now, permissions }) {
        const personId = await participantPerson(db, input.participantId)
        audit.targets([personId])
        await loadPerson(db, personId, 'certification.checklist', { permissions, user })
        audit.purpose(`事業対象者 #${input.participantId} の終了（${input.endedOn}）`)
        return endParticipation(db, input, user!.id, now)
      },
    }),
    defineRoute({
      name: 'certification.personChecklists',
      access: { kind: 'permission', permission: 'certification.read' },
      personalData: true,
      audit: { action: 'certification.personChecklists' },
      effect: 'read',
      async handle({ input, db, user, audit, permissions }) {
        audit.targets([input.personId])
        await loadPerson(db, input.personId, 'certification.read', { permissions, user })
        audit.purpose('基本チェックリスト・事業対象者の参照')
        return personChecklists(db, input.personId)
      },
    }),
  ]
}
