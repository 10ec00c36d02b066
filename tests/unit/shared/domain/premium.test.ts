import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  annualPremium,
  directPaymentInstallments,
  finalWithholdingAmounts,
  nationalStandardStageTable,
  premiumStage,
  proratedPremium,
  SHINJUKU_BASE_PREMIUM,
  SHINJUKU_DIRECT_PAYMENT,
  shinjukuProvisionalStageTable,
  valueAt,
  type PremiumStageInput,
  type RoundingRule,
  type StageTable,
} from '../../../../shared/domain'

// 新宿区 第9期 基準額 年79,200円 (月6,600円) [S10][S22]
const SHINJUKU_BASE = 79_200
const fy2026 = nationalStandardStageTable(2026, SHINJUKU_BASE, 'floor10')

const person = (over: Partial<PremiumStageInput> = {}): PremiumStageInput => ({
  fiscalYear: 2026,
  onPublicAssistance: false,
  oldAgeWelfarePension: false,
  selfTaxable: false,
  householdTaxable: false,
  totalIncome: 0,
  pensionAndOtherIncome: 0,
  ...over,
})

/** A one-stage custom table (for insurers whose rates are outside the national standard). */
const customTable = (basePremium: number, rateBp: number, rounding: RoundingRule): StageTable => ({
  ...nationalStandardStageTable(2024, basePremium, rounding),
  rates: [{ stage: 1, rateBp }],
})

describe('national standard stage table (施行令38条; docs/sources/domain.md §3.2)', () => {
  it('uses that fiscal year’s 年金収入等 boundary L: 80万 / 80.9万 / 82.65万 (令和8年政令第68号)', () => {
    expect(nationalStandardStageTable(2024, SHINJUKU_BASE, 'none').pensionIncomeBoundary).toBe(800_000)
    expect(nationalStandardStageTable(2025, SHINJUKU_BASE, 'none').pensionIncomeBoundary).toBe(809_000)
    expect(fy2026.pensionIncomeBoundary).toBe(826_500)
    expect(nationalStandardStageTable(2027, SHINJUKU_BASE, 'none').pensionIncomeBoundary).toBe(826_500)
    expect(fy2026.householdExemptBands[0]).toEqual({ stage: 1, upTo: 826_500 })
    expect(fy2026.householdTaxableBands[0]).toEqual({ stage: 4, upTo: 826_500 })
  })
  it('has 13 stages with the reduced rates 0.285 / 0.485 / 0.685 on stages 1–3', () => {
    expect(fy2026.rates).toHaveLength(13)
    expect(fy2026.rates.slice(0, 3).map((r) => r.reducedRateBp)).toEqual([2_850, 4_850, 6_850])
    expect(fy2026.rates.slice(0, 3).map((r) => r.rateBp)).toEqual([4_550, 6_850, 6_900])
    expect(fy2026.prorationRounding).toBe('floor10')
  })
  it('does not exist before the 13-stage structure (FY2024) and rejects a bad base', () => {
    expect(() => nationalStandardStageTable(2023, SHINJUKU_BASE, 'none')).toThrow(/national standard stages/)
    expect(() => nationalStandardStageTable(2026, 79_200.5, 'none')).toThrow(RangeError)
  })
  it('⚠️ Shinjuku placeholder: national stages, base 79,200, floor10; none for the 第10期 (FY2027)', () => {
    const t = shinjukuProvisionalStageTable(2026)
    expect(t).toEqual(fy2026)
    expect(annualPremium(5, t)).toBe(79_200)
    expect(() => shinjukuProvisionalStageTable(2027)).toThrow(/Shinjuku base premium/)
    expect(() => shinjukuProvisionalStageTable(2023)).toThrow(/No version/)
  })
  it('Shinjuku’s base premium table holds 79,200 for FY2024–2026 only', () => {
    expect(valueAt(SHINJUKU_BASE_PREMIUM, '2026-04-01', 'base')).toBe(SHINJUKU_BASE)
    expect(() => valueAt(SHINJUKU_BASE_PREMIUM, '2027-04-01', 'base')).toThrow(/No version/)
  })
})

