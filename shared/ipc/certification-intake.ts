import {
  CaseApplyRequest$,
  CaseCloseRequest$,
  CaseHoldRequest$,
  CaseQuery$,
  Cases$,
  CasesQuery$,
  CaseWork$,
  CertificationCase$,
  CertificationOpinion$,
  CertificationSurvey$,
  ChecklistRecorded$,
  ChecklistRecordRequest$,
  ClockBoard$,
  ClockBoardQuery$,
  OpinionReceiveRequest$,
  OpinionRequest$,
  ParticipationEndRequest$,
  PersonChecklists$,
  PersonChecklistsQuery$,
  ProgramParticipant$,
  ReminderRequest$,
  SurveyAssignRequest$,
  SurveyDraftSaveRequest$,
  SurveyScheduleRequest$,
  SurveySubmitRequest$,
} from '../api/certification-cases'
import { Ok$ } from '../api/primitives'

/**
 * The 要介護認定 intake channels (one per operation, named like the server route): passed to the server as they are —
 * it checks the permission and the 相談センター's area, and audits every read. Nothing is kept on the terminal.
 * contract.ts spreads these into `ipcChannels`; channels.ts lists the same names.
 */
export const certificationIntakeIpcChannels = {
  'certification.apply': { req: CaseApplyRequest$, res: CertificationCase$ },
  'certification.closeCase': { req: CaseCloseRequest$, res: CertificationCase$ },
  'certification.holdCase': { req: CaseHoldRequest$, res: CertificationCase$ },
  'certification.cases': { req: CasesQuery$, res: Cases$ },
  'certification.case': { req: CaseQuery$, res: CertificationCase$ },
  'certification.assignSurvey': { req: SurveyAssignRequest$, res: CertificationSurvey$ },
  'certification.scheduleSurvey': { req: SurveyScheduleRequest$, res: CertificationSurvey$ },
  'certification.saveSurveyDraft': { req: SurveyDraftSaveRequest$, res: CertificationSurvey$ },
  'certification.submitSurvey': { req: SurveySubmitRequest$, res: CertificationSurvey$ },
  'certification.survey': { req: CaseQuery$, res: CertificationSurvey$ },
  'certification.recordReminder': { req: ReminderRequest$, res: Ok$ },
  'certification.requestOpinion': { req: OpinionRequest$, res: CertificationOpinion$ },
  'certification.receiveOpinion': { req: OpinionReceiveRequest$, res: CertificationOpinion$ },
  'certification.opinion': { req: CaseQuery$, res: CertificationOpinion$ },
  'certification.clockBoard': { req: ClockBoardQuery$, res: ClockBoard$ },
  'certification.caseWork': { req: CaseQuery$, res: CaseWork$ },
  'certification.recordChecklist': { req: ChecklistRecordRequest$, res: ChecklistRecorded$ },
  'certification.endParticipation': { req: ParticipationEndRequest$, res: ProgramParticipant$ },
  'certification.personChecklists': { req: PersonChecklistsQuery$, res: PersonChecklists$ },
} as const

/** The intake routes main passes through. */
export type CertificationIntakePassThrough = keyof typeof certificationIntakeIpcChannels
