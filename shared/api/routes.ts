import type { z } from 'zod'
import * as collectionLedger from './collection'
import { benefitRecordApiRoutes } from './benefits'
import { highCostApiRoutes } from './high-cost'
import { kokuhorenApiRoutes } from './kokuhoren'
import { reimbursementApiRoutes } from './reimbursements'
import { statisticsApiRoutes } from './statistics'
import { migrationIntakeRoutes, migrationRehearsalRoutes } from './migration'
import {
  ExportApproveInput$,
  ExportCompleteInput$,
  ExportData$,
  ExportLedger$,
  ExportLedgerRow$,
  ExportRequestId$,
  ExportRequestInput$,
  ExportRequestList$,
  ExportRequestSummary$,
} from './export'
import { PrintRecordInput$ } from './print'
import { IssuedProvisionalCard$, IssueProvisionalCardRequest$ } from '../forms/contract'
import {
  ClientSecurityEventsInput$,
  ClientSecurityEventsRecorded$,
  SecurityEventList$,
  SecurityEventQuery$,
} from './security-events'
import {
  DesignationCorrectRequest$,
  DesignationCreateRequest$,
  Designation$,
  DesignationList$,
  RecordHistory$,
  TotpResetDecision$,
  TotpResetRequest$,
  TotpResetRequestList$,
  UserCreateRequest$,
  UserId$,
  UserList$,
  UserStatusRequest$,
  UserSummary$,
  UserUpdateRequest$,
} from './admin'
import { AuditReport$, AuditReportPdf$, AuditReportRequest$ } from './audit'
import {
  ChangePasswordRequest$,
  LoginRequest$,
  LoginResponse$,
  ServerMeta$,
  SignedIn$,
  StepUpRequest$,
  StepUpResponse$,
  TotpVerifyRequest$,
  UserProfile$,
} from './auth'
import { OpsStatus$ } from './ops'
import { recipientApiRoutes } from './recipient-routes'
import {
  CaseApplyRequest$,
  CaseCloseRequest$,
  CaseHoldRequest$,
  CaseQuery$,
  Cases$,
  CasesQuery$,
  CertificationCase$,
  CaseWork$,
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
} from './certification-cases'
import * as decisions from './certification-decisions'
import {
  DunningCommitResult$,
  DunningDryRunRequest$,
  DunningNotices$,
  DunningNoticesRequest$,
  DunningRejectRequest$,
  DunningRunAction$,
  DunningRunDetail$,
  DunningRunList$,
  DunningRunQuery$,
  DunningRunsQuery$,
  DunningRunSummary$,
  LateChargeQuote$,
  LateChargeQuoteRequest$,
} from './dunning'
import {
  RetentionPrepareInput$,
  RetentionReportPdf$,
  RetentionRunAction$,
  RetentionRunId$,
  RetentionRunList$,
  RetentionRunPersons$,
  RetentionRunSummary$,
} from './retention'
import { Empty$, Ok$ } from './primitives'
import {
  BankAccountRevision$,
  ChangeBankAccountRequest$,
  DirectDebitApproveRequest$,
  DirectDebitDownloadRequest$,
  DirectDebitDryRun$,
  DirectDebitDryRunRequest$,
  DirectDebitFile$,
  DirectDebitFileRequest$,
  DirectDebitPrepared$,
  PersonBankAccounts$,
  PersonBankAccountsQuery$,
  RegisterBankAccountRequest$,
  StopDirectDebitRequest$,
} from './direct-debit'
import {
  AssessRequest$,
  AssessResult$,
  PersonAssessments$,
  PersonAssessmentsQuery$,
  ResidentTaxIntakeRequest$,
  ResidentTaxIntakeResult$,
} from './premiums'
import {
  PensionExchangeFiles$,
  PensionExchangeFilesQuery$,
  PensionFileApproveRequest$,
  PensionFileDownload$,
  PensionFileDownloadRequest$,
  PensionSentFile$,
  PensionRequestsExportRequest$,
  PensionRequestsExportResult$,
  PensionResultsImportRequest$,
  PensionResultsImportResult$,
  PensionTargetsImportRequest$,
  PensionTargetsImportResult$,
} from './pension-withholding'
import {
  BatchCommitResult$,
  BatchDryRunRequest$,
  BatchRejectRequest$,
  BatchRunAction$,
  BatchRunDetail$,
  BatchRunList$,
  BatchRunQuery$,
  BatchRunSummary$,
  BatchRunsQuery$,
} from './premium-batches'
import {
  PersonReliefsQuery$,
  ReliefApplication$,
  ReliefApplications$,
  ReliefApplyRequest$,
  ReliefDecideRequest$,
  ReliefDecisionResult$,
  ReliefQueueQuery$,
  ReliefWithdrawRequest$,
} from './premium-reductions'
import {
  AcquireCategory2Request$,
  AcquireCategory2Result$,
  Age65BatchRequest$,
  Age65BatchResult$,
  CorrectionList$,
  CorrectionListQuery$,
  DecideCorrectionRequest$,
  EligibilityCorrection$,
  FacilityEventResult$,
  ProposeCorrectionRequest$,
  RecordFacilityEventRequest$,
  EligibilityHistory$,
  EligibilityHistoryQuery$,
  IssueInsuranceCardRequest$,
  IssuedInsuranceCard$,
} from '../eligibility/contract'
import {
  BeginIntakeUpload$,
  FinishIntakeUpload$,
  IntakeRequest$,
  IntakeResult$,
  IntakeUpload$,
  UploadIntakeChunk$,
} from '../eligibility/intake'
import {
  PersonId$,
  PersonSearchQuery$,
  PersonSearchResult$,
  PersonSummary$,
  RevealAddressRequest$,
  RevealedAddress$,
  RevealedIndividualNumber$,
  RevealIndividualNumberRequest$,
} from './person'
import {
  EndMailingAddressRequest$,
  MailingAddress$,
  MailingAddressesQuery$,
  PersonMailingAddresses$,
  RecordMailingAddressRequest$,
} from './mailing-address'
import {
  IssuedNotice$,
  IssuedNoticeBatch$,
  IssueNoticeBatchRequest$,
  IssueNoticeRequest$,
  NoticeIssuances$,
  NoticeIssuancesQuery$,
} from './notices'

