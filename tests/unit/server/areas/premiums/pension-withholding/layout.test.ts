/**
 * The 500-byte layout, byte by byte: docs/sources/interfaces.md §2.4 (management, header, data, trailer) with the
 * expected bytes written by hand in ./records.ts. Both directions: build gives exactly those bytes, parse gives back
 * the records.
 */
import { describe, expect, it } from 'vitest'
import {
  buildPensionWithholdingFile,
  parsePensionWithholdingFile,
  type DataRecord,
  type PensionWithholdingOptions,
  type PensionWithholdingRecord,
} from '../../../../../../server/src/areas/premiums'
import { ESC_KANJI_IN, ESC_KANJI_OUT, ascii, concat, put, spaces } from './bytes'
import {
  DATA,
  DATA_BYTES,
  HEADER,
  HEADER_BYTES,
  MANAGEMENT,
  MANAGEMENT_BYTES,
  REQUEST_FILE,
  REQUEST_FILE_BYTES,
  TRAILER,
  TRAILER_BYTES,
} from './records'

const built = (
  records: PensionWithholdingRecord[] = REQUEST_FILE,
  options: PensionWithholdingOptions = { fileKind: 'requests' },
) => {
  const result = buildPensionWithholdingFile(records, options)
  if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('\n'))
  return result.bytes
}

describe('every record is 500 bytes, one after another without separators (§2.4)', () => {
  it('a file of management, header, one data record and trailer is 2,000 bytes', () => {
    expect(built().length).toBe(2000)
  })
  it('records are concatenated with no CR/LF between them', () => {
    expect(built().includes(0x0a)).toBe(false)
    expect(built().includes(0x0d)).toBe(false)
  })
})

describe('the management record (§2.4: 市町村コード 5, 空白 1, 媒体通番 3, 作成年月日 8, 予備 31, 格納件数 6 ⚠️)', () => {
  it('is written as counted by hand', () => {
    expect(ascii(built().subarray(0, 500))).toBe(ascii(MANAGEMENT_BYTES))
  })
  it('is read back', () => {
    const parsed = parsePensionWithholdingFile(REQUEST_FILE_BYTES, { fileKind: 'requests' })
    expect(parsed.ok && parsed.records[0]).toEqual(MANAGEMENT)
  })
  it('a 48-byte management record (the vendor’s length) has no 格納件数', () => {
    const bytes = concat(put(spaces(48), 1, '13104 00120260710'), HEADER_BYTES, DATA_BYTES, TRAILER_BYTES)
    const parsed = parsePensionWithholdingFile(bytes, { fileKind: 'requests', managementRecordBytes: 48 })
    expect(parsed.ok && parsed.records[0]).toEqual({ ...MANAGEMENT, storedCount: null })
  })
  it('a 96-byte management record (one tool’s reading) carries 格納件数 at bytes 49–54', () => {
    const bytes = built(REQUEST_FILE, { fileKind: 'requests', managementRecordBytes: 96 })
    expect(bytes.length).toBe(96 + 1500)
    expect(ascii(bytes.subarray(0, 96))).toBe(ascii(MANAGEMENT_BYTES.subarray(0, 96)))
  })
})

describe('the header record (§2.4: 区分 1, 市町村 5, 義務者 3, 通知内容 2, 媒体 1, 制度 1, 作成年月日 8, 予備 479)', () => {
  it('is written as counted by hand', () => {
    expect(ascii(built().subarray(500, 1000))).toBe(ascii(HEADER_BYTES))
  })
  it('is read back', () => {
    const parsed = parsePensionWithholdingFile(REQUEST_FILE_BYTES, { fileKind: 'requests' })
    expect(parsed.ok && parsed.records[1]).toEqual(HEADER)
  })
})

