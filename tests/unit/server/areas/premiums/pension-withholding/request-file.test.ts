import { describe, expect, it } from 'vitest'
import {
  buildPensionWithholdingFile,
  finalWithholdingMonths,
  parsePensionWithholdingFile,
} from '../../../../../../server/src/areas/premiums'
import { requestFileRecords } from '../../../../../../server/src/areas/premiums/pension-withholding/export-requests'
import type { TargetRow } from '../../../../../../server/src/areas/premiums/pension-withholding/targets'

const target = (withholderCode: string, basicPensionNumber: string): TargetRow => ({
  id: 1,
  fileId: 1,
  recordNumber: 3,
  fiscalYear: 2026,
  personId: 1,
  matchedBy: 'demographics',
  unmatchedReason: null,
  noticeCode: '00',
  category: '02',
  municipalityCode: '13104',
  withholderCode,
  basicPensionNumber,
  pensionCode: '1150',
  birthDate: '1950-04-01',
  sex: 'male',
  kanaName: 'ｹﾝｼｮｳ ﾀﾛｳ',
  kanjiName: '検証　太郎',
  postalCode: '1600022',
  kanaAddress: '',
  kanjiAddress: '東京都新宿区',
  mutualAidCertificateNumber: '',
  noticeDate: null,
  pensionAmount: 1_200_000,
  amount2: 0,
  amount3: 0,
})

/** The 本徴収 months (介護保険法第135条; docs/sources/domain.md §3.6): October, December, February of the next year. */
describe('the 本徴収 pension months of a fiscal year', () => {
  it('are October and December of the year and February of the next', () => {
    expect(finalWithholdingMonths(2026)).toEqual(['2026-10', '2026-12', '2027-02'])
  })
})

/** Layout of docs/sources/interfaces.md §2.4: 各種金額1–3 at bytes 395, 406, 417, 11 digits zero-filled. */
describe('the 依頼 / 各種異動 file of the ward', () => {
  const planned = [
    {
      personId: 2,
      target: target('700', '9000000002'),
      noticeCode: '01' as const,
      category: '01',
      amounts: [3_000, 3_000, 3_000],
      previousAmounts: null,
      noticeDate: null,
    },
    {
      personId: 1,
      target: target('001', '9000000001'),
      noticeCode: '01' as const,
      category: '01',
      amounts: [8_000, 7_900, 7_900],
      previousAmounts: null,
      noticeDate: null,
    },
    {
      personId: 3,
      target: target('001', '9000000003'),
      noticeCode: '41' as const,
      category: '01',
      amounts: [0, 0, 0],
      previousAmounts: [1, 1, 1],
      noticeDate: '2026-08-15',
    },
  ]
  const { records, order } = requestFileRecords(planned, '2026-07-10', '001')

  it('groups by 特別徴収義務者 and 通知内容コード, each group with its trailer totals', () => {
    expect(records.map((r) => (r.kind === 'data' ? `${r.withholderCode}:${r.noticeCode}:data` : r.kind))).toEqual([
      'management',
      'header',
      '001:01:data',
      'trailer',
      'header',
      '001:41:data',
      'trailer',
      'header',
      '700:01:data',
      'trailer',
    ])
    expect(order.map((p) => p.personId)).toEqual([1, 3, 2])
    expect(records[3]).toMatchObject({ kind: 'trailer', dataCount: 1, totalAmount1: 8_000, totalAmount2: 7_900 })
  })

  it('writes the October, December and February amounts at bytes 395, 406 and 417', () => {
    const built = buildPensionWithholdingFile(records, { fileKind: 'requests' })
    // 41 belongs to Z1A, not Z12: the codec refuses it in a 依頼 file
    expect(built.ok).toBe(false)
    const only01 = requestFileRecords(
      planned.filter((p) => p.noticeCode === '01'),
      '2026-07-10',
      '001',
    )
    const file = buildPensionWithholdingFile(only01.records, { fileKind: 'requests' })
    expect(file.ok).toBe(true)
    const bytes = file.ok ? file.bytes : new Uint8Array()
    const record3 = Buffer.from(bytes.subarray(1000, 1500))
    expect(record3.subarray(394, 405).toString('latin1')).toBe('00000008000')
    expect(record3.subarray(405, 416).toString('latin1')).toBe('00000007900')
    expect(record3.subarray(416, 427).toString('latin1')).toBe('00000007900')
    expect(parsePensionWithholdingFile(bytes, { fileKind: 'requests' }).ok).toBe(true)
  })
})
