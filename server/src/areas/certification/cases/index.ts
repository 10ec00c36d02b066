/** The case contract of 要介護認定 (docs/sources/certification.md §8(a)): what the other sub-folders import. */
export { caseRoutes } from './case-routes'
export {
  advanceCaseStage,
  caseEventsOf,
  casePersonId,
  caseRefusal,
  isOpenStage,
  loadCaseEvents,
  loadCases,
  STAGE_LABELS,
  type AdvanceOptions,
  type CaseEventRow,
  type CaseFilter,
  type CaseRow,
  type LoadedCase,
} from './stages'
export { caseDtos, fileApplication, priorityOf, renewalWindowProblem, scopedFilter } from './applications'
export {
  CASE_STAGES,
  certificationCaseEvents,
  certificationCases,
  type CaseEventKind,
  type CaseStageName,
} from './schema'
