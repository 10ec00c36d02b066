import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { copayCertificatePdf } from '../../../../../server/src/areas/recipients/certificate-pdf'

describe('負担割合証 PDF — the text a person reads', () => {
  it('prints the ratio and the period in 和暦, one page per person', async () => {
    const page = {
      insuredNumber: '0000012345',
      name: '検証 花子',
      birthDate: '1950-05-05',
      ratio: 2 as const,
      validFrom: '2026-08-01',
      validTo: '2027-07-31',
      issuedOn: '2026-07-15',
    }
    const bytes = await copayCertificatePdf([page, { ...page, name: '検証 太郎', ratio: 1 }])
    const file = join(mkdtempSync(join(tmpdir(), 'copay-pdf-')), 'c.pdf')
    writeFileSync(file, bytes)
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' })
    expect(text).toContain('介護保険負担割合証')
    expect(text).toContain('2割')
    expect(text).toContain('1割')
    expect(text).toContain('令和8年8月1日から令和9年7月31日まで')
    expect(text.split('\f').filter((p) => p.trim()).length).toBe(2)
  })
})
