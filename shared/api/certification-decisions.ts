/**
 * 要介護認定 — the decision side (docs/sources/certification.md §1.5–§1.13, §4): the import of the national software's
 * 一次判定 (docs/interfaces/first-decision.md), the 介護認定審査会 (合議体, 委員, 開催, 割付, 出欠, 二次判定), the 法第36条
 * decision without a board, the notices (認定結果通知書, 却下通知, 延期通知) and the 受給者台帳.
 */
import { z } from 'zod'
import { FileEncoding$, fileImportResultShape } from './file-import'
import { IdempotencyKey$, IsoDate$, RecordId$, Yen$ } from './primitives'

// ——— Codes ———

/** 二次判定 result codes (§1.7): the levels, 31 再調査, 継続審査 (shared/domain/certification-board.ts). */
export const boardResultCodes = ['01', '12', '13', '21', '22', '23', '24', '25', '31', 'continued'] as const
export const BoardResultCode$ = z.enum(boardResultCodes)
export type BoardResultCodeValue = (typeof boardResultCodes)[number]

/** The levels a 一次判定 may return (§1.7): 非該当, 要支援1・2, 要介護1〜5. */
export const firstDecisionCodes = ['01', '12', '13', '21', '22', '23', '24', '25'] as const
export const FirstDecisionCode$ = z.enum(firstDecisionCodes)

/** Levels a certification holds (the 受給者台帳 has no 非該当 row). */
export const certifiedLevelCodes = ['12', '13', '21', '22', '23', '24', '25'] as const
export const CertifiedLevel$ = z.enum(certifiedLevelCodes)
export type CertifiedLevel = (typeof certifiedLevelCodes)[number]

export const levelLabels: Record<string, string> = {
  '01': '非該当',
  '12': '要支援1',
  '13': '要支援2',
  '21': '要介護1',
  '22': '要介護2',
  '23': '要介護3',
  '24': '要介護4',
  '25': '要介護5',
  '31': '再調査',
  continued: '継続審査',
}

/** The 9 parts of the 要介護認定等基準時間 (§4), in file order. */
export const standardTimeParts = [
  'meal',
  'excretion',
  'movement',
  'hygiene',
  'indirect',
  'bpsd',
  'training',
  'medical',
  'dementiaAddition',
] as const
export type StandardTimePart = (typeof standardTimeParts)[number]
export const standardTimePartLabels: Record<StandardTimePart, string> = {
  meal: '食事',
  excretion: '排泄',
  movement: '移動',
  hygiene: '清潔保持',
  indirect: '間接',
  bpsd: 'BPSD関連',
  training: '機能訓練',
  medical: '医療関連',
  dementiaAddition: '認知症加算',
}

// ——— 一次判定 ———

export const FirstDecisionImportRequest$ = z
  .object({
    fileName: z.string().trim().min(1).max(200),
    contentBase64: z.string().min(1).max(20_000_000),
    encoding: FileEncoding$.default('auto'),
    dryRun: z.boolean().default(false),
    idempotencyKey: IdempotencyKey$,
  })
  .strict()

export const FirstDecisionImportResult$ = z.object({ ...fileImportResultShape, caseIds: z.array(RecordId$) }).strict()

export const FirstDecision$ = z
  .object({
    caseId: RecordId$,
    decidedOn: IsoDate$,
    softwareVersion: z.string(),
    provisional: z.boolean(),
    result: FirstDecisionCode$,
    /** 要介護認定等基準時間 in 0.1-minute units (認知症加算 included), as the software gives it. */
    standardMinutes10: z.number().int(),
    parts10: z.record(z.enum(standardTimeParts), z.number().int()),
    /** 中間評価項目得点 of 第1群〜第5群 in 0.1-point units. */
    groupScores10: z.array(z.number().int()).length(5),
    stability: z.enum(['stable', 'unstable']).nullable(),
    /** 認知症高齢者の日常生活自立度Ⅱ以上の蓋然性 in 0.1-percent units. */
    dementiaProbability10: z.number().int().nullable(),
    /** The 57-digit 警告配列コード and the codes it sets. */
    warningArray: z.string(),
    warningCodes: z.array(z.string()),
  })
  .strict()
export type FirstDecision = z.infer<typeof FirstDecision$>

export const CaseQuery$ = z.object({ caseId: RecordId$ }).strict()
export const FirstDecisionOf$ = z.object({ firstDecision: FirstDecision$.nullable() }).strict()

// ——— 合議体・委員 ———

export const CreatePanelRequest$ = z
  .object({
    panelName: z.string().trim().min(1).max(40),
    reducedAllowed: z.boolean().default(false),
    idempotencyKey: IdempotencyKey$,
  })
  .strict()