describe('premium stage (施行令38条; boundaries ±1 yen)', () => {
  it('生活保護 → 1 regardless of income; 老齢福祉年金 in an exempt household → 1', () => {
    expect(premiumStage(person({ onPublicAssistance: true, pensionAndOtherIncome: 5_000_000 }), fy2026)).toBe(1)
    expect(premiumStage(person({ oldAgeWelfarePension: true, pensionAndOtherIncome: 1_500_000 }), fy2026)).toBe(1)
    // 老齢福祉年金 but the household is taxable → stage 4/5 by income
    expect(premiumStage(person({ oldAgeWelfarePension: true, householdTaxable: true }), fy2026)).toBe(4)
  })
  it.each([
    // 世帯全員非課税: L = 826,500 (FY2026, 以下), 120万 (以下)
    [826_500, 1],
    [826_501, 2],
    [1_200_000, 2],
    [1_200_001, 3],
    [-50_000, 1],
  ])('household exempt, 年金収入等 %i → stage %i', (income, stage) => {
    expect(premiumStage(person({ pensionAndOtherIncome: income }), fy2026)).toBe(stage)
  })
  it.each([
    [826_500, 4],
    [826_501, 5],
  ])('self exempt, household taxable, 年金収入等 %i → stage %i', (income, stage) => {
    expect(premiumStage(person({ householdTaxable: true, pensionAndOtherIncome: income }), fy2026)).toBe(stage)
  })
  it('FY2025 uses L = 809,000', () => {
    const fy2025 = nationalStandardStageTable(2025, SHINJUKU_BASE, 'none')
    expect(premiumStage(person({ fiscalYear: 2025, pensionAndOtherIncome: 809_000 }), fy2025)).toBe(1)
    expect(premiumStage(person({ fiscalYear: 2025, pensionAndOtherIncome: 809_001 }), fy2025)).toBe(2)
  })
  it.each([
    [-1, 6],
    [0, 6],
    [1_199_999, 6],
    [1_200_000, 7],
    [2_099_999, 7],
    [2_100_000, 8],
    [3_199_999, 8],
    [3_200_000, 9],
    [4_199_999, 9],
    [4_200_000, 10],
    [5_199_999, 10],
    [5_200_000, 11],
    [6_199_999, 11],
    [6_200_000, 12],
    [7_199_999, 12],
    [7_200_000, 13],
    [100_000_000, 13],
  ])('self taxable, 合計所得 %i → stage %i (以上/未満)', (income, stage) => {
    expect(premiumStage(person({ selfTaxable: true, householdTaxable: true, totalIncome: income }), fy2026)).toBe(stage)
  })
  it('rejects a table of another fiscal year, non-integer income and incomplete tables', () => {
    expect(() => premiumStage(person({ fiscalYear: 2025 }), fy2026)).toThrow(/FY2025/)
    expect(() => premiumStage(person({ totalIncome: 1.5 }), fy2026)).toThrow(RangeError)
    const broken: StageTable = {
      ...fy2026,
      householdExemptBands: [{ stage: 1, upTo: 100 }],
      selfTaxableBands: [{ stage: 6, below: 100 }],
    }
    expect(() => premiumStage(person({ pensionAndOtherIncome: 101 }), broken)).toThrow(/no band/)
    expect(() => premiumStage(person({ selfTaxable: true, totalIncome: 100 }), broken)).toThrow(/no band/)
  })
})

