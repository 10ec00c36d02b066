import { describe, expect, it } from 'vitest'
import {
  annualPremium,
  lateCharge,
  monthlyBenefitCap,
  ParameterNotFoundError,
  premiumStage,
  SHINJUKU_LATE_CHARGE_METHOD,
  SHINJUKU_LATE_CHARGE_RATES,
  shinjukuProvisionalStageTable,
  unitPrice,
} from '../../../../shared/domain'
import type { MasterRow } from '../../../../shared/masters/datasets'
import {
  directPaymentScheduleFromMasters,
  inForce,
  lateChargeFromMasters,
  memoryMasterReader,
  monthlyBenefitCapFromMasters,
  noticeTextOn,
  premiumFromMasters,
  premiumTableFromMasters,
  renderNoticeText,
  unitPriceFromMasters,
} from '../../../../shared/masters/engine'
import { generateDummyWard } from '../../../../server/src/demo/generator'
import { defaultWardParameterRows, shippedDatasets } from '../../../../server/src/areas/masters/shipped'
import { demoShippedSources } from '../../../../server/src/demo/shipped-sources'

const all = Object.fromEntries([
  ...shippedDatasets(demoShippedSources()).map((d) => [d.dataset, d.rows] as const),
  ['ward.parameters', defaultWardParameterRows()] as const,
]) as Record<string, MasterRow[]>
const reader = memoryMasterReader(all)

describe('the engine computes with tables read from the masters', () => {
  it('picks the row in force by date and never falls back outside a version', () => {
    expect(inForce(reader, 'national.pensionIncomeBoundary', '2025-06-30').value.value).toBe(809_000)
    expect(inForce(reader, 'national.pensionIncomeBoundary', '2026-04-01').value.value).toBe(826_500)
    expect(() => inForce(reader, 'national.pensionIncomeBoundary', '2024-03-31')).toThrow(ParameterNotFoundError)
    // The shipped ward parameters end with the 基準額 of 第9期.
    expect(() => inForce(reader, 'ward.parameters', '2027-04-01')).toThrow(ParameterNotFoundError)
  })

  it('premiums of every category-1 person of a dummy ward equal the domain’s (FY2026)', () => {
    const ward = generateDummyWard({ seed: 7, scale: 1_000 })
    const taxable = new Map<string, boolean>()
    for (const p of ward.persons) if (p.residentTaxable) taxable.set(p.householdId, true)
    const table = shinjukuProvisionalStageTable(2026)
    let compared = 0
    for (const p of ward.persons.filter((x) => x.insuredCategory === 1)) {
      const input = {
        fiscalYear: 2026,
        onPublicAssistance: p.onPublicAssistance,
        oldAgeWelfarePension: p.oldAgeWelfarePension,
        selfTaxable: p.residentTaxable,
        householdTaxable: taxable.get(p.householdId) === true,
        totalIncome: p.totalIncome,
        pensionAndOtherIncome: p.pensionAndOtherIncome,
      }
      const stage = premiumStage(input, table)
      expect(premiumFromMasters(reader, input)).toEqual({ stage, annual: annualPremium(stage, table) })
      compared++
    }
    expect(compared).toBeGreaterThan(700)
  })

  it('gives the premium table of a fiscal year with the ward version and its ⚠️ flags', () => {
    const t = premiumTableFromMasters(reader, 2026)
    expect(t).toMatchObject({ fiscalYear: 2026, wardVersionFrom: '2024-04-01', basePremium: 79_200 })
    expect(t.stages[0]).toEqual({ stage: 1, rateBp: 4_550, reducedRateBp: 2_850, annual: 22_570 })
    expect(t.unverified.some((u) => u.path === 'rounding')).toBe(true)
  })

  it('late charges, installments, caps and unit prices agree with the domain defaults', () => {
    const late = { amount: 12_345, dueDate: '2026-01-31', paidOn: '2026-09-30' }
    expect(lateChargeFromMasters(reader, late)).toBe(
      lateCharge(late, SHINJUKU_LATE_CHARGE_RATES, SHINJUKU_LATE_CHARGE_METHOD),
    )
    const schedule = directPaymentScheduleFromMasters(reader, 2026, 61_380)
    expect(schedule.map((s) => s.amount)).toEqual([6_980, 6_800, 6_800, 6_800, 6_800, 6_800, 6_800, 6_800, 6_800])
    expect(schedule[0]!.dueDate).toBe('2026-07-31')
    expect(monthlyBenefitCapFromMasters(reader, 'care3', '2026-11-01')).toBe(monthlyBenefitCap('care3', '2026-11-01'))
    expect(unitPriceFromMasters(reader, '11', '2026-11-01')).toBe(unitPrice(1, 70, '2026-11-01'))
    expect(unitPriceFromMasters(reader, '15', '2026-11-01')).toBe(unitPrice(1, 45, '2026-11-01'))
    expect(unitPriceFromMasters(reader, '17', '2026-11-01')).toBe(unitPrice(1, 0, '2026-11-01'))
    expect(() => unitPriceFromMasters(reader, '53', '2026-11-01')).toThrow(ParameterNotFoundError)
  })

  it('fills notice texts and refuses a missing placeholder', () => {
    const text = noticeTextOn(reader, 'premium.decision', '2026-07-01')
    expect(renderNoticeText(text, { fiscalYear: 2026, stage: 5, annualPremium: '79,200' })).toBe(
      '2026年度のあなたの介護保険料を次のとおり決定しましたので通知します。保険料段階 第5段階、年額 79,200円。',
    )
    expect(() => renderNoticeText(text, { fiscalYear: 2026 })).toThrow('no value for placeholder {{stage}}')
  })
})
