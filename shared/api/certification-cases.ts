/**
 * 要介護認定 intake contract (docs/sources/certification.md §1, §2, §3, §8): the 申請 and its case, the 認定調査 (assignment,
 * visit, the 調査票 draft and submission with the linter), the 主治医意見書 (request, receipt), the 30-day clock board
 * and the 基本チェックリスト. Rules: shared/domain/certification*.ts, shared/certification/.
 */
import { z } from 'zod'
import { PhysicianOpinion$, Survey$, SurveyDraft$ } from '../certification'
import type { CaseKind } from '../domain/certification-clock'
import { IdempotencyKey$, IsoDate$, RecordId$, RowVersion$ } from './primitives'

/** Kinds of a case: 新規, 更新, 区分変更, 職権, 転入 (受給資格証明書). */
export const caseKinds = [
  'new',
  'renewal',
  'levelChange',
  'exOfficio',
  'transferIn',
] as const satisfies readonly CaseKind[]
export const caseKindLabels: Record<CaseKind, string> = {
  new: '新規申請',
  renewal: '更新申請',
  levelChange: '区分変更申請',
  exOfficio: '職権',
  transferIn: '転入（受給資格証明書）',
}

/** Stages of a case, in the order the case's stage advances (survey and opinion run in parallel). */
export const caseStages = [
  'applied',
  'surveyAssigned',
  'opinionRequested',
  'surveyed',
  'surveyReceived',
  'opinionReceived',
  'firstDecided',
  'boardAssigned',
  'decided',
  'notified',
  'withdrawn',
  'rejected',
] as const
export type CaseStageName = (typeof caseStages)[number]
/** Events recorded without moving the stage. */
export const caseSideEvents = ['delayNotified', 'onHold', 'resumed'] as const
export type CaseSideEvent = (typeof caseSideEvents)[number]
export type CaseEventKind = CaseStageName | CaseSideEvent
export const caseEventLabels: Record<CaseEventKind, string> = {
  applied: '申請受付',
  surveyAssigned: '調査依頼',
  opinionRequested: '意見書依頼',
  surveyed: '調査実施',
  surveyReceived: '調査票受領',
  opinionReceived: '意見書受領',
  firstDecided: '一次判定',
  boardAssigned: '審査会割当',
  decided: '二次判定（認定）',
  notified: '結果通知',
  withdrawn: '取下げ',
  rejected: '却下',
  delayNotified: '延期通知',
  onHold: '保留',
  resumed: '保留解除',
}

export const filedVias = ['counter', 'consultationCentre'] as const
export type FiledVia = (typeof filedVias)[number]
export const urgentFlags = ['terminalCancer', 'dischargePlanning'] as const
export type UrgentFlag = (typeof urgentFlags)[number]
export const urgentFlagLabels: Record<UrgentFlag, string> = {
  terminalCancer: '末期がん',
  dischargePlanning: '退院調整',
}

const Text = (max: number) => z.string().trim().max(max)

/** 第2号被保険者: 特定疾病 and 医療保険 (介護保険法第7条第3項第2号, 施行令第2条). */
export const Category2Details$ = z
  .object({
    specifiedDisease: Text(100).min(1, '特定疾病を入力してください'),
    medicalInsurer: Text(100).min(1, '医療保険者名を入力してください'),
    medicalInsuranceSymbol: Text(40).default(''),
    medicalInsuranceNumber: Text(40).min(1, '医療保険の被保険者証番号を入力してください'),
  })
  .strict()
export type Category2Details = z.output<typeof Category2Details$>

/** 受給資格証明書 of the former insurer (介護保険法第36条). */
export const TransferCertificate$ = z
  .object({
    formerInsurer: Text(100).min(1, '転入前の保険者を入力してください'),
    careLevel: Text(20).min(1, '要介護状態区分を入力してください'),
    validFrom: IsoDate$,
    validTo: IsoDate$,
    issuedOn: IsoDate$,
    /** 転入日 (the application must follow within 14 days). */
    movedInOn: IsoDate$,
  })
  .strict()
export type TransferCertificate = z.output<typeof TransferCertificate$>

export const CaseApplyRequest$ = z
  .object({
    personId: RecordId$,
    kind: z.enum(caseKinds),
    appliedOn: IsoDate$,
    applicantName: Text(60).default(''),
    applicantRelation: Text(30).default(''),
    category2: Category2Details$.nullable().default(null),
    urgentFlags: z.array(z.enum(urgentFlags)).max(2).default([]),
    /** Renewal / level change: the certification followed (受給者台帳 id), its level and end of validity. */
    previousCertificationId: RecordId$.nullable().default(null),
    previousLevel: Text(20).nullable().default(null),
    previousValidTo: IsoDate$.nullable().default(null),
    /** Renewal: no 延期通知 when decided within the current validity (the applicant's consent). */
    skipDelayNoticeConsent: z.boolean().default(false),
    transferCertificate: TransferCertificate$.nullable().default(null),
    note: Text(500).default(''),
    idempotencyKey: IdempotencyKey$,
  })
  .strict()
