import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { renderInsuranceCard, type InsuranceCardData } from '../../../../../server/src/areas/forms/insurance-card'

const data: InsuranceCardData = {
  insuredNumber: '0500000123',
  name: '髙橋　はな',
  nameKana: 'タカハシ　ハナ',
  birthDate: '1961-04-01',
  sex: 'female',
  address: '東京都新宿区西新宿二丁目8番1号',
  issuedOn: '2026-03-31',
  insurerNumber: '131045',
  insurerName: '新宿区',
  category: 1,
  acquiredOn: '2026-03-31',
}

/** The text of a PDF as pdftotext (poppler) extracts it. */
function textOf(pdf: Uint8Array): string {
  const dir = mkdtempSync(join(tmpdir(), 'kaigo-card-'))
  writeFileSync(join(dir, 'card.pdf'), pdf)
  return execFileSync('pdftotext', ['-enc', 'UTF-8', join(dir, 'card.pdf'), '-'], { encoding: 'utf8' })
}

describe('被保険者証 PDF (様式第一号): embedded IPAex subset, dates in 和暦', () => {
  it('holds the name (異体字 as registered), the number and the dates in 和暦, as text', async () => {
    const text = textOf(await renderInsuranceCard(data))
    for (const expected of [
      '介護保険被保険者証',
      '髙橋',
      'はな',
      '0500000123',
      '昭和36年4月1日',
      '令和8年3月31日',
      '131045',
      '新宿区',
    ])
      expect(text).toContain(expected)
    expect(text).not.toContain('1961-04-01')
  })
  it('embeds a subset of the font: the file stays small', async () => {
    const pdf = await renderInsuranceCard(data)
    expect(pdf.byteLength).toBeLessThan(100_000)
    const dir = mkdtempSync(join(tmpdir(), 'kaigo-card-'))
    writeFileSync(join(dir, 'card.pdf'), pdf)
    // pdffonts: "name type encoding emb sub uni"; pdf-lib names its subsets without the ABCDEF+ tag, so the size
    // (24 KB against the 6 MB font file) is what shows the subsetting.
    const fonts = execFileSync('pdffonts', [join(dir, 'card.pdf')], { encoding: 'utf8' })
    expect(fonts).toMatch(/IPAexGothic\S*\s+CID TrueType\s+Identity-H\s+yes/)
  })
  it('prints the card layout and the 再交付 count and reason', async () => {
    const text = textOf(await renderInsuranceCard({ ...data, reissue: { count: 2, reason: '紛失' } }, 'card'))
    expect(text).toContain('再交付（2回目）')
    expect(text).toContain('紛失')
  })
  it('leaves the certification items blank (never invented) and says when they are filled in', async () => {
    const text = textOf(await renderInsuranceCard(data))
    expect(text).toContain('要介護状態区分等')
    expect(text).toContain('認定の結果が出た後に記載します')
  })
})