export const AddBoardMemberRequest$ = z
  .object({
    panelId: RecordId$,
    memberName: z.string().trim().min(1).max(60),
    profession: z.string().trim().min(1).max(40),
    chair: z.boolean().default(false),
    psychiatrist: z.boolean().default(false),
    termFrom: IsoDate$,
    /** Defaults to the end of the 2-year term (BOARD_RULES.memberTermYears). */
    termTo: IsoDate$.optional(),
    /** 事業所番号 of the providers / facilities the member belongs to (除斥). */
    affiliationProviderNos: z
      .array(z.string().regex(/^\d{10}$/, '事業所番号は10桁の数字です'))
      .max(10)
      .default([]),
    idempotencyKey: IdempotencyKey$,
  })
  .strict()

export const BoardMember$ = z
  .object({
    id: RecordId$,
    panelId: RecordId$,
    memberName: z.string(),
    profession: z.string(),
    chair: z.boolean(),
    psychiatrist: z.boolean(),
    termFrom: IsoDate$,
    termTo: IsoDate$,
    affiliationProviderNos: z.array(z.string()),
  })
  .strict()
export type BoardMemberView = z.infer<typeof BoardMember$>

export const Panel$ = z
  .object({
    id: RecordId$,
    panelName: z.string(),
    reducedAllowed: z.boolean(),
    members: z.array(BoardMember$),
    /** Composition problems today (施行令第9条: 5 as standard, one chair). */
    problems: z.array(z.string()),
  })
  .strict()
export const Panels$ = z.object({ panels: z.array(Panel$) }).strict()

// ——— 開催・割付・出欠 ———

export const CreateMeetingRequest$ = z
  .object({
    panelId: RecordId$,
    heldOn: IsoDate$,
    venue: z.string().trim().min(1).max(60),
    capacity: z.number().int().min(1).max(80).optional(),
    idempotencyKey: IdempotencyKey$,
  })
  .strict()

export const Meeting$ = z
  .object({
    id: RecordId$,
    /** 審査会開催番号. */
    meetingNo: z.number().int(),
    panelId: RecordId$,
    panelName: z.string(),
    heldOn: IsoDate$,
    venue: z.string(),
    capacity: z.number().int(),
    assigned: z.number().int(),
    decided: z.number().int(),
  })
  .strict()
export const Meetings$ = z.object({ meetings: z.array(Meeting$) }).strict()
export const MeetingsQuery$ = z.object({ from: IsoDate$.optional() }).strict()

export const AutoAssignRequest$ = z.object({ idempotencyKey: IdempotencyKey$ }).strict()
export const AutoAssignResult$ = z
  .object({
    assignments: z.array(z.object({ caseId: RecordId$, meetingId: RecordId$, order: z.number().int() }).strict()),
    unassigned: z.array(z.object({ caseId: RecordId$, reason: z.string() }).strict()),
  })
  .strict()

export const CaseExclusionRequest$ = z
  .object({
    caseId: RecordId$,
    /** A relative or another named exclusion (除斥). */
    memberIds: z.array(RecordId$).max(20).default([]),
    /** 事業所番号 of the providers serving the applicant. */
    providerNos: z
      .array(z.string().regex(/^\d{10}$/, '事業所番号は10桁の数字です'))
      .max(20)
      .default([]),
    idempotencyKey: IdempotencyKey$,
  })
  .strict()

export const MeetingQuery$ = z.object({ meetingId: RecordId$ }).strict()

export const AttendanceRequest$ = z
  .object({ meetingId: RecordId$, presentMemberIds: z.array(RecordId$).max(20), idempotencyKey: IdempotencyKey$ })
  .strict()

/** A case as the board sees it: the management number instead of the name (§1.6). */
export const MeetingCase$ = z
  .object({
    caseId: RecordId$,
    order: z.number().int(),
    managementNo: z.string(),
    age: z.number().int(),
    sex: z.enum(['male', 'female']),
    kind: z.string(),
    urgent: z.boolean(),
    firstDecision: FirstDecisionCode$.nullable(),
    standardMinutes10: z.number().int().nullable(),
    excludedMemberIds: z.array(RecordId$),
    decision: z
      .object({ result: BoardResultCode$, validFrom: IsoDate$.nullable(), validTo: IsoDate$.nullable() })
      .nullable(),
  })
  .strict()