export type CaseApplyRequest = z.input<typeof CaseApplyRequest$>

export const CaseCloseRequest$ = z
  .object({
    caseId: RecordId$,
    outcome: z.enum(['withdrawn', 'rejected']),
    on: IsoDate$,
    reason: Text(500).min(1, '理由を入力してください'),
    rowVersion: RowVersion$,
    idempotencyKey: IdempotencyKey$,
  })
  .strict()

export const CaseHoldRequest$ = z
  .object({
    caseId: RecordId$,
    hold: z.boolean(),
    on: IsoDate$,
    reason: Text(500).min(1, '理由を入力してください'),
    rowVersion: RowVersion$,
    idempotencyKey: IdempotencyKey$,
  })
  .strict()

export const CaseEvent$ = z.object({
  kind: z.enum([...caseStages, ...caseSideEvents]),
  on: IsoDate$,
  by: z.number().int().nullable(),
  byName: z.string().nullable(),
  note: z.string(),
  details: z.record(z.string(), z.unknown()),
})
export type CaseEvent = z.output<typeof CaseEvent$>

export const StageState$ = z.object({
  stage: z.enum(['registration', 'survey', 'surveyForm', 'opinion', 'firstDecision', 'board', 'notice']),
  due: IsoDate$,
  doneOn: IsoDate$.optional(),
  state: z.enum(['done', 'open', 'overdue']),
})

export const CaseClock$ = z.object({
  open: z.boolean(),
  legalDeadline: IsoDate$,
  effectiveDeadline: IsoDate$,
  daysSinceApplication: z.number().int(),
  daysLeft: z.number().int(),
  daysToBoardDecision: z.number().int().optional(),
  predictedNoticeOn: IsoDate$,
  stages: z.array(StageState$),
  openStages: z.array(z.string()),
  status: z.enum(['onTrack', 'atRisk', 'overdue']),
})
export type CaseClock = z.output<typeof CaseClock$>

export const CertificationCase$ = z.object({
  id: RecordId$,
  personId: RecordId$,
  personName: z.string(),
  kind: z.enum(caseKinds),
  appliedOn: IsoDate$,
  filedVia: z.enum(filedVias),
  filedCareArea: z.string().nullable(),
  careArea: z.string().nullable(),
  applicantName: z.string(),
  applicantRelation: z.string(),
  category2: Category2Details$.nullable(),
  urgentFlags: z.array(z.enum(urgentFlags)),
  priority: z.number().int(),
  boardRequired: z.boolean(),
  transferCertificate: z.record(z.string(), z.unknown()).nullable(),
  previousCertificationId: z.number().int().nullable(),
  previousLevel: z.string().nullable(),
  previousValidTo: IsoDate$.nullable(),
  skipDelayNoticeConsent: z.boolean(),
  onHold: z.boolean(),
  stage: z.enum(caseStages),
  closedReason: z.string().nullable(),
  note: z.string(),
  rowVersion: RowVersion$,
  events: z.array(CaseEvent$),
  clock: CaseClock$,
})
export type CertificationCase = z.output<typeof CertificationCase$>

export const CasesQuery$ = z
  .object({
    personId: RecordId$.optional(),
    openOnly: z.boolean().default(false),
  })
  .strict()
export const Cases$ = z.object({ cases: z.array(CertificationCase$) })
export const CaseQuery$ = z.object({ caseId: RecordId$ }).strict()

// ── 認定調査 (docs/sources/certification.md §1.3, §2) ───────────────────────────────────────────────────────────────

export const surveyModes = ['direct', 'contracted'] as const
export const surveyModeLabels = { direct: '直営', contracted: '委託' } as const

export const SurveyAssignRequest$ = z
  .object({
    caseId: RecordId$,
    mode: z.enum(surveyModes),
    /** 委託: the office's 事業所番号 (10 digits) from the provider master. */
    officeNumber: z
      .string()
      .regex(/^\d{10}$/, '事業所番号は10桁の数字です')
      .nullable()
      .default(null),
    surveyorName: Text(60).min(1, '調査員を入力してください'),
    assignedOn: IsoDate$,
    idempotencyKey: IdempotencyKey$,
  })
  .strict()

export const SurveyScheduleRequest$ = z
  .object({
    caseId: RecordId$,
    visitOn: IsoDate$,
    visitTime: Text(20).default(''),
    visitPlace: Text(200).default(''),
    rowVersion: RowVersion$,
    reason: Text(200).default('訪問日程の登録'),
  })
  .strict()

