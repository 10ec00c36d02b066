/**
 * The 一次判定 result file of the national software (docs/interfaces/first-decision.md; the items of
 * docs/sources/certification.md §4): decoding (strict UTF-8, else CP932), CSV with a header of fixed column names,
 * then every line checked with a Japanese reason naming the line and the column. Pure: the match with the cases is
 * in import.ts. Nothing here computes a level — the file's result is taken as it is (§0 の3).
 */
import { decodeImportText, type FileEncoding } from '../../../core/files/decode-text'
import { parse } from 'csv-parse/sync'
import { isValidIsoDate, type IsoDate } from '../../../../../shared/domain'
import type { FileImportProblem } from '../../../../../shared/api/file-import'
import {
  firstDecisionCodes,
  standardTimeParts,
  type StandardTimePart,
} from '../../../../../shared/api/certification-decisions'

export type { FileEncoding }

/** The columns in file order: name, Japanese label. */
export const FIRST_DECISION_COLUMNS = [
  ['hihokensha_no', '被保険者番号'],
  ['shinsei_date', '申請年月日'],
  ['hantei_date', '一次判定日'],
  ['soft_version', 'ソフトウェア版'],
  ['kari_kubun', '仮判定区分'],
  ['ichiji_kekka', '一次判定結果'],
  ['kijun_jikan', '要介護認定等基準時間'],
  ['jikan_shokuji', '基準時間（食事）'],
  ['jikan_haisetsu', '基準時間（排泄）'],
  ['jikan_ido', '基準時間（移動）'],
  ['jikan_seiketsu', '基準時間（清潔保持）'],
  ['jikan_kansetsu', '基準時間（間接）'],
  ['jikan_bpsd', '基準時間（BPSD関連）'],
  ['jikan_kinou', '基準時間（機能訓練）'],
  ['jikan_iryo', '基準時間（医療関連）'],
  ['jikan_ninchisho', '基準時間（認知症加算）'],
  ['gun1', '中間評価項目得点（第1群）'],
  ['gun2', '中間評価項目得点（第2群）'],
  ['gun3', '中間評価項目得点（第3群）'],
  ['gun4', '中間評価項目得点（第4群）'],
  ['gun5', '中間評価項目得点（第5群）'],
  ['anteisei', '状態の安定性'],
  ['ninchi_gaizensei', '認知症自立度Ⅱ以上の蓋然性'],
  ['keikoku_code', '警告コード'],
] as const
type ColumnName = (typeof FIRST_DECISION_COLUMNS)[number][0]

const PART_COLUMNS: Record<StandardTimePart, ColumnName> = {
  meal: 'jikan_shokuji',
  excretion: 'jikan_haisetsu',
  movement: 'jikan_ido',
  hygiene: 'jikan_seiketsu',
  indirect: 'jikan_kansetsu',
  bpsd: 'jikan_bpsd',
  training: 'jikan_kinou',
  medical: 'jikan_iryo',
  dementiaAddition: 'jikan_ninchisho',
}

/** The 警告配列コード has one digit per warning code '01'…'57' (docs/sources/certification.md §2). */
export const WARNING_ARRAY_LENGTH = 57

export interface FirstDecisionLine {
  line: number
  insuredNumber: string
  appliedOn: IsoDate
  decidedOn: IsoDate
  softwareVersion: string
  provisional: boolean
  result: (typeof firstDecisionCodes)[number]
  standardMinutes10: number
  parts10: Record<StandardTimePart, number>
  groupScores10: number[]
  stability: 'stable' | 'unstable' | null
  dementiaProbability10: number | null
  warningArray: string
}

const label = (name: ColumnName) => `${FIRST_DECISION_COLUMNS.find((c) => c[0] === name)![1]}（${name}）`

/** The file's text (docs/interfaces: UTF-8 or CP932, detected or declared). */
export const decodeFirstDecisionFile = decodeImportText

/** 'YYYYMMDD' → ISO date, or null. */
function isoDate(text: string): IsoDate | null {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(text)
  if (!m) return null
  const iso = `${m[1]}-${m[2]}-${m[3]}`
  return isValidIsoDate(iso) ? iso : null
}

