/**
 * Codes of the pension-withholding files: file kinds (docs/sources/interfaces.md §2.2), notice-content codes and the
 * 各種区分 each notice allows (§2.3). The category table is the default of {@link PensionWithholdingOptions}; the
 * reference marks several codes as unconfirmed, so a caller may pass its own table (from master data).
 */

/** 通知内容コード (§2.3). */
export const NOTICE_CODES = ['00', '01', '02', '22', '30', '31', '32', '41', '42', '61', '62', '81', '82'] as const
export type NoticeCode = (typeof NOTICE_CODES)[number]

export const NOTICE_NAMES: Readonly<Record<NoticeCode, string>> = {
  '00': '特別徴収対象者情報',
  '01': '特別徴収依頼通知',
  '02': '特別徴収依頼処理結果通知',
  '22': '特別徴収結果通知',
  '30': '特別徴収追加候補者情報',
  '31': '特別徴収追加依頼通知',
  '32': '特別徴収追加依頼処理結果通知',
  '41': '資格喪失等の通知',
  '42': '資格喪失等処理結果通知',
  '61': '仮徴収額変更通知',
  '62': '仮徴収額変更処理結果通知',
  '81': '住所地特例該当者通知',
  '82': '住所地特例該当者処理結果通知',
}

export function isNoticeCode(text: string): text is NoticeCode {
  return (NOTICE_CODES as readonly string[]).includes(text)
}

const REQUEST_CATEGORIES = ['01', '02', '03'] // 01 対象者 / 02 対象者（住所地特例該当）/ 03 非対象者
const LOSS_CATEGORIES = ['01', '02', '03', '04'] // 01 死亡 / 02 転出 / 03 特別事情 / 04 適用除外
const PROVISIONAL_CHANGE_CATEGORIES = ['00'] // 00 初期値
const RESIDENCE_EXCEPTION_CATEGORIES = ['01', '02'] // 01 該当 / 02 該当解除

/**
 * 各種区分 allowed per notice (§2.3). ⚠️ A processing-result notice (02, 32, 42, 62, 82) has no categories in the
 * reference; we assume it repeats the categories of the notice it answers.
 */
export const DEFAULT_CATEGORY_CODES: Readonly<Record<NoticeCode, readonly string[]>> = {
  '00': ['01', '02', '70'], // 01 新規者 / 02 前年度継続者 / 70 ダミーレコード
  '01': REQUEST_CATEGORIES,
  '02': REQUEST_CATEGORIES,
  '22': ['00', '01', '02', '03', '05', '10'], // 00 正常 / 01 失権 / 02 差止 / 03 支払年金額不足 / 05 他制度による中止 / 10 正常（75歳以上で国保特徴中）
  '30': ['01', '02'], // 01 新規者 / 02 住所変更者
  '31': REQUEST_CATEGORIES,
  '32': REQUEST_CATEGORIES,
  '41': LOSS_CATEGORIES,
  '42': LOSS_CATEGORIES,
  '61': PROVISIONAL_CHANGE_CATEGORIES,
  '62': PROVISIONAL_CHANGE_CATEGORIES,
  '81': RESIDENCE_EXCEPTION_CATEGORIES,
  '82': RESIDENCE_EXCEPTION_CATEGORIES,
}

/**
 * The files of §2.2 and the notices each carries. Z1A travels both ways (changes out, their results back), so it is
 * two kinds here. ⚠️ That 30 travels in Z11, 31 in Z12 and 32 in Z13 is our reading (the reference lists the codes and
 * the files separately).
 */
export const FILE_KINDS = {
  targets: { fileId: 'Z11', name: '介護特別徴収対象者情報', direction: 'import', noticeCodes: ['00', '30'] },
  requests: { fileId: 'Z12', name: '介護特別徴収依頼情報', direction: 'export', noticeCodes: ['01', '31'] },
  requestResults: {
    fileId: 'Z13',
    name: '介護特別徴収依頼処理結果情報',
    direction: 'import',
    noticeCodes: ['02', '32'],
  },
  results: { fileId: 'Z14', name: '介護特別徴収結果情報', direction: 'import', noticeCodes: ['22'] },
  changes: { fileId: 'Z1A', name: '介護特別徴収各種異動情報', direction: 'export', noticeCodes: ['41', '61', '81'] },
  changeResults: {
    fileId: 'Z1A',
    name: '介護特別徴収各種異動処理結果情報',
    direction: 'import',
    noticeCodes: ['42', '62', '82'],
  },
} as const satisfies Record<
  string,
  { fileId: string; name: string; direction: 'import' | 'export'; noticeCodes: readonly NoticeCode[] }
>

export type FileKind = keyof typeof FILE_KINDS
