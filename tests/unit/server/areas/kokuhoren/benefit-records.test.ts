/**
 * Reading 給付実績情報 (国保連 → ward, data kind 111) — docs/interfaces/kokuhoren.md §1.7 (after
 * docs/sources/interfaces.md §1 and §5, F3): H1 基本情報 and D1 明細情報 typed for exchange ids 1115/1116, every other
 * record kind or id kept raw with its key; tolerant for reading (warnings), all or nothing on a bad typed field.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseBenefitRecordFile } from '../../../../../server/src/areas/kokuhoren'
import { blanks, cp932File } from './helpers'

const fixture = new Uint8Array(readFileSync(join(__dirname, '../../../../fixtures/kokuhoren/benefit-records-111.csv')))

// Counted by hand from the H1 and D1 item lists of §1.7 (see docs/interfaces/kokuhoren.md for the numbering).
const CONTROL = '1,1,0,1,111,0,131045,0,0,1,202605,1'
const KEY = '131045,0000012345,202604,1312345678,0001'
const H1 =
  `2,2,1115,7131,H1,${KEY},1,1` + // 1–12
  blanks(7) + // 13–18 公費1–3 blank
  '19500510,2,21,,20260401,20270331' + // 19–24
  blanks(7) + // 25–30 blank
  '0000001234,1,1312345678' + // 31–33
  blanks(9) + // 34–41 blank
  '90' + // 42 保険給付率
  blanks(4) + // 43–45 blank
  '1200,10800,1200' + // 46–48 保険 サービス単位数・請求額・利用者負担額
  blanks(22) + // 49–69 blank
  '1200,10800,1200' + // 70–72 後_保険
  blanks(22) + // 73–93 blank
  '1,202605' // 94 警告区分, 95 審査年月
const D1 =
  `2,2,1115,7131,D1,${KEY},11,1111,200,6` + // 1–14
  blanks(4) + // 15–17 blank
  '1200' + // 18 サービス単位数
  blanks(5) + // 19–22 blank
  '200,6' + // 23–24 後_単位数・日数回数
  blanks(4) + // 25–27 blank
  '1200' + // 28 後_サービス単位数
  blanks(4) + // 29–31 blank
  '0,0,202605' // 32–34

const key = {
  exchangeId: '1115',
  inputId: '7131',
  cardInsurerNumber: '131045',
  insuredNumber: '0000012345',
  serviceMonth: '2026-04',
  providerNumber: '1312345678',
  serialNumber: '0001',
}
const noFigures = {
  publicExpenseDaysOrTimes: [undefined, undefined, undefined],
  publicExpenseServiceUnits: [undefined, undefined, undefined],
}

const messages = (bytes: Uint8Array) => {
  const r = parseBenefitRecordFile(bytes)
  return r.ok ? [] : r.problems.map((p) => p.message)
}

describe('the fixture: one claim (H1, D1, T1) of a 訪問介護 provider', () => {
  it('the hand-written lines have 95 (H1) and 34 (D1) fields', () => {
    expect(H1.split(',')).toHaveLength(95)
    expect(D1.split(',')).toHaveLength(34)
  })

  it('reads H1 typed: key, kinds, person, plan, rates, amounts before and after review', () => {
    const parsed = parseBenefitRecordFile(fixture)
    expect(parsed.ok).toBe(true)
    if (!parsed.ok) return
    expect(parsed.value.records[0]).toEqual({
      kind: 'H1',
      line: 2,
      ...key,
      createKind: '1',
      benefitKind: '1',
      publicExpense: [{}, {}, {}],
      birthDate: '1950-05-10',
      sex: '2',
      careLevel: '21',
      certificationStart: '2026-04-01',
      certificationEnd: '2027-03-31',
      residentCode: '0000001234',
      carePlanKind: '1',
      carePlanProviderNumber: '1312345678',
      benefitRate: { insurance: 90 },
      before: {
        insurance: { serviceUnits: 1200, claimAmount: 10800, copayAmount: 1200 },
        publicExpense1: {},
        publicExpense2: {},
        publicExpense3: {},
      },
      after: {
        insurance: { serviceUnits: 1200, claimAmount: 10800, copayAmount: 1200 },
        publicExpense1: {},
        publicExpense2: {},
        publicExpense3: {},
      },
      warningKind: '1',
      reviewMonth: '2026-05',
    })
  })

  it('reads D1 typed: service, units, counts before and after review, review counts', () => {
    const parsed = parseBenefitRecordFile(fixture)
    expect(parsed.ok && parsed.value.records[1]).toEqual({
      kind: 'D1',
      line: 3,
      ...key,
      serviceType: '11',
      serviceItem: '1111',
      before: { ...noFigures, unitValue: 200, daysOrTimes: 6, serviceUnits: 1200 },
      after: { ...noFigures, unitValue: 200, daysOrTimes: 6, serviceUnits: 1200 },
      reReviewCount: 0,
      errorCorrectionCount: 0,
      reviewMonth: '2026-05',
    })
  })

  it('keeps T1 raw with its key typed, and warns about nothing', () => {
    const parsed = parseBenefitRecordFile(fixture)
    expect(parsed.ok && parsed.value.records[2]).toEqual({
      kind: 'raw',
      line: 4,
      ...key,
      recordKindCode: 'T1',
      fields: ['2', '4', '1115', '7131', 'T1', ...KEY.split(','), '11', '6', '1200'],
    })
    expect(parsed.ok && parsed.value.warnings).toEqual([])
  })
})

describe('column count of a typed record', () => {
  it('refuses an H1 of 94 fields', () => {
    const short = H1.slice(0, H1.lastIndexOf(','))
    expect(messages(cp932File(CONTROL, short, '3,3,'))).toEqual([
      '2行目（データレコード 1115 H1）: 項目数が 95 ではありません（94 項目）',
    ])
  })

  it('refuses a record too short to hold the key (fewer than 10 fields)', () => {
    expect(messages(cp932File(CONTROL, '2,2,1115,7131,T1,131045', '3,3,'))).toEqual([
      '2行目（データレコード 1115 T1）: 項目数が足りません（6 項目）',
    ])
  })
})

describe('fields of a typed record are checked', () => {
  it('refuses サービス提供年月 202613 and 作成区分 4, with their byte positions', () => {
    // by hand: 17 bytes of lead, 7 + 11 for fields 6–7 → field 8 at byte 36; + 7 + 11 + 5 → field 11 at byte 59
    const fields = H1.split(',')
    fields[7] = '202613'
    fields[10] = '4'
    const bad = fields.join(',')
    expect(messages(cp932File(CONTROL, bad, '3,3,'))).toEqual([
      '2行目（データレコード 1115 H1）第8項目「サービス提供年月」（36バイト目）: 年月（西暦 YYYYMM）として正しくありません（「202613」）',
      '2行目（データレコード 1115 H1）第11項目「給付実績情報作成区分コード」（59バイト目）: コード「4」は定義されていません（1 新規・2 修正・3 取消）',
    ])
  })

  it('refuses a date that does not exist (生年月日 19500230; field 19 at byte 69: fields 13–18 are blank)', () => {
    expect(messages(cp932File(CONTROL, H1.replace('19500510', '19500230'), '3,3,'))).toEqual([
      '2行目（データレコード 1115 H1）第19項目「生年月日」（69バイト目）: 年月日（西暦 YYYYMMDD）として正しくありません（「19500230」）',
    ])
  })

  it('accepts negative amounts after review (過誤) but not text', () => {
    const corrected = D1.replace(/,1200,,,,,0,0,202605$/, ',-1200,,,,,0,0,202605')
    expect(messages(cp932File(CONTROL, corrected, '3,3,'))).toEqual([])
    expect(messages(cp932File(CONTROL, D1.replace(',200,6,', ',20O,6,'), '3,3,'))).toEqual([
      '2行目（データレコード 1115 D1）第13項目「単位数」（67バイト目）: 9桁以内の整数でなければなりません（「20O」）',
    ])
  })

  it('refuses a file that is not data kind 111', () => {
    expect(messages(cp932File('1,1,0,0,531,0,131045,0,0,1,202605,1', '3,2,'))).toEqual([
      '1行目（コントロールレコード）第5項目「データ種別」: 給付実績情報のデータ種別は「111」です（「531」）',
    ])
  })
})

describe('tolerant reading: what has no layout yet is kept raw with a warning', () => {
  it('an older exchange id (1113) is kept raw, warned once for the file', () => {
    const old = (n: number) => H1.replace('2,2,1115', `2,${n},1113`)
    const parsed = parseBenefitRecordFile(cp932File('1,1,0,2,111,0,131045,0,0,1,202605,1', old(2), old(3), '3,4,'))
    expect(parsed.ok).toBe(true)
    if (!parsed.ok) return
    expect(parsed.value.records.map((r) => r.kind)).toEqual(['raw', 'raw'])
    expect(parsed.value.warnings.map((w) => w.message)).toEqual([
      '2行目（データレコード 1113 H1）第3項目「交換情報識別番号」（5バイト目）: 交換情報識別番号「1113」のレイアウトは未定義のため、項目を解釈せずに保存します',
    ])
  })

  it('an unknown 入力識別番号 and an unknown レコード種別コード are warnings', () => {
    const parsed = parseBenefitRecordFile(cp932File(CONTROL, `2,2,1115,9999,X9,${KEY},1`, '3,3,'))
    expect(parsed.ok && parsed.value.warnings.map((w) => w.message)).toEqual([
      '2行目（データレコード 1115 X9）第4項目「入力識別番号」（10バイト目）: 入力識別番号「9999」は既知の様式ではありません',
      '2行目（データレコード 1115 X9）第5項目「レコード種別コード」（15バイト目）: レコード種別コード「X9」は定義されていません。項目を解釈せずに保存します',
    ])
  })

  it('a 償還 form (2131) and the high-cost form (3411) are known', () => {
    for (const form of ['2131', '21D1', '3411']) {
      const parsed = parseBenefitRecordFile(cp932File(CONTROL, H1.replace(',7131,', `,${form},`), '3,3,'))
      expect(parsed.ok && parsed.value.warnings).toEqual([])
    }
  })
})
