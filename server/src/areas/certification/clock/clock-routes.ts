import { todayInJapan } from '../../../../../shared/domain'
import { defineRoute } from '../../../core/http/route'
import { problems } from '../../../core/http/problem'
import { caseDtos, loadCases, scopedFilter } from '../cases'
import { loadOpinion, opinionDto } from '../opinions/opinions'
import { loadSurvey, surveyDto } from '../surveys/surveys'
import { clockBoard } from './board'

/**
 * The 30-day clock board and the work view of one case (case + survey + opinion). Both read personal data, scoped: a
 * 相談センター職員 sees the cases of its own area only (docs/sources/certification.md §1.2).
 */
export function clockRoutes() {
  return [
    defineRoute({
      name: 'certification.clockBoard',
      access: { kind: 'permission', permission: 'certification.read' },
      personalData: true,
      audit: { action: 'certification.clockBoard' },
      effect: 'read',
      async handle({ input, db, audit, now, permissions, user }) {
        const scope = scopedFilter({}, permissions.get('certification.read'), user?.careArea)
        const board = await clockBoard(db, todayInJapan(now), scope, input.months)
        audit.targets([...new Set([...board.rows.map((r) => r.personId), ...board.renewalsDue.map((r) => r.personId)])])
        audit.purpose(`認定の進捗管理ボード（処理中 ${board.rows.length}件）の参照`)
        return board
      },
    }),
    defineRoute({
      name: 'certification.caseWork',
      access: { kind: 'permission', permission: 'certification.read' },
      personalData: true,
      audit: { action: 'certification.caseWork' },
      effect: 'read',
      async handle({ input, db, audit, now, permissions, user }) {
        const filter = scopedFilter({ ids: [input.caseId] }, permissions.get('certification.read'), user?.careArea)
        const [found] = await caseDtos(db, await loadCases(db, filter), todayInJapan(now))
        if (!found) throw problems.notFound()
        audit.targets([found.personId])
        audit.purpose(`認定申請 #${found.id} の調査・意見書の参照`)
        // The survey form and the opinion are the 認定担当's (a 相談センター sees the case and its clock only).
        const full = permissions.get('certification.manage') === 'all'
        const survey = full ? await loadSurvey(db, found.id) : null
        const opinion = full ? await loadOpinion(db, found.id) : null
        return { case: found, survey: survey ? surveyDto(survey) : null, opinion: opinion ? opinionDto(opinion) : null }
      },
    }),
  ]
}