describe('annual premium (基準額 × 割合 → 端数処理; docs/sources/domain.md §3.1, §3.5)', () => {
  it('Shinjuku base 79,200, national stages, floor10', () => {
    const expected = [
      22_570, // 79,200 × 0.285 = 22,572 → 22,570
      38_410, // × 0.485 = 38,412
      54_250, // × 0.685 = 54,252
      71_280, // × 0.9
      79_200, // × 1.0 (基準額)
      95_040, // × 1.2
      102_960, // × 1.3
      118_800, // × 1.5
      134_640, // × 1.7
      150_480, // × 1.9
      166_320, // × 2.1
      182_160, // × 2.3
      190_080, // × 2.4
    ]
    expect(fy2026.rates.map((r) => annualPremium(r.stage, fy2026))).toEqual(expected)
  })
  it("'none' truncates below 1 yen only: 22,572", () => {
    expect(annualPremium(1, nationalStandardStageTable(2026, SHINJUKU_BASE, 'none'))).toBe(22_572)
  })
  it('紋別市 [S7]: 59,400 × 0.285 = 16,929 → floor10 16,920 (±: none 16,929, floor100 16,900)', () => {
    expect(annualPremium(1, nationalStandardStageTable(2024, 59_400, 'floor10'))).toBe(16_920)
    expect(annualPremium(1, nationalStandardStageTable(2024, 59_400, 'none'))).toBe(16_929)
    expect(annualPremium(1, nationalStandardStageTable(2024, 59_400, 'floor100'))).toBe(16_900)
  })
  it('豊明市 [S8]: 69,900 × 0.45 = 31,455 → floor100 31,400', () => {
    expect(annualPremium(1, customTable(69_900, 4_500, 'floor100'))).toBe(31_400)
    expect(annualPremium(1, customTable(69_900, 4_500, 'floor10'))).toBe(31_450)
  })
  it('杉並区 [S9]: 6,400 × 0.285 = 1,824 → 1,830 per month → 21,960 a year', () => {
    expect(annualPremium(1, nationalStandardStageTable(2024, 76_800, 'monthlyCeil10'))).toBe(21_960)
    // a monthly amount already on 10 yen is not raised: 6,400 × 1.0 → 76,800
    expect(annualPremium(5, nationalStandardStageTable(2024, 76_800, 'monthlyCeil10'))).toBe(76_800)
  })
  it('大田区 [S29]: 0.25 × 79,200 = 19,800', () => {
    expect(annualPremium(1, customTable(79_200, 2_500, 'floor10'))).toBe(19_800)
  })
  it('odd products stay exact (no float): 69,900 × 0.455 = 31,804.5 → none 31,804', () => {
    expect(annualPremium(1, customTable(69_900, 4_550, 'none'))).toBe(31_804)
  })
  it('rejects unknown stages', () => {
    expect(() => annualPremium(14, fy2026)).toThrow(/stage 14/)
  })
})

describe('prorated premium (月割; docs/sources/domain.md §3.4)', () => {
  it('annual × months ÷ 12 by the proration rounding', () => {
    // 22,570 × 7 / 12 = 13,165.83…
    expect(proratedPremium(22_570, 7, fy2026)).toBe(13_160)
    expect(proratedPremium(22_570, 7, { ...fy2026, prorationRounding: 'none' })).toBe(13_165)
    expect(proratedPremium(22_570, 7, { ...fy2026, prorationRounding: 'floor100' })).toBe(13_100)
    // 杉並: 1,830 per month × 7
    expect(proratedPremium(21_960, 7, nationalStandardStageTable(2024, 76_800, 'monthlyCeil10'))).toBe(12_810)
    expect(proratedPremium(22_570, 0, fy2026)).toBe(0)
    expect(proratedPremium(22_570, 12, fy2026)).toBe(22_570)
  })
  it('rejects months outside 0–12', () => {
    expect(() => proratedPremium(22_570, 13, fy2026)).toThrow(RangeError)
    expect(() => proratedPremium(22_570, -1, fy2026)).toThrow(RangeError)
    expect(() => proratedPremium(-1, 1, fy2026)).toThrow(RangeError)
  })
  it('property: 12 months return the table’s annual amount; amounts grow with months and never exceed it', () => {
    const rules: RoundingRule[] = ['none', 'floor10', 'floor100', 'monthlyCeil10']
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 300_000 }),
        fc.constantFrom(...rules),
        fc.integer({ min: 1, max: 13 }),
        (base, rounding, stage) => {
          const table = nationalStandardStageTable(2026, base, rounding)
          const annual = annualPremium(stage, table)
          expect(proratedPremium(annual, 12, table)).toBe(annual)
          let previous = 0
          for (let m = 0; m <= 12; m += 1) {
            const p = proratedPremium(annual, m, table)
            expect(p).toBeGreaterThanOrEqual(previous)
            expect(p).toBeLessThanOrEqual(annual)
            previous = p
          }
        },
      ),
    )
  })
})

