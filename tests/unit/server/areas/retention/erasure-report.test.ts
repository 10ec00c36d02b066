import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  japanTime,
  renderErasureReport,
  type ErasureReport,
} from '../../../../../server/src/areas/retention/erasure-report'

/** The text of a PDF as pdftotext (poppler) extracts it. */
function textOf(pdf: Uint8Array): string {
  const dir = mkdtempSync(join(tmpdir(), 'kaigo-erasure-'))
  writeFileSync(join(dir, 'r.pdf'), pdf)
  return execFileSync('pdftotext', ['-enc', 'UTF-8', join(dir, 'r.pdf'), '-'], { encoding: 'utf8' })
}

const report: ErasureReport = {
  insurerName: '新宿区（ダミー）',
  runId: 7,
  asOf: '2026-12-03',
  preparedBy: '検証 一郎（shikaku01）',
  preparedAt: '2026-12-03T01:00:00.000Z',
  approvedBy: '検証 四季（kantoku01）',
  approvedAt: '2026-12-03T02:30:00.000Z',
  erasedBy: '検証 一郎（shikaku01）',
  erasedAt: '2026-12-03T14:59:00.000Z',
  kinds: [['被保険者の記録', 12, '基準日 2015-06-11〜2021-12-02']],
  rows: [['住民', 12]],
  keptAtErasure: 1,
  backups: [],
  issuedAt: '2026-12-03T15:00:00.000Z',
}

describe('times in the report are Japan time in 和暦 (UTC+9, no daylight saving)', () => {
  it('14:59 UTC is 23:59 the same day; 15:00 UTC is 00:00 the next day', () => {
    expect(japanTime('2026-12-03T14:59:00.000Z')).toBe('令和8年12月3日 23:59')
    expect(japanTime('2026-12-03T15:00:00.000Z')).toBe('令和8年12月4日 00:00')
  })
})

describe('消去報告書 PDF: run, who and when, method, counts; backups listed on as many pages as needed', () => {
  it('holds the run id, the three persons responsible with their times, the method and the counts', async () => {
    const text = textOf(await renderErasureReport(report))
    for (const expected of [
      '消去報告書',
      '第7号',
      '令和8年12月3日',
      '検証 一郎（shikaku01）',
      '令和8年12月3日 10:00', // prepared 01:00 UTC
      '検証 四季（kantoku01）',
      '令和8年12月3日 23:59', // erased 14:59 UTC
      'データベースからの削除（1トランザクション）',
      '12件',
      '12行',
      '1件',
      '該当なし', // no backup listed
    ])
      expect(text).toContain(expected)
  })
  it('lists 60 backups, the last one on a later page', async () => {
    const backups = Array.from({ length: 60 }, (_, i) => ({
      file: `kaigo-${String(i).padStart(2, '0')}.dump`,
      takenAt: '2025-01-01T00:00:00.000Z',
      keepUntil: '2026-01-01',
      status: 'expired' as const,
    }))
    const text = textOf(await renderErasureReport({ ...report, backups }))
    expect(text).toContain('kaigo-00.dump')
    expect(text).toContain('kaigo-59.dump')
    expect(text.split('\f').length).toBeGreaterThan(2)
  })
})
