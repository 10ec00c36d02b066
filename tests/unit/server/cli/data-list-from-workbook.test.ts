import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { specFromWorkbook } from '../../../../server/src/cli/data-list-from-workbook'

const edition = {
  id: 'test-1',
  dataList: '第4.0版',
  standard: '第6.0版',
  infrastructureIf: '第2.0版',
  source: 'test.xlsx',
}

async function workbook(rows: (string | number)[][]) {
  const wb = new ExcelJS.Workbook()
  const sheet = wb.addWorksheet('基本データリスト')
  sheet.addRow(['項目名', 'グループ', 'グループ名', 'ファイル名', '項目ID', '型', '桁数', '必須', 'コード表', '備考'])
  for (const row of rows) sheet.addRow(row)
  return new Uint8Array(await wb.xlsx.writeBuffer())
}

describe('the data list converter', () => {
  it('reads one item per row into groups, in any column order', async () => {
    const bytes = await workbook([
      ['宛名番号', 'person', '宛名', 'atena.csv', 'personId', '数字', 10, '○', '', '団体内統合宛名番号'],
      ['性別', 'person', '宛名', 'atena.csv', 'sex', 'コード', 1, '○', 'sex', ''],
      ['死亡日', 'person', '宛名', 'atena.csv', 'diedOn', '日付', 10, '', '', ''],
      ['年額保険料', 'assessment', '賦課基本', 'fuka.csv', 'annualAmount', '金額', 9, '○', '', ''],
    ])
    const spec = await specFromWorkbook(bytes, edition)
    expect(spec.edition.id).toBe('test-1')
    expect(spec.groups.map((g) => [g.id, g.fileName, g.items.length])).toEqual([
      ['person', 'atena.csv', 3],
      ['assessment', 'fuka.csv', 1],
    ])
    expect(spec.groups[0]!.items[1]).toEqual({
      id: 'sex',
      name: '性別',
      type: 'code',
      length: 1,
      required: true,
      codeTable: 'sex',
      remarks: '',
    })
    expect(spec.groups[0]!.items[2]!.required).toBe(false)
  })

  it('refuses an unknown type, naming the row', async () => {
    const bytes = await workbook([['宛名番号', 'person', '宛名', 'atena.csv', 'personId', '文字列', 10, '○', '', '']])
    await expect(specFromWorkbook(bytes, edition)).rejects.toThrow('2行目')
  })
})
