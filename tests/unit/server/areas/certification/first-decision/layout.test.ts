import { describe, expect, it } from 'vitest'
import {
  FIRST_DECISION_COLUMNS,
  decodeFirstDecisionFile,
  parseFirstDecisionFile,
  warningCodesOf,
} from '../../../../../../server/src/areas/certification/first-decision/layout'

const header = FIRST_DECISION_COLUMNS.map((c) => c[0]).join(',')
const noWarnings = '0'.repeat(57)
/**
 * A line of docs/interfaces/first-decision.md: 基準時間 583 (58.3 分) = 食事 100 + 排泄 120 + 移動 80 + 清潔保持 60 +
 * 間接 50 + BPSD関連 40 + 機能訓練 33 + 医療関連 50 + 認知症加算 50 (0.1 分単位, summed by hand).
 */
const line = (over: Partial<Record<string, string>> = {}) => {
  const values: Record<string, string> = {
    hihokensha_no: '0500000123',
    shinsei_date: '20261120',
    hantei_date: '20261201',
    soft_version: '09B',
    kari_kubun: '0',
    ichiji_kekka: '22',
    kijun_jikan: '583',
    jikan_shokuji: '100',
    jikan_haisetsu: '120',
    jikan_ido: '80',
    jikan_seiketsu: '60',
    jikan_kansetsu: '50',
    jikan_bpsd: '40',
    jikan_kinou: '33',
    jikan_iryo: '50',
    jikan_ninchisho: '50',
    gun1: '785',
    gun2: '902',
    gun3: '1000',
    gun4: '884',
    gun5: '650',
    anteisei: '',
    ninchi_gaizensei: '',
    keikoku_code: noWarnings,
    ...over,
  }
  return FIRST_DECISION_COLUMNS.map((c) => values[c[0]]).join(',')
}
const file = (...lines: string[]) => [header, ...lines].join('\r\n') + '\r\n'

describe('一次判定ファイル: a valid line is taken as the software gives it', () => {
  it('reads the items of §4 in 0.1 units, and never computes a level', () => {
    const { lines, problems } = parseFirstDecisionFile(file(line()))
    expect(problems).toEqual([])
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatchObject({
      line: 2,
      insuredNumber: '0500000123',
      appliedOn: '2026-11-20',
      decidedOn: '2026-12-01',
      softwareVersion: '09B',
      provisional: false,
      result: '22',
      standardMinutes10: 583,
      groupScores10: [785, 902, 1000, 884, 650],
      stability: null,
      dementiaProbability10: null,
    })
    expect(lines[0]!.parts10.dementiaAddition).toBe(50)
  })
  it('keeps the 32–50 band items: 状態の安定性 2 = 不安定, 蓋然性 in 0.1 %', () => {
    const { lines } = parseFirstDecisionFile(file(line({ ichiji_kekka: '21', anteisei: '2', ninchi_gaizensei: '625' })))
    expect(lines[0]).toMatchObject({ result: '21', stability: 'unstable', dementiaProbability10: 625 })
  })
  it('reads a BOM-prefixed UTF-8 file and a CP932 file', () => {
    const utf8 = new TextEncoder().encode('\uFEFF' + file(line()))
    const decoded = decodeFirstDecisionFile(utf8, 'auto')
    expect(decoded.ok && decoded.encoding).toBe('utf-8')
    const sjis = new Uint8Array([0x83, 0x65, 0x83, 0x58, 0x83, 0x67]) // テスト in CP932
    const d2 = decodeFirstDecisionFile(sjis, 'auto')
    expect(d2.ok && d2.text).toBe('テスト')
  })
})

describe('一次判定ファイル: every problem names the line and the column, in Japanese', () => {
  it('refuses a header that is not the layout', () => {
    const { problems } = parseFirstDecisionFile('a,b\r\n1,2\r\n')
    expect(problems[0]).toMatchObject({ line: 1, column: 'ファイル' })
    expect(problems[0]!.reason).toContain('見出し行が様式と違います')
  })
  it('refuses a 基準時間 that is not the sum of its 9 parts (584 against 583)', () => {
    const { problems } = parseFirstDecisionFile(file(line({ kijun_jikan: '584' })))
    expect(problems).toEqual([
      {
        line: 2,
        column: '要介護認定等基準時間（kijun_jikan）',
        reason: '内訳の合計（583）と一致しません（基準時間は9区分の合計です）',
      },
    ])
  })
  it('refuses an unknown result code, a decimal point, a short warning array and a bad date', () => {
    const { lines, problems } = parseFirstDecisionFile(
      file(line({ ichiji_kekka: '26', gun1: '78.5', keikoku_code: '0'.repeat(56), hantei_date: '20261131' })),
    )
    expect(lines).toEqual([])
    expect(problems.map((p) => p.column)).toEqual([
      '一次判定日（hantei_date）',
      '一次判定結果（ichiji_kekka）',
      '中間評価項目得点（第1群）（gun1）',
      '警告コード（keikoku_code）',
    ])
    expect(problems[3]!.reason).toBe('57桁の0・1で入力してください（56桁）')
  })
  it('accepts 中間評価項目 1000 (100.0) and refuses 1001', () => {
    expect(parseFirstDecisionFile(file(line({ gun3: '1000' }))).problems).toEqual([])
    expect(parseFirstDecisionFile(file(line({ gun3: '1001' }))).problems[0]!.column).toBe(
      '中間評価項目得点（第3群）（gun3）',
    )
  })
  it('refuses the same 被保険者番号 and 申請年月日 twice in a file', () => {
    const { problems } = parseFirstDecisionFile(file(line(), line()))
    expect(problems).toEqual([
      {
        line: 3,
        column: '被保険者番号（hihokensha_no）',
        reason: '同じ被保険者番号・申請年月日の行が2行目にもあります',
      },
    ])
  })
  it('refuses a 一次判定日 before the 申請年月日', () => {
    const { problems } = parseFirstDecisionFile(file(line({ hantei_date: '20261119' })))
    expect(problems[0]).toMatchObject({
      line: 2,
      column: '一次判定日（hantei_date）',
      reason: '申請年月日より前の日付です',
    })
  })
})

describe('警告配列コード: digit n set = warning code n', () => {
  it('reads codes 01 and 57 from the first and last digits', () => {
    expect(warningCodesOf('1' + '0'.repeat(55) + '1')).toEqual(['01', '57'])
    expect(warningCodesOf(noWarnings)).toEqual([])
  })
})
