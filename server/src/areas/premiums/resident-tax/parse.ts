/**
 * Reading and validating a 住民税課税情報 file (docs/interfaces/resident-tax.md): decoding (strict UTF-8, else CP932 via
 * iconv-lite; or as declared), CSV (RFC 4180, csv-parse), then every line checked with a Japanese reason per problem
 * naming the line and the column. Pure: the checks against the database are in apply.ts.
 */
import { decodeImportText, type FileEncoding } from '../../../core/files/decode-text'
import { parse } from 'csv-parse/sync'
import { isValidIsoDate } from '../../../../../shared/domain'
import { residentTaxColumns, type ResidentTaxColumn } from '../../../../../shared/api/premiums'
import type { IntakeProblem } from '../../../../../shared/eligibility/intake'

export type { FileEncoding }

/** The file's text (docs/interfaces: UTF-8 or CP932, detected or declared). */
export const decodeResidentTaxFile = decodeImportText

export interface WelfarePeriodInput {
  from: string
  to: string | null
}

/** One validated line of the file. */
export interface ResidentTaxLine {
  line: number
  atenaNo: string
  fiscalYear: number
  taxable: boolean
  totalIncome: number
  publicPensionIncome: number
  pensionMiscIncome: number
  salaryIncome: number
  taxExemptPension: boolean
  correction: boolean
  correctedOn: string | null
  publicAssistance: WelfarePeriodInput | null
  oldAgeWelfarePension: WelfarePeriodInput | null
}

const columnLabel = (name: ResidentTaxColumn) => {
  const c = residentTaxColumns.find((col) => col.name === name)!
  return `${c.label}（${c.name}）`
}

/** 'YYYYMMDD' or 'YYYY-MM-DD' → ISO date, or null. */
function isoDate(text: string): string | null {
  const m = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(text)
  if (!m) return null
  const iso = `${m[1]}-${m[2]}-${m[3]}`
  return isValidIsoDate(iso) ? iso : null
}

