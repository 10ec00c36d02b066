import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'
import {
  COPAY_THRESHOLDS,
  FACILITY_RELIEF_AMOUNTS,
  HIGH_COST_CAPS,
  MONTHLY_BENEFIT_CAPS,
  nationalStandardStageTable,
  PENSION_INCOME_BOUNDARY,
  RELIEF_PENSION_INCOME_BOUNDARY,
  UNIT_PRICE_RATIOS,
  VALIDITY_LIMITS,
  type Versioned,
} from '../../../../shared/domain'
import { CHECKLIST_CRITERIA, CHECKLIST_NO_COUNTS } from '../../../../shared/domain/parameters/certification'
import { masterDatasetNames, parseMasterPayload, type MasterDatasetName } from '../../../../shared/masters/datasets'
import { nationalMasterRows } from '../../../../shared/masters/national'

const rows = nationalMasterRows()

/** Numeric literals ≥ 1000, non-integers and ISO-date strings (the detector of tests/unit/shared/domain). */
function datedLiterals(source: string): string[] {
  const file = ts.createSourceFile('x.ts', source, ts.ScriptTarget.Latest, true)
  const found: string[] = []
  const visit = (node: ts.Node): void => {
    if (ts.isNumericLiteral(node)) {
      const value = Number(node.getText(file).replace(/_/g, ''))
      if (!Number.isInteger(value) || value >= 1000) found.push(node.getText(file))
    } else if (
      (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) &&
      /^\d{4}-\d{2}/.test(node.text)
    ) {
      found.push(node.getText(file))
    }
    ts.forEachChild(node, visit)
  }
  visit(file)
  return found
}

describe('national masters are derived from shared/domain/parameters, never retyped', () => {
  it('the row builders contain no figure and no effective date (only the domain tables do)', () => {
    for (const file of ['national.ts', 'national-lists.ts']) {
      const source = readFileSync(join(__dirname, '../../../../shared/masters', file), 'utf8')
      expect(datedLiterals(source), file).toEqual([])
    }
    // The ward defaults take every figure from shared/domain too: no effective date is written there.
    const ward = readFileSync(join(__dirname, '../../../../shared/masters/ward-parameters.ts'), 'utf8')
    expect(datedLiterals(ward).filter((l) => /^['`]\d{4}-/.test(l))).toEqual([])
  })

  const versioned: [MasterDatasetName, readonly Versioned<unknown>[]][] = [
    ['national.pensionIncomeBoundary', PENSION_INCOME_BOUNDARY],
    ['national.monthlyBenefitCaps', MONTHLY_BENEFIT_CAPS],
    ['national.unitPriceRatios', UNIT_PRICE_RATIOS],
    ['national.copayThresholds', COPAY_THRESHOLDS],
    ['national.highCostCaps', HIGH_COST_CAPS],
    ['national.reliefPensionIncomeBoundary', RELIEF_PENSION_INCOME_BOUNDARY],
    ['national.facilityReliefAmounts', FACILITY_RELIEF_AMOUNTS],
    ['national.validityLimits', VALIDITY_LIMITS],
  ]
  it.each(versioned)('%s: one row per version, with its dates, value, source and ⚠️ flag', (dataset, table) => {
    const list = rows[dataset as keyof typeof rows]
    expect(list).toHaveLength(table.length)
    table.forEach((v, i) => {
      const row = list[i]!
      expect(row.key).toBe(v.from)
      expect([row.validFrom, row.validTo]).toEqual([v.from, v.to ?? null])
      const payload = parseMasterPayload(dataset, row.payload) as { value: unknown; source: string; unverified?: true }
      expect(JSON.parse(JSON.stringify(v.value))).toEqual(payload.value)
      expect(payload.source).toBe(v.source)
      expect(payload.unverified === true).toBe(v.unverified === true)
    })
  })

  it('the 2026-08-01 change of the facility relief amounts is its own dated row (food 1,545 from that day)', () => {
    const list = rows['national.facilityReliefAmounts']
    const after = parseMasterPayload(
      'national.facilityReliefAmounts',
      list.find((r) => r.key === '2026-08-01')!.payload,
    )
    const before = list.find((r) => r.validTo === '2026-07-31')!
    expect(after.value.food.base).toBe(1_545)
    expect(parseMasterPayload('national.facilityReliefAmounts', before.payload).value.food.base).toBe(1_445)
  })

  it('the standard 13-stage table has one row per fiscal year of L, equal to nationalStandardStageTable', () => {
    const list = rows['national.standardStageTables']
    expect(list.map((r) => [r.validFrom, r.validTo])).toEqual([
      ['2024-04-01', '2025-03-31'],
      ['2025-04-01', '2026-03-31'],
      ['2026-04-01', null],
    ])
    for (const [i, fy] of [2024, 2025, 2026].entries()) {
      const { value } = parseMasterPayload('national.standardStageTables', list[i]!.payload)
      const domain = nationalStandardStageTable(fy, 79_200, 'floor10')
      expect(value.rates).toHaveLength(13)
      expect(value).toEqual({
        pensionIncomeBoundary: domain.pensionIncomeBoundary,
        publicAssistanceStage: domain.publicAssistanceStage,
        oldAgeWelfarePensionStage: domain.oldAgeWelfarePensionStage,
        householdExemptBands: domain.householdExemptBands,
        householdTaxableBands: domain.householdTaxableBands,
        selfTaxableBands: domain.selfTaxableBands,
        rates: domain.rates,
      })
    }
  })

  it('lists the 16 特定疾病 (flagged ⚠️) and the 25 checklist items with the answer that counts', () => {
    expect(rows['national.specifiedDiseases']).toHaveLength(16)
    const disease = parseMasterPayload('national.specifiedDiseases', rows['national.specifiedDiseases'][2]!.payload)
    expect(disease).toMatchObject({ number: 3, name: '筋萎縮性側索硬化症', unverified: true })
    const items = rows['national.basicChecklistItems'].map((r) =>
      parseMasterPayload('national.basicChecklistItems', r.payload),
    )
    expect(items).toHaveLength(25)
    expect(items.filter((i) => i.countsWhen === 'no').map((i) => i.number)).toEqual(CHECKLIST_NO_COUNTS)
    expect(items[11]!.countsWhen).toBe('bmi')
    const criteria = rows['national.basicChecklistCriteria'].map((r) =>
      parseMasterPayload('national.basicChecklistCriteria', r.payload),
    )
    expect(criteria.map((c) => [c.id, c.items, c.atLeast])).toEqual(
      CHECKLIST_CRITERIA.map((c) => [c.id, c.items, c.atLeast]),
    )
    expect(criteria.find((c) => c.id === '⑦')!.depression).toBe(true)
  })

  it('covers every national dataset of the catalog', () => {
    expect(Object.keys(rows).sort()).toEqual(masterDatasetNames.filter((n) => n.startsWith('national.')).sort())
  })
})