export const SurveyDraftSaveRequest$ = z
  .object({
    caseId: RecordId$,
    draft: SurveyDraft$,
    rowVersion: RowVersion$,
    reason: Text(200).default('調査票の下書き保存'),
  })
  .strict()

export const SurveySubmitRequest$ = z
  .object({
    caseId: RecordId$,
    survey: Survey$,
    /** 調査票・特記事項の受領日 (≥ the visit, survey.performedOn). */
    receivedOn: IsoDate$,
    place: z.enum(['home', 'facility']),
    idempotencyKey: IdempotencyKey$,
  })
  .strict()

export const ReminderRequest$ = z
  .object({
    caseId: RecordId$,
    target: z.enum(['survey', 'opinion']),
    on: IsoDate$,
    idempotencyKey: IdempotencyKey$,
  })
  .strict()

export const SurveyWarning$ = z.object({ code: z.string(), items: z.array(z.string()), message: z.string() })
export type SurveyWarningDto = z.output<typeof SurveyWarning$>

export const CertificationSurvey$ = z.object({
  caseId: RecordId$,
  mode: z.enum(surveyModes),
  officeNumber: z.string().nullable(),
  officeName: z.string(),
  surveyorName: z.string(),
  assignedOn: IsoDate$,
  dueOn: IsoDate$,
  visitOn: IsoDate$.nullable(),
  visitTime: z.string().nullable(),
  visitPlace: z.string().nullable(),
  reminderCount: z.number().int(),
  lastReminderOn: IsoDate$.nullable(),
  draft: z.record(z.string(), z.unknown()),
  draftSavedAt: z.string().nullable(),
  submitted: z.record(z.string(), z.unknown()).nullable(),
  submittedOn: IsoDate$.nullable(),
  /** The linter on the draft (or on the submitted form): shown, never blocking. */
  warnings: z.array(SurveyWarning$),
  fee: z.number().int().nullable(),
  rowVersion: RowVersion$,
})
export type CertificationSurvey = z.output<typeof CertificationSurvey$>

// ── 主治医意見書 (docs/sources/certification.md §1.4, §3) ───────────────────────────────────────────────────────────

export const OpinionRequest$ = z
  .object({
    caseId: RecordId$,
    clinicName: Text(100).min(1, '医療機関を入力してください'),
    doctorName: Text(60).min(1, '医師を入力してください'),
    designatedDoctor: z.boolean().default(false),
    requestedOn: IsoDate$,
    idempotencyKey: IdempotencyKey$,
  })
  .strict()

export const OpinionReceiveRequest$ = z
  .object({
    caseId: RecordId$,
    opinion: PhysicianOpinion$,
    idempotencyKey: IdempotencyKey$,
  })
  .strict()

export const CertificationOpinion$ = z.object({
  caseId: RecordId$,
  clinicName: z.string(),
  doctorName: z.string(),
  designatedDoctor: z.boolean(),
  requestedOn: IsoDate$,
  dueOn: IsoDate$,
  reminderOn: IsoDate$,
  reminderCount: z.number().int(),
  lastReminderOn: IsoDate$.nullable(),
  receivedOn: IsoDate$.nullable(),
  channel: z.enum(['paper', 'ocr', 'kiban']).nullable(),
  opinion: z.record(z.string(), z.unknown()).nullable(),
  fee: z.number().int().nullable(),
  feeCode: z.string().nullable(),
  rowVersion: RowVersion$,
})
export type CertificationOpinion = z.output<typeof CertificationOpinion$>

export const CaseWork$ = z.object({
  case: CertificationCase$,
  survey: CertificationSurvey$.nullable(),
  opinion: CertificationOpinion$.nullable(),
})
export type CaseWork = z.output<typeof CaseWork$>

// ── The 30-day clock board (docs/sources/certification.md §0, §1.9, §5, §8(b)) ─────────────────────────────────────

export const ClockBoardQuery$ = z
  .object({
    /** Lead-time analytics over cases applied in the last `months` months (default 12). */
    months: z.number().int().min(1).max(36).default(12),
  })
  .strict()

export const DelayNoticeNeed$ = z.object({
  caseId: RecordId$,
  personId: RecordId$,
  personName: z.string(),
  kind: z.enum(['first', 'reissue']),
  count: z.number().int(),
  reason: z.number().int(),
  reasonText: z.string(),
  expectedOn: IsoDate$,
  issueBy: IsoDate$,
})
export type DelayNoticeNeed = z.output<typeof DelayNoticeNeed$>

