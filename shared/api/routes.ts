import type { z } from 'zod'
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
} as const satisfies Record<
  string,
  { method: 'GET' | 'POST'; path: string; input: z.ZodType; output: z.ZodType; waitMs?: number }
>

export type ApiRouteName = keyof typeof apiRoutes
export type ApiInput<K extends ApiRouteName> = z.input<(typeof apiRoutes)[K]['input']>
export type ApiOutput<K extends ApiRouteName> = z.output<(typeof apiRoutes)[K]['output']>
