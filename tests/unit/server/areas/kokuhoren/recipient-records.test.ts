/**
 * The files that repeat the 531 recipient items — 532 訂正, the 更新結果, 536 突合 and its result
 * (docs/interfaces/kokuhoren.md §1.5, §1.6; docs/sources/interfaces.md §1.5, §1.6): each reads back what it wrote.
 */
import iconv from 'iconv-lite'
import { describe, expect, it } from 'vitest'
import {
  buildMatchingResultFile,
  buildRecipientCorrectionFile,
  buildRecipientMatchingFile,
  buildUpdateResultFile,
  errorCodesOf,
  explainErrorCode,
  parseMatchingResultFile,
  parseRecipientCorrectionFile,
  parseRecipientMatchingFile,
  parseUpdateResultFile,
  recipientCorrectionLayout,
  recipientMatchingLayout,
  updateResultLayout,
  type RecipientChangeNotice,
} from '../../../../../server/src/areas/kokuhoren'
import { cp932File } from './helpers'

const header = { insurerNumber: '131045', processingMonth: '2026-05' }
const ok = <T>(r: { ok: true; value: T } | { ok: false; problems: readonly { message: string }[] }): T => {
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('\n'))
  return r.value
}

/** A 要介護2 recipient (dummy person). */
const person: RecipientChangeNotice = {
  changedOn: '2026-04-01',
  changeKind: '2',
  changeReason: '99',
  cardInsurerNumber: '131045',
  insuredNumber: '0000012345',
  nameKana: 'ｼﾝｼﾞｭｸ ﾊﾅｺ',
  birthDate: '1950-05-10',
  sex: '2',
  acquiredOn: '2015-05-09',
  careLevel: '22',
  certificationStart: '2026-04-01',
  certificationEnd: '2027-03-31',
  carePlanKind: '1',
  carePlanProviderNumber: '1312345678',
  carePlanStart: '2026-04-01',
  monthlyBenefitCap: 19705,
  nhiCardNumber: '新宿１２３',
  twoTenthsCopayStart: '2026-08-01',
  twoTenthsCopayEnd: '2027-07-31',
}
const { changeKind: _k, wideAreaInsurerNumber: _w, ...itemsOf532 } = person

describe('layouts: the 531 items repeated in the 531 order (docs/sources/interfaces.md §1.5, §1.6)', () => {
  it('532 has 8 leading items, then 証記載保険者番号 … 二割負担 without 異動区分 and 広域保険者番号: 80 fields', () => {
    // 3 frame + レコード種別コード, 異動年月日, 異動事由, 訂正年月日, 訂正区分 = 8; 531 fields 7–79 less field 16 = 72
    expect(recipientCorrectionLayout).toHaveLength(80)
    expect(recipientCorrectionLayout.slice(3, 10).map((s) => s.label)).toEqual([
      'レコード種別コード',
      '異動年月日',
      '異動事由',
      '訂正年月日',
      '訂正区分コード',
      '証記載保険者番号',
      '被保険者番号',
    ])
    expect(recipientCorrectionLayout.map((s) => s.label)).not.toContain('広域連合（政令市）保険者番号')
  })
  it('536 has 突合区分, 認定有効年月, 突合開始年月, 突合終了年月 before the 76 recipient items: 83 fields', () => {
    expect(recipientMatchingLayout).toHaveLength(3 + 4 + 76)
    expect(recipientMatchingLayout[7]!.label).toBe('異動年月日')
  })
  it('the update result ends with 処理結果区分 and five エラーコード (our draft ⚠️)', () => {
    expect(updateResultLayout.slice(-6).map((s) => s.label)).toEqual([
      '処理結果区分',
      'エラーコード1',
      'エラーコード2',
      'エラーコード3',
      'エラーコード4',
      'エラーコード5',
    ])
  })
})

