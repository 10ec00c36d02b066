/**
 * 口座振替 contract: a person's 口座 (registration with validity dates and a reason, changes, the stop of 口座振替,
 * the append-only history) and the 口座振替依頼 file for one 振替日 in the 全銀協 120-byte format
 * (docs/interfaces/direct-debit.md), with its dry run.
 */
import { z } from 'zod'
import { IdempotencyKey$, IsoDate$, RecordId$, RowVersion$, Yen$ } from './primitives'

/** 預金種目 of the 全銀協 record: 1 普通, 2 当座, 3 納税準備預金. */
export const accountTypes = ['1', '2', '3'] as const
export type AccountType = (typeof accountTypes)[number]
export const accountTypeLabels: Record<AccountType, string> = { '1': '普通', '2': '当座', '3': '納税準備預金' }

export const bankAccountActions = ['register', 'change', 'stop'] as const
export type BankAccountAction = (typeof bankAccountActions)[number]
export const bankAccountActionLabels: Record<BankAccountAction, string> = {
  register: '口座振替の開始',
  change: '口座の変更',
  stop: '口座振替の停止',
}

const Reason$ = z.string().trim().min(1, '理由を入力してください').max(200)

/** The bank details as typed: codes as digits; the holder's name in any kana (converted to 全銀 half-width kana). */
const accountFields = {
  bankCode: z.string().regex(/^\d{4}$/, '4桁の数字で入力してください'),
  branchCode: z.string().regex(/^\d{3}$/, '3桁の数字で入力してください'),
  accountType: z.enum(accountTypes, '普通・当座・納税準備預金のいずれかです'),
  accountNumber: z.string().regex(/^\d{1,7}$/, '7桁以内の数字で入力してください'),
  holderKana: z.string().trim().min(1, '口座名義人をカナで入力してください').max(60),
}

export const RegisterBankAccountRequest$ = z
  .object({
    personId: RecordId$,
    validFrom: IsoDate$,
    validTo: IsoDate$.nullable().default(null),
    ...accountFields,
    reason: Reason$,
    idempotencyKey: IdempotencyKey$,
  })
  .strict()
export type RegisterBankAccountRequest = z.input<typeof RegisterBankAccountRequest$>

/** A new revision of an account: other bank details or dates. */
export const ChangeBankAccountRequest$ = z
  .object({
    accountId: RecordId$,
    rowVersion: RowVersion$,
    validFrom: IsoDate$,
    validTo: IsoDate$.nullable(),
    ...accountFields,
    reason: Reason$,
  })
  .strict()
export type ChangeBankAccountRequest = z.input<typeof ChangeBankAccountRequest$>

/** The stop of 口座振替: the last day on which the account is debited. */
export const StopDirectDebitRequest$ = z
  .object({ accountId: RecordId$, rowVersion: RowVersion$, stopOn: IsoDate$, reason: Reason$ })
  .strict()
export type StopDirectDebitRequest = z.input<typeof StopDirectDebitRequest$>

export const PersonBankAccountsQuery$ = z.object({ personId: RecordId$ }).strict()

export const BankAccountRevision$ = z
  .object({
    accountId: z.number().int(),
    /** The revision number, which a change names as its rowVersion. */
    revision: z.number().int(),
    validFrom: IsoDate$,
    validTo: IsoDate$.nullable(),
    bankCode: z.string(),
    bankName: z.string(),
    branchCode: z.string(),
    branchName: z.string(),
    accountType: z.enum(accountTypes),
    accountNumber: z.string(),
    holderKana: z.string(),
    action: z.enum(bankAccountActions),
    reason: z.string(),
    recordedAt: z.string(),
  })
  .strict()
export type BankAccountRevision = z.infer<typeof BankAccountRevision$>

export const PersonBankAccounts$ = z
  .object({
    personId: z.number().int(),
    /** The latest revision of each account, the newest start first. */
    accounts: z.array(BankAccountRevision$),
    /** Every revision, oldest first (the append-only history). */
    history: z.array(BankAccountRevision$),
  })
  .strict()
export type PersonBankAccounts = z.infer<typeof PersonBankAccounts$>

// ——— 口座振替依頼 ———

export const DirectDebitDryRunRequest$ = z.object({ transferDate: IsoDate$ }).strict()

/** A file already made for the 振替日. */
export const DirectDebitIssue$ = z
  .object({
    requestId: z.number().int(),
    issue: z.number().int(),
    records: z.number().int(),
    total: Yen$,
    createdAt: z.string(),
    /** Signed off by a 監督者 (only then can it be downloaded). */
    approved: z.boolean(),
  })
  .strict()

export const DirectDebitDryRun$ = z
  .object({
    transferDate: IsoDate$,
    /** Data records the file would hold, and their total (yen). */
    count: z.number().int(),
    total: Yen$,
    /** 普通徴収 installments due on the date without an active 口座振替 (paid by 納付書). */
    withoutAccount: z.number().int(),
    /** The last file made for the date, if any (a new one needs an explicit re-issue). */
    issued: DirectDebitIssue$.nullable(),
  })
  .strict()
export type DirectDebitDryRun = z.infer<typeof DirectDebitDryRun$>

export const DirectDebitFileRequest$ = z
  .object({
    transferDate: IsoDate$,
    /** Present to make the file again for a date already requested: why (e.g. the bank lost the file). */
    reissue: z.object({ reason: Reason$ }).strict().optional(),
    idempotencyKey: IdempotencyKey$,
  })
  .strict()
export type DirectDebitFileRequest = z.input<typeof DirectDebitFileRequest$>

/** A file prepared and recorded, awaiting the 監督者's approval (or approved). */
export const DirectDebitPrepared$ = z
  .object({
    requestId: z.number().int(),
    transferDate: IsoDate$,
    issue: z.number().int(),
    fileName: z.string(),
    count: z.number().int(),
    total: Yen$,
    status: z.enum(['awaitingApproval', 'approved']),
  })
  .strict()
export type DirectDebitPrepared = z.infer<typeof DirectDebitPrepared$>

/** The 監督者's sign-off of a prepared file (a second person, never its preparer). */
export const DirectDebitApproveRequest$ = z.object({ requestId: RecordId$, idempotencyKey: IdempotencyKey$ }).strict()

export const DirectDebitDownloadRequest$ = z.object({ requestId: RecordId$ }).strict()

export const DirectDebitFile$ = z
  .object({
    requestId: z.number().int(),
    transferDate: IsoDate$,
    issue: z.number().int(),
    fileName: z.string(),
    /** The file's bytes (JIS X 0201, 120-byte records), base64. */
    contentBase64: z.string(),
    count: z.number().int(),
    total: Yen$,
  })
  .strict()
export type DirectDebitFile = z.infer<typeof DirectDebitFile$>
