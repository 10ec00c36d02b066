/**
 * 受給者異動連絡票情報 (data kind 531, exchange id 5311) — docs/interfaces/kokuhoren.md §1.4 (after
 * docs/sources/interfaces.md §1): 79 fields, Western dates YYYYMMDD, the code lists of the specification, fail-closed
 * building with the checks before sending of docs/sources/interfaces.md §5 (F1).
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import iconv from 'iconv-lite'
import { describe, expect, it } from 'vitest'
import {
  buildRecipientChangeFile,
  copayRateFields,
  parseRecipientChangeFile,
  type RecipientChangeNotice,
} from '../../../../../server/src/areas/kokuhoren'
import { blanks, cp932File } from './helpers'

const fixture = readFileSync(join(__dirname, '../../../../fixtures/kokuhoren/recipient-change-531.csv'))
const header = { insurerNumber: '131045', processingMonth: '2026-04' }

/** A 要介護1 recipient's first notice (dummy person). */
const notice: RecipientChangeNotice = {
  changedOn: '2026-04-01',
  changeKind: '1',
  changeReason: '01',
  cardInsurerNumber: '131045',
  insuredNumber: '0000012345',
  nameKana: 'ｼﾝｼﾞｭｸ ﾊﾅｺ',
  birthDate: '1950-05-10',
  sex: '2',
  acquiredOn: '2015-05-09',
  applicationKind: '1',
  levelChangeApplicationStatus: '1',
  appliedOn: '2026-03-01',
  careLevel: '21',
  certificationStart: '2026-04-01',
  certificationEnd: '2027-03-31',
  carePlanKind: '1',
  carePlanProviderNumber: '1312345678',
  carePlanStart: '2026-04-01',
  carePlanEnd: '2027-03-31',
  monthlyBenefitCap: 16765,
  monthlyBenefitCapStart: '2026-04-01',
  monthlyBenefitCapEnd: '2027-03-31',
  nhiInsurerNumber: '139999',
  nhiCardNumber: '新宿１２３',
  twoTenthsCopayStart: '2026-08-01',
  twoTenthsCopayEnd: '2027-07-31',
}

// Counted by hand from the table of §1.4: fields 1–30, then 31–64 blank, 65–66, 67–77 blank, 78–79.
const CONTROL = '1,1,0,1,531,0,131045,0,0,1,202604,1'
const LINE_2 =
  '2,2,5311,20260401,1,01,131045,0000012345,"ｼﾝｼﾞｭｸ ﾊﾅｺ",19500510,2,20150509,,,,,1,1,20260301,,21,' +
  '20260401,20270331,1,1312345678,20260401,20270331,16765,20260401,20270331' +
  blanks(35) +
  '139999,"新宿１２３"' +
  blanks(12) +
  '20260801,20270731'
const END = '3,3,'

const buildMessages = (n: RecipientChangeNotice) => {
  const r = buildRecipientChangeFile(header, [n])
  return r.ok ? [] : r.problems.map((p) => p.message)
}
const parseMessages = (bytes: Uint8Array) => {
  const r = parseRecipientChangeFile(bytes)
  return r.ok ? [] : r.problems.map((p) => p.message)
}
/** Line 2 of the golden file with field `no` (1-based) replaced. */
const withField = (no: number, value: string) => {
  const fields = LINE_2.split(',')
  fields[no - 1] = value
  return fields.join(',')
}

describe('the golden 531 file: one notice, hand-written from the layout', () => {
  it('the hand-written line has the 79 fields of §1.4', () => {
    expect(LINE_2.split(',')).toHaveLength(79)
  })

  it('builds byte for byte the fixture (CP932, CRLF, control – data – end)', () => {
    const built = buildRecipientChangeFile(header, [notice])
    expect(built.ok).toBe(true)
    if (!built.ok) return
    expect(Buffer.from(built.value)).toEqual(fixture)
    expect(iconv.decode(fixture, 'cp932')).toBe(`${CONTROL}\r\n${LINE_2}\r\n${END}\r\n`)
  })

  it('writes half-width katakana as 1 byte and kanji as 2 (ｼ = 0xBC, 新 = 0x90 0x56)', () => {
    expect(fixture.includes(Buffer.from([0x22, 0xbc]))).toBe(true)
    expect(fixture.includes(Buffer.from([0x22, 0x90, 0x56]))).toBe(true)
  })

  it('reads the fixture back into the notice, with its line', () => {
    const parsed = parseRecipientChangeFile(new Uint8Array(fixture))
    expect(parsed.ok && parsed.value.notices).toEqual([{ ...notice, line: 2 }])
    expect(parsed.ok && parsed.value.control.dataKind).toBe('531')
  })
})

