/**
 * Builds a 基本データリスト spec (shared/migration/data-list.ts) from the official workbook (docs/sources/migration.md
 * §1.4: commit the converter, not the workbook). The workbook is read with exceljs: the first sheet, one row per item,
 * a header row naming the columns グループ, グループ名, ファイル名, 項目ID, 項目名, 型, 桁数, 必須, コード表, 備考
 * (column order free). 型 is one of 文字/数字/整数/金額/日付/コード; 必須 is ○ or blank.
 *   npx tsx server/src/cli/data-list-from-workbook.ts <workbook.xlsx> <edition-id> <基本データリスト版> > spec.json
 */
import { readFileSync } from 'node:fs'
import ExcelJS from 'exceljs'
import type { DataListGroup, DataListItem, DataListItemType, DataListSpec } from '../../../shared/migration/data-list'
import { KAIGO_CODE_TABLES } from '../../../shared/migration/kaigo-working-model'

const TYPES: Record<string, DataListItemType> = {
  文字: 'text',
  数字: 'digits',
  整数: 'integer',
  金額: 'yen',
  日付: 'date',
  コード: 'code',
}
const COLUMNS = [
  'グループ',
  'グループ名',
  'ファイル名',
  '項目ID',
  '項目名',
  '型',
  '桁数',
  '必須',
  'コード表',
  '備考',
] as const

export async function specFromWorkbook(
  bytes: Uint8Array,
  edition: { id: string; dataList: string; standard: string; infrastructureIf: string; source: string },
): Promise<DataListSpec> {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer)
  const sheet = workbook.worksheets[0]
  if (!sheet) throw new Error('ワークブックにシートがありません')
  const text = (v: ExcelJS.CellValue) =>
    v === null || v === undefined
      ? ''
      : String(typeof v === 'object' && 'richText' in v ? v.richText.map((r) => r.text).join('') : v).trim()
  const header = (sheet.getRow(1).values as ExcelJS.CellValue[]).map(text)
  const at: Record<string, number> = {}
  for (const name of COLUMNS) {
    const index = header.indexOf(name)
    if (index < 0) throw new Error(`見出し「${name}」がありません`)
    at[name] = index
  }
  const groups = new Map<string, DataListGroup & { items: DataListItem[] }>()
  for (let r = 2; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r)
    const cell = (name: (typeof COLUMNS)[number]) => text(row.getCell(at[name]!).value)
    if (cell('項目名') === '') continue
    const type = TYPES[cell('型')]
    if (!type) throw new Error(`${r}行目: 型「${cell('型')}」は使えません`)
    const groupId = cell('グループ')
    const group = groups.get(groupId) ?? {
      id: groupId,
      name: cell('グループ名'),
      fileName: cell('ファイル名'),
      seedRecordKinds: [],
      key: [],
      items: [],
    }
    groups.set(groupId, group)
    const length = cell('桁数')
    group.items.push({
      id: cell('項目ID'),
      name: cell('項目名'),
      type,
      length: length === '' ? null : Number(length),
      required: cell('必須') === '○',
      codeTable: cell('コード表') || null,
      remarks: cell('備考'),
    })
  }
  return { edition, groups: [...groups.values()], codeTables: KAIGO_CODE_TABLES }
}

if (process.argv[1]?.endsWith('data-list-from-workbook.ts')) {
  const [file, id, dataList] = process.argv.slice(2)
  if (!file || !id || !dataList) {
    console.error('使い方: data-list-from-workbook.ts <workbook.xlsx> <edition-id> <基本データリスト版>')
    process.exit(2)
  }
  const spec = await specFromWorkbook(readFileSync(file), {
    id,
    dataList,
    standard: '',
    infrastructureIf: '',
    source: file.split('/').pop()!,
  })
  process.stdout.write(JSON.stringify(spec, null, 2) + '\n')
}
