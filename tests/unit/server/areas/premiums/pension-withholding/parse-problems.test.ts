/**
 * What parse refuses, with the exact Japanese message naming record, byte and field (docs/sources/interfaces.md
 * §2.3–§2.4). Every record is read before the answer, so a file's problems come all at once; bad input never throws.
 */
import { describe, expect, it } from 'vitest'
import { parsePensionWithholdingFile } from '../../../../../../server/src/areas/premiums'
import { concat, put, putBytes, spaces } from './bytes'
import { DATA_BYTES, HEADER_BYTES, MANAGEMENT_BYTES, TRAILER_BYTES } from './records'

const messages = (bytes: Uint8Array, fileKind: 'requests' | 'targets' = 'requests') => {
  const parsed = parsePensionWithholdingFile(bytes, { fileKind })
  return parsed.ok ? [] : parsed.problems.map((p) => p.message)
}
const file = (parts: { header?: Uint8Array; data?: Uint8Array; trailer?: Uint8Array } = {}) =>
  concat(MANAGEMENT_BYTES, parts.header ?? HEADER_BYTES, parts.data ?? DATA_BYTES, parts.trailer ?? TRAILER_BYTES)
const edit = (record: Uint8Array, position: number, text: string) => put(record.slice(), position, text)

describe('the hand-written file is valid', () => {
  it('has no problems', () => {
    expect(messages(file())).toEqual([])
  })
})

describe('length: the management record, then whole 500-byte records (§2.4)', () => {
  it('a last record of 499 bytes is refused, and its group lacks a trailer', () => {
    expect(messages(file().subarray(0, 1999))).toEqual([
      '第2レコード（ヘッダ）「トレイラレコード」: このヘッダに対応するトレイラレコードがありません',
      '第4レコード（種別不明）「レコード長」: 最後のレコードが 499 バイトしかありません（1 レコードは 500 バイト）',
    ])
  })
  it('one byte more than whole records is refused', () => {
    expect(messages(concat(file(), Uint8Array.of(0x0a)))).toEqual([
      '第5レコード（種別不明）「レコード長」: 最後のレコードが 1 バイトしかありません（1 レコードは 500 バイト）',
    ])
  })
  it('a file shorter than the management record is refused', () => {
    expect(messages(spaces(499))).toEqual([
      '第1レコード（管理）「レコード長」: ファイルが 499 バイトしかありません（管理レコードは 500 バイト）',
    ])
  })
  it('a file of the management record only has no groups', () => {
    expect(messages(MANAGEMENT_BYTES)).toEqual([
      'ファイル「ヘッダレコード」: ヘッダ・データ・トレイラのレコードがありません',
    ])
  })
})

describe('numeric fields hold digits only', () => {
  it('a letter in 基礎年金番号 is refused at its own byte', () => {
    expect(messages(file({ data: edit(DATA_BYTES, 22, '12345X7890') }))).toEqual([
      '第3レコード（データ）27バイト目「基礎年金番号」: 数字ではない文字があります（「12345X7890」）',
    ])
  })
  it('a space inside 各種金額1 is refused', () => {
    expect(messages(file({ data: edit(DATA_BYTES, 395, '000000 5000') }))).toEqual([
      '第3レコード（データ）401バイト目「各種金額1」: 数字ではない文字があります（「000000 5000」）',
    ])
  })
  it('a blank 市町村コード in the management record is refused', () => {
    expect(messages(concat(edit(MANAGEMENT_BYTES, 1, '     '), HEADER_BYTES, DATA_BYTES, TRAILER_BYTES))).toEqual([
      '第1レコード（管理）1バイト目「市町村コード」: 数字ではない文字があります（「     」）',
    ])
  })
})

describe('dates are existing western dates YYYYMMDD', () => {
  it('20260231 is refused', () => {
    expect(messages(file({ data: edit(DATA_BYTES, 39, '20260231') }))).toEqual([
      '第3レコード（データ）39バイト目「生年月日」: 存在しない日付です（「20260231」）',
    ])
  })
  it('20240229 (a leap day) is read', () => {
    expect(messages(file({ data: edit(DATA_BYTES, 39, '20240229') }))).toEqual([])
  })
})