/** Parses the whole file; every problem is reported (all or nothing is decided by the caller). */
export function parseResidentTaxFile(text: string): { lines: ResidentTaxLine[]; problems: IntakeProblem[] } {
  const problems: IntakeProblem[] = []
  let rows: string[][]
  try {
    rows = parse(text.replace(/^\uFEFF/, ''), { relax_column_count: true, skip_empty_lines: true, bom: true })
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
  const known = new Set<string>(residentTaxColumns.map((c) => c.name))
  for (const n of names) if (!known.has(n)) problems.push({ line: 1, column: n, reason: `不明な列名です（${n}）` })
  for (const c of residentTaxColumns)
    if (c.required && !names.includes(c.name))
      problems.push({ line: 1, column: columnLabel(c.name), reason: '必須の列がありません' })
  if (new Set(names).size !== names.length)
    problems.push({ line: 1, column: 'ファイル', reason: '同じ列名が2回以上あります' })
  if (problems.length > 0) return { lines: [], problems }

  const lines: ResidentTaxLine[] = []
  const seenInitial = new Set<string>()
  data.forEach((cells, i) => {
    const line = i + 2
    const before = problems.length
    const problem = (column: ResidentTaxColumn, reason: string) =>
      problems.push({ line, column: columnLabel(column), reason })
    if (cells.length !== names.length) {
      problems.push({
        line,
        column: 'ファイル',
        reason: `列の数が見出しと違います（${names.length}列のはずが${cells.length}列）`,
      })
      return
    }
    const value = (name: ResidentTaxColumn) => (names.includes(name) ? cells[names.indexOf(name)]!.trim() : '')
    const required = (name: ResidentTaxColumn) => {
      const v = value(name)
      if (v === '') problem(name, '必須の項目が空です')
      return v
    }
    /** The amount in yen, or null when it is missing or malformed (the problem is recorded). */
    const amount = (name: ResidentTaxColumn, allowNegative: boolean): number | null => {
      const v = required(name)
      if (v === '') return null
      if (!(allowNegative ? /^-?\d{1,12}$/ : /^\d{1,12}$/).test(v)) {
        problem(
          name,
          allowNegative
            ? '整数の円額で入力してください（カンマなし）'
            : '0以上の整数の円額で入力してください（カンマなし）',
        )
        return null
      }
      return Number(v)
    }
    const flag = (name: ResidentTaxColumn, values: Record<string, boolean>, meaning: string): boolean => {
      const v = required(name)
      if (v !== '' && !(v in values)) problem(name, `${meaning}のいずれかで入力してください（${v}）`)
      return values[v] ?? false
    }
    const optionalDate = (name: ResidentTaxColumn): string | null | undefined => {
      const v = value(name)
      if (v === '') return null
      const d = isoDate(v)
      if (d === null) {
        problem(name, `日付が正しくありません（${v}）。YYYYMMDD または YYYY-MM-DD で入力してください`)
        return undefined
      }
      return d
    }
    const period = (fromName: ResidentTaxColumn, toName: ResidentTaxColumn): WelfarePeriodInput | null => {
      const from = optionalDate(fromName)
      const to = optionalDate(toName)
      if (from === undefined || to === undefined) return null
      if (from === null) {
        if (to !== null) problem(fromName, `${columnLabel(toName)}があるときは開始日も必要です`)
        return null
      }
      if (to !== null && to < from) {
        problem(toName, '開始日より前の日付です')
        return null
      }
      return { from, to }
    }

    const atenaNo = required('atena_no')
    if (atenaNo !== '' && !/^\d{10}$/.test(atenaNo)) problem('atena_no', '10桁の数字で入力してください')
    const yearText = required('nendo')
    let fiscalYear = 0
    if (yearText !== '') {
      if (!/^\d{4}$/.test(yearText) || Number(yearText) < 2000 || Number(yearText) > 2100)
        problem('nendo', '西暦4桁の年度で入力してください（例: 2026）')
      else fiscalYear = Number(yearText)
    }
    const taxable = flag('kazei_kubun', { '1': true, '2': false }, '1（課税）・2（非課税）')
    const totalIncome = amount('gokei_shotoku', true)
    const publicPensionIncome = amount('nenkin_shunyu', false)
    const pensionMiscIncome = amount('nenkin_shotoku', false)
    const salaryIncome = amount('kyuyo_shotoku', false)
    if (publicPensionIncome !== null && pensionMiscIncome !== null && pensionMiscIncome > publicPensionIncome)
      problem('nenkin_shotoku', '公的年金等収入金額を超えています')
    const taxExemptPension = flag('hikazei_nenkin', { '0': false, '1': true }, '0（なし）・1（あり）')
    const correction = flag('kosei_kubun', { '0': false, '1': true }, '0（当初）・1（更正）')
    const correctedOn = optionalDate('kosei_date') ?? null
    if (correction && value('kosei_date') === '') problem('kosei_date', '更正のときは更正年月日が必要です')
    if (!correction && value('kosei_date') !== '' && value('kosei_kubun') === '0')
      problem('kosei_date', '当初の課税情報には更正年月日を入れないでください')
    const publicAssistance = period('seiho_kaishi', 'seiho_haishi')
    const oldAgeWelfarePension = period('rofuku_kaishi', 'rofuku_shuryo')
    if (!correction && atenaNo !== '' && fiscalYear !== 0) {
      const key = `${atenaNo}:${fiscalYear}`
      if (seenInitial.has(key))
        problem('kosei_kubun', `同じ宛名番号・年度の当初の課税情報が2行以上あります（${fiscalYear}年度）`)
      seenInitial.add(key)
    }
    if (problems.length > before) return
    lines.push({
      line,
      atenaNo,
      fiscalYear,
      taxable,
      totalIncome: totalIncome ?? 0,
      publicPensionIncome: publicPensionIncome ?? 0,
      pensionMiscIncome: pensionMiscIncome ?? 0,
      salaryIncome: salaryIncome ?? 0,
      taxExemptPension,
      correction,
      correctedOn,
      publicAssistance,
      oldAgeWelfarePension,
    })
  })
  return { lines, problems }
}
