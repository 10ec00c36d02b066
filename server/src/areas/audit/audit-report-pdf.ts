/**
 * The audit analysis (control C-08) as an A4 PDF for the committee: the period, the headline figures, the
 * requests per user as bars, and the listed signals (bulk lookups, login failures, off-hours access, accesses to
 * protected persons). Staff appear by user id, persons by internal id only — never a name or a number. Drawn in
 * IPAexゴシック embedded as a subset, like the issued forms (server/src/areas/forms/form-pdf.ts).
 */
import { readFileSync } from 'node:fs'
import fontkit from '@pdf-lib/fontkit'
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib'
import { formatWareki } from '../../../../shared/domain'
import type { IsoDate } from '../../../../shared/domain'
import type { AuditReport } from './audit-report'

const FONT_PATH = new URL('../../../assets/fonts/ipaexg.ttf', import.meta.url)
let fontBytes: Uint8Array | null = null
const font = () => (fontBytes ??= new Uint8Array(readFileSync(FONT_PATH)))

export const AUDIT_REPORT_TITLE = 'アクセスログ分析報告書'
/** Rows listed per section; the counts stay exact. */
export const AUDIT_PDF_LIST_ROWS = 40

const MM = 72 / 25.4
const WIDTH = 210 * MM
const HEIGHT = 297 * MM
const LEFT = 20 * MM
const RIGHT = WIDTH - 20 * MM
const TOP = HEIGHT - 20 * MM
const BOTTOM = 20 * MM
const SIZE = 9.5
const LINE = 5.2 * MM

/** An instant as Japan time: 令和8年12月3日 14:05. */
export function japanTime(iso: string): string {
  const jst = new Date(new Date(iso).getTime() + 9 * 3_600_000).toISOString()
  return `${formatWareki(jst.slice(0, 10) as IsoDate)} ${jst.slice(11, 16)}`
}

class Writer {
  private page!: PDFPage
  private y = 0
  pages = 0

  constructor(
    private readonly doc: PDFDocument,
    private readonly f: PDFFont,
  ) {
    this.newPage()
  }

  private newPage() {
    this.page = this.doc.addPage([WIDTH, HEIGHT])
    this.pages++
    this.y = TOP
    this.text(`${AUDIT_REPORT_TITLE}\u3000${this.pages}ページ`, LEFT, BOTTOM - 8 * MM, 7.5)
  }

  private room(height: number) {
    if (this.y - height < BOTTOM) this.newPage()
  }

  text(text: string, x: number, y: number, size = SIZE) {
    this.page.drawText(text, { x, y, size, font: this.f, color: rgb(0, 0, 0) })
  }

  line(text: string, size = SIZE, indent = 0) {
    this.room(LINE)
    this.text(text, LEFT + indent, this.y, size)
    this.y -= LINE * (size / SIZE)
  }

  gap(times = 0.5) {
    this.y -= LINE * times
  }

  heading(text: string) {
    this.room(LINE * 3)
    this.gap()
    this.line(text, 12)
    this.page.drawLine({
      start: { x: LEFT, y: this.y + LINE * 0.6 },
      end: { x: RIGHT, y: this.y + LINE * 0.6 },
      thickness: 0.6,
    })
  }

  /** Columns at the given x offsets (mm from the left margin). */
  row(cells: readonly string[], columns: readonly number[], size = SIZE) {
    this.room(LINE)
    cells.forEach((cell, i) => this.text(cell, LEFT + columns[i]! * MM, this.y, size))
    this.y -= LINE
  }

  /** A labelled horizontal bar, its length proportional to value / max, its count before it, a note under it. */
  bar(label: string, value: number, max: number, note: string) {
    this.room(LINE * 1.8)
    const x = LEFT + 62 * MM
    const full = RIGHT - x
    this.text(label, LEFT, this.y, SIZE)
    const count = `${value.toLocaleString('ja-JP')}件`
    this.text(count, x - 3 * MM - this.f.widthOfTextAtSize(count, SIZE), this.y, SIZE)
    const w = max > 0 ? (full * value) / max : 0
    if (w > 0)
      this.page.drawRectangle({ x, y: this.y - 0.6 * MM, width: w, height: 3.4 * MM, color: rgb(0.2, 0.4, 0.7) })
    this.y -= LINE * 0.8
    this.text(note, LEFT + 4 * MM, this.y, 7)
    this.y -= LINE
  }
}

export interface AuditPdfOptions {
  /** When the report was made (the request's instant). */
  generatedAt: Date
  /** The caller's user id, printed as the one who made it. */
  generatedBy: string
  bulkThresholdPerHour: number
  officeHours: { start: string; end: string }
}

