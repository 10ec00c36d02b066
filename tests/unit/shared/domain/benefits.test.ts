import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  copayRate,
  facilityReliefDailyAmounts,
  facilityReliefStage,
  highCostCap,
  InvalidDateError,
  monthlyBenefitCap,
  serviceCost,
  splitCost,
  unitPrice,
  type BenefitLevel,
  type CopayRateInput,
  type FacilityReliefStageInput,
  type HighCostCapInput,
  type PersonnelRatio,
  type RoomType,
} from '../../../../shared/domain'

/** The day the rules below are read on: the dated tables require one (no "latest" default). */
const ON = '2026-11-01'

describe('区分支給限度基準額 (告示第33号, 2019-10-01〜; docs/sources/domain.md §5.1)', () => {
  it.each([
    ['support1', 5_032],
    ['support2', 10_531],
    ['care1', 16_765],
    ['care2', 19_705],
    ['care3', 27_048],
    ['care4', 30_938],
    ['care5', 36_217],
    ['transitionalCare', 6_150],
  ] as [BenefitLevel, number][])('%s → %i units', (level, units) => {
    expect(monthlyBenefitCap(level, '2026-11-01')).toBe(units)
  })
  it('has no version before 2019-10-01 (±1 day) and rejects unknown levels', () => {
    expect(monthlyBenefitCap('care5', '2019-10-01')).toBe(36_217)
    expect(() => monthlyBenefitCap('care5', '2019-09-30')).toThrow(/No version/)
    expect(() => monthlyBenefitCap('care6' as BenefitLevel, '2026-11-01')).toThrow(RangeError)
  })
})

describe('1単位の単価 in 銭 (告示第93号, 令和6〜8年度; docs/sources/domain.md §5.2)', () => {
  it('1級地 (特別区): 11.40 / 11.10 / 10.90 / 10.00 円', () => {
    expect(unitPrice(1, 70, ON)).toBe(1_140)
    expect(unitPrice(1, 55, ON)).toBe(1_110)
    expect(unitPrice(1, 45, ON)).toBe(1_090)
    expect(unitPrice(1, 0, ON)).toBe(1_000)
  })
  it.each([
    // [grade, 70 %, 55 %, 45 %] — 70 % column from docs/sources/domain.md; 55/45 % from 告示第93号 via [S3]
    [2, 1_112, 1_088, 1_072],
    [3, 1_105, 1_083, 1_068],
    [4, 1_084, 1_066, 1_054],
    [5, 1_070, 1_055, 1_045],
    [6, 1_042, 1_033, 1_027],
    [7, 1_021, 1_017, 1_014],
    [8, 1_000, 1_000, 1_000],
  ])('%i級地 → %i / %i / %i 銭', (grade, p70, p55, p45) => {
    expect([
      unitPrice(grade, 70, ON),
      unitPrice(grade, 55, ON),
      unitPrice(grade, 45, ON),
      unitPrice(grade, 0, ON),
    ]).toEqual([p70, p55, p45, 1_000])
  })
  it('rejects unknown grades and ratios, and dates before 2024-04-01', () => {
    expect(() => unitPrice(0, 70, ON)).toThrow(/regionGrade/)
    expect(() => unitPrice(9, 70, ON)).toThrow(/regionGrade/)
    expect(() => unitPrice(1, 60 as PersonnelRatio, ON)).toThrow(/personnelRatio/)
    expect(unitPrice(1, 70, '2024-04-01')).toBe(1_140)
    expect(() => unitPrice(1, 70, '2024-03-31')).toThrow(/No version/)
  })
})

describe('費用額 = 単位数 × 単価, 1円未満切捨て [S45]', () => {
  it('truncates below 1 yen', () => {
    expect(serviceCost(1_000, 1_140)).toBe(11_400)
    expect(serviceCost(123, 1_090)).toBe(1_340) // 1,340.70
    expect(serviceCost(1, 1_140)).toBe(11) // 11.40
    expect(serviceCost(9, 1_111)).toBe(99) // 99.99
    expect(serviceCost(0, 1_140)).toBe(0)
  })
  it('rejects non-integers (unit prices are integer 銭)', () => {
    expect(() => serviceCost(10, 11.4)).toThrow(RangeError)
    expect(() => serviceCost(-1, 1_140)).toThrow(RangeError)
  })
})

