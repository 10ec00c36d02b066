import { z } from 'zod'
import { LoginRequest$, StepUpRequest$, StepUpResponse$, TotpCode$, UserProfile$ } from '../api/auth'
import { Empty$, Ok$ } from '../api/primitives'
import {
  PersonId$,
  PersonSearchQuery$,
  PersonSearchResult$,
  PersonSummary$,
  RevealedIndividualNumber$,
  RevealIndividualNumberRequest$,
} from '../api/person'
import {
  Age65BatchRequest$,
  Age65BatchResult$,
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
  AcquireCategory2Request$,
  AcquireCategory2Result$,
  CorrectionList$,
  CorrectionListQuery$,
  DecideCorrectionRequest$,
  EligibilityCorrection$,
  FacilityEventResult$,
  ProposeCorrectionRequest$,
  RecordFacilityEventRequest$,
} from '../eligibility/contract'
import type { IpcChannelName, IpcEventName } from './channels'
import {
  Designation$,
  DesignationCorrectRequest$,
  DesignationCreateRequest$,
  DesignationList$,
  TotpResetDecision$,
  TotpResetRequest$,
  TotpResetRequestList$,
  UserCreateRequest$,
  UserId$,
  UserList$,
  UserStatusRequest$,
  UserSummary$,
} from '../api/admin'
import { AuditReport$, AuditReportRequest$ } from '../api/audit'
import { SecurityEventList$, SecurityEventQuery$ } from '../api/security-events'
import { PrintAuditReportRequest$, PrintedAuditReport$ } from './admin'
import {
  RetentionPrepareInput$,
  RetentionRunAction$,
  RetentionRunId$,
  RetentionRunList$,
  RetentionRunPersons$,
  RetentionRunSummary$,
} from '../api/retention'
import { PrintedErasureReport$, PrintErasureReportRequest$ } from './retention'
import { premiumIpcChannels, premiumNoticeIpcChannels } from './premiums'
import { dunningIpcChannels } from './dunning'
import { arrearsIpcChannels } from './arrears'
import { certificationIntakeIpcChannels } from './certification-intake'
import { certificationDecisionIpcChannels, certificationPrintIpcChannels } from './certification-decisions'
import { premiumRecordsIpcChannels } from './premium-records'
import { pensionExchangeIpcChannels } from './pension-exchange'
import { paymentIntakeIpcChannels } from './payment-intake'
import { collectionIpcChannels } from './collection'
import { statisticsIpcChannels } from './statistics'
import { migrationIpcChannels } from './migration'
import { benefitsIpcChannels } from './benefits'
import { kokuhorenIpcChannels } from './kokuhoren'
import {
  EndMailingAddressRequest$,
  MailingAddress$,
  MailingAddressesQuery$,
  PersonMailingAddresses$,
  RecordMailingAddressRequest$,
} from '../api/mailing-address'
import { LockStatus$, SessionLockedEvent$, SessionUnlockedEvent$, UnlockRequest$ } from './lock'
import {
  ExportLedger$,
  ExportRequestId$,
  ExportRequestList$,
  ExportRequestSummary$,
  ExportResult$,
} from '../api/export'
import { ExportRequestDraft$ } from './export'
import { PrinterList$, PrintRequest$ } from '../api/print'
import { IssuedProvisionalCard$, IssueProvisionalCardRequest$ } from '../forms/contract'
import {
  DecideWardChange$,
  ProposeWardChange$,
  WardChangeDetail$,
  WardChangeId$,
  WardChangeList$,
} from '../masters/api'
import {
  MasterCacheStatus$,
  MasterSearchRequest$,
  MasterSearchResult$,
  PremiumTable$,
  PremiumTableRequest$,
} from '../masters/ipc'

/**
 * The first sign-in step as the renderer sees it (controls C-06, C-30): signed in, or a TOTP code is needed
 * next ('auth.verifyTotp'). The challenge and the session token stay in main; an account without TOTP gets its
 * new secret once, to add to the authenticator app.
 */
export const LoginStep$ = z.discriminatedUnion('status', [
  z.object({ status: z.literal('signedIn'), user: UserProfile$ }).strict(),
  z.object({ status: z.literal('totpRequired') }).strict(),
  z
    .object({
      status: z.literal('totpEnrolmentRequired'),
      secret: z.string(),
      otpauthUri: z.string(),
    })
    .strict(),
])
export type LoginStep = z.infer<typeof LoginStep$>

export const TotpVerify$ = z.object({ code: TotpCode$ }).strict()

export const AppInfo$ = z
  .object({
    /** 'electron' in the real shell; 'browser' when the renderer runs in Chromium against the loopback bridge. */
    shell: z.enum(['electron', 'browser']),
    /** 検証モード: browser shell, demo backend only. */
    verificationMode: z.boolean(),
    serverMode: z.enum(['demo', 'production']).nullable(),
    insurerName: z.string().nullable(),
    version: z.string(),
  })
  .strict()
export type AppInfo = z.infer<typeof AppInfo$>

