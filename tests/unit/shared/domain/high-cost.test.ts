import { describe, expect, it } from 'vitest'
import {
  apportionByShare,
  careNeedStep,
  equipmentPurchaseAllowance,
  highCostHouseholdRefund,
  highCostTaxFiscalYear,
  homeAlterationAllowance,
  reimbursementInsurerShare,
  type HomeAlteration,
} from '../../../../shared/domain/high-cost'

// Caps used below: 44,400 (課税世帯 一般), 24,600 (世帯全員非課税), 15,000 (個人) — docs/sources/domain.md §5.4.

describe('apportionByShare (largest remainder: the parts sum to the total)', () => {
  it('splits 13,600 over 37,000 : 21,000 as 8,676 + 4,924 (8,675.86… / 4,924.13…, the spare yen to the larger remainder)', () => {
    expect(apportionByShare(13_600, [37_000, 21_000])).toEqual([8_676, 4_924])
  })
  it('gives the spare yen of equal remainders to the earlier member (10 over 1:1:1 → 4, 3, 3)', () => {
    expect(apportionByShare(10, [1, 1, 1])).toEqual([4, 3, 3])
  })
  it('gives equal remainders to the larger weight first (5 over 1:3 → 1.25 / 3.75 → 1, 4)', () => {
    expect(apportionByShare(5, [1, 3])).toEqual([1, 4])
  })
  it('is exact when the shares divide (15,600 over 40,000 : 20,000 → 10,400 + 5,200)', () => {
    expect(apportionByShare(15_600, [40_000, 20_000])).toEqual([10_400, 5_200])
  })
  it('returns zeros for a zero total and refuses a positive total over zero weights', () => {
    expect(apportionByShare(0, [0, 0])).toEqual([0, 0])
    expect(() => apportionByShare(1, [0, 0])).toThrow(RangeError)
  })
  it('refuses fractional yen', () => {
    expect(() => apportionByShare(1.5, [1])).toThrow(RangeError)
  })
})

describe('highCostHouseholdRefund — household cap', () => {
  it('refunds a two-person household 58,000 − 44,400 = 13,600 split 8,676 / 4,924 by share', () => {
    const r = highCostHouseholdRefund(44_400, [
      { personId: 1, copay: 37_000, benefitReduced: false },
      { personId: 2, copay: 21_000, benefitReduced: false },
    ])
    expect(r.totalRefund).toBe(13_600)
    expect(r.members.map((m) => m.refund)).toEqual([8_676, 4_924])
  })
  it('pays nothing at exactly the cap and 1 yen one yen above it', () => {
    expect(highCostHouseholdRefund(44_400, [{ personId: 1, copay: 44_400, benefitReduced: false }]).totalRefund).toBe(0)
    expect(highCostHouseholdRefund(44_400, [{ personId: 1, copay: 44_401, benefitReduced: false }]).totalRefund).toBe(1)
  })
})

describe('highCostHouseholdRefund — individual cap first, then the household cap', () => {
  // 夫 30,000 (個人上限 15,000), 妻 20,000, 世帯 24,600: 夫 individual 30,000 − 15,000 = 15,000; household
  // 15,000 + 20,000 − 24,600 = 10,400 → 夫 4,457.14… → 4,457, 妻 5,942.85… → 5,943 (spare yen); 夫 19,457, 妻 5,943.
  it('refunds 19,457 and 5,943 (together 50,000 − 24,600 = 25,400)', () => {
    const r = highCostHouseholdRefund(24_600, [
      { personId: 1, copay: 30_000, individualCap: 15_000, benefitReduced: false },
      { personId: 2, copay: 20_000, benefitReduced: false },
    ])
    expect(r.members.map((m) => [m.individualPart, m.householdPart, m.refund])).toEqual([
      [15_000, 4_457, 19_457],
      [0, 5_943, 5_943],
    ])
    expect(r.totalRefund).toBe(25_400)
  })
  it('refunds a single person with the individual cap 15,001 − 15,000 = 1, and nothing at 15,000', () => {
    const one = (copay: number) =>
      highCostHouseholdRefund(24_600, [{ personId: 1, copay, individualCap: 15_000, benefitReduced: false }])
    expect(one(15_001).totalRefund).toBe(1)
    expect(one(15_000).totalRefund).toBe(0)
  })
})

describe('highCostHouseholdRefund — 給付額減額 (介護保険法第69条)', () => {
  it('pays a reduced member nothing, with the reason, and does not count their co-pay for the others', () => {
    const r = highCostHouseholdRefund(44_400, [
      { personId: 1, copay: 50_000, benefitReduced: true },
      { personId: 2, copay: 30_000, benefitReduced: false },
    ])
    expect(r.totalRefund).toBe(0)
    expect(r.members[0]!.excludedReason).toContain('第69条')
    expect(r.members[1]!.refund).toBe(0)
  })
})

describe('highCostTaxFiscalYear — the income year of a service month (docs/sources/domain.md §5.4)', () => {
  it('January–July use the record of the previous fiscal year (income of two years before)', () => {
    expect(highCostTaxFiscalYear('2026-01')).toBe(2025)
    expect(highCostTaxFiscalYear('2026-07')).toBe(2025)
  })
  it('August–December use the record of the same fiscal year (income of the year before)', () => {
    expect(highCostTaxFiscalYear('2026-08')).toBe(2026)
    expect(highCostTaxFiscalYear('2026-12')).toBe(2026)
  })
  it('refuses a month that is not YYYY-MM', () => {
    expect(() => highCostTaxFiscalYear('2026-13')).toThrow(RangeError)
  })
})

