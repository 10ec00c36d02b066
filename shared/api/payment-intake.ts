/**
 * 消込 (payment intake) contract: import a payment file (全銀 口座振替結果, コンビニ収納 速報・確報), read the work list of
 * the payments not applied automatically, and decide one of them (docs/interfaces/payments.md).
 */
import { z } from 'zod'
import { IdempotencyKey$, IsoDate$, RecordId$, RowVersion$, Yen$ } from './primitives'

export const paymentFileKinds = ['directDebitResult', 'convenience'] as const
export type PaymentFileKind = (typeof paymentFileKinds)[number]
export const paymentFileKindLabels: Record<PaymentFileKind, string> = {
  directDebitResult: '口座振替結果（全銀）',
  convenience: 'コンビニ収納（速報・確報）',
}

/**
 * What a 消込 batch read: an uploaded payment file, or the 特別徴収結果 (Z14) the 賦課 area stored — its withheld
 * amounts are posted to the 特別徴収 installments through the same matching and work list.
 */
export const paymentIntakeKinds = [...paymentFileKinds, 'withholdingResult'] as const
export type PaymentIntakeKind = (typeof paymentIntakeKinds)[number]

/** What became of a line: applied to the ledger, sent to the work list, 振替不能 (no money), or already counted. */
export const intakeLineOutcomes = ['applied', 'work', 'notTransferred', 'alreadyCounted'] as const
export type IntakeLineOutcome = (typeof intakeLineOutcomes)[number]

export const workItemStatuses = ['open', 'assigned', 'refund', 'held'] as const
export type WorkItemStatus = (typeof workItemStatuses)[number]
export const workItemStatusLabels: Record<WorkItemStatus, string> = {
  open: '未処理',
  assigned: '充当済（消込）',
  refund: '還付予定',
  held: '保留',
}

/** The most problems an answer lists (the count says how many there were). */
export const INTAKE_PROBLEM_LIMIT = 100

export const PaymentImportRequest$ = z
  .object({
    kind: z.enum(paymentFileKinds),
    fileName: z.string().trim().min(1).max(200),
    contentBase64: z.string().min(1),
    /** 検証のみ: the file is read and checked, nothing is written (status 'validated'). */
    dryRun: z.boolean(),
    idempotencyKey: IdempotencyKey$,
  })
  .strict()
export type PaymentImportRequest = z.input<typeof PaymentImportRequest$>

export const IntakeProblem$ = z
  .object({ line: z.number().int(), field: z.string().nullable(), message: z.string() })
  .strict()

export const PaymentImportResult$ = z
  .object({
    /** applied: the lines landed; validated: 検証のみ without problems; alreadyImported: the same file came before. */
    status: z.enum(['applied', 'validated', 'alreadyImported', 'rejected']),
    fileId: RecordId$.nullable(),
    lines: z.number().int(),
    applied: z.number().int(),
    appliedAmount: Yen$,
    work: z.number().int(),
    workAmount: Yen$,
    notTransferred: z.number().int(),
    alreadyCounted: z.number().int(),
    problemCount: z.number().int(),
    problems: z.array(IntakeProblem$),
    warnings: z.array(z.string()).optional(),
  })
  .strict()
export type PaymentImportResult = z.infer<typeof PaymentImportResult$>

/** 特別徴収結果の収納計上: the withheld amounts of one stored Z14 file posted to the ledger (once per file). */
export const WithholdingResultPostRequest$ = z
  .object({
    /** The received 特別徴収結果 file (its id in the 賦課 area's exchange files). */
    pensionFileId: RecordId$,
    /** 検証のみ: counts what would be posted, writes nothing (status 'validated'). */
    dryRun: z.boolean(),
    idempotencyKey: IdempotencyKey$,
  })
  .strict()
export type WithholdingResultPostRequest = z.input<typeof WithholdingResultPostRequest$>

export const WithholdingResultFilesQuery$ = z
  .object({ fiscalYear: z.number().int().min(2000).max(2100).optional() })
  .strict()
export type WithholdingResultFilesQuery = z.input<typeof WithholdingResultFilesQuery$>

/** A received 特別徴収結果 file and what its posting to the ledger gave (null while not posted). */
export const WithholdingResultFile$ = z
  .object({
    pensionFileId: RecordId$,
    fileName: z.string(),
    fiscalYear: z.number().int(),
    receivedAt: z.string(),
    /** Records withheld (区分 00/10) and their amount: what a posting reads. */
    withheldCount: z.number().int(),
    withheldAmount: Yen$,
    posted: z
      .object({
        postedAt: z.string(),
        applied: z.number().int(),
        appliedAmount: Yen$,
        work: z.number().int(),
        workAmount: Yen$,
      })
      .strict()
      .nullable(),
  })
  .strict()
export type WithholdingResultFile = z.infer<typeof WithholdingResultFile$>
export const WithholdingResultFiles$ = z.object({ files: z.array(WithholdingResultFile$) }).strict()
export type WithholdingResultFiles = z.infer<typeof WithholdingResultFiles$>

export const PaymentWorkListQuery$ = z.object({ status: z.enum(['open', 'all']) }).strict()
export type PaymentWorkListQuery = z.input<typeof PaymentWorkListQuery$>

const Installment$ = z
  .object({
    fiscalYear: z.number().int().min(2000).max(2100),
    method: z.enum(['withholding', 'direct']),
    seq: z.number().int().min(1).max(99),
  })
  .strict()

export const PaymentWorkItem$ = z
  .object({
    id: RecordId$,
    rowVersion: RowVersion$,
    status: z.enum(workItemStatuses),
    reason: z.enum(['unmatched', 'partial', 'over', 'duplicate', 'timeBarred']),
    reasonLabel: z.string(),
    message: z.string(),
    fileName: z.string(),
    line: z.number().int(),
    channel: z.string(),
    detail: z.string(),
    amount: Yen$,
    paidOn: IsoDate$,
    /** 顧客番号 / 納付番号 as the file had it. */
    reference: z.string(),
    insuredNumber: z.string(),
    fiscalYear: z.number().int(),
    seq: z.number().int(),
    person: z.object({ id: RecordId$, name: z.string() }).strict().nullable(),
    /** The installment the line named, with its 残高 now (null when unknown). */
    balance: Yen$.nullable(),
    assignedTo: Installment$.extend({ personId: RecordId$ }).strict().nullable(),
    note: z.string().nullable(),
  })
  .strict()
export type PaymentWorkItem = z.infer<typeof PaymentWorkItem$>

export const PaymentWorkList$ = z.object({ items: z.array(PaymentWorkItem$), openCount: z.number().int() }).strict()
export type PaymentWorkList = z.infer<typeof PaymentWorkList$>

/**
 * A decision on a work item: assign the money to a person's installment (applied through the ledger; more than the
 * balance becomes 過誤納), mark it to be refunded to the payer, or hold it with a note.
 */
export const PaymentWorkDecision$ = z
  .object({
    itemId: RecordId$,
    rowVersion: RowVersion$,
    action: z.enum(['assign', 'refund', 'hold']),
    /** For 'assign': the person and installment (default: the line's own). */
    target: Installment$.extend({ personId: RecordId$ }).strict().optional(),
    note: z.string().trim().min(1).max(200),
    idempotencyKey: IdempotencyKey$,
  })
  .strict()
export type PaymentWorkDecision = z.input<typeof PaymentWorkDecision$>
