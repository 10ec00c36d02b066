/**
 * 要介護認定 (docs/sources/certification.md): the public face of the area. Intake: cases (申請, the case table and its
 * events), surveys, opinions, the 30-day clock board and the 基本チェックリスト. Other areas and the composition root
 * import only this file or the schema files.
 */
export * from './cases'
export { certificationIntakeRoutes } from './intake-routes'
export { certificationSurveys } from './surveys/schema'
export { certificationOpinions } from './opinions/schema'
export { basicChecklists, programParticipants } from './checklist/schema'
export { clockBoard } from './clock/board'
// Decision: 一次判定の取込, the 審査会, the results (受給者台帳 read by other areas: certificationsOf).
export { firstDecisionRoutes } from './first-decision'
export { boardRoutes } from './board'
export {
  certificationHistoryOf,
  certificationsOf,
  certifiedPersons,
  pendingRecipientChanges,
  recipientChangeQueue,
  resultRoutes,
} from './results'