describe('普通徴収の期割 (新宿区 9期: 7月〜翌3月)', () => {
  it('default: 100-yen installments, remainder to the first (⚠️ documented default)', () => {
    expect(SHINJUKU_DIRECT_PAYMENT.installmentMonths).toHaveLength(9)
    // 22,570 ÷ 9 = 2,507.7… → 2,500 × 8 + 2,570
    expect(directPaymentInstallments(22_570, 9)).toEqual([
      2_570, 2_500, 2_500, 2_500, 2_500, 2_500, 2_500, 2_500, 2_500,
    ])
    expect(directPaymentInstallments(79_200, 9)).toEqual(Array(9).fill(8_800))
    // below 100 per installment: all in the first
    expect(directPaymentInstallments(500, 9)).toEqual([500, 0, 0, 0, 0, 0, 0, 0, 0])
    expect(directPaymentInstallments(0, 3)).toEqual([0, 0, 0])
  })
  it('parameterised: remainder to the last, 1-yen unit', () => {
    expect(directPaymentInstallments(22_570, 9, { unit: 100, remainderTo: 'last' })).toEqual([
      2_500, 2_500, 2_500, 2_500, 2_500, 2_500, 2_500, 2_500, 2_570,
    ])
    expect(directPaymentInstallments(22_570, 9, { unit: 1, remainderTo: 'first' })[0]).toBe(22_570 - 2_507 * 8)
    expect(directPaymentInstallments(10, 1)).toEqual([10])
  })
  it('rejects bad inputs', () => {
    expect(() => directPaymentInstallments(100, 0)).toThrow(RangeError)
    expect(() => directPaymentInstallments(-1, 9)).toThrow(RangeError)
    expect(() => directPaymentInstallments(1.5, 9)).toThrow(RangeError)
    expect(() => directPaymentInstallments(100, 9, { unit: 0, remainderTo: 'first' })).toThrow(RangeError)
  })
  it('property: installments sum to the amount; the others are equal multiples of the unit', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 5_000_000 }),
        fc.integer({ min: 1, max: 14 }),
        fc.constantFrom(1, 10, 100, 1000),
        fc.constantFrom('first' as const, 'last' as const),
        (amount, count, unit, remainderTo) => {
          const parts = directPaymentInstallments(amount, count, { unit, remainderTo })
          expect(parts).toHaveLength(count)
          expect(parts.reduce((a, b) => a + b, 0)).toBe(amount)
          const at = remainderTo === 'first' ? 0 : count - 1
          const others = parts.filter((_, i) => i !== at)
          for (const p of others) {
            expect(p % unit).toBe(0)
            expect(p).toBe(others[0])
            expect(p).toBeLessThanOrEqual(parts[at] as number)
          }
          expect(parts.every((p) => p >= 0)).toBe(true)
        },
      ),
    )
  })
})

describe('本徴収 (10・12・2月): (確定年額 − 仮徴収額) ÷ 3', () => {
  it('splits the remainder, 100-yen remainder to October by default', () => {
    expect(finalWithholdingAmounts(79_200, [13_200, 13_200, 13_200])).toEqual([13_200, 13_200, 13_200])
    // 95,040 − 36,000 = 59,040 → 19,680 → 19,600 × 2 + 19,840
    expect(finalWithholdingAmounts(95_040, [12_000, 12_000, 12_000])).toEqual([19_840, 19_600, 19_600])
    expect(finalWithholdingAmounts(95_040, [12_000, 12_000, 12_000], { unit: 1, remainderTo: 'last' })).toEqual([
      19_680, 19_680, 19_680,
    ])
    // 特徴開始が6月: two provisional withholdings
    expect(finalWithholdingAmounts(79_200, [13_200, 13_200])).toEqual([17_600, 17_600, 17_600])
  })
  it('±1 yen: a remaining amount of 1 goes to October; overpaid provisional gives zeros (refund by caller)', () => {
    expect(finalWithholdingAmounts(39_601, [13_200, 13_200, 13_200])).toEqual([1, 0, 0])
    expect(finalWithholdingAmounts(39_600, [13_200, 13_200, 13_200])).toEqual([0, 0, 0])
    expect(finalWithholdingAmounts(39_599, [13_200, 13_200, 13_200])).toEqual([0, 0, 0])
  })
  it('rejects more than three provisional payments and negative amounts', () => {
    expect(() => finalWithholdingAmounts(79_200, [1, 1, 1, 1])).toThrow(/at most 3/)
    expect(() => finalWithholdingAmounts(79_200, [-1])).toThrow(RangeError)
    expect(() => finalWithholdingAmounts(-1, [])).toThrow(RangeError)
  })
  it('property: provisional + final = annual whenever provisional ≤ annual', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.array(fc.integer({ min: 0, max: 200_000 }), { maxLength: 3 }),
        (annual, provisional) => {
          const final = finalWithholdingAmounts(annual, provisional)
          const paid = provisional.reduce((a, b) => a + b, 0)
          expect(final.reduce((a, b) => a + b, 0)).toBe(Math.max(0, annual - paid))
        },
      ),
    )
  })
})
