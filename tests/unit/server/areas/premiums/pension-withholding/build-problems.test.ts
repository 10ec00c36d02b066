/**
 * What build refuses, with the exact Japanese message naming record, byte and field (docs/sources/interfaces.md
 * §2.4): characters without a code in the field's character set, values too long or too large, and the same
 * structure checks as on reading (the trailer's count and totals). Nothing is written when anything is wrong.
 */
import { describe, expect, it } from 'vitest'
import {
  buildPensionWithholdingFile,
  type DataRecord,
  type PensionWithholdingRecord,
} from '../../../../../../server/src/areas/premiums'
import { DATA, HEADER, MANAGEMENT, TRAILER } from './records'

const messages = (records: PensionWithholdingRecord[]) => {
  const built = buildPensionWithholdingFile(records, { fileKind: 'requests' })
  return built.ok ? [] : built.problems.map((p) => p.message)
}
const withData = (change: Partial<DataRecord>) => messages([MANAGEMENT, HEADER, { ...DATA, ...change }, TRAILER])

describe('kanji fields take full-width JIS X 0208 characters only', () => {
  it('𠮷 (outside JIS X 0208) is refused, naming the field and the character', () => {
    expect(withData({ kanjiName: '検証𠮷' })).toEqual([
      '第3レコード（データ）80バイト目「漢字氏名」: 3 文字目の「𠮷」は JIS X 0208 の全角文字で表せません',
    ])
  })
  it('髙 (an IBM extension of CP932) is refused', () => {
    expect(withData({ kanjiName: '髙橋' })).toEqual([
      '第3レコード（データ）76バイト目「漢字氏名」: 1 文字目の「髙」は JIS X 0208 の全角文字で表せません',
    ])
  })
  it('① (an NEC extension) is refused in the address', () => {
    expect(withData({ kanjiAddress: '新宿区①' })).toEqual([
      '第3レコード（データ）225バイト目「漢字住所」: 4 文字目の「①」は JIS X 0208 の全角文字で表せません',
    ])
  })
  it('a half-width digit is refused (write ７, not 7)', () => {
    expect(withData({ kanjiAddress: '新宿区7' })).toEqual([
      '第3レコード（データ）225バイト目「漢字住所」: 4 文字目の「7」は半角文字です（全角文字で入力してください）',
    ])
  })
  it('25 characters fit the name, 26 do not', () => {
    expect(withData({ kanjiName: '検'.repeat(25) })).toEqual([])
    expect(withData({ kanjiName: '検'.repeat(26) })).toEqual([
      '第3レコード（データ）76バイト目「漢字氏名」: 全角 25 文字を超えています（26 文字）',
    ])
  })
  it('80 characters fit the address, 81 do not', () => {
    expect(withData({ kanjiAddress: '区'.repeat(80) })).toEqual([])
    expect(withData({ kanjiAddress: '区'.repeat(81) })).toEqual([
      '第3レコード（データ）219バイト目「漢字住所」: 全角 80 文字を超えています（81 文字）',
    ])
  })
})

describe('kana fields take one-byte JIS X 0201 characters only', () => {
  it('a kanji in the kana name is refused', () => {
    expect(withData({ kanaName: 'ｹﾝ検' })).toEqual([
      '第3レコード（データ）50バイト目「カナ氏名」: 3 文字目の「検」は半角カナ・英数字（JIS X 0201）で表せません',
    ])
  })
  it('full-width katakana is refused (half-width is expected)', () => {
    expect(withData({ kanaName: 'ケンショウ' })).toEqual([
      '第3レコード（データ）48バイト目「カナ氏名」: 1 文字目の「ケ」は半角カナ・英数字（JIS X 0201）で表せません',
    ])
  })
  it('the backslash (¥ in JIS X 0201) is refused', () => {
    expect(withData({ kanaAddress: 'ｼﾝｼﾞｭｸ\\' })).toEqual([
      '第3レコード（データ）142バイト目「カナ住所」: 7 文字目の「\\」は半角カナ・英数字（JIS X 0201）で表せません',
    ])
  })
  it('25 bytes fit the kana name, 26 do not', () => {
    expect(withData({ kanaName: 'ｱ'.repeat(25) })).toEqual([])
    expect(withData({ kanaName: 'ｱ'.repeat(26) })).toEqual([
      '第3レコード（データ）48バイト目「カナ氏名」: 25 バイトを超えています（26 バイト）',
    ])
  })
  it('an empty kana name is refused', () => {
    expect(withData({ kanaName: '' })).toEqual(['第3レコード（データ）48バイト目「カナ氏名」: 空欄です（必須）'])
  })
})