describe('保険給付と利用者負担の分割 (保険者分 1円未満切捨て)', () => {
  it.each([
    [1_340, 1, 1_206, 134],
    [1_340, 2, 1_072, 268],
    [1_340, 3, 938, 402],
    [1_340, 4, 804, 536],
    [11_405, 1, 10_264, 1_141], // 10,264.5 → 10,264
    [11_409, 2, 9_127, 2_282], // 9,127.2
    [1, 1, 0, 1],
  ] as [number, 1 | 2 | 3 | 4, number, number][])(
    'cost %i at %i割 → insurer %i, user %i',
    (cost, rate, insurer, user) => {
      expect(splitCost(cost, rate)).toEqual({ insurer, user })
    },
  )
  it('rejects other rates and negative costs', () => {
    expect(() => splitCost(100, 5 as 4)).toThrow(RangeError)
    expect(() => splitCost(-1, 1)).toThrow(RangeError)
  })
  it('property: insurer + user = cost and the user pays at least the rate', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.constantFrom(1, 2, 3, 4) as fc.Arbitrary<1 | 2 | 3 | 4>,
        (cost, rate) => {
          const { insurer, user } = splitCost(cost, rate)
          expect(insurer + user).toBe(cost)
          expect(user * 10).toBeGreaterThanOrEqual(cost * rate)
          expect(user * 10).toBeLessThan(cost * rate + 10)
        },
      ),
    )
  })
})

describe('利用者負担割合 (施行令22条の2; docs/sources/domain.md §5.3)', () => {
  const base: CopayRateInput = {
    category: 1,
    onPublicAssistance: false,
    residentTaxExempt: false,
    totalIncome: 2_200_000,
    over65InHousehold: 1,
    householdPensionAndOtherIncome: 3_400_000,
  }
  it('3割: 合計所得 ≥ 220万 AND ≥ 340万 (single) / 463万 (2+) — ±1 yen', () => {
    expect(copayRate(base, ON)).toBe(3)
    expect(copayRate({ ...base, totalIncome: 2_199_999 }, ON)).toBe(2)
    expect(copayRate({ ...base, householdPensionAndOtherIncome: 3_399_999 }, ON)).toBe(2)
    expect(copayRate({ ...base, over65InHousehold: 2, householdPensionAndOtherIncome: 4_630_000 }, ON)).toBe(3)
    expect(copayRate({ ...base, over65InHousehold: 2, householdPensionAndOtherIncome: 4_629_999 }, ON)).toBe(2)
  })
  it('2割: 合計所得 ≥ 160万 AND ≥ 280万 / 346万 — ±1 yen; 220万 with a low household falls to 2 or 1', () => {
    const two = { ...base, totalIncome: 1_600_000, householdPensionAndOtherIncome: 2_800_000 }
    expect(copayRate(two, ON)).toBe(2)
    expect(copayRate({ ...two, totalIncome: 1_599_999 }, ON)).toBe(1)
    expect(copayRate({ ...two, householdPensionAndOtherIncome: 2_799_999 }, ON)).toBe(1)
    expect(copayRate({ ...two, over65InHousehold: 3, householdPensionAndOtherIncome: 3_460_000 }, ON)).toBe(2)
    expect(copayRate({ ...two, over65InHousehold: 3, householdPensionAndOtherIncome: 3_459_999 }, ON)).toBe(1)
    expect(copayRate({ ...base, totalIncome: 5_000_000, householdPensionAndOtherIncome: 3_000_000 }, ON)).toBe(2)
    expect(copayRate({ ...base, totalIncome: 5_000_000, householdPensionAndOtherIncome: 2_700_000 }, ON)).toBe(1)
  })
  it('always 1 for 第2号, 生活保護 and 住民税非課税', () => {
    expect(copayRate({ ...base, category: 2 }, ON)).toBe(1)
    expect(copayRate({ ...base, onPublicAssistance: true }, ON)).toBe(1)
    expect(copayRate({ ...base, residentTaxExempt: true }, ON)).toBe(1)
  })
  it('dated: thresholds exist from 2018-08-01', () => {
    expect(copayRate(base, '2018-08-01')).toBe(3)
    expect(() => copayRate(base, '2018-07-31')).toThrow(/No version/)
    expect(() => copayRate({ ...base, over65InHousehold: 0 }, ON)).toThrow(RangeError)
    expect(() => copayRate({ ...base, totalIncome: 0.5 }, ON)).toThrow(RangeError)
  })
})