import {
  DecideWardChange$,
  MasterManifest$,
  MasterRowsPage$,
  MasterRowsRequest$,
  ProposeWardChange$,
  WardChangeDetail$,
  WardChangeId$,
  WardChangeList$,
} from '../masters/api'
import {
  PaymentImportRequest$,
  PaymentImportResult$,
  PaymentWorkDecision$,
  PaymentWorkItem$,
  PaymentWorkList$,
  PaymentWorkListQuery$,
  WithholdingResultFiles$,
  WithholdingResultFilesQuery$,
  WithholdingResultPostRequest$,
} from './payment-intake'
import {
  ArrearsCase$,
  ArrearsCaseQuery$,
  ArrearsNoticePdf$,
  ArrearsNoticeRequest$,
  ArrearsWorkList$,
  ArrearsWorkListQuery$,
  EndPlanRequest$,
  RecordContactRequest$,
  RecordPlanRequest$,
  RecordPropertyRequest$,
  RestrictionStepRequest$,
} from './arrears'
/**
 * How long the client waits for a route that works through a whole ward in one request (a batch's dry run, one chunk of
 * its commit, a page of notices): 10 minutes instead of the transport's default, which suits a screen's request.
 */
export const LONG_REQUEST_WAIT_MS = 600_000

/**
 * The HTTP contract between the client's main process and the server: one entry per route.
 * The server validates `input` (unknown fields rejected) and the client validates `output`.
 * Personal search terms travel in POST bodies, never in URLs.
 */