/**
 * The IPC contract: one channel per operation, named `area.verb`. Main parses every request with `req`
 * and every response with `res`; the preload exposes exactly one function per channel.
 */
export const ipcChannels = {
  'app.info': { req: Empty$, res: AppInfo$ },
  'auth.login': { req: LoginRequest$, res: LoginStep$ },
  'auth.verifyTotp': { req: TotpVerify$, res: UserProfile$ },
  'auth.stepUp': { req: StepUpRequest$, res: StepUpResponse$ },
  'auth.logout': { req: Empty$, res: Ok$ },
  'auth.currentUser': { req: Empty$, res: UserProfile$.nullable() },
  'person.search': { req: PersonSearchQuery$, res: PersonSearchResult$ },
  'person.summary': { req: PersonId$, res: PersonSummary$ },
  'person.revealIndividualNumber': { req: RevealIndividualNumberRequest$, res: RevealedIndividualNumber$ },
  'person.mailingAddresses': { req: MailingAddressesQuery$, res: PersonMailingAddresses$ },
  'person.recordMailingAddress': { req: RecordMailingAddressRequest$, res: MailingAddress$ },
  'person.endMailingAddress': { req: EndMailingAddressRequest$, res: MailingAddress$ },
  'eligibility.history': { req: EligibilityHistoryQuery$, res: EligibilityHistory$ },
  'eligibility.runAge65Batch': { req: Age65BatchRequest$, res: Age65BatchResult$ },
  'eligibility.importResidentChanges': { req: IntakeRequest$, res: IntakeResult$ },
  'eligibility.issueInsuranceCard': { req: IssueInsuranceCardRequest$, res: IssuedInsuranceCard$ },
  'eligibility.recordFacilityEvent': { req: RecordFacilityEventRequest$, res: FacilityEventResult$ },
  'eligibility.acquireCategory2AtApplication': { req: AcquireCategory2Request$, res: AcquireCategory2Result$ },
  'eligibility.proposeCorrection': { req: ProposeCorrectionRequest$, res: EligibilityCorrection$ },
  'eligibility.corrections': { req: CorrectionListQuery$, res: CorrectionList$ },
  'eligibility.decideCorrection': { req: DecideCorrectionRequest$, res: EligibilityCorrection$ },
  'eligibility.beginIntakeUpload': { req: BeginIntakeUpload$, res: IntakeUpload$ },
  'eligibility.uploadIntakeChunk': { req: UploadIntakeChunk$, res: IntakeUpload$ },
  'eligibility.finishIntakeUpload': { req: FinishIntakeUpload$, res: IntakeResult$ },
  'eligibility.issueProvisionalCard': { req: IssueProvisionalCardRequest$, res: IssuedProvisionalCard$ },
  'lock.status': { req: Empty$, res: LockStatus$ },
  'lock.unlock': { req: UnlockRequest$, res: UserProfile$ },
  // Export control (C-21, C-22): data never reaches the renderer, only the file name, SHA-256, password.
  'export.request': { req: ExportRequestDraft$, res: ExportRequestSummary$ },
  'export.myRequests': { req: Empty$, res: ExportRequestList$ },
  'export.pending': { req: Empty$, res: ExportRequestList$ },
  'export.approve': { req: ExportRequestId$, res: ExportRequestSummary$ },
  'export.execute': { req: ExportRequestId$, res: ExportResult$ },
  'export.ledger': { req: Empty$, res: ExportLedger$ },
  // Printing (C-28): allowlisted printers only, audited on the server before printing.
  'print.printers': { req: Empty$, res: PrinterList$ },
  'print.print': { req: PrintRequest$, res: Ok$ },
  // Master cache: status/age, sync now, offline lookups and premiums, ward-parameter changes.
  'masters.status': { req: Empty$, res: MasterCacheStatus$ },
  'masters.sync': { req: Empty$, res: MasterCacheStatus$ },
  'masters.search': { req: MasterSearchRequest$, res: MasterSearchResult$ },
  'masters.premiumTable': { req: PremiumTableRequest$, res: PremiumTable$ },
  'masters.wardChanges': { req: Empty$, res: WardChangeList$ },
  'masters.wardChange': { req: WardChangeId$, res: WardChangeDetail$ },
  'masters.proposeWardChange': { req: ProposeWardChange$, res: WardChangeDetail$ },
  'masters.decideWardChange': { req: DecideWardChange$, res: WardChangeDetail$ },
  // Administration: passed to the server as they are (it decides and audits); the committee PDF goes from the
  // server to the allowlisted printer through main's print control (C-28) and never reaches the renderer.
  'admin.users': { req: Empty$, res: UserList$ },
  'admin.createUser': { req: UserCreateRequest$, res: UserSummary$ },
  'admin.lockUser': { req: UserStatusRequest$, res: UserSummary$ },
  'admin.unlockUser': { req: UserStatusRequest$, res: UserSummary$ },
  'admin.totpResets': { req: Empty$, res: TotpResetRequestList$ },
  'admin.requestTotpReset': { req: UserStatusRequest$, res: TotpResetRequest$ },
  'admin.decideTotpReset': { req: TotpResetDecision$, res: TotpResetRequest$ },
  'admin.designations': { req: UserId$, res: DesignationList$ },
  'admin.createDesignation': { req: DesignationCreateRequest$, res: Designation$ },
  'admin.correctDesignation': { req: DesignationCorrectRequest$, res: Designation$ },
  'admin.auditReport': { req: AuditReportRequest$, res: AuditReport$ },
  'admin.printAuditReport': { req: PrintAuditReportRequest$, res: PrintedAuditReport$ },
  'admin.securityEvents': { req: SecurityEventQuery$, res: SecurityEventList$ },
  // Retention (C-20): passed to the server as they are (it decides, checks four eyes and audits); the 消去報告書 goes
  // from the server to the allowlisted printer through main's print control (C-28) and never reaches the renderer.
  'retention.runs': { req: Empty$, res: RetentionRunList$ },
  'retention.prepare': { req: RetentionPrepareInput$, res: RetentionRunSummary$ },
  'retention.runPersons': { req: RetentionRunId$, res: RetentionRunPersons$ },
  'retention.approve': { req: RetentionRunAction$, res: RetentionRunSummary$ },
  'retention.erase': { req: RetentionRunAction$, res: RetentionRunSummary$ },
  'retention.printReport': { req: PrintErasureReportRequest$, res: PrintedErasureReport$ },
  // 賦課 (premiums): passed to the server as they are (it decides, checks four eyes and the step-up, audits).
  ...premiumIpcChannels,
  // 保険料通知書: the issuance history, and the prints main fetches and sends to the print control (C-28).
  ...premiumNoticeIpcChannels,
  // 口座・口座振替 and 減免・徴収猶予: passed to the server; the 口座振替依頼 file is saved by main (export control).
  ...premiumRecordsIpcChannels,
  // 年金特別徴収: main reads the 対象者・結果 files from its file dialog; the approved 依頼 file is saved by main (C-21).
  ...pensionExchangeIpcChannels,
  // 消込: passed to the server as they are (it applies the file in one transaction and audits).
  ...paymentIntakeIpcChannels,
  // 収納台帳: passed to the server; the 還付通知書 and 収納状況 go from the server to the print control (C-28) through main.
  ...collectionIpcChannels,
  // 督促・不納欠損: passed to the server; the 督促状 go from the server to the print control (C-28) through main.
  ...dunningIpcChannels,
  // 滞納管理・給付制限: passed to the server; the 催告書 / 給付制限 notices go to the print control (C-28) through main.
  ...arrearsIpcChannels,
  // 要介護認定 intake: passed to the server as they are (it checks the 相談センター's area and audits).
  ...certificationIntakeIpcChannels,
  ...certificationDecisionIpcChannels,
  ...certificationPrintIpcChannels,
  // 統計・報告: passed to the server; the Excel/PDF of a report is saved by main through the export control (C-21).
  ...statisticsIpcChannels,
  // データ移行: main reads the extract from the folder dialog and sends it in chunks; the rest is passed.
  ...migrationIpcChannels,
  // 受給者・給付: passed to the server as they are (it checks the permission and 支援措置, and audits).
  ...benefitsIpcChannels,
  // 国保連連携: passed to the server; the 531 file saved by main (export control), the 更新結果 read by main.
  ...kokuhorenIpcChannels,
} as const satisfies Record<IpcChannelName, { req: z.ZodType; res: z.ZodType }>