describe('高額介護サービス費の上限 (施行令22条の2の2; docs/sources/domain.md §5.4)', () => {
  const exempt: HighCostCapInput = {
    serviceMonth: '2026-07',
    onPublicAssistance: false,
    householdAllExempt: true,
    oldAgeWelfarePension: false,
    pensionAndOtherIncome: 809_000,
    householdMaxTaxableIncome: 0,
  }
  it("世帯非課税: 24,600 and 15,000 individual when 年金収入等 ≤ L' (80.9万 until 2026-07, 82.65万 from 2026-08)", () => {
    expect(highCostCap(exempt)).toEqual({ household: 24_600, individual: 15_000 })
    expect(highCostCap({ ...exempt, pensionAndOtherIncome: 809_001 })).toEqual({ household: 24_600 })
    const aug = { ...exempt, serviceMonth: '2026-08-01' }
    expect(highCostCap({ ...aug, pensionAndOtherIncome: 826_500 })).toEqual({ household: 24_600, individual: 15_000 })
    expect(highCostCap({ ...aug, pensionAndOtherIncome: 826_501 })).toEqual({ household: 24_600 })
    expect(highCostCap({ ...exempt, serviceMonth: '2026-07-31', pensionAndOtherIncome: 826_500 })).toEqual({
      household: 24_600,
    })
    expect(highCostCap({ ...exempt, oldAgeWelfarePension: true, pensionAndOtherIncome: 2_000_000 })).toEqual({
      household: 24_600,
      individual: 15_000,
    })
  })
  it('生活保護: 15,000', () => {
    expect(highCostCap({ ...exempt, onPublicAssistance: true })).toEqual({ household: 15_000, individual: 15_000 })
  })
  it('taxable households by the largest 課税所得 (±1 yen at 380万 and 690万)', () => {
    const taxable = { ...exempt, householdAllExempt: false }
    expect(highCostCap({ ...taxable, householdMaxTaxableIncome: 3_799_999 })).toEqual({ household: 44_400 })
    expect(highCostCap({ ...taxable, householdMaxTaxableIncome: 3_800_000 })).toEqual({ household: 93_000 })
    expect(highCostCap({ ...taxable, householdMaxTaxableIncome: 6_899_999 })).toEqual({ household: 93_000 })
    expect(highCostCap({ ...taxable, householdMaxTaxableIncome: 6_900_000 })).toEqual({ household: 140_100 })
    expect(highCostCap({ ...taxable, serviceMonth: '2021-08' })).toEqual({ household: 44_400 })
  })
  it("throws outside the tables (caps from 2021-08; L' from 2025-08 ⚠️) and for bad months", () => {
    expect(() => highCostCap({ ...exempt, householdAllExempt: false, serviceMonth: '2021-07' })).toThrow(/No version/)
    expect(() => highCostCap({ ...exempt, serviceMonth: '2025-07' })).toThrow(/No version/)
    expect(() => highCostCap({ ...exempt, serviceMonth: '2026-13' })).toThrow(RangeError)
    expect(() => highCostCap({ ...exempt, pensionAndOtherIncome: 1.5 })).toThrow(RangeError)
  })
})

