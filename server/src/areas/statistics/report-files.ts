/**
 * The 月報 as the ward submits it: an Excel workbook (exceljs) whose cells are bound to the computed dataset — every
 * value cell carries a defined name equal to its cell id, so a reader (and the test) finds each figure by id — and
 * a PDF (pdf-lib + IPAexゴシック, the font of the issued forms). 「データ未取込」 cells print as such.
 */
import { readFileSync } from 'node:fs'
import fontkit from '@pdf-lib/fontkit'
import ExcelJS from 'exceljs'
import { PDFDocument, rgb } from 'pdf-lib'
import type { MonthlyReport } from '../../../../shared/api/statistics'

const NOT_IMPORTED = 'データ未取込'

/** A defined name for a cell id (Excel names allow letters, digits, '_' and '.', and must not look like A1). */
export const excelNameOf = (cellId: string) => `c_${cellId.replace(/[^A-Za-z0-9_.]/g, '_')}`

export async function monthlyReportXlsx(report: MonthlyReport, submittedLabel: string | null): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  wb.creator = 'kaigo-desk'
  const ws = wb.addWorksheet('月報')
  ws.columns = [{ width: 40 }, { width: 22 }, { width: 16 }]
  ws.addRow(['介護保険事業状況報告（月報）'])
  ws.addRow(['報告月', report.reportMonth])
  ws.addRow(['基準日', report.baseDate])
  ws.addRow(['締日（この日までの記録で集計）', report.cutoffOn])
  ws.addRow(['提出', submittedLabel ?? '未提出（計算結果）'])
  for (const table of report.tables) {
    ws.addRow([])
    const title = ws.addRow([table.title, table.status === 'notImported' ? NOT_IMPORTED : ''])
    title.font = { bold: true }
    if (table.note) ws.addRow([table.note])
    for (const cell of table.cells) {
      const row = ws.addRow([cell.row, cell.column, cell.value ?? NOT_IMPORTED])
      const address = `C${row.number}`
      wb.definedNames.add(`'月報'!$C$${row.number}`, excelNameOf(cell.id))
      ws.getCell(address).numFmt = '#,##0'
    }
  }
  ws.addRow([])
  ws.addRow(['点検'])
  for (const c of report.checks) ws.addRow([c.label, c.ok ? '一致' : '不一致', c.detail])
  return Buffer.from(await wb.xlsx.writeBuffer())
}

const FONT = new URL('../../../assets/fonts/ipaexg.ttf', import.meta.url)
const MM = 72 / 25.4

export async function monthlyReportPdf(report: MonthlyReport, submittedLabel: string | null): Promise<Uint8Array> {
  const doc = await PDFDocument.create()
  doc.registerFontkit(fontkit)
  const font = await doc.embedFont(new Uint8Array(readFileSync(FONT)), { subset: true })
  doc.setTitle(`介護保険事業状況報告（月報） ${report.reportMonth}`)
  doc.setCreator('kaigo-desk')
  doc.setProducer('kaigo-desk')
  const [width, height] = [210 * MM, 297 * MM]
  let page = doc.addPage([width, height])
  let y = height - 20 * MM
  const line = (text: string, size = 9, x = 15 * MM) => {
    if (y < 15 * MM) {
      page = doc.addPage([width, height])
      y = height - 20 * MM
    }
    page.drawText(text, { x, y, size, font, color: rgb(0, 0, 0) })
    y -= size * 1.6
  }
  line('介護保険事業状況報告（月報）', 14)
  line(`報告月 ${report.reportMonth}  基準日 ${report.baseDate}  締日 ${report.cutoffOn}`)
  line(`提出 ${submittedLabel ?? '未提出（計算結果）'}`)
  for (const t of report.tables) {
    y -= 4
    line(`${t.title}${t.status === 'notImported' ? `  ${NOT_IMPORTED}` : ''}`, 11)
    if (t.note) line(t.note, 7)
    for (const c of t.cells) {
      const value = c.value === null ? NOT_IMPORTED : c.value.toLocaleString('ja-JP')
      line(`${c.row}  ${c.column}  ${value}`, 8, 20 * MM)
    }
  }
  y -= 4
  line('点検', 11)
  for (const c of report.checks) line(`${c.ok ? '一致' : '不一致'}  ${c.label}  ${c.detail}`, 8, 20 * MM)
  return doc.save()
}
