/**
 * National master rows, derived from the dated tables of shared/domain/parameters: no figure is written here (a unit
 * test scans this file for numeric and date literals). Each `Versioned` entry becomes one row keyed by its `from`
 * date, with its `to`, legal source and ⚠️ flag.
 */
import {
  addDays,
  COPAY_THRESHOLDS,
  FACILITY_RELIEF_AMOUNTS,
  FACILITY_RELIEF_THRESHOLDS,
  HIGH_COST_CAPS,
  MONTHLY_BENEFIT_CAPS,
  NATIONAL_STANDARD_STAGES,
  PENSION_INCOME_BOUNDARY,
  RELIEF_PENSION_INCOME_BOUNDARY,
  UNIT_PRICE_RATIOS,
  VALIDITY_LIMITS,
  versionAt,
  type Versioned,
} from '../domain'
import {
  CHECKLIST_BMI_ITEM,
  CHECKLIST_CRITERIA,
  CHECKLIST_ITEM_COUNT,
  CHECKLIST_NO_COUNTS,
} from '../domain/parameters/certification'
import type { MasterDatasetName, MasterRow } from './datasets'
import { CHECKLIST_QUESTIONS, CHECKLIST_SOURCE, SPECIFIED_DISEASES, SPECIFIED_DISEASES_SOURCE } from './national-lists'
import { toMasterRow, type MasterRowDraft } from './rows'

function fromVersioned<T>(table: readonly Versioned<T>[]): MasterRowDraft[] {
  return table.map((v) => ({
    key: v.from,
    validFrom: v.from,
    validTo: v.to ?? null,
    payload: { value: v.value, source: v.source, ...(v.unverified ? { unverified: true } : {}) },
  }))
}

/**
 * 標準段階表 per period: the 13-stage structure with that period's 年金収入等 boundary L resolved. A new period starts
 * whenever either source table starts or ends a version, so every fiscal year's L is its own row.
 */
function standardStageTables(): MasterRowDraft[] {
  const breakpoints = new Set<string>()
  for (const table of [
    NATIONAL_STANDARD_STAGES,
    PENSION_INCOME_BOUNDARY,
  ] as readonly (readonly Versioned<unknown>[])[]) {
    for (const v of table) {
      breakpoints.add(v.from)
      if (v.to) breakpoints.add(addDays(v.to, 1))
    }
  }
  const sorted = [...breakpoints].sort()
  const drafts: MasterRowDraft[] = []
  sorted.forEach((from, i) => {
    let structure: Versioned<(typeof NATIONAL_STANDARD_STAGES)[number]['value']>
    let boundary: Versioned<number>
    try {
      structure = versionAt(NATIONAL_STANDARD_STAGES, from, 'national standard stages')
      boundary = versionAt(PENSION_INCOME_BOUNDARY, from, 'pension income boundary')
    } catch {
      return // no complete table in this period
    }
    const next = sorted[i + 1]
    const L = boundary.value
    const resolve = (limit: number | 'pensionIncomeBoundary' | null) => (limit === 'pensionIncomeBoundary' ? L : limit)
    const s = structure.value
    drafts.push({
      key: from,
      validFrom: from,
      validTo: next ? addDays(next, -1) : null,
      payload: {
        value: {
          pensionIncomeBoundary: L,
          publicAssistanceStage: s.publicAssistanceStage,
          oldAgeWelfarePensionStage: s.oldAgeWelfarePensionStage,
          householdExemptBands: s.householdExemptBands.map((b) => ({ stage: b.stage, upTo: resolve(b.upTo) })),
          householdTaxableBands: s.householdTaxableBands.map((b) => ({ stage: b.stage, upTo: resolve(b.upTo) })),
          selfTaxableBands: s.selfTaxableBands,
          rates: s.rates,
        },
        source: `${structure.source}; ${boundary.source}`,
        ...(structure.unverified || boundary.unverified ? { unverified: true } : {}),
      },
    })
  })
  return drafts
}

const twoDigits = (n: number) => String(n).padStart(2, '0')

function checklistItems(): MasterRowDraft[] {
  if (CHECKLIST_QUESTIONS.length !== CHECKLIST_ITEM_COUNT) {
    throw new RangeError(`${CHECKLIST_QUESTIONS.length} checklist questions for ${CHECKLIST_ITEM_COUNT} items`)
  }
  return CHECKLIST_QUESTIONS.map((question, i) => {
    const number = i + 1
    const countsWhen = number === CHECKLIST_BMI_ITEM ? 'bmi' : CHECKLIST_NO_COUNTS.includes(number) ? 'no' : 'yes'
    return {
      key: twoDigits(number),
      validFrom: null,
      validTo: null,
      payload: { number, question, countsWhen, source: CHECKLIST_SOURCE },
    }
  })
}

function checklistCriteria(): MasterRowDraft[] {
  return CHECKLIST_CRITERIA.map((c, i) => ({
    key: `c${i + 1}`,
    validFrom: null,
    validTo: null,
    payload: {
      id: c.id,
      items: [...c.items],
      atLeast: c.atLeast,
      depression: c.depression === true,
      source: CHECKLIST_SOURCE,
    },
  }))
}

function specifiedDiseases(): MasterRowDraft[] {
  return SPECIFIED_DISEASES.map((name, i) => ({
    key: twoDigits(i + 1),
    validFrom: null,
    validTo: null,
    payload: { number: i + 1, name, source: SPECIFIED_DISEASES_SOURCE, unverified: true },
  }))
}

export type NationalDatasetName = Extract<MasterDatasetName, `national.${string}`>

/** Every national dataset's rows, validated and canonical. */
export function nationalMasterRows(): Record<NationalDatasetName, MasterRow[]> {
  const drafts: Record<NationalDatasetName, MasterRowDraft[]> = {
    'national.pensionIncomeBoundary': fromVersioned(PENSION_INCOME_BOUNDARY),
    'national.standardStageTables': standardStageTables(),
    'national.monthlyBenefitCaps': fromVersioned(MONTHLY_BENEFIT_CAPS),
    'national.unitPriceRatios': fromVersioned(UNIT_PRICE_RATIOS),
    'national.copayThresholds': fromVersioned(COPAY_THRESHOLDS),
    'national.highCostCaps': fromVersioned(HIGH_COST_CAPS),
    'national.reliefPensionIncomeBoundary': fromVersioned(RELIEF_PENSION_INCOME_BOUNDARY),
    'national.facilityReliefThresholds': fromVersioned(FACILITY_RELIEF_THRESHOLDS),
    'national.facilityReliefAmounts': fromVersioned(FACILITY_RELIEF_AMOUNTS),
    'national.validityLimits': fromVersioned(VALIDITY_LIMITS),
    'national.specifiedDiseases': specifiedDiseases(),
    'national.basicChecklistItems': checklistItems(),
    'national.basicChecklistCriteria': checklistCriteria(),
  }
  const rows = {} as Record<NationalDatasetName, MasterRow[]>
  for (const [name, list] of Object.entries(drafts) as [NationalDatasetName, MasterRowDraft[]][]) {
    rows[name] = list.map((d) => toMasterRow(name, d))
  }
  return rows
}