/** Renders the report; a list longer than `listRows` shows its first rows and says how many there are. */
export async function renderAuditReportPdf(
  report: AuditReport,
  options: AuditPdfOptions,
  listRows = AUDIT_PDF_LIST_ROWS,
): Promise<Uint8Array> {
  const doc = await PDFDocument.create()
  doc.registerFontkit(fontkit)
  const f = await doc.embedFont(font(), { subset: true })
  doc.setTitle(AUDIT_REPORT_TITLE)
  doc.setCreator('kaigo-desk')
  doc.setProducer('kaigo-desk')
  // A fixed date keeps the bytes a function of the report and the options only.
  doc.setCreationDate(options.generatedAt)
  doc.setModificationDate(options.generatedAt)
  const w = new Writer(doc, f)

  w.line(AUDIT_REPORT_TITLE, 16)
  w.gap()
  w.line(`分析期間: ${japanTime(report.from)} から ${japanTime(report.to)} の前まで`)
  w.line(`作成: ${japanTime(options.generatedAt.toISOString())}（${options.generatedBy}）`)
  w.line(
    `条件: 執務時間 平日 ${options.officeHours.start}〜${options.officeHours.end}、大量照会 1時間に ${options.bulkThresholdPerHour}人超`,
  )
  w.line('職員はユーザーID、住民は内部番号のみで示します（氏名・番号は記載しません）。', 8)

  w.heading('集計')
  const personal = report.perUser.reduce((n, u) => n + u.personalDataRequests, 0)
  const denied = report.perUser.reduce((n, u) => n + u.denied, 0)
  const figures: [string, number][] = [
    ['記録件数', report.rows],
    ['個人情報を扱う操作', personal],
    ['拒否された操作', denied],
    ['執務時間外の個人情報の操作', report.offHoursTotal],
    ['大量照会（時間帯）', report.bulkLookups.length],
    ['ログイン失敗', report.loginFailures.reduce((n, l) => n + l.failures, 0)],
    ['支援措置対象者へのアクセス', report.protectedAccessTotal],
  ]
  for (const [label, value] of figures) w.row([label, `${value.toLocaleString('ja-JP')}件`], [0, 70])

  w.heading('職員別の操作件数')
  const max = Math.max(0, ...report.perUser.map((u) => u.requests))
  for (const u of report.perUser.slice(0, listRows))
    w.bar(
      u.loginId ?? '（不明）',
      u.requests,
      max,
      `個人情報 ${u.personalDataRequests}件・時間外 ${u.offHours}件・拒否 ${u.denied}件・参照した住民 ${u.distinctPersons}人`,
    )
  more(w, report.perUser.length, listRows)

  w.heading('大量照会')
  if (report.bulkLookups.length === 0) w.line('該当なし')
  for (const b of report.bulkLookups.slice(0, listRows))
    w.row([japanTime(b.hourStart), b.loginId ?? '（不明）', `${b.persons}人`, `${b.requests}件`], [0, 50, 95, 120])
  more(w, report.bulkLookups.length, listRows)

  w.heading('ログイン失敗')
  if (report.loginFailures.length === 0) w.line('該当なし')
  for (const l of report.loginFailures.slice(0, listRows))
    w.row([l.loginId ?? '（不明）', `${l.failures}回`, l.terminals.join('、')], [0, 50, 75])
  more(w, report.loginFailures.length, listRows)

  w.heading('執務時間外の個人情報の操作')
  if (report.offHoursTotal === 0) w.line('該当なし')
  for (const o of report.offHours.slice(0, listRows))
    w.row([japanTime(o.occurredAt), o.loginId ?? '（不明）', o.action, o.terminalId], [0, 50, 85, 130])
  more(w, report.offHoursTotal, Math.min(listRows, report.offHours.length))

  w.heading('支援措置対象者へのアクセス')
  if (report.protectedAccessTotal === 0) w.line('該当なし')
  for (const p of report.protectedAccess.slice(0, listRows))
    w.row(
      [japanTime(p.occurredAt), p.loginId ?? '（不明）', p.action, p.outcome, `内部番号 ${p.personIds.join('、')}`],
      [0, 50, 85, 125, 140],
    )
  more(w, report.protectedAccessTotal, Math.min(listRows, report.protectedAccess.length))

  return doc.save({ useObjectStreams: true })
}

function more(w: Writer, total: number, shown: number) {
  if (total > shown) w.line(`ほか ${total - shown}件（全 ${total}件）`, 8)
}
