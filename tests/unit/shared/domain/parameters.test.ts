import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'
import {
  COPAY_THRESHOLDS,
  EXCLUDED_FACILITIES,
  FACILITY_RELIEF_AMOUNTS,
  FACILITY_RELIEF_THRESHOLDS,
  HIGH_COST_CAPS,
  MONTHLY_BENEFIT_CAPS,
  NATIONAL_STANDARD_STAGES,
  PENSION_INCOME_BOUNDARY,
  RELIEF_PENSION_INCOME_BOUNDARY,
  RESIDENCE_EXCEPTION_FACILITIES,
  SHINJUKU_BASE_PREMIUM,
  SHINJUKU_LATE_CHARGE_RATES,
  SHINJUKU_UNVERIFIED,
  UNIT_PRICE_RATIOS,
  VALIDITY_LIMITS,
  ParameterNotFoundError,
  valueAt,
  versionAt,
  type Versioned,
} from '../../../../shared/domain'

const DOMAIN = join(__dirname, '../../../../shared/domain')

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  )
}

/**
 * Literals that look like dated figures, found on the TypeScript AST (so comments, regular expressions and template
 * text are never mistaken for numbers): decimal numeric literals ≥ 1000 (yen amounts, units, years like 2026), any
 * non-integer numeric literal (rates such as 0.285 or 2.4), hex/binary/octal literals, and string literals that are
 * ISO dates or months (effective dates).
 */
function datedLiterals(source: string): string[] {
  const file = ts.createSourceFile('x.ts', source, ts.ScriptTarget.Latest, true)
  const found: string[] = []
  const visit = (node: ts.Node): void => {
    if (ts.isNumericLiteral(node)) {
      const text = node.getText(file)
      const value = Number(text.replace(/_/g, ''))
      if (!Number.isInteger(value) || value >= 1000 || /^0[xbo]/i.test(text)) found.push(text)
    } else if (
      (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) &&
      /^\d{4}-\d{2}(-\d{2})?$/.test(node.text)
    ) {
      found.push(node.getText(file))
    }
    ts.forEachChild(node, visit)
  }
  visit(file)
  return found
}

describe('no dated figure outside shared/domain/parameters', () => {
  it('the detector flags yen amounts, rates, years and effective dates, and ignores comments and small integers', () => {
    expect(datedLiterals('const l = 809_000')).toEqual(['809_000'])
    expect(datedLiterals('const x = 826500 * 0.285')).toEqual(['826500', '0.285'])
    expect(datedLiterals("const r = 2.4; const d = '2026-08-01'; const m = `2026-08`")).toEqual([
      '2.4',
      "'2026-08-01'",
      '`2026-08`',
    ])
    expect(datedLiterals('if (fy >= 2026) return 1e3 + 0x3e8')).toEqual(['2026', '1e3', '0x3e8'])
    expect(
      datedLiterals('// 809,000 in FY2025 (0.285)\n/* 2026-08-01 */ const a = [1, 10, 12, 100, 365, 999]'),
    ).toEqual([])
    expect(datedLiterals("const re = /^\\d{4}-\\d{2}$/; const s = 'R8.11.25'")).toEqual([])
    expect(datedLiterals('const t = `${era}${year}.${month}.${day}`; const r = new RegExp(`(\\d{1,2})`)')).toEqual([])
    expect(datedLiterals('const t = `${a}-${b}`; const y = 1_000')).toEqual(['1_000'])
  })

  const files = sourceFiles(DOMAIN).filter((f) => !relative(DOMAIN, f).startsWith('parameters'))
  it('scans every rule module', () => {
    expect(files.map((f) => relative(DOMAIN, f)).sort()).toEqual(
      expect.arrayContaining(['arrears.ts', 'benefits.ts', 'certification.ts', 'dates.ts', 'premium.ts', 'index.ts']),
    )
  })
  it.each(files.map((f) => [relative(DOMAIN, f), f]))('%s has no dated literal', (_name, file) => {
    expect(datedLiterals(readFileSync(file, 'utf8'))).toEqual([])
  })
  it('the figures do live in the parameter tables', () => {
    const params = sourceFiles(join(DOMAIN, 'parameters'))
      .map((f) => datedLiterals(readFileSync(f, 'utf8')).join(' '))
      .join(' ')
    for (const figure of ['809_000', '826_500', '79_200', '1_545', '36_217', '1_140', "'2026-08-01'"]) {
      expect(params).toContain(figure)
    }
  })
  // The holiday package is the maintained list of 国民の祝日 (shared/domain/business-days.ts): pure data, no I/O.
  const ALLOWED_PACKAGES = ['zod', '@holiday-jp/holiday_jp']
  it('shared/domain imports nothing outside shared/ except zod and the holiday list, and no Node built-ins', () => {
    for (const file of sourceFiles(DOMAIN)) {
      const source = readFileSync(file, 'utf8')
      for (const [, spec] of source.matchAll(/from '([^']+)'/g)) {
        expect(
          ALLOWED_PACKAGES.includes(spec!) || spec!.startsWith('./') || spec!.startsWith('../'),
          `${file}: ${spec}`,
        ).toBe(true)
        expect(spec).not.toMatch(/\.(ts|js)$/)
      }
      expect(source).not.toMatch(/new Date\(|Date\.|export default/)
    }
  })
})