describe('numbers: exact digits for codes, zero-filled integers for yen', () => {
  it('a 9-digit 基礎年金番号 is refused', () => {
    expect(withData({ basicPensionNumber: '123456789' })).toEqual([
      '第3レコード（データ）22バイト目「基礎年金番号」: 10 桁の数字でなければなりません（「123456789」）',
    ])
  })
  it('99,999,999,999 yen fits 11 digits; 100,000,000,000 does not', () => {
    const max = 99_999_999_999
    expect(messages([MANAGEMENT, HEADER, { ...DATA, amount1: max }, { ...TRAILER, totalAmount1: max }])).toEqual([])
    expect(withData({ amount1: max + 1 })).toEqual([
      '第3レコード（データ）395バイト目「各種金額1」: 11 桁を超えています（100000000000）',
    ])
  })
  it('a negative amount is refused', () => {
    expect(withData({ amount2: -1 })).toEqual([
      '第3レコード（データ）406バイト目「各種金額2」: 0 以上の整数でなければなりません（-1）',
    ])
  })
  it('a fraction of a yen is refused', () => {
    expect(withData({ amount3: 0.5 })).toEqual([
      '第3レコード（データ）417バイト目「各種金額3」: 0 以上の整数でなければなりません（0.5）',
    ])
  })
  it('a date that does not exist is refused', () => {
    expect(withData({ birthDate: '1950-02-29' })).toEqual([
      '第3レコード（データ）39バイト目「生年月日」: ISO 形式の存在する日付でなければなりません（「1950-02-29」）',
    ])
  })
})

describe('the same file checks as on reading (§2.4)', () => {
  it('a trailer whose 合計件数 does not match is refused', () => {
    expect(messages([MANAGEMENT, HEADER, DATA, { ...TRAILER, dataCount: 2 }])).toEqual([
      '第4レコード（トレイラ）22バイト目「合計件数」: 合計件数 2 件がデータレコードの件数 1 件と一致しません',
    ])
  })
  it('an unknown 各種区分 is refused', () => {
    expect(withData({ category: '70' })).toEqual([
      '第3レコード（データ）382バイト目「各種区分」: 各種区分「70」は通知内容コード 01（特別徴収依頼通知）の区分ではありません（01, 02, 03）',
    ])
  })
  it('a missing management record is refused', () => {
    expect(messages([HEADER, DATA, TRAILER])).toEqual([
      '第1レコード（ヘッダ）「管理レコード」: 先頭に管理レコードがありません',
    ])
  })
  it('a group without trailer is refused', () => {
    expect(messages([MANAGEMENT, HEADER, DATA])).toEqual([
      '第2レコード（ヘッダ）「トレイラレコード」: このヘッダに対応するトレイラレコードがありません',
    ])
  })
  it('problems of several records come together and nothing is written', () => {
    const built = buildPensionWithholdingFile(
      [MANAGEMENT, { ...HEADER, mediumCode: 'X' }, { ...DATA, postalCode: '160-0022' }, TRAILER],
      { fileKind: 'requests' },
    )
    expect(built).toEqual({
      ok: false,
      problems: [
        {
          recordNumber: 2,
          bytePosition: 12,
          field: '媒体コード',
          message: '第2レコード（ヘッダ）12バイト目「媒体コード」: 1 桁の数字でなければなりません（「X」）',
        },
        {
          recordNumber: 3,
          bytePosition: 129,
          field: '郵便番号',
          message: '第3レコード（データ）129バイト目「郵便番号」: 7 桁の数字でなければなりません（「160-0022」）',
        },
      ],
    })
  })
})
