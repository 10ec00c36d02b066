/**
 * The one drawing routine of the issued forms (被保険者証, 資格者証): a titled table of items and a few notes, on the
 * folded card (128 × 91 mm per page) or on A4, in IPAexゴシック embedded as a subset (server/assets/fonts, with its
 * licence). Values are what the form prints: dates already in 和暦, nothing invented for empty items.
 */
import { readFileSync } from 'node:fs'
import fontkit from '@pdf-lib/fontkit'
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib'
import type { CardLayout } from '../../../../shared/forms/contract'

const FONT_PATH = new URL('../../../assets/fonts/ipaexg.ttf', import.meta.url)
let fontBytes: Uint8Array | null = null
const font = () => (fontBytes ??= new Uint8Array(readFileSync(FONT_PATH)))

const MM = 72 / 25.4

export interface FormPage {
  title: string
  rows: readonly (readonly [label: string, value: string])[]
  /** Lines printed under the table (small type). */
  notes: readonly string[]
}

function drawText(page: PDFPage, f: PDFFont, text: string, x: number, y: number, size: number) {
  page.drawText(text, { x, y, size, font: f, color: rgb(0, 0, 0) })
}

export async function renderFormPdf(form: FormPage, layout: CardLayout): Promise<Uint8Array> {
  const doc = await PDFDocument.create()
  doc.registerFontkit(fontkit)
  const f = await doc.embedFont(font(), { subset: true })
  doc.setTitle(form.title)
  doc.setCreator('kaigo-desk')
  doc.setProducer('kaigo-desk')
  const card = layout === 'card'
  const [width, height] = card ? [128 * MM, 91 * MM] : [210 * MM, 297 * MM]
  const page = doc.addPage([width, height])
  const scale = card ? 0.6 : 1
  const size = 10.5 * scale
  const left = (card ? 5 : 25) * MM
  const labelWidth = 42 * MM * scale
  // The card holds up to 15 rows on its page; the A4 form has room to spare.
  const rowHeight = (card ? Math.min(4.4, 62 / form.rows.length) : 9) * MM
  const tableWidth = width - 2 * left
  let y = height - (card ? 7 : 30) * MM

  const titleSize = size * 1.6
  drawText(page, f, form.title, left + tableWidth / 2 - f.widthOfTextAtSize(form.title, titleSize) / 2, y, titleSize)
  y -= rowHeight * 1.4
  for (const [label, value] of form.rows) {
    page.drawRectangle({
      x: left,
      y: y - rowHeight * 0.3,
      width: tableWidth,
      height: rowHeight,
      borderWidth: 0.6,
      borderColor: rgb(0, 0, 0),
    })
    page.drawLine({
      start: { x: left + labelWidth, y: y - rowHeight * 0.3 },
      end: { x: left + labelWidth, y: y + rowHeight * 0.7 },
      thickness: 0.6,
    })
    drawText(page, f, label, left + 2 * MM * scale, y, size * (label.length > 10 ? 0.8 : 1))
    drawText(page, f, value, left + labelWidth + 3 * MM * scale, y, size)
    y -= rowHeight
  }
  y -= rowHeight * 0.5
  for (const note of form.notes) {
    drawText(page, f, note, left, y, size * 0.8)
    y -= rowHeight * 0.8
  }
  return doc.save({ useObjectStreams: true })
}
