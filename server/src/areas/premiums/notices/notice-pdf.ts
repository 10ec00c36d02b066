/**
 * Drawing of the premium notices on A4 (pdf-lib, IPAexゴシック embedded as a subset, server/assets/fonts, as the
 * forms area draws the 被保険者証): the 通知書 page, the 納付書 page with its three-part slip area for the 収納代行
 * (領収証書 / 納付済通知書 / 領収控) and the barcode, and the cover page of a batch. One document holds any number
 * of pages, so a batch is one PDF. The pages carry text as given (dates already in 和暦, yen already formatted).
 */
import { readFileSync } from 'node:fs'
import fontkit from '@pdf-lib/fontkit'
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib'

const FONT_PATH = new URL('../../../../assets/fonts/ipaexg.ttf', import.meta.url)
let fontBytes: Uint8Array | null = null
const font = () => (fontBytes ??= new Uint8Array(readFileSync(FONT_PATH)))

const MM = 72 / 25.4
const WIDTH = 210 * MM
const HEIGHT = 297 * MM
const LEFT = 18 * MM
const RIGHT = WIDTH - 18 * MM
const NO_LINE_START = '。、，．）」』】〕'

/** The addressee block (window envelope position, top left). */
export interface AddressBlock {
  postalCode: string | null
  lines: readonly string[]
  recipient: string
}

export interface NoticeSection {
  heading: string
  text: string
}

export interface NoticePageModel {
  address: AddressBlock
  /** Top right: issue date and the issuer (e.g. 令和8年7月15日 / 新宿区長). */
  issuer: readonly string[]
  title: string
  lead: string
  rows: readonly (readonly [string, string])[]
  table: { head: readonly string[]; rows: readonly (readonly string[])[]; widths: readonly number[] }
  sections: readonly NoticeSection[]
}

export interface SlipPageModel {
  address: AddressBlock
  title: string
  rows: readonly (readonly [string, string])[]
  /** The three parts of the slip area, each with its own copy of the figures. */
  parts: readonly { title: string; lines: readonly string[] }[]
  /** Bar and space widths in modules, bar first (barcode.ts), and the human-readable line. */
  barcode: { bars: readonly number[]; text: string } | null
  notes: readonly string[]
}

export interface CoverPageModel {
  title: string
  rows: readonly (readonly [string, string])[]
  notes: readonly string[]
}

export class NoticePdf {
  private constructor(
    private readonly doc: PDFDocument,
    private readonly f: PDFFont,
  ) {}

  static async create(title: string): Promise<NoticePdf> {
    const doc = await PDFDocument.create()
    doc.registerFontkit(fontkit)
    const f = await doc.embedFont(font(), { subset: true })
    doc.setTitle(title)
    doc.setCreator('kaigo-desk')
    doc.setProducer('kaigo-desk')
    return new NoticePdf(doc, f)
  }

  get pageCount(): number {
    return this.doc.getPageCount()
  }

  private text(page: PDFPage, text: string, x: number, y: number, size: number) {
    page.drawText(text, { x, y, size, font: this.f, color: rgb(0, 0, 0) })
  }

  /** Lines of at most `width` points (Japanese text breaks anywhere). */
  private wrap(text: string, size: number, width: number): string[] {
    const lines: string[] = []
    let line = ''
    for (const c of text) {
      // 禁則: a closing mark never starts a line (it may run a little into the margin).
      if (line && !NO_LINE_START.includes(c) && this.f.widthOfTextAtSize(line + c, size) > width) {
        lines.push(line)
        line = ''
      }
      line += c
    }
    if (line) lines.push(line)
    return lines
  }

  private paragraph(page: PDFPage, text: string, x: number, y: number, size: number, width: number): number {
    for (const line of this.wrap(text, size, width)) {
      this.text(page, line, x, y, size)
      y -= size * 1.5
    }
    return y
  }

  private addressBlock(page: PDFPage, a: AddressBlock): void {
    let y = HEIGHT - 22 * MM
    if (a.postalCode) this.text(page, `〒${a.postalCode}`, LEFT + 4 * MM, y, 10)
    y -= 6 * MM
    for (const line of a.lines) {
      this.text(page, line, LEFT + 4 * MM, y, 10)
      y -= 5.5 * MM
    }
    this.text(page, `${a.recipient}\u3000様`, LEFT + 4 * MM, y - 1 * MM, 12)
  }

  private table(page: PDFPage, rows: readonly (readonly [string, string])[], y: number): number {
    const rowHeight = 7 * MM
    const labelWidth = 40 * MM
    for (const [label, value] of rows) {
      page.drawRectangle({
        x: LEFT,
        y: y - rowHeight * 0.3,
        width: RIGHT - LEFT,
        height: rowHeight,
        borderWidth: 0.5,
        borderColor: rgb(0, 0, 0),
      })
      this.text(page, label, LEFT + 2 * MM, y, 9)
      this.text(page, value, LEFT + labelWidth + 2 * MM, y, 10)
      y -= rowHeight
    }
    return y
  }

