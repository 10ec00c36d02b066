import { describe, expect, it } from 'vitest'
import { parsePensionWithholdingFile, type DataRecord } from '../../../../../../server/src/areas/premiums'
import {
  buildPensionTargetsFile,
  dummyBasicPensionNumber,
  type PensionTargetPerson,
} from '../../../../../../server/src/demo/pension-targets'

/** Dummy residents only (「検証」), as the demo ward's generator would have them. */
const resident = (i: number, over: Partial<PensionTargetPerson> = {}): PensionTargetPerson => ({
  residentCode: `99000000${String(i).padStart(2, '0')}`,
  birthDate: '1950-04-01',
  sex: 'male',
  familyName: '検証',
  givenName: '太郎',
  familyNameKana: 'ケンショウ',
  givenNameKana: 'タロウ',
  postalCode: '160-0022',
  address: '東京都新宿区新宿一丁目1番1号',
  pensionAmount: 1_200_000,
  continuing: true,
  ...over,
})

/**
 * The dummy 特別徴収対象者情報 (Z11, notice 00) of the demo ward: a valid file of the layout of
 * docs/sources/interfaces.md §2.4 that the codec reads back, one group per 特別徴収義務者, one ダミーレコード (区分 70).
 */
describe('the generated 対象者情報 file', () => {
  const people = Array.from({ length: 10 }, (_, i) => resident(i))
  people[1] = resident(1, { familyName: '𠮷田', continuing: false, pensionAmount: 180_000 })
  const bytes = buildPensionTargetsFile(people, '2026-05-20')
  const parsed = parsePensionWithholdingFile(bytes, { fileKind: 'targets' })
  const data = parsed.ok ? parsed.records.filter((r): r is DataRecord => r.kind === 'data') : []

  it('is management + 500 bytes per record, and parses without a problem', () => {
    expect(parsed.ok).toBe(true)
    // 1 management + (header + 9 persons + dummy + trailer = 12) + (header + 1 person + trailer = 3) = 16 records
    expect(bytes.length).toBe(16 * 500)
  })

  it('writes the カナ氏名 half-width, the pension as 各種金額1 and 前年度継続者 / 新規者 as 各種区分', () => {
    expect(data[0]).toMatchObject({
      kanaName: 'ｹﾝｼｮｳ ﾀﾛｳ',
      kanjiName: '検証　太郎',
      postalCode: '1600022',
      amount1: 1_200_000,
      category: '02',
      basicPensionNumber: dummyBasicPensionNumber('9900000000'),
    })
    expect(data[1]).toMatchObject({ category: '01', amount1: 180_000 })
  })

  it('leaves a kanji name outside JIS X 0208 empty rather than refusing the file', () => {
    expect(data[1]!.kanjiName).toBe('')
  })

  it('puts every tenth person in the 共済 group (700) and one ダミーレコード in the first group', () => {
    expect(data.map((d) => d.withholderCode)).toEqual([...Array<string>(10).fill('001'), '700'])
    expect(data.filter((d) => d.category === '70')).toHaveLength(1)
    expect(data[10]!.mutualAidCertificateNumber).toBe('D000000009')
  })

  it('derives a dummy 基礎年金番号 of 10 digits starting with 9 from the resident code', () => {
    expect(dummyBasicPensionNumber('9900000000')).toMatch(/^9\d{9}$/)
    expect(dummyBasicPensionNumber('9900000000')).not.toBe(dummyBasicPensionNumber('9900000001'))
  })
})