describe('column count: a 531 data record has exactly 79 fields', () => {
  it('refuses 78 and 80 fields', () => {
    const short = LINE_2.slice(0, LINE_2.lastIndexOf(','))
    expect(parseMessages(cp932File(CONTROL, short, END))).toEqual([
      '2行目（データレコード 5311）: 項目数が 79 ではありません（78 項目）',
    ])
    expect(parseMessages(cp932File(CONTROL, `${LINE_2},`, END))).toEqual([
      '2行目（データレコード 5311）: 項目数が 79 ではありません（80 項目）',
    ])
  })
})

describe('dates are Western YYYYMMDD and must exist', () => {
  it('refuses 20260231 as 異動年月日 when reading, with the byte position', () => {
    expect(parseMessages(cp932File(CONTROL, withField(4, '20260231'), END))).toEqual([
      '2行目（データレコード 5311）第4項目「異動年月日」（10バイト目）: 年月日（西暦 YYYYMMDD）として正しくありません（「20260231」）',
    ])
  })

  it('refuses a 和暦 or dashed date in the file (R080401, 2026-04-01)', () => {
    for (const text of ['R080401', '2026-04-01'])
      expect(parseMessages(cp932File(CONTROL, withField(4, text), END))).toEqual([
        `2行目（データレコード 5311）第4項目「異動年月日」（10バイト目）: 年月日（西暦 YYYYMMDD）として正しくありません（「${text}」）`,
      ])
  })

  it('refuses building with 2026-02-31; accepts 2028-02-29 (leap year) and refuses 2027-02-29', () => {
    expect(buildMessages({ ...notice, changedOn: '2026-02-31' })).toEqual([
      '2行目（データレコード 5311）第4項目「異動年月日」: 年月日（西暦 YYYYMMDD）として正しくありません（「20260231」）',
    ])
    expect(buildMessages({ ...notice, changedOn: '2028-02-29' })).toEqual([])
    expect(buildMessages({ ...notice, changedOn: '2027-02-29' })).toHaveLength(1)
  })
})

describe('codes come from the lists of §1.4', () => {
  it('refuses an unknown 要介護状態区分コード when building', () => {
    expect(buildMessages({ ...notice, careLevel: '26' as RecipientChangeNotice['careLevel'] })).toEqual([
      '2行目（データレコード 5311）第21項目「要介護状態区分コード」: コード「26」は定義されていません（01 非該当・06 事業対象者・11 要支援（経過的要介護）・12 要支援1・13 要支援2・21 要介護1・22 要介護2・23 要介護3・24 要介護4・25 要介護5）',
    ])
  })

  it('refuses 異動区分コード 4 when reading (1 新規 / 2 変更 / 3 終了), and accepts 3', () => {
    expect(parseMessages(cp932File(CONTROL, withField(5, '4'), END))).toEqual([
      '2行目（データレコード 5311）第5項目「異動区分コード」（19バイト目）: コード「4」は定義されていません（1 新規・2 変更・3 終了）',
    ])
    expect(parseMessages(cp932File(CONTROL, withField(5, '3'), END))).toEqual([])
  })

  it('refuses 異動事由 1 (the code is two digits: 01)', () => {
    expect(buildMessages({ ...notice, changeReason: '1' as RecipientChangeNotice['changeReason'] })).toEqual([
      '2行目（データレコード 5311）第6項目「異動事由」: コード「1」は定義されていません（01 受給資格取得・02 受給資格喪失・03 広域連合における受給者の市町村間転居異動・04 合併による新規・99 その他異動）',
    ])
  })
})