describe('補足給付の段階 (施行規則83条の5; docs/sources/domain.md §5.5)', () => {
  const p: FacilityReliefStageInput = {
    serviceDate: '2026-07-31',
    category: 1,
    onPublicAssistance: false,
    householdAllExempt: true,
    oldAgeWelfarePension: false,
    pensionAndOtherIncome: 809_000,
    savings: 0,
    married: false,
  }
  it("income stages: L' 80.9万 (〜2026-07-31) / 82.65万 (2026-08-01〜), 120万 — ±1 yen, ±1 day", () => {
    expect(facilityReliefStage(p)).toBe(2)
    expect(facilityReliefStage({ ...p, pensionAndOtherIncome: 809_001 })).toBe('3-1')
    expect(facilityReliefStage({ ...p, serviceDate: '2026-08-01', pensionAndOtherIncome: 826_500 })).toBe(2)
    expect(facilityReliefStage({ ...p, serviceDate: '2026-08-01', pensionAndOtherIncome: 826_501 })).toBe('3-1')
    expect(facilityReliefStage({ ...p, pensionAndOtherIncome: 826_500 })).toBe('3-1')
    expect(facilityReliefStage({ ...p, pensionAndOtherIncome: 1_200_000 })).toBe('3-1')
    expect(facilityReliefStage({ ...p, pensionAndOtherIncome: 1_200_001 })).toBe('3-2')
    expect(facilityReliefStage({ ...p, oldAgeWelfarePension: true, pensionAndOtherIncome: 2_000_000 })).toBe(1)
  })
  it('生活保護 → 1 without an asset test; a taxable household → null', () => {
    expect(facilityReliefStage({ ...p, onPublicAssistance: true, savings: 99_000_000 })).toBe(1)
    expect(facilityReliefStage({ ...p, householdAllExempt: false })).toBeNull()
  })
  it.each([
    // [stage income, stage, single limit, couple limit]
    [0, 2, 6_500_000, 16_500_000],
    [1_000_000, '3-1', 5_500_000, 15_500_000],
    [1_500_000, '3-2', 5_000_000, 15_000_000],
  ])('savings test (以下) at 年金収入等 %i → %s: %i single / %i couple (±1 yen)', (income, stage, single, couple) => {
    const q = { ...p, pensionAndOtherIncome: income }
    expect(facilityReliefStage({ ...q, savings: single })).toBe(stage)
    expect(facilityReliefStage({ ...q, savings: single + 1 })).toBeNull()
    expect(facilityReliefStage({ ...q, married: true, savings: couple })).toBe(stage)
    expect(facilityReliefStage({ ...q, married: true, savings: couple + 1 })).toBeNull()
  })
  it('stage 1 (老齢福祉年金) 1,000万 / 2,000万; 第2号 1,000万 / 2,000万 at every stage', () => {
    const old = { ...p, oldAgeWelfarePension: true }
    expect(facilityReliefStage({ ...old, savings: 10_000_000 })).toBe(1)
    expect(facilityReliefStage({ ...old, savings: 10_000_001 })).toBeNull()
    expect(facilityReliefStage({ ...old, married: true, savings: 20_000_000 })).toBe(1)
    const cat2 = { ...p, category: 2 as const, pensionAndOtherIncome: 1_500_000 }
    expect(facilityReliefStage({ ...cat2, savings: 10_000_000 })).toBe('3-2')
    expect(facilityReliefStage({ ...cat2, savings: 10_000_001 })).toBeNull()
    expect(facilityReliefStage({ ...cat2, married: true, savings: 20_000_000 })).toBe('3-2')
  })
  it('throws for dates without a boundary version and bad inputs', () => {
    expect(() => facilityReliefStage({ ...p, serviceDate: '2025-07-31' })).toThrow(/No version/)
    expect(() => facilityReliefStage({ ...p, serviceDate: '2026-7-31' })).toThrow(RangeError)
    expect(() => facilityReliefStage({ ...p, savings: 0.5 })).toThrow(RangeError)
  })
})

