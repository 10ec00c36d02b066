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

describe('被保険者証 PDF (様式第一号): the 認定 face and the 裏面 from the records', () => {
  // 区分支給限度基準額 of 要介護2: 19,705単位 (平成12年厚生省告示第33号, shared/domain/parameters/benefits.ts).
  const certified: InsuranceCardData = {
    ...data,
    certification: {
      levelLabel: '要介護2',
      decidedOn: '2026-12-10',
      validFrom: '2026-11-20',
      validTo: '2027-05-31',
      monthlyCapUnits: 19_705,
      boardOpinion: '認知症の進行に注意',
      serviceTypes: ['訪問看護'],
    },
  }
  it('prints the level, the dates in 和暦, the cap of the level and the board opinion with the service kinds', async () => {
    const text = textOf(await renderInsuranceCard(certified))
    for (const expected of [
      '要介護状態区分等',
      '要介護2',
      '令和8年12月10日',
      '令和8年11月20日〜令和9年5月31日',
      '1月当たり 19,705単位',
      '認知症の進行に注意',
      'サービスの種類の指定：訪問看護',
    ])
      expect(text).toContain(expected)
    expect(text).not.toContain('認定の結果が出た後に記載します')
  })
  it('has the three faces: 表面, 認定, and 給付制限・居宅介護支援事業者・介護保険施設 (empty until those areas fill them)', async () => {
    const text = textOf(await renderInsuranceCard(certified))
    expect(text.split('\f').filter((p) => p.trim() !== '')).toHaveLength(3)
    for (const expected of ['給付制限', '居宅介護支援事業者等の名称', '介護保険施設等（種類・名称）'])
      expect(text).toContain(expected)
  })
})