describe('numbers: insured 10 digits, insurer 6 digits, required fields', () => {
  it('refuses a 9-digit 被保険者番号 and a blank 生年月日', () => {
    expect(buildMessages({ ...notice, insuredNumber: '000001234', birthDate: undefined as unknown as string })).toEqual(
      [
        '2行目（データレコード 5311）第8項目「被保険者番号」: 10桁の数字でなければなりません（「000001234」）',
        '2行目（データレコード 5311）第10項目「生年月日」: 必須項目が空欄です',
      ],
    )
  })

  it('refuses a negative or fractional 支給限度基準額 and a 給付率 over 100', () => {
    expect(buildMessages({ ...notice, monthlyBenefitCap: -1, copayReductionBenefitRate: 101 })).toEqual([
      '2行目（データレコード 5311）第28項目「訪問通所サービス支給限度基準額」: 6桁以内の0 以上の整数でなければなりません（「-1」）',
      '2行目（データレコード 5311）第41項目「給付率」: 100 以下でなければなりません（「101」）',
    ])
    expect(buildMessages({ ...notice, monthlyBenefitCap: 1.5 })).toHaveLength(1)
  })

  it('refuses a カナ name with kanji', () => {
    expect(buildMessages({ ...notice, nameKana: '新宿ﾊﾅｺ' })).toEqual([
      '2行目（データレコード 5311）第9項目「被保険者氏名（カナ）」: カナ（全角・半角のカタカナと空白）以外の文字があります（「新宿ﾊﾅｺ」）',
    ])
  })
})

describe('CP932: a character it cannot represent is refused before sending', () => {
  it('refuses 𠮷 in the 国保 被保険者証番号', () => {
    expect(buildMessages({ ...notice, nhiCardNumber: '𠮷田１' })).toEqual([
      '2行目（データレコード 5311）第66項目「国民健康保険被保険者証番号」: 「𠮷」（1文字目）は CP932（Shift_JIS）で表せない文字です',
    ])
  })
})

describe('checks across fields before sending', () => {
  it('a period may not end before it starts (one day before is refused, the same day accepted)', () => {
    expect(buildMessages({ ...notice, certificationEnd: '2026-03-31' })).toEqual([
      '2行目（データレコード 5311）第23項目「認定有効期間（終了年月日）」: 認定有効期間（開始年月日）（2026-04-01）より前の日付です（2026-03-31）',
    ])
    expect(buildMessages({ ...notice, certificationEnd: '2026-04-01' })).toEqual([])
  })

  it('a plan made by a provider (作成区分 1, 2, 4) needs its 事業所番号; a self-made plan (3) does not', () => {
    for (const kind of ['1', '2', '4'] as const)
      expect(buildMessages({ ...notice, carePlanKind: kind, carePlanProviderNumber: undefined })).toEqual([
        `2行目（データレコード 5311）第25項目「居宅介護支援事業所番号」: 居宅サービス計画作成区分コード「${kind}」には事業所番号が必要です`,
      ])
    expect(buildMessages({ ...notice, carePlanKind: '3', carePlanProviderNumber: undefined })).toEqual([])
  })

  it('the file must be data kind 531', () => {
    expect(parseMessages(cp932File('1,1,0,0,532,0,131045,0,0,1,202604,1', '3,2,'))).toEqual([
      '1行目（コントロールレコード）第5項目「データ種別」: 受給者異動連絡票情報のデータ種別は「531」です（「532」）',
    ])
  })
})

// ---- round trip -------------------------------------------------------------------------------------------------

const isoDate = fc
  .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10))
const digitString = (n: number) => fc.stringMatching(new RegExp(`^\\d{${n}}$`))
const kana = fc
  .array(fc.constantFrom('ｱ', 'ｼﾞ', 'ﾝ', 'ﾞ', 'ｰ', ' ', 'ア', 'ヴ', 'ー', '\u3000'), { minLength: 1, maxLength: 12 })
  .map((a) => a.join(''))
const cp932Text = fc
  .array(fc.constantFrom('新', '宿', '髙', '①', '"', ',', ' ', 'ｱ', 'A', '1', '-'), { minLength: 1, maxLength: 10 })
  .map((a) => a.join(''))
const yen = fc.nat({ max: 999_999 })

