import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { demandPage } from '../../../../../../server/src/areas/collection/dunning/demand-notice-pdf'
import { NoticePdf } from '../../../../../../server/src/areas/premiums'

const text = async (pages: Parameters<typeof demandPage>[0][]) => {
  const pdf = await NoticePdf.create('督促状')
  for (const p of pages) pdf.addNoticePage(demandPage(p))
  const file = join(mkdtempSync(join(tmpdir(), 'kaigo-unit-demand-')), 'd.pdf')
  writeFileSync(file, await pdf.save())
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' })
}

const base = {
  address: { postalCode: '160-0022', lines: ['東京都新宿区新宿一丁目1番1号（検証）'], recipient: '検証 太郎' },
  insurerName: '新宿区',
  insuredNumber: '0000012345',
  personName: '検証 太郎',
  issuedOn: '2026-08-12',
  deadline: '2026-08-21',
  fee: 0,
  lines: [
    { fiscalYear: 2026, method: 'direct', installmentSeq: 1, dueDate: '2026-07-31', balance: 8_800 },
    { fiscalYear: 2025, method: 'direct', installmentSeq: 9, dueDate: '2026-03-31', balance: 12_300 },
  ],
}

// 督促状 (地方自治法第231条の3第1項, docs/sources/domain.md §4.1): the dates in 和暦, yen with separators.
describe('the 督促状 page', () => {
  it('names the person, each installment, the total and the 指定期限 in 和暦; no fee line when the ward charges none', async () => {
    const t = await text([base])
    expect(t).toContain('介護保険料督促状')
    expect(t).toContain('検証 太郎')
    expect(t).toContain('0000012345')
    expect(t).toContain('8,800円')
    expect(t).toContain('12,300円')
    // 8,800 + 12,300 = 21,100
    expect(t).toContain('21,100円')
    expect(t).toContain('令和8年8月21日')
    expect(t).toContain('令和8年7月31日')
    expect(t).toContain('新宿区長')
    expect(t).not.toContain('督促手数料')
  })
  it('a ward fee of 100円 is shown and added to the total (21,100 + 100 = 21,200)', async () => {
    const t = await text([{ ...base, fee: 100 }])
    expect(t).toContain('督促手数料')
    expect(t).toContain('21,200円')
  })
  it('a withheld address says （窓口で交付）', async () => {
    const t = await text([
      { ...base, address: { postalCode: null, lines: ['（窓口で交付）'], recipient: '検証 太郎' } },
    ])
    expect(t).toContain('（窓口で交付）')
    expect(t).not.toContain('新宿一丁目')
  })
})
