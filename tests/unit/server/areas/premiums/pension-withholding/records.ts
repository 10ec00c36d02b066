/**
 * Dummy records for the tests (dummy names only). One valid Z12 request file: management, header, one data record of
 * 「検証 太郎」 (the kanji name has a full-width space), trailer — and its bytes written by hand, position by
 * position, from docs/sources/interfaces.md §2.4.
 */
import type {
  DataRecord,
  HeaderRecord,
  ManagementRecord,
  TrailerRecord,
} from '../../../../../../server/src/areas/premiums'
import { ESC_KANJI_IN, ESC_KANJI_OUT, concat, kanjiField, put, putBytes, spaces } from './bytes'

export const KEYS = {
  municipalityCode: '13104',
  withholderCode: '001',
  noticeCode: '01',
  systemCode: '0',
  createdOn: '2026-07-10',
} as const

export const MANAGEMENT: ManagementRecord = {
  kind: 'management',
  municipalityCode: '13104',
  mediumSerial: '001',
  createdOn: '2026-07-10',
  storedCount: 3,
}
export const HEADER: HeaderRecord = { kind: 'header', ...KEYS, mediumCode: '1' }
export const DATA: DataRecord = {
  kind: 'data',
  ...KEYS,
  basicPensionNumber: '1234567890',
  pensionCode: '1150',
  birthDate: '1950-04-01',
  sex: 'male',
  kanaName: 'ｹﾝｼｮｳ ﾀﾛｳ',
  kanjiName: '検証　太郎',
  postalCode: '1600022',
  kanaAddress: 'ﾄｳｷｮｳﾄ',
  kanjiAddress: '東京都新宿区',
  category: '01',
  resultCode: null,
  lateStageTransferCode: null,
  noticeDate: null,
  amount1: 5000,
  amount2: 6000,
  amount3: 7000,
  mutualAidCertificateNumber: '',
}
export const TRAILER: TrailerRecord = {
  kind: 'trailer',
  ...KEYS,
  dataCount: 1,
  totalAmount1: 5000,
  totalAmount2: 6000,
  totalAmount3: 7000,
}
export const REQUEST_FILE = [MANAGEMENT, HEADER, DATA, TRAILER]

// Management: 1 市町村コード 5, 6 空白 1, 7 媒体通番 3, 10 作成年月日 8, 18 予備 31, 49 ファイル格納件数 6, 55 予備 …
export const MANAGEMENT_BYTES = put(put(put(put(spaces(), 1, '13104'), 7, '001'), 10, '20260710'), 49, '000003')

// Header: 1 レコード区分, 2 市町村 5, 7 義務者 3, 10 通知内容 2, 12 媒体コード 1, 13 制度 1, 14 作成年月日 8, 22 予備 479.
export const HEADER_BYTES = put(spaces(), 1, '113104001011020260710')

/** JIS X 0208 codes (区点 → two bytes 0x20 + 区, 0x20 + 点). */
const JIS = {
  検: [0x38, 0x21], // 24-01
  証: [0x3e, 0x5a], // 30-58
  太: [0x42, 0x40], // 34-32
  郎: [0x4f, 0x3a], // 47-26
  東: [0x45, 0x6c], // 37-76
  京: [0x35, 0x7e], // 21-94
  都: [0x45, 0x54], // 37-52
  新: [0x3f, 0x37], // 31-23
  宿: [0x3d, 0x49], // 29-41
  区: [0x36, 0x68], // 22-72
  '　': [0x21, 0x21], // 01-01
}
/** JIS X 0201 katakana: ｳ B3, ｷ B7, ｹ B9, ｼ BC, ﾀ C0, ﾄ C4, ﾛ DB, ﾝ DD, ｮ AE. */
const KANA_NAME = [0xb9, 0xdd, 0xbc, 0xae, 0xb3, 0x20, 0xc0, 0xdb, 0xb3] // ｹﾝｼｮｳ ﾀﾛｳ
const KANA_ADDRESS = [0xc4, 0xb3, 0xb7, 0xae, 0xb3, 0xc4] // ﾄｳｷｮｳﾄ

function dataBytes(): Uint8Array {
  const r = spaces()
  put(r, 1, '2') // レコード区分
  put(r, 2, '13104') // 市町村コード
  put(r, 7, '001') // 特別徴収義務者コード
  put(r, 10, '01') // 通知内容コード; 12 予備
  put(r, 13, '0') // 特別徴収制度コード
  put(r, 14, '20260710') // 作成年月日
  put(r, 22, '1234567890') // 基礎年金番号
  put(r, 32, '1150') // 年金コード; 36–38 予備
  put(r, 39, '19500401') // 生年月日
  put(r, 47, '1') // 性別
  putBytes(r, 48, KANA_NAME) // カナ氏名 48–72, spaces after
  putBytes(r, 73, ESC_KANJI_IN)
  putBytes(r, 76, kanjiField([...JIS.検, ...JIS.証, ...JIS['　'], ...JIS.太, ...JIS.郎], 50)) // 76–125
  putBytes(r, 126, ESC_KANJI_OUT)
  put(r, 129, '1600022') // 郵便番号
  putBytes(r, 136, KANA_ADDRESS) // カナ住所 136–215
  putBytes(r, 216, ESC_KANJI_IN)
  putBytes(r, 219, kanjiField([...JIS.東, ...JIS.京, ...JIS.都, ...JIS.新, ...JIS.宿, ...JIS.区], 160)) // 219–378
  putBytes(r, 379, ESC_KANJI_OUT)
  put(r, 382, '01') // 各種区分; 384 処理結果, 386 後期移管コード, 387 各種年月日: blank
  put(r, 395, '00000005000') // 各種金額1
  put(r, 406, '00000006000') // 各種金額2
  put(r, 417, '00000007000') // 各種金額3; 428–485 予備, 486–500 共済年金証書記号番号: blank
  return r
}
export const DATA_BYTES = dataBytes()

// Trailer: 1 区分, 2–21 as the header (12 予備), 22 合計件数 9, 31/42/53 合計金額1–3 11 each, 64 予備 437.
export const TRAILER_BYTES = spaces()
put(TRAILER_BYTES, 1, '31310400101 020260710')
put(TRAILER_BYTES, 22, '000000001') // 合計件数
put(TRAILER_BYTES, 31, '00000005000') // 合計金額1
put(TRAILER_BYTES, 42, '00000006000') // 合計金額2
put(TRAILER_BYTES, 53, '00000007000') // 合計金額3

export const REQUEST_FILE_BYTES = concat(MANAGEMENT_BYTES, HEADER_BYTES, DATA_BYTES, TRAILER_BYTES)