const arbitraryNotice: fc.Arbitrary<RecipientChangeNotice> = fc
  .record(
    {
      changedOn: isoDate,
      changeKind: fc.constantFrom('1', '2', '3'),
      changeReason: fc.constantFrom('01', '02', '03', '04', '99'),
      cardInsurerNumber: digitString(6),
      insuredNumber: digitString(10),
      nameKana: kana,
      birthDate: isoDate,
      sex: fc.constantFrom('1', '2'),
      acquiredOn: isoDate,
      lostOn: isoDate,
      applicationKind: fc.constantFrom('1', '2', '3', '4'),
      levelChangeApplicationStatus: fc.constantFrom('1', '2', '3'),
      appliedOn: isoDate,
      deemedCareLevel: digitString(2),
      careLevel: fc.constantFrom('01', '06', '11', '12', '13', '21', '22', '23', '24', '25'),
      certificationStart: isoDate,
      certificationEnd: isoDate,
      carePlanKind: fc.constantFrom('1', '2', '3', '4'),
      carePlanProviderNumber: digitString(10),
      carePlanStart: isoDate,
      monthlyBenefitCap: yen,
      publicExpenseCapReduction: fc.constantFrom('1', '2'),
      reimbursementOnlyStart: isoDate,
      copayReductionBenefitRate: fc.nat({ max: 100 }),
      standardBurdenAmount: yen,
      foodDailyLimit: yen,
      multiBedRoomDailyLimit: yen,
      socialWelfareReductionRate: fc.nat({ max: 100 }),
      smallMultifunctionalPriorServiceUse: fc.constantFrom('1', '2'),
      lateElderlyInsurerNumber: digitString(8),
      nhiCardNumber: cp932Text,
      nhiPersonalNumber: cp932Text,
      residenceExceptionKind: digitString(1),
      facilityInsurerNumber: digitString(6),
      residenceExceptionStart: isoDate,
      residenceExceptionEnd: isoDate,
      new3DailyLimit: yen,
      twoTenthsCopayStart: isoDate,
      twoTenthsCopayEnd: isoDate,
    },
    {
      requiredKeys: [
        'changedOn',
        'changeKind',
        'changeReason',
        'cardInsurerNumber',
        'insuredNumber',
        'birthDate',
        'sex',
      ],
    },
  )
  .map((n) => {
    // Keep the notice valid across fields: periods in order, a provider number when a provider makes the plan.
    const fixed: Record<string, unknown> = { ...n }
    for (const [s, e] of [
      ['acquiredOn', 'lostOn'],
      ['certificationStart', 'certificationEnd'],
      ['residenceExceptionStart', 'residenceExceptionEnd'],
      ['twoTenthsCopayStart', 'twoTenthsCopayEnd'],
    ] as const)
      if (n[s] !== undefined && n[e] !== undefined && n[e] < n[s]) [fixed[s], fixed[e]] = [n[e], n[s]]
    if (n.carePlanKind !== undefined && n.carePlanKind !== '3' && n.carePlanProviderNumber === undefined)
      fixed.carePlanProviderNumber = '1312345678'
    return fixed as unknown as RecipientChangeNotice
  })

describe('round trip: build → parse gives the same notices', () => {
  it('for any valid notices', () => {
    fc.assert(
      fc.property(fc.array(arbitraryNotice, { minLength: 0, maxLength: 3 }), (notices) => {
        const built = buildRecipientChangeFile(header, notices)
        if (!built.ok) throw new Error(built.problems.map((p) => p.message).join('\n'))
        const parsed = parseRecipientChangeFile(built.value)
        if (!parsed.ok) throw new Error(parsed.problems.map((p) => p.message).join('\n'))
        expect(parsed.value.notices).toEqual(notices.map((n, i) => ({ ...n, line: i + 2 })))
        expect(parsed.value.control.recordCount).toBe(notices.length)
      }),
      { numRuns: 100 },
    )
  })
})

describe('負担割合: the 2017 layout carries it as the period of 二割負担 (fields 78–79)', () => {
  const period = { start: '2026-08-01', end: '2027-07-31' }

  it('1割: no period; 2割: the 二割負担 period', () => {
    expect(copayRateFields({ copayRate: 1, ...period })).toEqual({ ok: true, value: {} })
    expect(copayRateFields({ copayRate: 2, ...period })).toEqual({
      ok: true,
      value: { twoTenthsCopayStart: '2026-08-01', twoTenthsCopayEnd: '2027-07-31' },
    })
  })

  it('3割: refused, the layout has no field for it', () => {
    const r = copayRateFields({ copayRate: 3, ...period })
    expect(r.ok ? [] : r.problems.map((p) => p.message)).toEqual([
      'ファイル（データレコード 5311）: 利用者負担割合 3割 を表す項目がこのレイアウト（2017年版）にありません。現行の仕様書で項目を確認してください',
    ])
  })
})