describe('the data record (§2.4 table: kana in JIS X 0201, kanji in JIS X 0208 between ESC $ B and ESC ( B)', () => {
  const data = () => built().subarray(1000, 1500)
  it('is written as counted by hand', () => {
    expect([...data()]).toEqual([...DATA_BYTES])
  })
  it('the kanji fields are enclosed in shift codes at bytes 73, 126, 216 and 379', () => {
    expect([...data().subarray(72, 75)]).toEqual(ESC_KANJI_IN)
    expect([...data().subarray(125, 128)]).toEqual(ESC_KANJI_OUT)
    expect([...data().subarray(215, 218)]).toEqual(ESC_KANJI_IN)
    expect([...data().subarray(378, 381)]).toEqual(ESC_KANJI_OUT)
  })
  it('amounts are right-aligned and zero-filled to 11 digits', () => {
    expect(ascii(data().subarray(394, 427))).toBe('000000050000000000600000000007000')
  })
  it('is read back, padding removed', () => {
    const parsed = parsePensionWithholdingFile(REQUEST_FILE_BYTES, { fileKind: 'requests' })
    expect(parsed.ok && parsed.records[2]).toEqual(DATA)
  })
  it('the optional fields are read when present: 処理結果, 後期移管コード, 各種年月日, 共済年金証書記号番号', () => {
    const bytes = DATA_BYTES.slice()
    put(bytes, 384, '00')
    put(bytes, 386, '1')
    put(bytes, 387, '20261001')
    put(bytes, 486, 'A123456789')
    const parsed = parsePensionWithholdingFile(concat(MANAGEMENT_BYTES, HEADER_BYTES, bytes, TRAILER_BYTES), {
      fileKind: 'requests',
    })
    const expected: DataRecord = {
      ...DATA,
      resultCode: '00',
      lateStageTransferCode: '1',
      noticeDate: '2026-10-01',
      mutualAidCertificateNumber: 'A123456789',
    }
    expect(parsed.ok && parsed.records[2]).toEqual(expected)
  })
  it('各種年月日 of zeros is read as no date', () => {
    const bytes = put(DATA_BYTES.slice(), 387, '00000000')
    const parsed = parsePensionWithholdingFile(concat(MANAGEMENT_BYTES, HEADER_BYTES, bytes, TRAILER_BYTES), {
      fileKind: 'requests',
    })
    expect(parsed.ok && parsed.records[2]).toEqual(DATA)
  })
  it('female is 2 at byte 47', () => {
    const bytes = built([MANAGEMENT, HEADER, { ...DATA, sex: 'female' }, TRAILER])
    expect(ascii(bytes.subarray(1046, 1047))).toBe('2')
  })
  it('25 full-width characters fill the kanji name exactly; 25 one-byte characters the kana name', () => {
    const long = { ...DATA, kanjiName: '検'.repeat(25), kanaName: 'ｱ'.repeat(25) }
    const bytes = built([MANAGEMENT, HEADER, long, TRAILER]).subarray(1000, 1500)
    expect([...bytes.subarray(75, 125)]).toEqual(Array.from({ length: 25 }, () => [0x38, 0x21]).flat())
    expect([...bytes.subarray(47, 72)]).toEqual(new Array(25).fill(0xb1))
  })
})

describe('the trailer record (§2.4: keys, 作成年月日, 合計件数 9, 合計金額 1–3 of 11, 予備 437)', () => {
  it('is written as counted by hand', () => {
    expect(ascii(built().subarray(1500, 2000))).toBe(ascii(TRAILER_BYTES))
  })
  it('is read back', () => {
    const parsed = parsePensionWithholdingFile(REQUEST_FILE_BYTES, { fileKind: 'requests' })
    expect(parsed.ok && parsed.records[3]).toEqual(TRAILER)
  })
})

describe('reserved fields (予備) are written as spaces and not read', () => {
  it('whatever a received file holds in 予備 is ignored', () => {
    const bytes = put(HEADER_BYTES.slice(), 22, 'X'.repeat(479))
    const parsed = parsePensionWithholdingFile(concat(MANAGEMENT_BYTES, bytes, DATA_BYTES, TRAILER_BYTES), {
      fileKind: 'requests',
    })
    expect(parsed.ok && parsed.records[1]).toEqual(HEADER)
  })
})
