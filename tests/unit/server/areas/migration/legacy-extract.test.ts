import { describe, expect, it } from 'vitest'
import { plantedDefectKinds, ruleOfDefect, type FindingRule } from '../../../../../shared/migration/findings'
import { KAIGO_WORKING_MODEL } from '../../../../../shared/migration/kaigo-working-model'
import { decodeExtractText, encodeText, parseCsvText, validateExtract } from '../../../../../server/src/areas/migration'
import { writeLegacyExtract } from '../../../../../server/src/demo/legacy-extract'

const countByRule = (findings: { rule: FindingRule }[]) => {
  const counts: Partial<Record<FindingRule, number>> = {}
  for (const f of findings) counts[f.rule] = (counts[f.rule] ?? 0) + 1
  return counts
}

describe('a clean legacy extract', () => {
  it('gives zero findings', () => {
    const extract = writeLegacyExtract({ seed: 11, scale: 1500 })
    const result = validateExtract(extract.manifestText, extract.files)
    expect(result.blocked).toBe(false)
    expect(countByRule(result.findings)).toEqual({})
    expect(result.rows.length).toBeGreaterThan(extract.persons)
  })
})

describe('planted defects', () => {
  it('are found exactly, one finding per planted defect and nothing else', () => {
    const defects = {
      wrongLossDate: 2,
      oneYenRounding: 3,
      wrongMailingAddress: 1,
      gaiji: 3,
      brokenReference: 2,
      overlappingHistory: 2,
      duplicatedPerson: 2,
      attainmentOffByOne: 2,
    }
    const extract = writeLegacyExtract({ seed: 11, scale: 1500, defects })
    expect(extract.planted).toEqual(defects)
    const result = validateExtract(extract.manifestText, extract.files)
    const expected: Partial<Record<FindingRule, number>> = {}
    for (const kind of plantedDefectKinds) expected[ruleOfDefect[kind]] = defects[kind]
    expect(countByRule(result.findings)).toEqual(expected)
    expect(result.gaiji.map((g) => g.character).sort()).toEqual(['\uE000', '𠮷', '𣘺'].sort())
  })

  it('a loss on the day of death is reported with both dates', () => {
    const extract = writeLegacyExtract({ seed: 11, scale: 1500, defects: { wrongLossDate: 1 } })
    const [finding] = validateExtract(extract.manifestText, extract.files).findings
    expect(finding!.rule).toBe('lossDateOnDeath')
    // the recorded date is the day of death, ours the day after (介護保険法第11条第1項)
    expect(finding!.expected! > finding!.value!).toBe(true)
    expect(finding!.message).toContain('翌日')
  })
})

describe('file level', () => {
  it('a file whose bytes differ from the manifest hash blocks the extract', () => {
    const extract = writeLegacyExtract({ seed: 11, scale: 300 })
    const files = new Map(extract.files)
    files.set('atena.csv', Buffer.concat([files.get('atena.csv')!, Buffer.from('\r\n')]))
    const result = validateExtract(extract.manifestText, files)
    expect(result.blocked).toBe(true)
    expect(result.findings.map((f) => f.rule)).toContain('sha256')
  })
})

describe('tolerant reading', () => {
  const text = '宛名番号,氏名（姓）\r\n1000000001,"髙橋, 花子"\n1000000002,渡邉\r\n'
  for (const encoding of ['utf-8', 'utf-8-bom', 'shift_jis', 'utf-16le', 'utf-16be'] as const)
    it(`reads ${encoding}`, () => {
      const decoded = decodeExtractText(encodeText(text, encoding))
      expect(decoded.ok && decoded.encoding).toBe(encoding)
      if (!decoded.ok) return
      expect(parseCsvText(decoded.text)).toEqual([
        ['宛名番号', '氏名（姓）'],
        ['1000000001', '髙橋, 花子'],
        ['1000000002', '渡邉'],
      ])
    })
})

describe('the working model edition', () => {
  it('names a file and a key per group', () => {
    expect(KAIGO_WORKING_MODEL.groups.map((g) => g.fileName)).toEqual([
      'atena.csv',
      'sofusaki.csv',
      'hihokensha.csv',
      'fuka.csv',
      'shuno.csv',
      'nintei.csv',
    ])
    for (const g of KAIGO_WORKING_MODEL.groups)
      for (const k of g.key) expect(g.items.some((i) => i.id === k)).toBe(true)
  })
})