  addNoticePage(m: NoticePageModel): void {
    const page = this.doc.addPage([WIDTH, HEIGHT])
    this.addressBlock(page, m.address)
    let y = HEIGHT - 22 * MM
    for (const line of m.issuer) {
      this.text(page, line, RIGHT - this.f.widthOfTextAtSize(line, 10), y, 10)
      y -= 6 * MM
    }
    y = HEIGHT - 72 * MM
    this.text(page, m.title, WIDTH / 2 - this.f.widthOfTextAtSize(m.title, 15) / 2, y, 15)
    y = this.paragraph(page, m.lead, LEFT, y - 10 * MM, 9.5, RIGHT - LEFT) - 2 * MM
    y = this.table(page, m.rows, y) - 3 * MM
    const rowHeight = 5.6 * MM
    const cells = (values: readonly string[], yy: number, size: number) => {
      let x = LEFT
      values.forEach((v, i) => {
        const w = m.table.widths[i]! * MM
        page.drawRectangle({
          x,
          y: yy - rowHeight * 0.3,
          width: w,
          height: rowHeight,
          borderWidth: 0.4,
          borderColor: rgb(0, 0, 0),
        })
        this.text(page, v, x + 1.5 * MM, yy, size)
        x += w
      })
    }
    cells(m.table.head, y, 8.5)
    y -= rowHeight
    for (const row of m.table.rows) {
      cells(row, y, 8.5)
      y -= rowHeight
    }
    y -= 3 * MM
    for (const s of m.sections) {
      this.text(page, `【${s.heading}】`, LEFT, y, 9)
      y = this.paragraph(page, s.text, LEFT + 2 * MM, y - 5 * MM, 8.5, RIGHT - LEFT - 2 * MM) - 1.5 * MM
    }
  }

  addSlipPage(m: SlipPageModel): void {
    const page = this.doc.addPage([WIDTH, HEIGHT])
    this.addressBlock(page, m.address)
    let y = HEIGHT - 72 * MM
    this.text(page, m.title, WIDTH / 2 - this.f.widthOfTextAtSize(m.title, 15) / 2, y, 15)
    y = this.table(page, m.rows, y - 10 * MM) - 2 * MM
    for (const note of m.notes) y = this.paragraph(page, note, LEFT, y, 8.5, RIGHT - LEFT) - 1 * MM
    // The slip area for the 収納代行: the bottom 95 mm, three parts side by side, cut along the dashed lines.
    const top = 100 * MM
    page.drawLine({ start: { x: 0, y: top }, end: { x: WIDTH, y: top }, thickness: 0.5, dashArray: [3, 3] })
    const partWidth = (RIGHT - LEFT) / m.parts.length
    m.parts.forEach((part, i) => {
      const x = LEFT + i * partWidth
      page.drawRectangle({
        x: x + 1 * MM,
        y: 40 * MM,
        width: partWidth - 2 * MM,
        height: top - 45 * MM,
        borderWidth: 0.6,
        borderColor: rgb(0, 0, 0),
      })
      this.text(page, part.title, x + 3 * MM, top - 12 * MM, 10)
      let py = top - 20 * MM
      for (const line of part.lines) {
        this.text(page, line, x + 3 * MM, py, 8)
        py -= 5 * MM
      }
    })
    if (m.barcode) {
      // 58 mm wide (the stores' scanners read 60 mm), 12 mm high, with quiet zones left and right.
      const module = (58 * MM) / m.barcode.bars.reduce((a, b) => a + b, 0)
      let x = LEFT + 5 * MM
      m.barcode.bars.forEach((w, i) => {
        if (i % 2 === 0) page.drawRectangle({ x, y: 22 * MM, width: w * module, height: 12 * MM, color: rgb(0, 0, 0) })
        x += w * module
      })
      this.text(page, m.barcode.text, LEFT + 5 * MM, 17 * MM, 7)
    }
  }

  addCoverPage(m: CoverPageModel): void {
    const page = this.doc.addPage([WIDTH, HEIGHT])
    const y = HEIGHT - 40 * MM
    this.text(page, m.title, WIDTH / 2 - this.f.widthOfTextAtSize(m.title, 16) / 2, y, 16)
    let yy = this.table(page, m.rows, y - 20 * MM) - 4 * MM
    for (const note of m.notes) yy = this.paragraph(page, note, LEFT, yy, 9, RIGHT - LEFT) - 1 * MM
  }

  save(): Promise<Uint8Array> {
    return this.doc.save({ useObjectStreams: true })
  }
}
