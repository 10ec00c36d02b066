/**
 * shared/certification — the 認定調査票 and the 主治医意見書 as data and zod schemas (docs/certification.md).
 */
export type { PhysicalIndependence, SurveyAxis, SurveyChoice, SurveyGroup, SurveyItem } from './survey-items'
export {
  PHYSICAL_INDEPENDENCE_LEVELS,
  DEMENTIA_INDEPENDENCE_LEVELS,
  INDEPENDENCE_ITEMS,
  SPECIAL_MEDICAL_CARE,
  SPECIAL_NOTE_SECTIONS,
  SURVEY_ITEMS,
  countedItemTotal,
  surveyItem,
} from './survey-items'
export type { Survey, SurveyDraft } from './survey-form'
export {
  PhysicalIndependence$,
  DementiaIndependence$,
  SpecialMedicalCare$,
  SpecialNote$,
  Survey$,
  SurveyDraft$,
  SurveyItems$,
  SurveyItemsDraft$,
  SurveyPlace$,
  isNoteItemCode,
} from './survey-form'
export type { PhysicianOpinion, PhysicianOpinionForFirstDecision } from './opinion'
export {
  COGNITIVE_ABILITY,
  COMMUNICATION_ABILITY,
  Diagnosis$,
  EATING,
  OPINION_CHANNELS,
  OPINION_DIAGNOSIS_LIMIT,
  OPINION_TIMES,
  PhysicianOpinion$,
  PhysicianOpinionForFirstDecision$,
  SHORT_TERM_MEMORY,
  STABILITY,
} from './opinion'