export type IpcChannel = keyof typeof ipcChannels
export type IpcRequest<K extends IpcChannel> = z.input<(typeof ipcChannels)[K]['req']>
export type IpcResponse<K extends IpcChannel> = z.output<(typeof ipcChannels)[K]['res']>
// Every declared channel has a name in channels.ts and vice versa.
const _sameChannels: [IpcChannel] extends [IpcChannelName]
  ? [IpcChannelName] extends [IpcChannel]
    ? true
    : never
  : never = true
void _sameChannels

/** Main → renderer events (C-31): main parses every payload with its schema before sending. */
export const ipcEvents = {
  'session.locked': SessionLockedEvent$,
  'session.unlocked': SessionUnlockedEvent$,
} as const satisfies Record<IpcEventName, z.ZodType>

export type IpcEvent = keyof typeof ipcEvents
export type IpcEventPayload<E extends IpcEvent> = z.output<(typeof ipcEvents)[E]>

/** Stable error codes crossing IPC; `message` is Japanese and safe to show to staff. */
export const IpcErrorCode$ = z.enum([
  'invalidRequest',
  'untrustedSender',
  'notAuthenticated',
  'forbidden',
  'notFound',
  'conflict',
  'locked',
  'rateLimited',
  'backendUnavailable',
  'backendRejected',
  'internal',
])
export type IpcErrorCode = z.infer<typeof IpcErrorCode$>

export type IpcResult<T> = { ok: true; value: T } | { ok: false; code: IpcErrorCode; message: string }

export const IpcFailure$ = z.object({ ok: z.literal(false), code: IpcErrorCode$, message: z.string() }).strict()
