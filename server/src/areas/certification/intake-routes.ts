import { caseRoutes } from './cases'
import { checklistRoutes } from './checklist/checklist-routes'
import { clockRoutes } from './clock/clock-routes'
import { opinionRoutes } from './opinions/opinion-routes'
import { surveyRoutes } from './surveys/survey-routes'

/** Every route of the intake side of 要介護認定: cases, surveys, opinions, the clock board, the 基本チェックリスト. */
export function certificationIntakeRoutes() {
  return [...caseRoutes(), ...surveyRoutes(), ...opinionRoutes(), ...clockRoutes(), ...checklistRoutes()]
}
