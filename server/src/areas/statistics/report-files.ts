/**
 * The 月報 as the ward submits it: an Excel workbook (exceljs) whose cells are bound to the computed dataset — every
 * value cell carries a defined name equal to its cell id, so a reader (and the test) finds each figure by id — and
 * a PDF (pdf-lib + IPAexゴシック, the font of the issued forms). 「データ未取込」 cells print as such.
 */
import { readFileSync } from 'node:fs'
import fontkit from '@pdf-lib/fontkit'
import ExcelJS from 'exceljs'
import { PDFDocument, rgb } from 'pdf-lib'
import type { AnnualReport, MonthlyReport } from '../../../../shared/api/statistics'

const NOT_IMPORTED = 'データ未取込'

/** A defined name for a cell id (Excel names allow letters, digits, '_' and '.', and must not look like A1). */
export const excelNameOf = (cellId: string) => `c_${cellId.replace(/[^A-Za-z0-9_.]/g, '_')}`

/** What a report file prints: its title, the facts of its heading, the tables and the checks (月報 and 年報 alike). */
interface PrintableReport {
  readonly sheet: string
  readonly title: string
  readonly period: string
  readonly facts: readonly (readonly [string, string])[]
  readonly tables: MonthlyReport['tables']
  readonly checks: MonthlyReport['checks']
}

const monthly = (r: MonthlyReport): PrintableReport => ({
  sheet: '月報',
  title: '介護保険事業状況報告（月報）',
  period: r.reportMonth,
  facts: [
    ['報告月', r.reportMonth],
    ['基準日', r.baseDate],
    ['締日（この日までの記録で集計）', r.cutoffOn],
  ],
  tables: r.tables,
  checks: r.checks,
})

const annual = (r: AnnualReport): PrintableReport => ({
  sheet: '年報',
  title: '介護保険事業状況報告（年報）',
  period: `${r.fiscalYear}年度`,
  facts: [
    ['年度', `${r.fiscalYear}年度`],
    ['基準日', r.baseDate],
    ['締日（この日までの記録で集計）', r.cutoffOn],
  ],
  tables: r.tables,
  checks: r.checks,
})

export const monthlyReportXlsx = (report: MonthlyReport, submittedLabel: string | null) =>
  reportXlsx(monthly(report), submittedLabel)
export const annualReportXlsx = (report: AnnualReport, submittedLabel: string | null) =>
  reportXlsx(annual(report), submittedLabel)
export const monthlyReportPdf = (report: MonthlyReport, submittedLabel: string | null) =>
  reportPdf(monthly(report), submittedLabel)
export const annualReportPdf = (report: AnnualReport, submittedLabel: string | null) =>
  reportPdf(annual(report), submittedLabel)

async function reportXlsx(report: PrintableReport, submittedLabel: string | null): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  wb.creator = 'kaigo-desk'
  const ws = wb.addWorksheet(report.sheet)
  ws.columns = [{ width: 40 }, { width: 22 }, { width: 16 }]
  ws.addRow([report.title])
  for (const [label, value] of report.facts) ws.addRow([label, value])
  ws.addRow(['提出', submittedLabel ?? '未提出（計算結果）'])
  for (const table of report.tables) {
    ws.addRow([])
    const title = ws.addRow([table.title, table.status === 'notImported' ? NOT_IMPORTED : ''])
    title.font = { bold: true }
    if (table.note) ws.addRow([table.note])
    for (const cell of table.cells) {
      const row = ws.addRow([cell.row, cell.column, cell.value ?? NOT_IMPORTED])
      const address = `C${row.number}`
      wb.definedNames.add(`'${report.sheet}'!$C$${row.number}`, excelNameOf(cell.id))
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

async function reportPdf(report: PrintableReport, submittedLabel: string | null): Promise<Uint8Array> {
  const doc = await PDFDocument.create()
  doc.registerFontkit(fontkit)
  const font = await doc.embedFont(new Uint8Array(readFileSync(FONT)), { subset: true })
  doc.setTitle(`${report.title} ${report.period}`)
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
  line(report.title, 14)
  line(report.facts.map(([label, value]) => `${label.replace(/（.*）$/, '')} ${value}`).join('  '))
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
