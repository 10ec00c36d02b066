/**
 * Retention periods (保存期間) per record kind (control C-20): how long a record is kept after its reference date,
 * as dated ward parameters. The national guideline only says that a record no longer needed must be erased (番号法
 * 第20条 and the 特定個人情報の適正な取扱いに関するガイドライン（行政機関等編）: 保存期間を経過した特定個人情報は
 * できるだけ速やかに削除又は廃棄する); how long "needed" lasts is the ward's decision (its 文書管理規程), noted here for
 * each kind. A changed period is a new dated row, never an edit of an old one.
 */
import type { Versioned } from '../versioned'

/** The record kinds with a retention rule. */
export const retentionKinds = [
  'insuredPerson',
  'premium',
  'intakeFile',
  'exportRequest',
  'auditLog',
  'exportLedger',
  'backup',
] as const
export type RetentionKind = (typeof retentionKinds)[number]

export const retentionKindLabels: Record<RetentionKind, string> = {
  insuredPerson: '被保険者の記録（住民・資格履歴・証の交付記録）',
  premium: '賦課の記録',
  intakeFile: '住基異動の取込記録',
  exportRequest: '持出申請',
  auditLog: 'アクセスログ（監査証跡）',
  exportLedger: '持出管理簿',
  backup: 'バックアップ',
}

/** What a period is counted from (the reference date the caller passes). */
export type RetentionReference = 'eligibilityLoss' | 'recorded' | 'taken'

/**
 * `years` full years counted from the day after the reference date (民法第140条 初日不算入, 第143条 暦による計算):
 * the last day kept is the day before the corresponding day, and the record is past retention the day after.
 * `keep`: never erased by the retention batch.
 */
export type RetentionRule =
  { readonly kind: 'years'; readonly years: number; readonly from: RetentionReference } | { readonly kind: 'keep' }

/** 介護保険 began on 2000-04-01 (介護保険法 施行): the first row of every table starts there. */
const START = '2000-04-01'

export const RETENTION_PERIODS: Readonly<Record<RetentionKind, readonly Versioned<RetentionRule>[]>> = {
  // Ward decision: 資格喪失日の翌日から5年. Covers 賦課 (below), the 2-year limitation of 介護保険法第200条 with its
  // interruptions, and enquiries about past certificates.
  insuredPerson: [
    {
      from: START,
      value: { kind: 'years', years: 5, from: 'eligibilityLoss' },
      source: '区の決定（文書管理規程）: 資格喪失日の翌日から5年',
      unverified: true,
    },
  ],
  // Ward decision: 資格喪失日の翌日から5年 (longer than the 2-year limitation of 介護保険法第200条第1項).
  premium: [
    {
      from: START,
      value: { kind: 'years', years: 5, from: 'eligibilityLoss' },
      source: '区の決定: 資格喪失日の翌日から5年（徴収権の時効2年 介護保険法第200条 を超える期間）',
      unverified: true,
    },
  ],
  // Ward decision: 取込日の翌日から5年 (the file's bookkeeping: names, counts, record ids).
  intakeFile: [
    {
      from: START,
      value: { kind: 'years', years: 5, from: 'recorded' },
      source: '区の決定: 取込日の翌日から5年',
      unverified: true,
    },
  ],
  // Ward decision: 申請日の翌日から3年 (the request holds the persons' ids; the 持出管理簿 row is kept).
  exportRequest: [
    {
      from: START,
      value: { kind: 'years', years: 3, from: 'recorded' },
      source: '区の決定: 申請日の翌日から3年',
      unverified: true,
    },
  ],
  // The audit trail is never erased by the batch (a gap would break the hash chain, control C-08); it is archived
  // and destroyed by operations under its own period (docs/operations.md).
  auditLog: [{ from: START, value: { kind: 'keep' }, source: '区の決定: 消去処理の対象外（運用で保管・廃棄）' }],
  // The 持出管理簿 (control C-22) holds counts and staff names, no resident data: kept.
  exportLedger: [{ from: START, value: { kind: 'keep' }, source: '区の決定: 消去処理の対象外（持出管理簿は保管）' }],
  // Ward decision: バックアップは取得日の翌日から1年で廃棄 (ops rotation, docs/operations.md). A backup taken before an
  // erasure still holds the erased records until then.
  backup: [
    {
      from: START,
      value: { kind: 'years', years: 1, from: 'taken' },
      source: '区の決定: 取得日の翌日から1年で廃棄',
      unverified: true,
    },
  ],
}