describe('532 受給者訂正連絡票情報: round trip', () => {
  const correction = {
    ...itemsOf532,
    changedOn: '2026-04-01',
    changeReason: '99' as const,
    correctedOn: '2026-05-02',
    correctionKind: '2' as const,
  }
  it('reads back the correction it wrote, in a file of data kind 532', () => {
    const bytes = ok(buildRecipientCorrectionFile(header, [correction]))
    const text = iconv.decode(Buffer.from(bytes), 'cp932')
    expect(
      text.startsWith('1,1,0,1,532,0,131045,0,0,1,202605,1\r\n2,2,5321,,20260401,99,20260502,2,131045,0000012345,'),
    ).toBe(true)
    const read = ok(parseRecipientCorrectionFile(bytes))
    expect(read.records).toEqual([{ ...correction, line: 2 }])
  })
  it('refuses a 訂正区分 other than 2 or 3, naming the field', () => {
    const built = buildRecipientCorrectionFile(header, [{ ...correction, correctionKind: '1' as never }])
    expect(built.ok).toBe(false)
    if (!built.ok) expect(built.problems[0]!.message).toContain('第8項目「訂正区分コード」')
  })
})

describe('受給者情報更新結果情報: round trip and error codes', () => {
  const result = {
    ...person,
    resultKind: '2' as const,
    errorCode1: '10QB',
    errorCode2: '9ZZ9',
  }
  it('reads back the result records it wrote, with their error codes in slot order', () => {
    const bytes = ok(
      buildUpdateResultFile(header, [result, { ...person, insuredNumber: '0000012346', resultKind: '1' }]),
    )
    const read = ok(parseUpdateResultFile(bytes))
    expect(read.records).toHaveLength(2)
    expect(read.records[0]).toEqual({ ...result, line: 2 })
    expect(errorCodesOf(read.records[0]!)).toEqual(['10QB', '9ZZ9'])
    expect(errorCodesOf(read.records[1]!)).toEqual([])
  })
  it('a result file of another data kind is refused', () => {
    const bytes = cp932File('1,1,0,0,531,0,131045,0,0,1,202605,1', '3,2,')
    const read = parseUpdateResultFile(bytes)
    expect(read.ok).toBe(false)
    if (!read.ok)
      expect(read.problems[0]!.message).toBe(
        '1行目（コントロールレコード）第5項目「データ種別」: 受給者情報更新結果情報のデータ種別は「533」です（「531」）',
      )
  })
})

describe('error codes: the meaning the sources give, never a guess (docs/sources/interfaces.md §1.3)', () => {
  it('explains 12P0 and 10QB in Japanese', () => {
    expect(explainErrorCode('12P0')).toEqual({
      code: '12P0',
      meaning: '請求の証記載保険者番号・被保険者番号が受給者台帳にありません',
      known: true,
    })
    expect(explainErrorCode('10QB').meaning).toContain('居宅介護支援事業所が設定されていません')
  })
  it('says コード表未収載 for a code the sources do not list', () => {
    expect(explainErrorCode('9ZZ9')).toMatchObject({ known: false })
    expect(explainErrorCode('9ZZ9').meaning.startsWith('コード表未収載')).toBe(true)
  })
})

describe('536 受給者突合情報 and its result: round trip', () => {
  it('reads back the matching records it wrote', () => {
    const rec = { ...person, extractKind: '1' as const, certificationMonth: '2026-04' }
    const bytes = ok(buildRecipientMatchingFile(header, [rec]))
    expect(ok(parseRecipientMatchingFile(bytes)).records).toEqual([{ ...rec, line: 2 }])
  })
  it('reads back the matching result records it wrote (the pair of a 内容不一致)', () => {
    const ours = { ...person, matchingResult: '3' as const, matchingInfo: '1' as const }
    const theirs = { ...person, careLevel: '23' as const, matchingResult: '3' as const, matchingInfo: '2' as const }
    const bytes = ok(buildMatchingResultFile(header, [ours, theirs]))
    expect(ok(parseMatchingResultFile(bytes)).records).toEqual([
      { ...ours, line: 2 },
      { ...theirs, line: 3 },
    ])
  })
  it('refuses a period that runs backwards, naming the field of the matching layout', () => {
    const built = buildRecipientMatchingFile(header, [{ ...person, extractKind: '1', certificationEnd: '2026-03-31' }])
    expect(built.ok).toBe(false)
    if (!built.ok) expect(built.problems[0]!.message).toContain('「認定有効期間（終了年月日）」')
  })
})