describe('careNeedStep (介護の必要の程度の段階, 平成12年老企第42号)', () => {
  it('puts 要支援2 and 要介護1 on the same step and 要介護5 on step 6', () => {
    expect(careNeedStep('support1')).toBe(1)
    expect(careNeedStep('support2')).toBe(careNeedStep('care1'))
    expect(careNeedStep('care2')).toBe(3)
    expect(careNeedStep('care5')).toBe(6)
  })
})

describe('homeAlterationAllowance — 20万円 per person (docs/sources/domain.md §5.1)', () => {
  const at = (startedOn: string, cost: number, level: HomeAlteration['level'] = 'care1', dwelling = 'A') => ({
    startedOn,
    cost,
    level,
    dwelling,
  })
  it('covers 150,000 in full on a first alteration', () => {
    const a = homeAlterationAllowance([], at('2026-05-01', 150_000))
    expect([a.coveredCost, a.uncoveredCost, a.refusal]).toEqual([150_000, 0, undefined])
  })
  it('covers only the 50,000 left after 150,000 and notes the 30,000 above', () => {
    const a = homeAlterationAllowance([at('2026-05-01', 150_000)], at('2026-09-01', 80_000))
    expect([a.coveredCost, a.uncoveredCost]).toEqual([50_000, 30_000])
    expect(a.note).toContain('30,000円')
  })
  it('covers the last yen at 199,999 used and refuses with the reason at 200,000 used', () => {
    expect(homeAlterationAllowance([at('2026-05-01', 199_999)], at('2026-09-01', 2)).coveredCost).toBe(1)
    const refused = homeAlterationAllowance([at('2026-05-01', 200_000)], at('2026-09-01', 10_000))
    expect(refused.coveredCost).toBe(0)
    expect(refused.refusal).toBe('住宅改修費の支給限度基準額（200,000円）を使い切っています（支給対象済み 200,000円）')
  })
})

describe('homeAlterationAllowance — reset rules (平成12年老企第42号)', () => {
  const at = (startedOn: string, cost: number, level: HomeAlteration['level'], dwelling = 'A') => ({
    startedOn,
    cost,
    level,
    dwelling,
  })
  it('does not reset after a rise of 2 段階 (要介護1 → 要介護3) and resets after 3 (要介護1 → 要介護4)', () => {
    const past = [at('2025-05-01', 200_000, 'care1')]
    expect(homeAlterationAllowance(past, at('2026-05-01', 100_000, 'care3')).refusal).toBeDefined()
    const reset = homeAlterationAllowance(past, at('2026-05-01', 100_000, 'care4'))
    expect([reset.coveredCost, reset.reset]).toEqual([100_000, 'levelRise'])
  })
  it('resets on moving to another dwelling', () => {
    const a = homeAlterationAllowance(
      [at('2025-05-01', 200_000, 'care1', 'A')],
      at('2026-05-01', 120_000, 'care1', 'B'),
    )
    expect([a.coveredCost, a.reset]).toEqual([120_000, 'move'])
  })
  it('resets for a level rise only once', () => {
    const past = [
      at('2024-05-01', 200_000, 'support1', 'A'),
      at('2025-05-01', 200_000, 'care3', 'A'), // 1 → 4: the one level reset
      at('2025-10-01', 200_000, 'support1', 'B'), // a move
    ]
    expect(homeAlterationAllowance(past, at('2026-05-01', 50_000, 'care3', 'B')).refusal).toBeDefined()
  })
})

describe('equipmentPurchaseAllowance — 10万円 per fiscal year (docs/sources/domain.md §5.1)', () => {
  it('covers 20,000 of 30,000 on 2027-03-31 after 80,000 in FY2026 and the full 30,000 on 2027-04-01', () => {
    const past = [{ purchasedOn: '2026-05-01', cost: 80_000 }]
    expect(equipmentPurchaseAllowance(past, { purchasedOn: '2027-03-31', cost: 30_000 }).coveredCost).toBe(20_000)
    expect(equipmentPurchaseAllowance(past, { purchasedOn: '2027-04-01', cost: 30_000 }).coveredCost).toBe(30_000)
  })
  it('refuses with the reason when 100,000 is used in the fiscal year', () => {
    const a = equipmentPurchaseAllowance([{ purchasedOn: '2026-04-01', cost: 100_000 }], {
      purchasedOn: '2026-06-01',
      cost: 5_000,
    })
    expect(a.refusal).toContain('福祉用具購入費（2026年度）の支給限度基準額（100,000円）')
  })
})

describe('reimbursementInsurerShare (給付率, docs/sources/domain.md §5.2)', () => {
  it('pays 9, 8, 7 and 6 割 of 150,000', () => {
    expect([1, 2, 3, 4].map((r) => reimbursementInsurerShare(150_000, r as 1 | 2 | 3 | 4).insurer)).toEqual([
      135_000, 120_000, 105_000, 90_000,
    ])
  })
  it('truncates the insurer share below 1 yen: 12,345 × 9/10 = 11,110.5 → 11,110, the person 1,235', () => {
    expect(reimbursementInsurerShare(12_345, 1)).toEqual({ insurer: 11_110, user: 1_235 })
  })
})
