/**
 * 介護保険被保険者証 (介護保険法施行規則 様式第一号) as PDF: the items of the front page (被保険者番号, 住所, フリガナ,
 * 氏名, 生年月日, 性別, 交付年月日, 保険者番号・名称) with dates in 和暦, and the certification items left blank until
 * the certification area exists (never invented). IPAexゴシック embedded as a subset (server/assets/fonts).
 * Layout per ward setting: 'card' (the folded card, 128 × 91 mm per page) or 'a4'.
 */
import { readFileSync } from 'node:fs'
import fontkit from '@pdf-lib/fontkit'
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib'
import { formatWareki } from '../../../shared/domain'

const FONT_PATH = new URL('../../assets/fonts/ipaexg.ttf', import.meta.url)
let fontBytes: Uint8Array | null = null
const font = () => (fontBytes ??= new Uint8Array(readFileSync(FONT_PATH)))

const MM = 72 / 25.4

export interface InsuranceCardData {
  insuredNumber: string
  name: string
  nameKana: string
  birthDate: string
  sex: 'male' | 'female'
  /** null for a protected person whose address is not printed here (issued at the counter). */
  address: string | null
  issuedOn: string
  insurerNumber: string
  insurerName: string
  category: 1 | 2
  acquiredOn: string | null
  /** 再交付: the running count and the reason, printed in the margin. */
  reissue?: { count: number; reason: string }
}

export type CardLayout = 'card' | 'a4'

function drawText(page: PDFPage, f: PDFFont, text: string, x: number, y: number, size: number) {
  page.drawText(text, { x, y, size, font: f, color: rgb(0, 0, 0) })
}

export async function renderInsuranceCard(data: InsuranceCardData, layout: CardLayout = 'a4'): Promise<Uint8Array> {
  const doc = await PDFDocument.create()
  doc.registerFontkit(fontkit)
  const f = await doc.embedFont(font(), { subset: true })
  doc.setTitle('介護保険被保険者証')
  doc.setCreator('kaigo-desk')
  doc.setProducer('kaigo-desk')
  const [width, height] = layout === 'card' ? [128 * MM, 91 * MM] : [210 * MM, 297 * MM]
  const page = doc.addPage([width, height])
  const scale = layout === 'card' ? 0.6 : 1
  const size = 10.5 * scale
  const left = (layout === 'card' ? 5 : 25) * MM
  const labelWidth = 42 * MM * scale
  const rowHeight = (layout === 'card' ? 4.4 : 9) * MM
  const tableWidth = width - 2 * left
  let y = height - (layout === 'card' ? 7 : 30) * MM

  drawText(
    page,
    f,
    '介護保険被保険者証',
    left + tableWidth / 2 - f.widthOfTextAtSize('介護保険被保険者証', size * 1.6) / 2,
    y,
    size * 1.6,
  )
  y -= rowHeight * 1.4
  const rows: [string, string][] = [
    ['被保険者番号', data.insuredNumber],
    ['住所', data.address ?? '（窓口で記入）'],
    ['フリガナ', data.nameKana],
    ['氏名', data.name],
    ['生年月日', formatWareki(data.birthDate)],
    ['性別', data.sex === 'male' ? '男' : '女'],
    ['交付年月日', formatWareki(data.issuedOn)],
    ['被保険者区分', `${data.category === 1 ? '第1号' : '第2号'}被保険者`],
    ['資格取得年月日', data.acquiredOn ? formatWareki(data.acquiredOn) : ''],
    ['保険者番号並びに保険者の名称', `${data.insurerNumber}\u3000${data.insurerName}`],
    ['要介護状態区分等', ''],
    ['認定年月日', ''],
    ['認定の有効期間', ''],
  ]
  for (const [label, value] of rows) {
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
  drawText(page, f, '※ 要介護認定等の記載欄は、認定の結果が出た後に記載します。', left, y, size * 0.8)
  if (data.reissue) {
    y -= rowHeight * 0.8
    drawText(page, f, `再交付（${data.reissue.count}回目）\u3000理由：${data.reissue.reason}`, left, y, size * 0.8)
  }
  return doc.save({ useObjectStreams: true })
}