export const apiRoutes = {
  ...recipientApiRoutes,
  ...benefitRecordApiRoutes,
  ...highCostApiRoutes,
  ...kokuhorenApiRoutes,
  ...reimbursementApiRoutes,
  'meta.get': { method: 'GET', path: '/api/v1/meta', input: Empty$, output: ServerMeta$ },
  'auth.login': { method: 'POST', path: '/api/v1/auth/login', input: LoginRequest$, output: LoginResponse$ },
  'auth.verifyTotp': { method: 'POST', path: '/api/v1/auth/totp', input: TotpVerifyRequest$, output: SignedIn$ },
  'auth.logout': { method: 'POST', path: '/api/v1/auth/logout', input: Empty$, output: Ok$ },
  'auth.session': { method: 'GET', path: '/api/v1/auth/session', input: Empty$, output: UserProfile$ },
  'auth.stepUp': { method: 'POST', path: '/api/v1/auth/step-up', input: StepUpRequest$, output: StepUpResponse$ },
  'auth.changePassword': {
    method: 'POST',
    path: '/api/v1/auth/password',
    input: ChangePasswordRequest$,
    output: Ok$,
  },
  'person.search': {
    method: 'POST',
    path: '/api/v1/persons/search',
    input: PersonSearchQuery$,
    output: PersonSearchResult$,
  },
  'person.summary': { method: 'POST', path: '/api/v1/persons/summary', input: PersonId$, output: PersonSummary$ },
  'person.revealIndividualNumber': {
    method: 'POST',
    path: '/api/v1/persons/individual-number',
    input: RevealIndividualNumberRequest$,
    output: RevealedIndividualNumber$,
  },
  'person.revealAddress': {
    method: 'POST',
    path: '/api/v1/persons/protected-address',
    input: RevealAddressRequest$,
    output: RevealedAddress$,
  },
  'audit.report': { method: 'POST', path: '/api/v1/audit/report', input: AuditReportRequest$, output: AuditReport$ },
  'audit.reportPdf': {
    method: 'POST',
    path: '/api/v1/audit/report/pdf',
    input: AuditReportRequest$,
    output: AuditReportPdf$,
  },
  'user.list': { method: 'POST', path: '/api/v1/users/list', input: Empty$, output: UserList$ },
  'user.history': { method: 'POST', path: '/api/v1/users/history', input: UserId$, output: RecordHistory$ },
  'user.create': { method: 'POST', path: '/api/v1/users/create', input: UserCreateRequest$, output: UserSummary$ },
  'user.update': { method: 'POST', path: '/api/v1/users/update', input: UserUpdateRequest$, output: UserSummary$ },
  'user.unlock': { method: 'POST', path: '/api/v1/users/unlock', input: UserStatusRequest$, output: UserSummary$ },
  'user.deactivate': {
    method: 'POST',
    path: '/api/v1/users/deactivate',
    input: UserStatusRequest$,
    output: UserSummary$,
  },
  'user.lock': { method: 'POST', path: '/api/v1/users/lock', input: UserStatusRequest$, output: UserSummary$ },
  // Second-factor reset with four eyes (C-06): requested by one administrator, decided by another person.
  'user.requestTotpReset': {
    method: 'POST',
    path: '/api/v1/users/totp-resets/request',
    input: UserStatusRequest$,
    output: TotpResetRequest$,
  },
  'user.totpResetRequests': {
    method: 'POST',
    path: '/api/v1/users/totp-resets/list',
    input: Empty$,
    output: TotpResetRequestList$,
  },
  'user.decideTotpReset': {
    method: 'POST',
    path: '/api/v1/users/totp-resets/decide',
    input: TotpResetDecision$,
    output: TotpResetRequest$,
  },
  'designation.list': { method: 'POST', path: '/api/v1/designations/list', input: UserId$, output: DesignationList$ },
  'designation.create': {
    method: 'POST',
    path: '/api/v1/designations/create',
    input: DesignationCreateRequest$,
    output: Designation$,
  },
  'designation.correct': {
    method: 'POST',
    path: '/api/v1/designations/correct',
    input: DesignationCorrectRequest$,
    output: Designation$,
  },
  'ops.status': { method: 'GET', path: '/api/v1/ops/status', input: Empty$, output: OpsStatus$ },
  // Export control (C-21, C-22): request, four-eyes approval, one-time data issue, 持出管理簿.
  'export.request': {
    method: 'POST',
    path: '/api/v1/exports/requests',
    input: ExportRequestInput$,
    output: ExportRequestSummary$,
  },
  'export.myRequests': {
    method: 'GET',
    path: '/api/v1/exports/requests/mine',
    input: Empty$,
    output: ExportRequestList$,
  },
  'export.pending': {
    method: 'GET',
    path: '/api/v1/exports/requests/pending',
    input: Empty$,
    output: ExportRequestList$,
  },
  'export.approve': {
    method: 'POST',
    path: '/api/v1/exports/requests/approve',
    input: ExportApproveInput$,
    output: ExportRequestSummary$,
  },
  'export.data': { method: 'POST', path: '/api/v1/exports/data', input: ExportRequestId$, output: ExportData$ },
  'export.complete': {
    method: 'POST',
    path: '/api/v1/exports/complete',
    input: ExportCompleteInput$,
    output: ExportLedgerRow$,
  },
  'export.ledger': { method: 'GET', path: '/api/v1/exports/ledger', input: Empty$, output: ExportLedger$ },
  // Print audit (C-28).
  'print.record': { method: 'POST', path: '/api/v1/prints', input: PrintRecordInput$, output: Ok$ },
  // Terminal security events (C-01): what main refused locally, into the server audit log.
  'security.clientEvents': {
    method: 'POST',
    path: '/api/v1/security/client-events',
    input: ClientSecurityEventsInput$,
    output: ClientSecurityEventsRecorded$,
  },
  'security.events': {
    method: 'POST',
    path: '/api/v1/security/events',
    input: SecurityEventQuery$,
    output: SecurityEventList$,
  },
  // Master data (docs/masters.md): delta sync for the terminal cache, ward-parameter changes with four-eyes approval.
  'masters.manifest': { method: 'GET', path: '/api/v1/masters/manifest', input: Empty$, output: MasterManifest$ },
  'masters.rows': { method: 'POST', path: '/api/v1/masters/rows', input: MasterRowsRequest$, output: MasterRowsPage$ },
  'masters.wardChanges': {
    method: 'GET',
    path: '/api/v1/masters/ward-parameters/changes',
    input: Empty$,
    output: WardChangeList$,
  },
  'masters.wardChange': {
    method: 'POST',
    path: '/api/v1/masters/ward-parameters/changes/get',
    input: WardChangeId$,
    output: WardChangeDetail$,
  },
  'masters.proposeWardChange': {
    method: 'POST',
    path: '/api/v1/masters/ward-parameters/changes',
    input: ProposeWardChange$,
    output: WardChangeDetail$,
  },
  'masters.decideWardChange': {
    method: 'POST',
    path: '/api/v1/masters/ward-parameters/changes/decide',
    input: DecideWardChange$,
    output: WardChangeDetail$,
  },
  // 資格 (docs/interfaces/eligibility.md): eligibility history, the 65-attainment batch, 住基異動 intake.
  'eligibility.history': {
    method: 'POST',
    path: '/api/v1/eligibility/history',
    input: EligibilityHistoryQuery$,
    output: EligibilityHistory$,
  },
  'eligibility.runAge65Batch': {
    method: 'POST',
    path: '/api/v1/eligibility/batches/age65',
    input: Age65BatchRequest$,
    output: Age65BatchResult$,
  },
  'eligibility.importResidentChanges': {
    method: 'POST',
    path: '/api/v1/eligibility/resident-changes',
    input: IntakeRequest$,
    output: IntakeResult$,
  },
  'eligibility.issueInsuranceCard': {
    method: 'POST',
    path: '/api/v1/eligibility/insurance-cards',
    input: IssueInsuranceCardRequest$,
    output: IssuedInsuranceCard$,
  },
  // 資格: 住所地特例 / 適用除外施設, 第2号 at application, corrections with approval, chunked intake.
  'eligibility.recordFacilityEvent': {
    method: 'POST',
    path: '/api/v1/eligibility/facility-events',
    input: RecordFacilityEventRequest$,
    output: FacilityEventResult$,
  },
  'eligibility.acquireCategory2AtApplication': {
    method: 'POST',
    path: '/api/v1/eligibility/category2-acquisitions',
    input: AcquireCategory2Request$,
    output: AcquireCategory2Result$,
  },
  'eligibility.proposeCorrection': {
    method: 'POST',
    path: '/api/v1/eligibility/corrections',
    input: ProposeCorrectionRequest$,
    output: EligibilityCorrection$,
  },
  'eligibility.corrections': {
    method: 'POST',
    path: '/api/v1/eligibility/corrections/list',
    input: CorrectionListQuery$,
    output: CorrectionList$,
  },
  'eligibility.decideCorrection': {
    method: 'POST',
    path: '/api/v1/eligibility/corrections/decide',
    input: DecideCorrectionRequest$,
    output: EligibilityCorrection$,
  },
  'eligibility.beginIntakeUpload': {
    method: 'POST',
    path: '/api/v1/eligibility/resident-changes/uploads',
    input: BeginIntakeUpload$,
    output: IntakeUpload$,
  },
  'eligibility.uploadIntakeChunk': {
    method: 'POST',
    path: '/api/v1/eligibility/resident-changes/uploads/chunks',
    input: UploadIntakeChunk$,
    output: IntakeUpload$,
  },
  'eligibility.finishIntakeUpload': {
    method: 'POST',
    path: '/api/v1/eligibility/resident-changes/uploads/finish',
    input: FinishIntakeUpload$,
    output: IntakeResult$,
  },
  'eligibility.issueProvisionalCard': {
    method: 'POST',
    path: '/api/v1/eligibility/provisional-cards',
    input: IssueProvisionalCardRequest$,
    output: IssuedProvisionalCard$,
  },
  // Retention (C-20): dry run, the 監督者's sign-off, erasure, 消去報告書.
  'retention.prepare': {
    method: 'POST',
    path: '/api/v1/retention/runs',
    input: RetentionPrepareInput$,
    output: RetentionRunSummary$,
  },
  'retention.runs': { method: 'POST', path: '/api/v1/retention/runs/list', input: Empty$, output: RetentionRunList$ },
  'retention.run': {
    method: 'POST',
    path: '/api/v1/retention/runs/get',
    input: RetentionRunId$,
    output: RetentionRunSummary$,
  },
  'retention.runPersons': {
    method: 'POST',
    path: '/api/v1/retention/runs/persons',
    input: RetentionRunId$,
    output: RetentionRunPersons$,
  },
  'retention.approve': {
    method: 'POST',
    path: '/api/v1/retention/runs/approve',
    input: RetentionRunAction$,
    output: RetentionRunSummary$,
  },
  'retention.erase': {
    method: 'POST',
    path: '/api/v1/retention/runs/erase',
    input: RetentionRunAction$,
    output: RetentionRunSummary$,
  },
  'retention.report': {
    method: 'POST',
    path: '/api/v1/retention/runs/report',
    input: RetentionRunId$,
    output: RetentionReportPdf$,
  },
  // 賦課 (docs/interfaces/resident-tax.md): the 住民税課税情報 intake, one person's assessment, reading it.
  'premiums.importResidentTax': {
    method: 'POST',
    path: '/api/v1/premiums/resident-tax',
    input: ResidentTaxIntakeRequest$,
    output: ResidentTaxIntakeResult$,
  },
  'premiums.assess': {
    method: 'POST',
    path: '/api/v1/premiums/assessments',
    input: AssessRequest$,
    output: AssessResult$,
  },
  'premiums.personAssessments': {
    method: 'POST',
    path: '/api/v1/premiums/assessments/person',
    input: PersonAssessmentsQuery$,
    output: PersonAssessments$,
  },
  // 賦課バッチ (仮算定・本算定・異動賦課): dry run with the diff, the 監督者's sign-off, the commit in chunks.
  'premiums.batchDryRun': {
    method: 'POST',
    path: '/api/v1/premiums/batches/dry-run',
    input: BatchDryRunRequest$,
    output: BatchRunDetail$,
    waitMs: LONG_REQUEST_WAIT_MS,
  },
  'premiums.batchRuns': {
    method: 'POST',
    path: '/api/v1/premiums/batches/list',
    input: BatchRunsQuery$,
    output: BatchRunList$,
  },
  'premiums.batchRun': {
    method: 'POST',
    path: '/api/v1/premiums/batches/get',
    input: BatchRunQuery$,
    output: BatchRunDetail$,
  },
  'premiums.batchApprove': {
    method: 'POST',
    path: '/api/v1/premiums/batches/approve',
    input: BatchRunAction$,
    output: BatchRunSummary$,
  },
  'premiums.batchReject': {
    method: 'POST',
    path: '/api/v1/premiums/batches/reject',
    input: BatchRejectRequest$,
    output: BatchRunSummary$,
  },
  'premiums.batchCommit': {
    method: 'POST',
    path: '/api/v1/premiums/batches/commit',
    input: BatchRunAction$,
    output: BatchCommitResult$,
    waitMs: LONG_REQUEST_WAIT_MS,
  },
  // 送付先 (docs/interfaces/notices.md): a person's mailing address for notices, append-only history.
  'person.recordMailingAddress': {
    method: 'POST',
    path: '/api/v1/persons/mailing-addresses',
    input: RecordMailingAddressRequest$,
    output: MailingAddress$,
  },
  'person.endMailingAddress': {
    method: 'POST',
    path: '/api/v1/persons/mailing-addresses/end',
    input: EndMailingAddressRequest$,
    output: MailingAddress$,
  },
  'person.mailingAddresses': {
    method: 'POST',
    path: '/api/v1/persons/mailing-addresses/list',
    input: MailingAddressesQuery$,
    output: PersonMailingAddresses$,
  },
  // 保険料通知書 (docs/interfaces/notices.md): 決定・変更通知書 and 納付書 as PDF, batch print, the issuance ledger.
  'premiums.issueNotice': {
    method: 'POST',
    path: '/api/v1/premiums/notices',
    input: IssueNoticeRequest$,
    output: IssuedNotice$,
  },
  'premiums.issueNoticeBatch': {
    method: 'POST',
    path: '/api/v1/premiums/notices/batch',
    input: IssueNoticeBatchRequest$,
    output: IssuedNoticeBatch$,
    waitMs: LONG_REQUEST_WAIT_MS,
  },
  'premiums.noticeIssuances': {
    method: 'POST',
    path: '/api/v1/premiums/notices/issuances',
    input: NoticeIssuancesQuery$,
    output: NoticeIssuances$,
  },
  // 減免・徴収猶予 (介護保険法第142条, docs/premium-reductions.md): application, withdrawal, decision, queue, per person.
  'premiums.reductionApply': {
    method: 'POST',
    path: '/api/v1/premiums/reductions',
    input: ReliefApplyRequest$,
    output: ReliefApplication$,
  },
  'premiums.reductionWithdraw': {
    method: 'POST',
    path: '/api/v1/premiums/reductions/withdraw',
    input: ReliefWithdrawRequest$,
    output: ReliefApplication$,
  },
  'premiums.reductionDecide': {
    method: 'POST',
    path: '/api/v1/premiums/reductions/decide',
    input: ReliefDecideRequest$,
    output: ReliefDecisionResult$,
  },
  'premiums.reductionQueue': {
    method: 'POST',
    path: '/api/v1/premiums/reductions/queue',
    input: ReliefQueueQuery$,
    output: ReliefApplications$,
  },
  'premiums.personReductions': {
    method: 'POST',
    path: '/api/v1/premiums/reductions/person',
    input: PersonReliefsQuery$,
    output: ReliefApplications$,
  },
  // 特別徴収 with the pension insurers (docs/interfaces/pension-withholding.md): 対象者情報 in, 依頼・異動 out, 結果 in.
  'premiums.importWithholdingTargets': {
    method: 'POST',
    path: '/api/v1/premiums/withholding/targets',
    input: PensionTargetsImportRequest$,
    output: PensionTargetsImportResult$,
  },
  'premiums.exportWithholdingRequests': {
    method: 'POST',
    path: '/api/v1/premiums/withholding/requests',
    input: PensionRequestsExportRequest$,
    output: PensionRequestsExportResult$,
  },
  'premiums.importWithholdingResults': {
    method: 'POST',
    path: '/api/v1/premiums/withholding/results',
    input: PensionResultsImportRequest$,
    output: PensionResultsImportResult$,
  },
  'premiums.withholdingExchangeFiles': {
    method: 'POST',
    path: '/api/v1/premiums/withholding/files',
    input: PensionExchangeFilesQuery$,
    output: PensionExchangeFiles$,
  },
  // The 依頼 / 異動 file leaves only after a 監督者's sign-off (a second person, step-up), like the 全銀 file.
  'premiums.withholdingFileApprove': {
    method: 'POST',
    path: '/api/v1/premiums/withholding/files/approve',
    input: PensionFileApproveRequest$,
    output: PensionSentFile$,
  },
  'premiums.withholdingFileDownload': {
    method: 'POST',
    path: '/api/v1/premiums/withholding/files/download',
    input: PensionFileDownloadRequest$,
    output: PensionFileDownload$,
  },
  // 口座振替 (docs/interfaces/direct-debit.md): a person's 口座, and the 全銀協 口座振替依頼 file of a 振替日.
  'premiums.bankAccounts': {
    method: 'POST',
    path: '/api/v1/premiums/bank-accounts/person',
    input: PersonBankAccountsQuery$,
    output: PersonBankAccounts$,
  },
  'premiums.registerBankAccount': {
    method: 'POST',
    path: '/api/v1/premiums/bank-accounts',
    input: RegisterBankAccountRequest$,
    output: BankAccountRevision$,
  },
  'premiums.changeBankAccount': {
    method: 'POST',
    path: '/api/v1/premiums/bank-accounts/change',
    input: ChangeBankAccountRequest$,
    output: BankAccountRevision$,
  },
  'premiums.stopDirectDebit': {
    method: 'POST',
    path: '/api/v1/premiums/bank-accounts/stop',
    input: StopDirectDebitRequest$,
    output: BankAccountRevision$,
  },
  'premiums.directDebitDryRun': {
    method: 'POST',
    path: '/api/v1/premiums/direct-debit/dry-run',
    input: DirectDebitDryRunRequest$,
    output: DirectDebitDryRun$,
  },
  'premiums.directDebitFile': {
    method: 'POST',
    path: '/api/v1/premiums/direct-debit/file',
    input: DirectDebitFileRequest$,
    output: DirectDebitPrepared$,
  },
  'premiums.directDebitApprove': {
    method: 'POST',
    path: '/api/v1/premiums/direct-debit/approve',
    input: DirectDebitApproveRequest$,
    output: DirectDebitPrepared$,
  },
  'premiums.directDebitDownload': {
    method: 'POST',
    path: '/api/v1/premiums/direct-debit/download',
    input: DirectDebitDownloadRequest$,
    output: DirectDebitFile$,
  },
  // 督促・不納欠損 (docs/sources/domain.md §4.1, §4.2): runs with dry run, sign-off, commit; the 督促状; the 延滞金 quote.
  'dunning.dryRun': {
    method: 'POST',
    path: '/api/v1/collection/dunning/dry-run',
    input: DunningDryRunRequest$,
    output: DunningRunDetail$,
    waitMs: LONG_REQUEST_WAIT_MS,
  },
  'dunning.runs': {
    method: 'POST',
    path: '/api/v1/collection/dunning/list',
    input: DunningRunsQuery$,
    output: DunningRunList$,
  },
  'dunning.run': {
    method: 'POST',
    path: '/api/v1/collection/dunning/get',
    input: DunningRunQuery$,
    output: DunningRunDetail$,
  },
  'dunning.approve': {
    method: 'POST',
    path: '/api/v1/collection/dunning/approve',
    input: DunningRunAction$,
    output: DunningRunSummary$,
  },
  'dunning.reject': {
    method: 'POST',
    path: '/api/v1/collection/dunning/reject',
    input: DunningRejectRequest$,
    output: DunningRunSummary$,
  },
  'dunning.commit': {
    method: 'POST',
    path: '/api/v1/collection/dunning/commit',
    input: DunningRunAction$,
    output: DunningCommitResult$,
    waitMs: LONG_REQUEST_WAIT_MS,
  },
  'dunning.notices': {
    method: 'POST',
    path: '/api/v1/collection/dunning/notices',
    input: DunningNoticesRequest$,
    output: DunningNotices$,
    waitMs: LONG_REQUEST_WAIT_MS,
  },
  'dunning.lateChargeQuote': {
    method: 'POST',
    path: '/api/v1/collection/dunning/late-charge-quote',
    input: LateChargeQuoteRequest$,
    output: LateChargeQuote$,
  },
  // 消込 (docs/interfaces/payments.md): payment files in, exact payments applied, the work list of the others.
  'collection.importPayments': {
    method: 'POST',
    path: '/api/v1/collection/payments/import',
    input: PaymentImportRequest$,
    output: PaymentImportResult$,
    waitMs: LONG_REQUEST_WAIT_MS,
  },
  'collection.postWithholdingResults': {
    method: 'POST',
    path: '/api/v1/collection/payments/withholding-results',
    input: WithholdingResultPostRequest$,
    output: PaymentImportResult$,
    waitMs: LONG_REQUEST_WAIT_MS,
  },
  'collection.withholdingResultFiles': {
    method: 'POST',
    path: '/api/v1/collection/payments/withholding-results/files',
    input: WithholdingResultFilesQuery$,
    output: WithholdingResultFiles$,
  },
  'collection.paymentWorkList': {
    method: 'POST',
    path: '/api/v1/collection/payments/work-list',
    input: PaymentWorkListQuery$,
    output: PaymentWorkList$,
  },
  'collection.decidePaymentWork': {
    method: 'POST',
    path: '/api/v1/collection/payments/work-list/decide',
    input: PaymentWorkDecision$,
    output: PaymentWorkItem$,
  },
  // 滞納管理 and 給付制限 (docs/sources/domain.md §4.3): work list, case, its records, restriction steps, notices.
  'arrears.workList': {
    method: 'POST',
    path: '/api/v1/collection/arrears/work-list',
    input: ArrearsWorkListQuery$,
    output: ArrearsWorkList$,
  },
  'arrears.case': {
    method: 'POST',
    path: '/api/v1/collection/arrears/case',
    input: ArrearsCaseQuery$,
    output: ArrearsCase$,
  },
  'arrears.recordContact': {
    method: 'POST',
    path: '/api/v1/collection/arrears/contacts',
    input: RecordContactRequest$,
    output: ArrearsCase$,
  },
  'arrears.recordPlan': {
    method: 'POST',
    path: '/api/v1/collection/arrears/plans',
    input: RecordPlanRequest$,
    output: ArrearsCase$,
  },
  'arrears.endPlan': {
    method: 'POST',
    path: '/api/v1/collection/arrears/plans/end',
    input: EndPlanRequest$,
    output: ArrearsCase$,
  },
  'arrears.recordProperty': {
    method: 'POST',
    path: '/api/v1/collection/arrears/property',
    input: RecordPropertyRequest$,
    output: ArrearsCase$,
  },
  'arrears.restrictionStep': {
    method: 'POST',
    path: '/api/v1/collection/arrears/restrictions/step',
    input: RestrictionStepRequest$,
    output: ArrearsCase$,
  },
  'arrears.restrictionDecide': {
    method: 'POST',
    path: '/api/v1/collection/arrears/restrictions/decide',
    input: RestrictionStepRequest$,
    output: ArrearsCase$,
  },
  'arrears.noticePdf': {
    method: 'POST',
    path: '/api/v1/collection/arrears/notices',
    input: ArrearsNoticeRequest$,
    output: ArrearsNoticePdf$,
  },
  // 要介護認定 intake (docs/sources/certification.md §1, §8): 申請, 取下げ・却下, 保留, the cases.
  'certification.apply': {
    method: 'POST',
    path: '/api/v1/certification/cases',
    input: CaseApplyRequest$,
    output: CertificationCase$,
  },
  'certification.closeCase': {
    method: 'POST',
    path: '/api/v1/certification/cases/close',
    input: CaseCloseRequest$,
    output: CertificationCase$,
  },
  'certification.holdCase': {
    method: 'POST',
    path: '/api/v1/certification/cases/hold',
    input: CaseHoldRequest$,
    output: CertificationCase$,
  },
  'certification.cases': {
    method: 'POST',
    path: '/api/v1/certification/cases/list',
    input: CasesQuery$,
    output: Cases$,
  },
  'certification.case': {
    method: 'POST',
    path: '/api/v1/certification/cases/one',
    input: CaseQuery$,
    output: CertificationCase$,
  },
  // 認定調査 (§1.3, §2): assignment, visit, draft, submission; reminders of survey and opinion.
  'certification.assignSurvey': {
    method: 'POST',
    path: '/api/v1/certification/surveys',
    input: SurveyAssignRequest$,
    output: CertificationSurvey$,
  },
  'certification.scheduleSurvey': {
    method: 'POST',
    path: '/api/v1/certification/surveys/schedule',
    input: SurveyScheduleRequest$,
    output: CertificationSurvey$,
  },
  'certification.saveSurveyDraft': {
    method: 'POST',
    path: '/api/v1/certification/surveys/draft',
    input: SurveyDraftSaveRequest$,
    output: CertificationSurvey$,
  },
  'certification.submitSurvey': {
    method: 'POST',
    path: '/api/v1/certification/surveys/submit',
    input: SurveySubmitRequest$,
    output: CertificationSurvey$,
  },
  'certification.survey': {
    method: 'POST',
    path: '/api/v1/certification/surveys/one',
    input: CaseQuery$,
    output: CertificationSurvey$,
  },
  'certification.recordReminder': {
    method: 'POST',
    path: '/api/v1/certification/reminders',
    input: ReminderRequest$,
    output: Ok$,
  },
  // 主治医意見書 (§1.4, §3): request, receipt by channel.
  'certification.requestOpinion': {
    method: 'POST',
    path: '/api/v1/certification/opinions',
    input: OpinionRequest$,
    output: CertificationOpinion$,
  },
  'certification.receiveOpinion': {
    method: 'POST',
    path: '/api/v1/certification/opinions/receive',
    input: OpinionReceiveRequest$,
    output: CertificationOpinion$,
  },
  'certification.opinion': {
    method: 'POST',
    path: '/api/v1/certification/opinions/one',
    input: CaseQuery$,
    output: CertificationOpinion$,
  },
  // The 30-day clock board (§0, §1.9, §8(b)) and the work view of a case.
  'certification.clockBoard': {
    method: 'POST',
    path: '/api/v1/certification/clock',
    input: ClockBoardQuery$,
    output: ClockBoard$,
  },
  'certification.caseWork': {
    method: 'POST',
    path: '/api/v1/certification/cases/work',
    input: CaseQuery$,
    output: CaseWork$,
  },
  // 基本チェックリスト and 事業対象者 (§6).
  'certification.recordChecklist': {
    method: 'POST',
    path: '/api/v1/certification/checklists',
    input: ChecklistRecordRequest$,
    output: ChecklistRecorded$,
  },
  'certification.endParticipation': {
    method: 'POST',
    path: '/api/v1/certification/checklists/participation/end',
    input: ParticipationEndRequest$,
    output: ProgramParticipant$,
  },
  'certification.personChecklists': {
    method: 'POST',
    path: '/api/v1/certification/checklists/person',
    input: PersonChecklistsQuery$,
    output: PersonChecklists$,
  },
  // 要介護認定 decision (docs/interfaces/first-decision.md; docs/sources/certification.md §1.5–§1.13): 一次判定の取込,
  // 介護認定審査会 (合議体, 委員, 開催, 割付, 出欠, 資料, 議事録), 二次判定, 法第36条, 通知書, 受給者台帳.
  'certification.importFirstDecisions': {
    method: 'POST',
    path: '/api/v1/certification/first-decisions/import',
    input: decisions.FirstDecisionImportRequest$,
    output: decisions.FirstDecisionImportResult$,
  },
  'certification.firstDecision': {
    method: 'POST',
    path: '/api/v1/certification/first-decisions/get',
    input: decisions.CaseQuery$,
    output: decisions.FirstDecisionOf$,
  },
  'certification.panels': {
    method: 'POST',
    path: '/api/v1/certification/board/panels/list',
    input: Empty$,
    output: decisions.Panels$,
  },
  'certification.createPanel': {
    method: 'POST',
    path: '/api/v1/certification/board/panels',
    input: decisions.CreatePanelRequest$,
    output: decisions.Panel$,
  },
  'certification.addBoardMember': {
    method: 'POST',
    path: '/api/v1/certification/board/members',
    input: decisions.AddBoardMemberRequest$,
    output: decisions.BoardMember$,
  },
  'certification.meetings': {
    method: 'POST',
    path: '/api/v1/certification/board/meetings/list',
    input: decisions.MeetingsQuery$,
    output: decisions.Meetings$,
  },
  'certification.createMeeting': {
    method: 'POST',
    path: '/api/v1/certification/board/meetings',
    input: decisions.CreateMeetingRequest$,
    output: decisions.Meeting$,
  },
  'certification.setExclusions': {
    method: 'POST',
    path: '/api/v1/certification/board/exclusions',
    input: decisions.CaseExclusionRequest$,
    output: Ok$,
  },
  'certification.autoAssign': {
    method: 'POST',
    path: '/api/v1/certification/board/assign',
    input: decisions.AutoAssignRequest$,
    output: decisions.AutoAssignResult$,
  },
  'certification.meeting': {
    method: 'POST',
    path: '/api/v1/certification/board/meetings/get',
    input: decisions.MeetingQuery$,
    output: decisions.MeetingDetail$,
  },
  'certification.recordAttendance': {
    method: 'POST',
    path: '/api/v1/certification/board/attendance',
    input: decisions.AttendanceRequest$,
    output: decisions.MeetingDetail$,
  },
  'certification.boardPacket': {
    method: 'POST',
    path: '/api/v1/certification/board/packet',
    input: decisions.MeetingQuery$,
    output: decisions.PdfDocument$,
  },
  'certification.minutes': {
    method: 'POST',
    path: '/api/v1/certification/board/minutes',
    input: decisions.MeetingQuery$,
    output: decisions.PdfDocument$,
  },
  'certification.recordDecision': {
    method: 'POST',
    path: '/api/v1/certification/decisions',
    input: decisions.RecordDecisionRequest$,
    output: decisions.Decision$,
  },
  'certification.decideTransferIn': {
    method: 'POST',
    path: '/api/v1/certification/decisions/transfer-in',
    input: decisions.TransferInDecisionRequest$,
    output: decisions.Decision$,
  },
  'certification.issueDecisionNotice': {
    method: 'POST',
    path: '/api/v1/certification/notices',
    input: decisions.IssueDecisionNoticeRequest$,
    output: decisions.IssuedDecisionNotice$,
  },
  'certification.delayDrafts': {
    method: 'POST',
    path: '/api/v1/certification/notices/delay-drafts',
    input: Empty$,
    output: decisions.DelayDrafts$,
  },
  'certification.personCertifications': {
    method: 'POST',
    path: '/api/v1/certification/certified/person',
    input: decisions.PersonQuery$,
    output: decisions.PersonCertifications$,
  },
  'certification.recipientChanges': {
    method: 'POST',
    path: '/api/v1/certification/recipient-changes',
    input: Empty$,
    output: decisions.RecipientChangeQueue$,
  },
  // 収納台帳 (docs/collection.md): a person's ledger, the 窓口 payment with its quote, 過誤納 → 充当 / 還付, 収納状況.
  'collection.personLedger': {
    method: 'POST',
    path: '/api/v1/collection/ledger/person',
    input: collectionLedger.PersonLedgerQuery$,
    output: collectionLedger.PersonLedger$,
  },
  'collection.counterQuote': {
    method: 'POST',
    path: '/api/v1/collection/ledger/counter-quote',
    input: collectionLedger.CounterPaymentQuoteRequest$,
    output: collectionLedger.CounterPaymentQuote$,
  },
  'collection.counterPayment': {
    method: 'POST',
    path: '/api/v1/collection/ledger/counter-payment',
    input: collectionLedger.CounterPaymentRequest$,
    output: collectionLedger.CounterPaymentResult$,
  },
  'collection.settleOverpayments': {
    method: 'POST',
    path: '/api/v1/collection/ledger/settle',
    input: collectionLedger.SettleOverpaymentsRequest$,
    output: collectionLedger.SettleOverpaymentsResult$,
  },
  'collection.refundQueue': {
    method: 'POST',
    path: '/api/v1/collection/refunds/queue',
    input: collectionLedger.RefundQueueQuery$,
    output: collectionLedger.RefundProposals$,
  },
  'collection.refundDecide': {
    method: 'POST',
    path: '/api/v1/collection/refunds/decide',
    input: collectionLedger.RefundDecideRequest$,
    output: collectionLedger.RefundProposal$,
  },
  'collection.refundNotice': {
    method: 'POST',
    path: '/api/v1/collection/refunds/notice',
    input: collectionLedger.RefundNoticeRequest$,
    output: collectionLedger.CollectionFile$,
  },
  'collection.statusReport': {
    method: 'POST',
    path: '/api/v1/collection/reports/status',
    input: collectionLedger.CollectionStatusQuery$,
    output: collectionLedger.CollectionStatus$,
  },
  'collection.statusReportFile': {
    method: 'POST',
    path: '/api/v1/collection/reports/status/file',
    input: collectionLedger.CollectionStatusFileQuery$,
    output: collectionLedger.CollectionFile$,
  },
  ...statisticsApiRoutes,
  ...migrationIntakeRoutes,
  ...migrationRehearsalRoutes,
} as const satisfies Record<
  string,
  { method: 'GET' | 'POST'; path: string; input: z.ZodType; output: z.ZodType; waitMs?: number }
>

export type ApiRouteName = keyof typeof apiRoutes
export type ApiInput<K extends ApiRouteName> = z.input<(typeof apiRoutes)[K]['input']>
export type ApiOutput<K extends ApiRouteName> = z.output<(typeof apiRoutes)[K]['output']>
