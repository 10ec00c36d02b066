import { surveyModeLabels } from '../../../../../shared/api/certification-cases'
import { defineRoute } from '../../../core/http/route'
import { problems } from '../../../core/http/problem'
import { casePersonId } from '../cases'
import {
  assignSurvey,
  loadSurvey,
  recordSurveyReminder,
  saveDraft,
  scheduleVisit,
  submitSurvey,
  surveyDto,
} from './surveys'
import { recordOpinionReminder } from '../opinions/opinions'

/**
 * 認定調査 routes (docs/sources/certification.md §1.3, §2), all the 認定担当's: assignment, visit slot, the draft saved
 * as typed, submission, reminders. Each writes its one audit row naming the person.
 */
export function surveyRoutes() {
  return [
    defineRoute({
      name: 'certification.assignSurvey',
      access: { kind: 'permission', permission: 'certification.manage' },
      personalData: true,
      audit: { action: 'certification.assignSurvey' },
      effect: 'create',
      async handle({ input, db, user, audit, now }) {
        audit.targets([await casePersonId(db, input.caseId)])
        audit.purpose(`認定申請 #${input.caseId} の認定調査依頼（${surveyModeLabels[input.mode]}）`)
        return surveyDto(await assignSurvey(db, input, user!.id, now))
      },
    }),
    defineRoute({
      name: 'certification.scheduleSurvey',
      access: { kind: 'permission', permission: 'certification.manage' },
      personalData: true,
      audit: { action: 'certification.scheduleSurvey' },
      effect: 'update',
      async handle({ input, db, user, audit, now }) {
        audit.targets([await casePersonId(db, input.caseId)])
        audit.purpose(`認定申請 #${input.caseId} の訪問日程 ${input.visitOn}`)
        return surveyDto(await scheduleVisit(db, input, user!.id, now))
      },
    }),
    defineRoute({
      name: 'certification.saveSurveyDraft',
      access: { kind: 'permission', permission: 'certification.manage' },
      personalData: true,
      audit: { action: 'certification.saveSurveyDraft' },
      effect: 'update',
      async handle({ input, db, user, audit, now }) {
        audit.targets([await casePersonId(db, input.caseId)])
        audit.purpose(`認定申請 #${input.caseId} の調査票下書き保存`)
        return surveyDto(await saveDraft(db, input, user!.id, now))
      },
    }),
    defineRoute({
      name: 'certification.submitSurvey',
      access: { kind: 'permission', permission: 'certification.manage' },
      personalData: true,
      audit: { action: 'certification.submitSurvey' },
      effect: 'statusChange',
      async handle({ input, db, user, audit, now }) {
        audit.targets([await casePersonId(db, input.caseId)])
        audit.purpose(`認定申請 #${input.caseId} の調査票受領（実施 ${input.survey.performedOn}）`)
        return surveyDto(await submitSurvey(db, input, user!.id, now))
      },
    }),
    defineRoute({
      name: 'certification.survey',
      access: { kind: 'permission', permission: 'certification.manage' },
      personalData: true,
      audit: { action: 'certification.survey' },
      effect: 'read',
      async handle({ input, db, audit }) {
        audit.targets([await casePersonId(db, input.caseId)])
        audit.purpose(`認定申請 #${input.caseId} の認定調査の参照`)
        const row = await loadSurvey(db, input.caseId)
        if (!row) throw problems.notFound()
        return surveyDto(row)
      },
    }),
    defineRoute({
      name: 'certification.recordReminder',
      access: { kind: 'permission', permission: 'certification.manage' },
      personalData: true,
      audit: { action: 'certification.recordReminder' },
      effect: 'statusChange',
      async handle({ input, db, user, audit, now }) {
        audit.targets([await casePersonId(db, input.caseId)])
        audit.purpose(`認定申請 #${input.caseId} の${input.target === 'survey' ? '認定調査' : '主治医意見書'}の督促`)
        if (input.target === 'survey') await recordSurveyReminder(db, input.caseId, input.on, now, user!.id)
        else await recordOpinionReminder(db, input.caseId, input.on, now, user!.id)
        return { ok: true as const }
      },
    }),
  ]
}