describe('補足給付の日額 (基準費用額 / 負担限度額; docs/sources/domain.md §5.5)', () => {
  it('until 2026-07-31', () => {
    const d = '2026-07-31'
    expect(facilityReliefDailyAmounts(1, d, 'multiBedTokuyou')).toEqual({
      baseFood: 1_445,
      food: 300,
      baseRoom: 915,
      room: 0,
    })
    expect(facilityReliefDailyAmounts(2, d, 'conventionalTokuyou')).toEqual({
      baseFood: 1_445,
      food: 390,
      baseRoom: 1_231,
      room: 480,
    })
    expect(facilityReliefDailyAmounts('3-1', d, 'unitPrivate')).toEqual({
      baseFood: 1_445,
      food: 650,
      baseRoom: 2_066,
      room: 1_370,
    })
    expect(facilityReliefDailyAmounts('3-2', d, 'multiBedRokenNoFee')).toEqual({
      baseFood: 1_445,
      food: 1_360,
      baseRoom: 437,
      room: 430,
    })
    expect(facilityReliefDailyAmounts('3-2', d, 'unitPrivate', 'shortStay').food).toBe(1_300)
    expect(facilityReliefDailyAmounts('3-1', d, 'unitPrivate', 'shortStay').food).toBe(1_000)
    expect(facilityReliefDailyAmounts(2, d, 'unitPrivate', 'shortStay').food).toBe(600)
  })
  it('from 2026-08-01 (告示第88号): food base 1,545, 第3段階 food 680 / 1,420, 3-2 rooms +100 except 老健室料なし', () => {
    const d = '2026-08-01'
    expect(facilityReliefDailyAmounts('3-1', d, 'multiBedTokuyou')).toEqual({
      baseFood: 1_545,
      food: 680,
      baseRoom: 915,
      room: 430,
    })
    const rooms: [RoomType, number, number][] = [
      ['multiBedTokuyou', 915, 530],
      ['multiBedRokenWithFee', 697, 530],
      ['multiBedRokenNoFee', 437, 430],
      ['conventionalTokuyou', 1_231, 980],
      ['conventionalRoken', 1_728, 1_470],
      ['unitSemiPrivate', 1_728, 1_470],
      ['unitPrivate', 2_066, 1_470],
    ]
    for (const [room, base, limit] of rooms) {
      expect(facilityReliefDailyAmounts('3-2', d, room)).toEqual({
        baseFood: 1_545,
        food: 1_420,
        baseRoom: base,
        room: limit,
      })
    }
    expect(facilityReliefDailyAmounts('3-1', d, 'unitPrivate', 'shortStay').food).toBe(1_030)
    expect(facilityReliefDailyAmounts('3-2', d, 'unitPrivate', 'shortStay').food).toBe(1_360)
    expect(facilityReliefDailyAmounts(1, d, 'conventionalRoken')).toEqual({
      baseFood: 1_545,
      food: 300,
      baseRoom: 1_728,
      room: 550,
    })
  })
  it('throws before 2024-08-01 and for unknown room types or stages', () => {
    expect(facilityReliefDailyAmounts(2, '2024-08-01', 'multiBedRokenNoFee').baseRoom).toBe(437)
    expect(() => facilityReliefDailyAmounts(2, '2024-07-31', 'multiBedRokenNoFee')).toThrow(/No version/)
    expect(() => facilityReliefDailyAmounts(2, '2026-08-01', 'suite' as RoomType)).toThrow(/roomType/)
    expect(() => facilityReliefDailyAmounts(4 as 2, '2026-08-01', 'unitPrivate')).toThrow(/stage/)
  })
  it('property: the user limit never exceeds the base cost except 老健室料なし 多床室 (430 < 437 holds too)', () => {
    const rooms: RoomType[] = [
      'multiBedTokuyou',
      'multiBedRokenWithFee',
      'multiBedRokenNoFee',
      'conventionalTokuyou',
      'conventionalRoken',
      'unitSemiPrivate',
      'unitPrivate',
    ]
    for (const d of ['2024-08-01', '2026-08-01'])
      for (const stage of [1, 2, '3-1', '3-2'] as const)
        for (const room of rooms) {
          const a = facilityReliefDailyAmounts(stage, d, room)
          expect(a.food).toBeLessThanOrEqual(a.baseFood)
          expect(a.room).toBeLessThanOrEqual(a.baseRoom)
        }
  })
})

describe('a benefit rule that reads a dated table requires the date', () => {
  it('has no default: a call without a date does not type-check and throws InvalidDateError', () => {
    // @ts-expect-error the date is required
    expect(() => monthlyBenefitCap('care5')).toThrow(InvalidDateError)
    // @ts-expect-error the date is required
    expect(() => unitPrice(1, 70)).toThrow(InvalidDateError)
    const input: CopayRateInput = {
      category: 1,
      onPublicAssistance: false,
      residentTaxExempt: false,
      totalIncome: 2_200_000,
      over65InHousehold: 1,
      householdPensionAndOtherIncome: 3_400_000,
    }
    // @ts-expect-error the date is required
    expect(() => copayRate(input)).toThrow(InvalidDateError)
  })
})