export const MeetingDetail$ = z
  .object({
    meeting: Meeting$,
    members: z.array(BoardMember$),
    presentMemberIds: z.array(RecordId$),
    quorum: z.number().int(),
    quorumMet: z.boolean(),
    cases: z.array(MeetingCase$),
    /** 審査員報酬 of the members present (dated parameter table). */
    fees: z.array(z.object({ memberId: RecordId$, amount: Yen$ }).strict()),
  })
  .strict()

export const PdfDocument$ = z.object({ fileName: z.string(), pdfBase64: z.string() }).strict()

// ——— 二次判定 ———

export const RecordDecisionRequest$ = z
  .object({
    caseId: RecordId$,
    result: BoardResultCode$,
    validityMonths: z.number().int().min(1).max(48).optional(),
    /** Renewal with the same level as before (48 months allowed). */
    sameLevel: z.boolean().default(false),
    changeReason: z.string().trim().max(400).optional(),
    stateExample: z.enum(['01', '02', '99']).optional(),
    boardOpinion: z.string().trim().max(400).default(''),
    /** サービスの種類の指定 (法第37条). */
    serviceTypes: z.array(z.string().trim().min(1).max(40)).max(20).default([]),
    votesFor: z.number().int().min(0).max(20),
    votesAgainst: z.number().int().min(0).max(20),
    chairCasts: z.boolean().optional(),
    idempotencyKey: IdempotencyKey$,
  })
  .strict()

export const TransferInDecisionRequest$ = z
  .object({
    caseId: RecordId$,
    level: CertifiedLevel$,
    /** The date insured here (転入日 / 資格取得日): the 14 days of 法第36条 run from it; default the case's 転入日. */
    qualifiedOn: IsoDate$.optional(),
    validityMonths: z.number().int().min(3).max(12).default(6),
    /** Default: the former insurer of the case's 受給資格証明書. */
    previousInsurer: z.string().trim().min(1).max(60).optional(),
    idempotencyKey: IdempotencyKey$,
  })
  .strict()

export const Decision$ = z
  .object({
    caseId: RecordId$,
    personId: RecordId$,
    result: BoardResultCode$,
    decidedOn: IsoDate$,
    validFrom: IsoDate$.nullable(),
    validTo: IsoDate$.nullable(),
    withoutBoard: z.boolean(),
    meetingId: RecordId$.nullable(),
  })
  .strict()

// ——— 通知 ———

export const noticeKinds = ['result', 'rejection', 'delay'] as const
export const NoticeKind$ = z.enum(noticeKinds)
export const noticeKindLabels: Record<(typeof noticeKinds)[number], string> = {
  result: '認定結果通知書',
  rejection: '却下通知書',
  delay: '延期通知書',
}

export const IssueDecisionNoticeRequest$ = z
  .object({
    caseId: RecordId$,
    noticeKind: NoticeKind$,
    /** 却下・延期: the reason printed. */
    noticeReason: z.string().trim().max(200).optional(),
    /** 延期: the expected period (§1.9). */
    expectedTo: IsoDate$.optional(),
    idempotencyKey: IdempotencyKey$,
  })
  .strict()

export const IssuedDecisionNotice$ = z
  .object({
    personId: RecordId$,
    noticeKind: NoticeKind$,
    number: z.number().int(),
    issuedOn: IsoDate$,
    fileName: z.string(),
    pdfBase64: z.string(),
  })
  .strict()

export const DelayDraft$ = z
  .object({
    caseId: RecordId$,
    personId: RecordId$,
    appliedOn: IsoDate$,
    deadline: IsoDate$,
    reason: z.string(),
    expectedTo: IsoDate$,
  })
  .strict()
export const DelayDrafts$ = z.object({ drafts: z.array(DelayDraft$) }).strict()

// ——— 受給者台帳 ———

export const Certification$ = z
  .object({
    caseId: RecordId$,
    personId: RecordId$,
    level: CertifiedLevel$,
    decidedOn: IsoDate$,
    validFrom: IsoDate$,
    validTo: IsoDate$,
    boardOpinion: z.string(),
    serviceTypes: z.array(z.string()),
    withoutBoard: z.boolean(),
  })
  .strict()
export type CertificationRecord = z.infer<typeof Certification$>

export const PersonQuery$ = z.object({ personId: RecordId$ }).strict()
export const PersonCertifications$ = z.object({ certifications: z.array(Certification$) }).strict()

export const RecipientChangeEvent$ = z
  .object({
    id: RecordId$,
    personId: RecordId$,
    caseId: RecordId$,
    changeKind: z.string(),
    effectiveOn: IsoDate$,
    queuedOn: IsoDate$,
    sent: z.boolean(),
  })
  .strict()
export const RecipientChangeQueue$ = z.object({ events: z.array(RecipientChangeEvent$) }).strict()