describe('codes must be known (§2.3)', () => {
  it('an unknown 通知内容コード is refused', () => {
    expect(messages(file({ header: edit(HEADER_BYTES, 10, '99') }))).toEqual([
      '第2レコード（ヘッダ）10バイト目「通知内容コード」: 未知の通知内容コード「99」です',
    ])
  })
  it('an unknown レコード区分 is refused (and the trailer of its group is not checked against it)', () => {
    expect(messages(file({ data: edit(DATA_BYTES, 1, '4') }))).toEqual([
      '第3レコード（種別不明）1バイト目「レコード区分」: 未知のレコード区分「4」です（1 ヘッダ / 2 データ / 3 トレイラ）',
    ])
  })
  it('a 各種区分 the notice does not have is refused (01 依頼: 01, 02, 03)', () => {
    expect(messages(file({ data: edit(DATA_BYTES, 382, '04') }))).toEqual([
      '第3レコード（データ）382バイト目「各種区分」: 各種区分「04」は通知内容コード 01（特別徴収依頼通知）の区分ではありません（01, 02, 03）',
    ])
  })
  it('03 is the last category of 01 and is read', () => {
    expect(messages(file({ data: edit(DATA_BYTES, 382, '03') }))).toEqual([])
  })
  it('性別 other than 1 or 2 is refused', () => {
    expect(messages(file({ data: edit(DATA_BYTES, 47, '0') }))).toEqual([
      '第3レコード（データ）47バイト目「性別」: 未知のコード「0」です（1 男 / 2 女）',
    ])
  })
  it('a notice the file kind does not carry is refused (Z11 carries 00 and 30)', () => {
    expect(messages(file(), 'targets')).toContain(
      '第2レコード（ヘッダ）10バイト目「通知内容コード」: 通知内容コード「01」（特別徴収依頼通知）は Z11（介護特別徴収対象者情報）のファイルでは使えません（00, 30）',
    )
  })
})

describe('the trailer counts and sums its group (§2.4)', () => {
  it('合計件数 2 for one data record is refused', () => {
    expect(messages(file({ trailer: edit(TRAILER_BYTES, 22, '000000002') }))).toEqual([
      '第4レコード（トレイラ）22バイト目「合計件数」: 合計件数 2 件がデータレコードの件数 1 件と一致しません',
    ])
  })
  it('合計金額2 one yen off is refused', () => {
    expect(messages(file({ trailer: edit(TRAILER_BYTES, 42, '00000006001') }))).toEqual([
      '第4レコード（トレイラ）42バイト目「合計金額2」: 合計金額2 6001 円がデータレコードの各種金額2の合計 6000 円と一致しません',
    ])
  })
  it('a trailer after two data records counts two', () => {
    const trailer = put(put(TRAILER_BYTES.slice(), 22, '000000002'), 31, '00000010000')
    put(trailer, 42, '00000012000')
    put(trailer, 53, '00000014000')
    expect(messages(concat(MANAGEMENT_BYTES, HEADER_BYTES, DATA_BYTES, DATA_BYTES, trailer))).toEqual([])
  })
})

describe('records of a group repeat the header’s keys and follow header → data → trailer (§2.4)', () => {
  it('a data record of another municipality is refused', () => {
    expect(messages(file({ data: edit(DATA_BYTES, 2, '13105') }))).toEqual([
      '第3レコード（データ）2バイト目「市町村コード」: 第2レコードのヘッダの市町村コード「13104」と一致しません（「13105」）',
    ])
  })
  it('a data record before any header is refused', () => {
    expect(messages(concat(MANAGEMENT_BYTES, DATA_BYTES, HEADER_BYTES, TRAILER_BYTES))).toEqual([
      '第2レコード（データ）1バイト目「レコード区分」: データレコードの前にヘッダレコードがありません',
      '第4レコード（トレイラ）22バイト目「合計件数」: 合計件数 1 件がデータレコードの件数 0 件と一致しません',
      '第4レコード（トレイラ）31バイト目「合計金額1」: 合計金額1 5000 円がデータレコードの各種金額1の合計 0 円と一致しません',
      '第4レコード（トレイラ）42バイト目「合計金額2」: 合計金額2 6000 円がデータレコードの各種金額2の合計 0 円と一致しません',
      '第4レコード（トレイラ）53バイト目「合計金額3」: 合計金額3 7000 円がデータレコードの各種金額3の合計 0 円と一致しません',
    ])
  })
  it('a second header before the trailer is refused', () => {
    expect(messages(concat(MANAGEMENT_BYTES, HEADER_BYTES, HEADER_BYTES, DATA_BYTES, TRAILER_BYTES))).toEqual([
      '第3レコード（ヘッダ）1バイト目「レコード区分」: 第2レコードのヘッダに対応するトレイラがないまま次のヘッダがあります',
    ])
  })
})

