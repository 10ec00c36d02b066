/**
 * The A4 documents of 認定 (認定結果通知書, 却下通知書, 延期通知書, the 審査会資料 and the 議事録): a title, the addressee
 * or a heading line, tables of items and paragraphs, over as many pages as the content needs, in IPAexゴシック
 * embedded as a subset (server/assets/fonts). Values are printed as given (dates already in 和暦).
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
const LEFT = 20 * MM
const RIGHT = WIDTH - 20 * MM
const BOTTOM = 20 * MM
const SIZE = 10

export type DocumentBlock =
  | { kind: 'heading'; text: string }
  | { kind: 'text'; text: string }
  | { kind: 'table'; rows: readonly (readonly [string, string])[] }
  | { kind: 'grid'; columns: readonly string[]; rows: readonly (readonly string[])[] }

export interface DocumentPage {
  title: string
  /** Top-right lines (date, number). */
  topRight: readonly string[]
  /** Top-left lines (addressee). */
  topLeft: readonly string[]
  blocks: readonly DocumentBlock[]
}

/** Splits a text into lines that fit `width` at `size`. */
function wrap(f: PDFFont, text: string, width: number, size: number): string[] {
  const lines: string[] = []
  let line = ''
  for (const ch of text) {
    if (f.widthOfTextAtSize(line + ch, size) > width) {
      lines.push(line)
      line = ch
    } else line += ch
  }
  if (line !== '' || lines.length === 0) lines.push(line)
  return lines
}

export async function renderDocumentPdf(title: string, pages: readonly DocumentPage[]): Promise<Uint8Array> {
  const doc = await PDFDocument.create()
  doc.registerFontkit(fontkit)
  const f = await doc.embedFont(font(), { subset: true })
  doc.setTitle(title)
  doc.setCreator('kaigo-desk')
  doc.setProducer('kaigo-desk')
  for (const model of pages) {
    let page: PDFPage = doc.addPage([WIDTH, HEIGHT])
    let y = HEIGHT - 20 * MM
    const text = (t: string, x: number, size = SIZE) => page.drawText(t, { x, y, size, font: f, color: rgb(0, 0, 0) })
    const need = (h: number) => {
      if (y - h >= BOTTOM) return
      page = doc.addPage([WIDTH, HEIGHT])
      y = HEIGHT - 20 * MM
    }
    for (const line of model.topRight) {
      text(line, RIGHT - f.widthOfTextAtSize(line, SIZE))
      y -= 5.5 * MM
    }
    for (const line of model.topLeft) {
      text(line, LEFT, SIZE * 1.1)
      y -= 6 * MM
    }
    y -= 6 * MM
    const titleSize = SIZE * 1.8
    text(model.title, WIDTH / 2 - f.widthOfTextAtSize(model.title, titleSize) / 2, titleSize)
    y -= 14 * MM
    for (const block of model.blocks) {
      if (block.kind === 'heading') {
        need(10 * MM)
        text(block.text, LEFT, SIZE * 1.15)
        y -= 8 * MM
      } else if (block.kind === 'text') {
        for (const line of wrap(f, block.text, RIGHT - LEFT, SIZE)) {
          need(6 * MM)
          text(line, LEFT)
          y -= 5.5 * MM
        }
        y -= 2 * MM
      } else if (block.kind === 'table') {
        const labelWidth = 48 * MM
        for (const [label, value] of block.rows) {
          const lines = wrap(f, value, RIGHT - LEFT - labelWidth - 4 * MM, SIZE)
          const h = Math.max(1, lines.length) * 5.5 * MM + 2.5 * MM
          need(h)
          page.drawRectangle({
            x: LEFT,
            y: y - h + 4.5 * MM,
            width: RIGHT - LEFT,
            height: h,
            borderWidth: 0.6,
            borderColor: rgb(0, 0, 0),
          })
          page.drawLine({
            start: { x: LEFT + labelWidth, y: y - h + 4.5 * MM },
            end: { x: LEFT + labelWidth, y: y + 4.5 * MM },
            thickness: 0.6,
          })
          text(label, LEFT + 2 * MM, label.length > 12 ? SIZE * 0.85 : SIZE)
          let ly = y
          for (const l of lines) {
            page.drawText(l, { x: LEFT + labelWidth + 2 * MM, y: ly, size: SIZE, font: f, color: rgb(0, 0, 0) })
            ly -= 5.5 * MM
          }
          y -= h
        }
        y -= 4 * MM
      } else {
        const width = (RIGHT - LEFT) / block.columns.length
        const row = (cells: readonly string[]) => {
          need(7 * MM)
          page.drawLine({ start: { x: LEFT, y: y - 2 * MM }, end: { x: RIGHT, y: y - 2 * MM }, thickness: 0.4 })
          cells.forEach((cell, i) => {
            const size = f.widthOfTextAtSize(cell, SIZE) > width - 2 * MM ? SIZE * 0.75 : SIZE
            text(cell, LEFT + i * width + 1 * MM, size)
          })
          y -= 6.5 * MM
        }
        row(block.columns)
        for (const cells of block.rows) row(cells)
        y -= 4 * MM
      }
    }
  }
  return doc.save({ useObjectStreams: true })
}
