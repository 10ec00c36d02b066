import { describe, expect, it } from 'vitest'
import { readBenefitRecordFile } from '../../../../../server/src/areas/benefits'
import { generateBenefitRecordFile, type BenefitRecipient } from '../../../../../server/src/demo/benefit-records'

/** The checks the 給付実績 import adds to the 国保連 codec (docs/benefits.md §3), and the generator's files. */
const recipients: BenefitRecipient[] = ['12', '21', '23', '25'].flatMap((levelCode, i) =>
  Array.from({ length: 5 }, (_, k) => ({
    insuredNumber: `0091${String(i * 10 + k).padStart(6, '0')}`,
    levelCode,
    birthDate: '1940-04-01',
    sex: '2' as const,
    copayRate: 1 as const,
  })),
)

describe('the generated 給付実績情報 file', () => {
  it('is the same bytes for the same seed and month, and reads back without a problem', () => {
    const a = generateBenefitRecordFile(recipients, { month: '2025-10', seed: 7 })
    const b = generateBenefitRecordFile(recipients, { month: '2025-10', seed: 7 })
    expect(Buffer.from(a.bytes).equals(Buffer.from(b.bytes))).toBe(true)
    const read = readBenefitRecordFile(a.bytes)
    expect(read.ok).toBe(true)
    if (read.ok) {
      expect(read.file.claims).toHaveLength(a.claims)
      expect(read.file.details).toHaveLength(a.details)
      expect(read.file.controlRecordCount).toBe(a.claims + a.details)
    }
  })

  it('gives 要支援 persons only 介護予防 service types (46, 63, 66, 67)', () => {
    const file = generateBenefitRecordFile(recipients.slice(0, 5), { month: '2025-10', seed: 7 })
    const read = readBenefitRecordFile(file.bytes)
    expect(read.ok).toBe(true)
    if (read.ok) for (const d of read.file.details) expect(['46', '63', '66', '67']).toContain(d.serviceType)
  })
})

describe('明細 without their 基本情報', () => {
  it('refuses a D1 whose H1 is not in the file, naming its line and the 被保険者番号 field', () => {
    const file = generateBenefitRecordFile(recipients.slice(5, 6), { month: '2025-10', seed: 3 })
    // Drop line 2 (the first H1) and renumber: the D1 on line 3 becomes line 2 and has no parent.
    const text = Buffer.from(file.bytes)
      .toString('latin1')
      .split('\r\n')
      .filter((l) => l !== '')
    const kept = [text[0]!, ...text.slice(2, -1)]
    const lines = kept.map((l, i) =>
      i === 0 ? l.replace(/^1,1,0,\d+,/, `1,1,0,${kept.length - 1},`) : l.replace(/^2,\d+,/, `2,${i + 1},`),
    )
    lines.push(`3,${lines.length + 1},`)
    const bytes = Buffer.from(lines.map((l) => `${l}\r\n`).join(''), 'latin1')
    const read = readBenefitRecordFile(bytes)
    expect(read.ok).toBe(false)
    if (!read.ok) {
      expect(read.problems[0]!.line).toBe(2)
      expect(read.problems[0]!.fieldLabel).toBe('被保険者番号')
      expect(read.problems[0]!.message).toContain('対応する基本情報（H1')
    }
  })
})