const tables: [string, readonly Versioned<unknown>[]][] = [
  ['PENSION_INCOME_BOUNDARY', PENSION_INCOME_BOUNDARY],
  ['NATIONAL_STANDARD_STAGES', NATIONAL_STANDARD_STAGES],
  ['SHINJUKU_BASE_PREMIUM', SHINJUKU_BASE_PREMIUM],
  ['MONTHLY_BENEFIT_CAPS', MONTHLY_BENEFIT_CAPS],
  ['UNIT_PRICE_RATIOS', UNIT_PRICE_RATIOS],
  ['COPAY_THRESHOLDS', COPAY_THRESHOLDS],
  ['HIGH_COST_CAPS', HIGH_COST_CAPS],
  ['RELIEF_PENSION_INCOME_BOUNDARY', RELIEF_PENSION_INCOME_BOUNDARY],
  ['FACILITY_RELIEF_THRESHOLDS', FACILITY_RELIEF_THRESHOLDS],
  ['FACILITY_RELIEF_AMOUNTS', FACILITY_RELIEF_AMOUNTS],
  ['VALIDITY_LIMITS', VALIDITY_LIMITS],
  ['RESIDENCE_EXCEPTION_FACILITIES', RESIDENCE_EXCEPTION_FACILITIES],
  ['EXCLUDED_FACILITIES', EXCLUDED_FACILITIES],
]

describe('versioned parameter tables', () => {
  it.each(tables)('%s: versions are ordered, contiguous (no gap or overlap) and cite a source', (_name, table) => {
    table.forEach((v, i) => {
      expect(v.source.length).toBeGreaterThan(0)
      if (v.to !== undefined) expect(v.to >= v.from).toBe(true)
      const next = table[i + 1]
      if (next !== undefined) {
        expect(next.from > v.from).toBe(true)
        if (v.to !== undefined) {
          const dayAfter = new Date(Date.parse(`${v.to}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)
          expect(next.from).toBe(dayAfter)
        }
      }
    })
  })
  it('picks the version in force, ±1 day around a change (2026-07-31 / 2026-08-01)', () => {
    expect(valueAt(RELIEF_PENSION_INCOME_BOUNDARY, '2026-07-31', 'L')).toBe(809_000)
    expect(valueAt(RELIEF_PENSION_INCOME_BOUNDARY, '2026-08-01', 'L')).toBe(826_500)
    expect(versionAt(RELIEF_PENSION_INCOME_BOUNDARY, '2026-07-31', 'L').unverified).toBe(true)
    expect(valueAt(PENSION_INCOME_BOUNDARY, '2026-03-31', 'L')).toBe(809_000)
    expect(valueAt(PENSION_INCOME_BOUNDARY, '2026-04-01', 'L')).toBe(826_500)
  })
  it('throws ParameterNotFoundError before the first version and after a closed last version', () => {
    expect(() => valueAt(PENSION_INCOME_BOUNDARY, '2024-03-31', 'L')).toThrow(ParameterNotFoundError)
    expect(() => valueAt(SHINJUKU_BASE_PREMIUM, '2027-04-01', 'base')).toThrow(/No version of "base"/)
    expect(() => valueAt(PENSION_INCOME_BOUNDARY, '2026-02-30', 'L')).toThrow(RangeError)
    expect(() => valueAt([], '2026-01-01', 'empty')).toThrow(ParameterNotFoundError)
    // order of the rows does not matter
    const unsorted = [
      { from: '2026-08-01', value: 2, source: 's' },
      { from: '2025-08-01', value: 1, source: 's' },
    ]
    expect(valueAt(unsorted, '2026-08-01', 'unsorted')).toBe(2)
    expect(valueAt(unsorted, '2026-01-01', 'unsorted')).toBe(1)
  })
  it('late-charge rates: one entry per year, A = B − 6.3 points (特例基準割合 + 1 % / + 7.3 %)', () => {
    const years = SHINJUKU_LATE_CHARGE_RATES.map((r) => r.year)
    expect(new Set(years).size).toBe(years.length)
    for (const r of SHINJUKU_LATE_CHARGE_RATES) expect(Math.round((r.late - r.early) * 10)).toBe(63)
  })
  it('unverified ward defaults are listed for the UI', () => {
    expect(SHINJUKU_UNVERIFIED.length).toBeGreaterThanOrEqual(8)
  })
})

describe('public API of shared/domain/index.ts', () => {
  it('exports every contract function', async () => {
    const api: Record<string, unknown> = await import('../../../../shared/domain')
    const contract = [
      'ageAttainmentDate',
      'formatWareki',
      'parseJapaneseDate',
      'fiscalYearOf',
      'category1AcquisitionDate',
      'category2AcquisitionDate',
      'lossDate',
      'liableMonths',
      'nationalStandardStageTable',
      'premiumStage',
      'annualPremium',
      'proratedPremium',
      'directPaymentInstallments',
      'finalWithholdingAmounts',
      'lateCharge',
      'limitationEndDate',
      'benefitRestrictionLevel',
      'benefitReductionMonths',
      'reducedCopayRate',
      'monthlyBenefitCap',
      'unitPrice',
      'serviceCost',
      'splitCost',
      'copayRate',
      'highCostCap',
      'facilityReliefStage',
      'facilityReliefDailyAmounts',
      'validityPeriod',
      'maxValidityMonths',
      'renewalApplicationOpens',
      'decisionDeadline',
      'careLevelFromMinutes',
      'basicChecklistResult',
      'checkDigit',
    ]
    for (const name of contract) expect(typeof api[name], name).toBe('function')
  })
})
