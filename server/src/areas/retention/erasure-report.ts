/**
 * The 消去報告書 (control C-20) as PDF, in IPAexゴシック as the forms are (server/assets/fonts, with its licence): what
 * was erased (record kinds), how many, when, by whom (preparer, approver, executor), how (deleted in the database;
 * backups age out under the backup retention, those to destroy listed), and the run id. Counts only: no name or number
 * of a resident appears in it.
 */
import { readFileSync } from 'node:fs'
import fontkit from '@pdf-lib/fontkit'
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib'
import { formatWareki } from '../../../../shared/domain'

const FONT_PATH = new URL('../../../assets/fonts/ipaexg.ttf', import.meta.url)
let fontBytes: Uint8Array | null = null
const font = () => (fontBytes ??= new Uint8Array(readFileSync(FONT_PATH)))

const MM = 72 / 25.4
const A4: [number, number] = [210 * MM, 297 * MM]

export interface ErasureReport {
  insurerName: string
  runId: number
  asOf: string
  preparedBy: string
  preparedAt: string
  approvedBy: string
  approvedAt: string
  erasedBy: string
  erasedAt: string
  /** [record kind label, number of records, reference dates] */
  kinds: readonly (readonly [string, number, string])[]
  /** [table label, rows erased] */
  rows: readonly (readonly [string, number])[]
  keptAtErasure: number
  backups: readonly { file: string; takenAt: string; keepUntil: string; status: 'expired' | 'holdsErased' }[]
  issuedAt: string
}

/** An instant as 和暦 date and JST time: 令和8年12月3日 14:05. */
export function japanTime(iso: string): string {
  const jst = new Date(Date.parse(iso) + 9 * 3600_000).toISOString()
  return `${formatWareki(jst.slice(0, 10))} ${jst.slice(11, 16)}`
}

class Writer {
  page: PDFPage
  y: number
  constructor(
    private readonly doc: PDFDocument,
    private readonly f: PDFFont,
  ) {
    this.page = doc.addPage(A4)
    this.y = A4[1] - 25 * MM
  }
  private room(height: number) {
    if (this.y - height >= 20 * MM) return
    this.page = this.doc.addPage(A4)
    this.y = A4[1] - 25 * MM
  }
  text(text: string, size = 10.5, x = 25 * MM) {
    this.room(size * 1.6)
    this.page.drawText(text, { x, y: this.y, size, font: this.f, color: rgb(0, 0, 0) })
    this.y -= size * 1.6
  }
  title(text: string) {
    const size = 18
    const x = A4[0] / 2 - this.f.widthOfTextAtSize(text, size) / 2
    this.page.drawText(text, { x, y: this.y, size, font: this.f, color: rgb(0, 0, 0) })
    this.y -= size * 2
  }
  row(label: string, value: string) {
    const height = 8 * MM
    this.room(height)
    const left = 25 * MM
    const width = A4[0] - 50 * MM
    this.page.drawRectangle({
      x: left,
      y: this.y - 2.5 * MM,
      width,
      height,
      borderWidth: 0.6,
      borderColor: rgb(0, 0, 0),
    })
    this.page.drawLine({
      start: { x: left + 55 * MM, y: this.y - 2.5 * MM },
      end: { x: left + 55 * MM, y: this.y - 2.5 * MM + height },
      thickness: 0.6,
    })
    this.page.drawText(label, { x: left + 2 * MM, y: this.y, size: 10, font: this.f })
    this.page.drawText(value, { x: left + 58 * MM, y: this.y, size: 10, font: this.f })
    this.y -= height
  }
  gap(mm = 4) {
    this.y -= mm * MM
  }
}

export async function renderErasureReport(report: ErasureReport): Promise<Uint8Array> {
  const doc = await PDFDocument.create()
  doc.registerFontkit(fontkit)
  const f = await doc.embedFont(font(), { subset: true })
  doc.setTitle(`消去報告書 第${report.runId}号`)
  doc.setCreator('kaigo-desk')
  doc.setProducer('kaigo-desk')
  const w = new Writer(doc, f)
  w.title('消去報告書')
  w.text(`${report.insurerName}\u3000介護保険課`, 10.5)
  w.text(`作成日時: ${japanTime(report.issuedAt)}`, 9)
  w.gap()
  w.row('実行番号', `第${report.runId}号`)
  w.row('基準日', formatWareki(report.asOf))
  w.row('準備者（消去対象の抽出）', `${report.preparedBy}\u3000${japanTime(report.preparedAt)}`)
  w.row('承認者（監督者）', `${report.approvedBy}\u3000${japanTime(report.approvedAt)}`)
  w.row('実行者', `${report.erasedBy}\u3000${japanTime(report.erasedAt)}`)
  w.row('消去の方法', 'データベースからの削除（1トランザクション）')
  w.gap()
  w.text('消去した記録（保存期間を経過したもの）', 11)
  for (const [label, count, dates] of report.kinds) w.row(label, `${count}件\u3000${dates}`)
  w.row('実行時に保存期間内となり消去しなかったもの', `${report.keptAtErasure}件`)
  w.gap()
  w.text('削除した行数（表ごと）', 11)
  for (const [label, count] of report.rows) w.row(label, `${count}行`)
  w.gap()
  w.text('バックアップ（消去した記録の写しを含むもの）', 11)
  if (report.backups.length === 0) w.text('該当なし', 10)
  for (const b of report.backups)
    w.row(
      b.status === 'expired' ? '保存期間経過・直ちに廃棄' : `${formatWareki(b.keepUntil)}に廃棄`,
      `${b.file}（取得 ${japanTime(b.takenAt)}）`,
    )
  w.gap()
  w.text('アクセスログ（監査証跡）と持出管理簿は消去の対象外です（ハッシュ連鎖を保つため）。', 9)
  w.text('消去の実行はアクセスログに件数とともに記録されています。', 9)
  w.text('本報告書に住民の氏名・番号は記載していません。', 9)
  return doc.save({ useObjectStreams: true })
}