describe('text fields: JIS X 0201 outside, JIS X 0208 between the shift codes (§2.4)', () => {
  it('a missing kanji-in shift code is refused', () => {
    expect(messages(file({ data: edit(DATA_BYTES, 73, '   ') }))).toEqual([
      '第3レコード（データ）73バイト目「シフトコード（氏名漢字開始）」: 漢字開始のシフトコード（ESC $ B）でなければなりません（実際は「   」）',
    ])
  })
  it('ESC ( J instead of ESC ( B after the address is refused', () => {
    expect(messages(file({ data: putBytes(DATA_BYTES.slice(), 379, [0x1b, 0x28, 0x4a]) }))).toEqual([
      '第3レコード（データ）379バイト目「シフトコード（住所漢字終了）」: 漢字終了のシフトコード（ESC ( B）でなければなりません（実際は（0x1B284A））',
    ])
  })
  it('a vendor extension (NEC row 13, ① 0x2D21) in a kanji field is refused at its byte', () => {
    expect(messages(file({ data: putBytes(DATA_BYTES.slice(), 78, [0x2d, 0x21]) }))).toEqual([
      '第3レコード（データ）78バイト目「漢字氏名」: JIS X 0208 の文字ではない符号 0x2D21 があります',
    ])
  })
  it('a byte outside JIS X 0201 text in the kana name is refused', () => {
    expect(messages(file({ data: putBytes(DATA_BYTES.slice(), 50, [0x80]) }))).toEqual([
      '第3レコード（データ）50バイト目「カナ氏名」: 半角カナ・英数字（JIS X 0201）ではないバイト 0x80 があります',
    ])
  })
  it('a blank kana name is refused', () => {
    expect(messages(file({ data: edit(DATA_BYTES, 48, ' '.repeat(25)) }))).toEqual([
      '第3レコード（データ）48バイト目「カナ氏名」: 空欄です（必須）',
    ])
  })
})

describe('every record is checked before the answer', () => {
  it('problems of two records come together, in file order', () => {
    expect(messages(file({ header: edit(HEADER_BYTES, 14, '2026071X'), data: edit(DATA_BYTES, 32, 'ABCD') }))).toEqual([
      '第2レコード（ヘッダ）21バイト目「作成年月日」: 日付（西暦 YYYYMMDD）ではありません（「2026071X」）',
      '第3レコード（データ）32バイト目「年金コード」: 数字ではない文字があります（「ABCD」）',
    ])
  })
  it('a problem carries record number, byte position and field apart from its message', () => {
    const parsed = parsePensionWithholdingFile(file({ data: edit(DATA_BYTES, 22, '12345X7890') }), {
      fileKind: 'requests',
    })
    expect(parsed.ok ? null : parsed.problems[0]).toMatchObject({
      recordNumber: 3,
      bytePosition: 27,
      field: '基礎年金番号',
    })
  })
  it('random bytes never throw', () => {
    const noise = Uint8Array.from({ length: 2000 }, (_, i) => (i * 7919) % 256)
    expect(() => parsePensionWithholdingFile(noise, { fileKind: 'results' })).not.toThrow()
    expect(parsePensionWithholdingFile(noise, { fileKind: 'results' }).ok).toBe(false)
  })
})