/** Parses and checks the whole file; every problem is reported (all or nothing is decided by the caller). */
export function parseFirstDecisionFile(text: string): { lines: FirstDecisionLine[]; problems: FileImportProblem[] } {
  const problems: FileImportProblem[] = []
  let rows: string[][]
  try {
    rows = parse(text.replace(/^\uFEFF/, ''), { relax_column_count: true, skip_empty_lines: true })
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 0
    return {
      lines: [],
      problems: [{ line, column: 'ファイル', reason: 'CSV として読み込めません（引用符の対応を確認してください）' }],
    }
  }
  const [header, ...data] = rows
  if (!header) return { lines: [], problems: [{ line: 1, column: 'ファイル', reason: '見出し行がありません' }] }
  const names = header.map((h) => h.trim())
  const expected = FIRST_DECISION_COLUMNS.map((c) => c[0])
  if (names.length !== expected.length || names.some((n, i) => n !== expected[i])) {
    return {
      lines: [],
      problems: [
        {
          line: 1,
          column: 'ファイル',
          reason: `見出し行が様式と違います（${expected.length}列: ${expected.join(',')} の順）`,
        },
      ],
    }
  }
  if (data.length === 0)
    return { lines: [], problems: [{ line: 2, column: 'ファイル', reason: 'データ行がありません' }] }

  const lines: FirstDecisionLine[] = []
  const seen = new Map<string, number>()
  data.forEach((cells, i) => {
    const line = i + 2
    const before = problems.length
    const problem = (name: ColumnName, reason: string) => problems.push({ line, column: label(name), reason })
    if (cells.length !== expected.length) {
      problems.push({
        line,
        column: 'ファイル',
        reason: `列の数が見出しと違います（${expected.length}列のはずが${cells.length}列）`,
      })
      return
    }
    const value = (name: ColumnName) => cells[expected.indexOf(name)]!.trim()
    const required = (name: ColumnName) => {
      const v = value(name)
      if (v === '') problem(name, '必須の項目が空です')
      return v
    }
    const date = (name: ColumnName): IsoDate => {
      const v = required(name)
      if (v === '') return ''
      const d = isoDate(v)
      if (d === null) problem(name, `日付が正しくありません（${v}）。YYYYMMDD で入力してください`)
      return d ?? ''
    }
    const tenths = (name: ColumnName, max: number, optional = false): number | null => {
      const v = optional ? value(name) : required(name)
      if (v === '') return null
      if (!/^\d{1,6}$/.test(v) || Number(v) > max) {
        problem(name, `0〜${max}の整数（0.1単位、小数点なし）で入力してください（${v}）`)
        return null
      }
      return Number(v)
    }

    const insuredNumber = required('hihokensha_no')
    if (insuredNumber !== '' && !/^\d{10}$/.test(insuredNumber))
      problem('hihokensha_no', '10桁の数字で入力してください')
    const appliedOn = date('shinsei_date')
    const decidedOn = date('hantei_date')
    if (appliedOn !== '' && decidedOn !== '' && decidedOn < appliedOn)
      problem('hantei_date', '申請年月日より前の日付です')
    const softwareVersion = required('soft_version')
    if (softwareVersion !== '' && !/^[0-9]{2}[A-Z]$/.test(softwareVersion))
      problem('soft_version', `ソフトウェア版は「09B」の形式で入力してください（${softwareVersion}）`)
    const kari = required('kari_kubun')
    if (kari !== '' && kari !== '0' && kari !== '1')
      problem('kari_kubun', '0（本判定）・1（仮判定）のいずれかで入力してください')
    const result = required('ichiji_kekka')
    if (result !== '' && !(firstDecisionCodes as readonly string[]).includes(result))
      problem('ichiji_kekka', `一次判定結果のコードが正しくありません（${result}）。01・12・13・21〜25 のいずれかです`)
    const standard = tenths('kijun_jikan', 99_999)
    const parts10 = {} as Record<StandardTimePart, number>
    let partsOk = true
    for (const part of standardTimeParts) {
      const v = tenths(PART_COLUMNS[part], 99_999)
      if (v === null) partsOk = false
      parts10[part] = v ?? 0
    }
    if (standard !== null && partsOk) {
      const sum = standardTimeParts.reduce((s, p) => s + parts10[p], 0)
      if (sum !== standard) problem('kijun_jikan', `内訳の合計（${sum}）と一致しません（基準時間は9区分の合計です）`)
    }
    const groupScores10 = (['gun1', 'gun2', 'gun3', 'gun4', 'gun5'] as const).map((g) => tenths(g, 1000) ?? 0)
    const stabilityText = value('anteisei')
    if (stabilityText !== '' && stabilityText !== '1' && stabilityText !== '2')
      problem('anteisei', '1（安定）・2（不安定）・空欄のいずれかで入力してください')
    const dementiaProbability10 = tenths('ninchi_gaizensei', 1000, true)
    const warningArray = required('keikoku_code')
    if (warningArray !== '' && !new RegExp(`^[01]{${WARNING_ARRAY_LENGTH}}$`).test(warningArray))
      problem('keikoku_code', `${WARNING_ARRAY_LENGTH}桁の0・1で入力してください（${warningArray.length}桁）`)
    if (insuredNumber !== '' && appliedOn !== '') {
      const key = `${insuredNumber}:${appliedOn}`
      const first = seen.get(key)
      if (first !== undefined) problem('hihokensha_no', `同じ被保険者番号・申請年月日の行が${first}行目にもあります`)
      else seen.set(key, line)
    }
    if (problems.length > before) return
    lines.push({
      line,
      insuredNumber,
      appliedOn,
      decidedOn,
      softwareVersion,
      provisional: kari === '1',
      result: result as FirstDecisionLine['result'],
      standardMinutes10: standard!,
      parts10,
      groupScores10,
      stability: stabilityText === '1' ? 'stable' : stabilityText === '2' ? 'unstable' : null,
      dementiaProbability10,
      warningArray,
    })
  })
  return { lines, problems }
}

/** The codes '01'…'57' a 警告配列コード sets. */
export function warningCodesOf(warningArray: string): string[] {
  return [...warningArray].flatMap((d, i) => (d === '1' ? [String(i + 1).padStart(2, '0')] : []))
}