export const ClockRow$ = z.object({
  caseId: RecordId$,
  personId: RecordId$,
  personName: z.string(),
  kind: z.enum(caseKinds),
  appliedOn: IsoDate$,
  stage: z.enum(caseStages),
  priority: z.number().int(),
  urgentFlags: z.array(z.enum(urgentFlags)),
  onHold: z.boolean(),
  careArea: z.string().nullable(),
  officeName: z.string().nullable(),
  surveyorName: z.string().nullable(),
  clinicName: z.string().nullable(),
  clock: CaseClock$,
  delayNoticeNeeded: z.boolean(),
})
export type ClockRow = z.output<typeof ClockRow$>

export const LeadTimeGroup$ = z.object({
  name: z.string(),
  count: z.number().int(),
  median: z.number(),
  p90: z.number().int(),
  withinTarget: z.number().int().optional(),
})
export type LeadTimeGroup = z.output<typeof LeadTimeGroup$>

export const RenewalDue$ = z.object({
  personId: RecordId$,
  personName: z.string(),
  certificationId: RecordId$,
  level: z.string(),
  validTo: IsoDate$,
  opensOn: IsoDate$,
  applied: z.boolean(),
})

export const ClockBoard$ = z.object({
  asOf: IsoDate$,
  rows: z.array(ClockRow$),
  queues: z.object({
    /** 調査 not yet done (assigned or not). */
    surveyNotDone: z.array(RecordId$),
    /** 調査 past its due date. */
    surveyOverdue: z.array(RecordId$),
    opinionNotReceived: z.array(RecordId$),
    /** 督促 due: the reminder date of the opinion has come. */
    opinionReminderDue: z.array(RecordId$),
    /** Documents complete (or first decided) but no meeting assigned yet. */
    notAssigned: z.array(RecordId$),
    urgent: z.array(RecordId$),
  }),
  delayNotices: z.array(DelayNoticeNeed$),
  renewalsDue: z.array(RenewalDue$),
  leadTimes: z.object({
    /** 調査 依頼 → 実施 per office, and per surveyor. */
    survey: z.array(LeadTimeGroup$),
    surveyor: z.array(LeadTimeGroup$),
    /** 意見書 依頼 → 受領 per clinic. */
    opinion: z.array(LeadTimeGroup$),
    /** 申請 → 通知 (the legal clock) and 申請 → 二次判定 (the national statistic), all cases of the period. */
    legal: LeadTimeGroup$.nullable(),
    statistic: LeadTimeGroup$.nullable(),
  }),
})
export type ClockBoard = z.output<typeof ClockBoard$>

// ── 基本チェックリスト and 事業対象者 (介護保険法第115条の45; docs/sources/certification.md §6) ────────────────────────

export const programEndReasons = ['certified', 'noLongerEligible', 'movedOut', 'death', 'request'] as const
export const programEndReasonLabels: Record<(typeof programEndReasons)[number], string> = {
  certified: '要介護・要支援認定',
  noLongerEligible: '基準に該当しなくなった',
  movedOut: '転出',
  death: '死亡',
  request: '本人の申出',
}

export const ChecklistRecordRequest$ = z
  .object({
    personId: RecordId$,
    answeredOn: IsoDate$,
    /** Answers 1…25 in order, true = はい. */
    answers: z.array(z.boolean()).length(25, '基本チェックリストの回答は25項目です'),
    heightCm: z.number().min(50).max(250).nullable().default(null),
    weightKg: z.number().min(10).max(250).nullable().default(null),
    /** Register the person as 事業対象者 from `answeredOn` when the criteria are met. */
    registerParticipant: z.boolean().default(false),
    idempotencyKey: IdempotencyKey$,
  })
  .strict()

export const ParticipationEndRequest$ = z
  .object({
    participantId: RecordId$,
    endedOn: IsoDate$,
    endReason: z.enum(programEndReasons),
    rowVersion: RowVersion$,
    reason: Text(200).default('事業対象者の終了'),
  })
  .strict()

export const PersonChecklistsQuery$ = z.object({ personId: RecordId$ }).strict()

export const BasicChecklist$ = z.object({
  id: RecordId$,
  personId: RecordId$,
  answeredOn: IsoDate$,
  answers: z.array(z.boolean()),
  heightCm: z.number().nullable(),
  weightKg: z.number().nullable(),
  criteria: z.array(z.string()),
  programEligible: z.boolean(),
})
export const ProgramParticipant$ = z.object({
  id: RecordId$,
  personId: RecordId$,
  checklistId: RecordId$,
  validFrom: IsoDate$,
  endedOn: IsoDate$.nullable(),
  endReason: z.enum(programEndReasons).nullable(),
  rowVersion: RowVersion$,
})
export const ChecklistRecorded$ = z.object({
  checklist: BasicChecklist$,
  participant: ProgramParticipant$.nullable(),
})
export const PersonChecklists$ = z.object({
  checklists: z.array(BasicChecklist$),
  participants: z.array(ProgramParticipant$),
})
export type PersonChecklists = z.output<typeof PersonChecklists$>
