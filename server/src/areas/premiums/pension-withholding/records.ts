/**
 * The typed records of a pension-withholding file (docs/sources/interfaces.md §2.4): one management record, then per
 * municipality and notice a header, data records and a trailer. Dates are ISO strings, money integer yen, text as
 * decoded (half-width kana stays half-width) without its padding.
 */
import type { IsoDate } from '../../../../../shared/domain'
import type { NoticeCode } from './codes'

/** 管理レコード. ⚠️ Only its first 48 (or 96) bytes are described; see `managementRecordBytes`. */
export interface ManagementRecord {
  kind: 'management'
  municipalityCode: string // 市町村コード, 5 digits (府県2＋市町村3)
  mediumSerial: string // 媒体（連）番, 3 digits
  createdOn: IsoDate // 作成年月日
  storedCount: number | null // ファイル格納件数 (bytes 49–54, ⚠️ one tool only); null when blank or not in the record
}

/** The keys every header, data and trailer record repeats. */
interface GroupKeys {
  municipalityCode: string // 市町村コード, 5 digits
  withholderCode: string // 特別徴収義務者コード, 3 digits
  noticeCode: NoticeCode // 通知内容コード
  systemCode: string // 特別徴収制度コード, 1 digit (⚠️ values unknown)
  createdOn: IsoDate // 作成年月日
}

/** ヘッダレコード (レコード区分 1). */
export interface HeaderRecord extends GroupKeys {
  kind: 'header'
  mediumCode: string // 媒体コード, 1 digit
}

/** データレコード (レコード区分 2). */
export interface DataRecord extends GroupKeys {
  kind: 'data'
  basicPensionNumber: string // 基礎年金番号, 10 digits
  pensionCode: string // 年金コード, 4 digits
  birthDate: IsoDate // 生年月日
  sex: 'male' | 'female' // 性別 1 / 2
  kanaName: string // カナ氏名, half-width (JIS X 0201), up to 25 bytes
  kanjiName: string // 漢字氏名, full-width (JIS X 0208), up to 25 characters; may be empty
  postalCode: string | null // 郵便番号, 7 digits, or null when blank
  kanaAddress: string // カナ住所, up to 80 bytes; may be empty
  kanjiAddress: string // 漢字住所, up to 80 characters; may be empty
  category: string // 各種区分, 2 digits, allowed per notice
  resultCode: string | null // 処理結果, 2 digits, or null when blank (⚠️ result notices only)
  lateStageTransferCode: string | null // 後期移管コード, 1 digit, or null when blank
  noticeDate: IsoDate | null // 各種年月日 (⚠️ meaning per notice), null when blank or zeros
  amount1: number // 各種金額 1, yen (⚠️ meaning per notice)
  amount2: number // 各種金額 2
  amount3: number // 各種金額 3
  mutualAidCertificateNumber: string // 共済年金証書記号番号, up to 15 ASCII characters; may be empty
}

/** トレイラレコード (レコード区分 3). */
export interface TrailerRecord extends GroupKeys {
  kind: 'trailer'
  dataCount: number // 合計件数: the group's data records
  totalAmount1: number // 合計金額 1: the sum of the group's 各種金額 1
  totalAmount2: number
  totalAmount3: number
}

export type PensionWithholdingRecord = ManagementRecord | HeaderRecord | DataRecord | TrailerRecord
export type RecordKind = PensionWithholdingRecord['kind']

export const RECORD_KIND_NAMES: Readonly<Record<RecordKind, string>> = {
  management: '管理',
  header: 'ヘッダ',
  data: 'データ',
  trailer: 'トレイラ',
}
