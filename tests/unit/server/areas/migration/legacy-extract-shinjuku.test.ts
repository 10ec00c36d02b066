import { describe, expect, it } from 'vitest'
import { plantedDefectKinds, ruleOfDefect, type FindingRule } from '../../../../../shared/migration/findings'
import { validateExtract } from '../../../../../server/src/areas/migration'
import { writeLegacyExtract } from '../../../../../server/src/demo/legacy-extract'

/**
 * The validation at the ward's size: a generated extract of the whole dummy ward at Shinjuku scale (84,410 persons
 * with their households; the ward has 67,889 category-1 insured, docs/sources/domain.md §8), three fiscal years of 賦課・収納, 資格 and 宛名
 * histories, 認定), with five of every known defect of docs/sources/migration.md §2.6 planted. Every finding must be
 * a planted defect and every planted defect a finding: at this size no other row may trip a rule.
 */
describe('planted defects at Shinjuku scale', () => {
  it('are found exactly: five findings of each kind, and nothing else in 84,410 persons', () => {
    const defects = Object.fromEntries(plantedDefectKinds.map((k) => [k, 5]))
    const extract = writeLegacyExtract({ seed: 20261207, scale: 84_410, defects })
    expect(extract.persons).toBe(84_410)
    expect(extract.planted).toEqual(defects)
    const result = validateExtract(extract.manifestText, extract.files)
    const counts: Partial<Record<FindingRule, number>> = {}
    for (const f of result.findings) counts[f.rule] = (counts[f.rule] ?? 0) + 1
    const expected: Partial<Record<FindingRule, number>> = {}
    for (const kind of plantedDefectKinds) expected[ruleOfDefect[kind]] = 5
    expect(counts).toEqual(expected)
  }, 600_000)
})
