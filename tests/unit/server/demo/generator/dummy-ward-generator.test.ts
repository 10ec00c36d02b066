import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import type { DummyPerson, DummyWard } from '../../../../../server/src/demo/dummy-ward-model'
import {
  DUMMY_INDIVIDUAL_NUMBER_PREFIX,
  KATAGAKI_SEPARATOR,
  NON_TAXABLE_LIMIT_EXEMPT,
  NON_TAXABLE_LIMIT_SINGLE,
  WARD_PREFIX,
  generateDummyWard,
  generateDummyWardChunks,
  isValidIndividualNumber,
  pensionMiscIncome,
  planDummyWard,
} from '../../../../../server/src/demo/generator'
import {
  ageAttainmentDate,
  ageOn,
  excludedFacilitiesOn,
  residenceExceptionFacilitiesOn,
} from '../../../../../shared/domain'
import { householdsOf, stageCounts } from './ward-fixtures'

const SEED = 20_261_125
const SMALL_SEEDS = [1, 2, 3, 42, 20_261_125]

let ward: DummyWard
let small: DummyWard

beforeAll(() => {
  ward = generateDummyWard({ seed: SEED })
  small = generateDummyWard({ seed: SEED, scale: 1_000 })
}, 60_000)

/**
 * Asserts a property of every item with one expect (84,410 separate expects would take seconds): shows the first
 * offenders if any.
 */
function expectEvery<T>(items: Iterable<T>, property: (item: T) => boolean, what: string): void {
  const offenders: T[] = []
  for (const item of items) if (!property(item)) offenders.push(item)
  expect(offenders.slice(0, 3), `${offenders.length} offenders: ${what}`).toEqual([])
}

function count(persons: readonly DummyPerson[], predicate: (p: DummyPerson) => boolean): number {
  let n = 0
  for (const p of persons) if (predicate(p)) n++
  return n
}

/** 65 or over on 31 December of the income year (FY − 1): the larger 公的年金等控除. */
function aged65ForIncome(p: DummyPerson, asOf: string): boolean {
  const fy = Number(asOf.slice(0, 4)) - (Number(asOf.slice(5, 7)) >= 4 ? 0 : 1)
  return ageAttainmentDate(p.birthDate, 65) <= `${fy - 1}-12-31`
}

describe('counts and proportions', () => {
  it('has Shinjuku scale by default: 84,410 persons, 67,889 category-1 insured, 16,521 others', () => {
    expect(ward.persons).toHaveLength(84_410)
    expect(count(ward.persons, (p) => p.insuredCategory === 1)).toBe(67_889)
    expect(count(ward.persons, (p) => p.insuredCategory !== 1)).toBe(16_521)
    expect(ward.seed).toBe(SEED)
    expect(ward.asOf).toBe('2026-04-01')
  })

  it('matches its plan exactly', () => {
    const plan = planDummyWard({ seed: SEED })
    expect(plan).toMatchObject({ scale: 84_410, insuredCategory1: 67_889, others: 16_521 })
    expect(ward.households).toHaveLength(plan.households)
    expect(count(ward.persons, (p) => p.residenceException !== null)).toBe(plan.residenceExceptions)
    expect(count(ward.persons, (p) => p.excludedFacility !== null)).toBe(plan.excludedFacilityResidents)
    expect(count(ward.persons, (p) => p.onPublicAssistance)).toBe(plan.publicAssistance)
    expect(count(ward.persons, (p) => p.oldAgeWelfarePension)).toBe(plan.oldAgeWelfarePension)
  })

  it('keeps the proportions at 1,000 persons (804 category 1) and at other scales', () => {
    expect(small.persons).toHaveLength(1_000)
    expect(count(small.persons, (p) => p.insuredCategory === 1)).toBe(804)
    for (const scale of [100, 777, 5_000, 12_345]) {
      const w = generateDummyWard({ seed: 9, scale })
      expect(w.persons).toHaveLength(scale)
      expect(count(w.persons, (p) => p.insuredCategory === 1)).toBe(Math.round((scale * 67_889) / 84_410))
    }
  })

  it('has the documented shares of special cases', () => {
    const n = ward.persons.length
    const c1 = 67_889
    const share = (pred: (p: DummyPerson) => boolean, of: number) => count(ward.persons, pred) / of
    expect(share((p) => p.isProtected, n)).toBeGreaterThan(0.002)
    expect(share((p) => p.isProtected, n)).toBeLessThan(0.004)
    expect(share((p) => p.residenceException !== null, c1)).toBeCloseTo(0.015, 3)
    expect(share((p) => p.excludedFacility !== null, n)).toBeCloseTo(0.002, 3)
    expect(share((p) => p.onPublicAssistance, c1)).toBeCloseTo(0.03, 3)
    expect(count(ward.persons, (p) => p.oldAgeWelfarePension)).toBeGreaterThanOrEqual(1)
    const category2 = count(ward.persons, (p) => p.insuredCategory === 2)
    expect(category2).toBeGreaterThan(0)
    expect(category2 / 16_521).toBeLessThan(0.05)
  })

  it('has every special case even at 1,000 persons, for every seed', () => {
    for (const seed of SMALL_SEEDS) {
      const w = generateDummyWard({ seed, scale: 1_000 })
      for (const pred of [
        (p: DummyPerson) => p.isProtected,
        (p: DummyPerson) => p.residenceException !== null,
        (p: DummyPerson) => p.excludedFacility !== null,
        (p: DummyPerson) => p.onPublicAssistance,
        (p: DummyPerson) => p.oldAgeWelfarePension,
        (p: DummyPerson) => p.insuredCategory === 2,
      ]) {
        expect(count(w.persons, pred)).toBeGreaterThan(0)
      }
    }
  })
})

describe('determinism', () => {
  afterEach(() => vi.restoreAllMocks())

  it('gives an identical ward for the same seed and a different one for another seed', () => {
    expect(generateDummyWard({ seed: SEED, scale: 1_000 })).toEqual(small)
    expect(generateDummyWard({ seed: 5, scale: 10_000 })).toEqual(generateDummyWard({ seed: 5, scale: 10_000 }))
    const other = generateDummyWard({ seed: SEED + 1, scale: 1_000 })
    expect(other).not.toEqual(small)
    const numbers = new Set(small.persons.map((p) => p.individualNumber))
    expect(count(other.persons, (p) => numbers.has(p.individualNumber))).toBeLessThan(5)
    expect(other.persons.map((p) => p.familyName + p.givenName)).not.toEqual(
      small.persons.map((p) => p.familyName + p.givenName),
    )
  })

  it('never uses Math.random or the clock', () => {
    const random = vi.spyOn(Math, 'random')
    const now = vi.spyOn(Date, 'now')
    generateDummyWard({ seed: 3, scale: 2_000 })
    expect(random).not.toHaveBeenCalled()
    expect(now).not.toHaveBeenCalled()
  })

  it('streams the same ward in chunks of whole households, at most chunkSize persons each', () => {
    for (const chunkSize of [4, 37, 250]) {
      const chunks = [...generateDummyWardChunks({ seed: SEED, scale: 1_000 }, chunkSize)]
      expect(chunks.map((c) => c.index)).toEqual(chunks.map((_, i) => i))
      expect(chunks.flatMap((c) => c.households)).toEqual(small.households)
      expect(chunks.flatMap((c) => c.persons)).toEqual(small.persons)
      for (const chunk of chunks) {
        expect(chunk.persons.length).toBeLessThanOrEqual(chunkSize)
        const ids = new Set(chunk.households.map((h) => h.householdId))
        expect(chunk.persons.every((p) => ids.has(p.householdId))).toBe(true)
      }
    }
  })

  it('streams Shinjuku scale identically to the in-memory ward', () => {
    let at = 0
    let households = 0
    for (const chunk of generateDummyWardChunks({ seed: SEED }, 10_000)) {
      // JSON comparison: a deep toEqual of 84,410 objects takes seconds.
      expect(JSON.stringify(chunk.persons) === JSON.stringify(ward.persons.slice(at, at + chunk.persons.length))).toBe(
        true,
      )
      at += chunk.persons.length
      households += chunk.households.length
    }
    expect(at).toBe(84_410)
    expect(households).toBe(ward.households.length)
  }, 30_000)
})

describe('numbers', () => {
  it('are unique and well-formed: 宛名番号, 世帯番号, 被保険者番号 (10 digits), 個人番号 (12 digits)', () => {
    const personIds = new Set(ward.persons.map((p) => p.personId))
    const householdIds = new Set(ward.households.map((h) => h.householdId))
    const insured = ward.persons.flatMap((p) => (p.insuredNumber === null ? [] : [p.insuredNumber]))
    const individual = new Set(ward.persons.map((p) => p.individualNumber))
    expect(personIds.size).toBe(ward.persons.length)
    expect(householdIds.size).toBe(ward.households.length)
    expect(new Set(insured).size).toBe(insured.length)
    expect(individual.size).toBe(ward.persons.length)
    expectEvery(personIds, (id) => /^1\d{9}$/.test(id), '宛名番号 format')
    expectEvery(householdIds, (id) => /^8\d{9}$/.test(id), '世帯番号 format')
    expectEvery(insured, (n) => /^0\d{9}$/.test(n), '被保険者番号 format')
  })

  it('gives every 個人番号 a valid check digit and the dummy marker prefix', () => {
    expectEvery(
      ward.persons,
      (p) =>
        /^\d{12}$/.test(p.individualNumber) &&
        p.individualNumber.startsWith(DUMMY_INDIVIDUAL_NUMBER_PREFIX) &&
        isValidIndividualNumber(p.individualNumber),
      '個人番号',
    )
  })

  it('gives an insured number exactly to insured persons', () => {
    expectEvery(
      ward.persons,
      (p) =>
        (p.insuredNumber === null) === (p.insuredCategory === null) &&
        (p.acquiredOn === null) === (p.insuredCategory === null),
      'insured number, category and 資格取得日 go together',
    )
  })
})

describe('ages', () => {
  it('makes every category-1 person 65 or over in law on asOf, born 1920 or later (老齢福祉年金 excepted)', () => {
    expectEvery(
      ward.persons.filter((q) => q.insuredCategory === 1),
      (p) =>
        ageOn(p.birthDate, ward.asOf) >= 65 &&
        ageAttainmentDate(p.birthDate, 65) <= ward.asOf &&
        (p.oldAgeWelfarePension ? p.birthDate <= '1916-04-01' : p.birthDate >= '1920-01-01'),
      'category-1 age',
    )
  })

  it('keeps other members under 65 (residents of 適用除外施設 excepted), mostly born by 1986', () => {
    const others = ward.persons.filter((p) => p.insuredCategory !== 1)
    expectEvery(others, (p) => p.excludedFacility !== null || ageOn(p.birthDate, ward.asOf) < 65, 'others under 65')
    const aged40to64 = count(others, (p) => ageOn(p.birthDate, ward.asOf) >= 40 && ageOn(p.birthDate, ward.asOf) <= 64)
    expect(aged40to64 / others.length).toBeGreaterThan(0.8)
    expect(count(others, (p) => p.birthDate > '1986-12-31') / others.length).toBeLessThan(0.12)
  })

  it('makes category-2 insured persons 40–64', () => {
    for (const p of ward.persons.filter((q) => q.insuredCategory === 2)) {
      const age = ageOn(p.birthDate, ward.asOf)
      expect(age).toBeGreaterThanOrEqual(40)
      expect(age).toBeLessThanOrEqual(64)
      expect(p.acquiredOn! >= ageAttainmentDate(p.birthDate, 40)).toBe(true)
    }
  })

  it('follows an age pyramid: more at younger ages, few at 95+', () => {
    const ages = ward.persons.filter((p) => p.insuredCategory === 1).map((p) => ageOn(p.birthDate, ward.asOf))
    const share = (from: number, to = 200) => ages.filter((a) => a >= from && a <= to).length / ages.length
    expect(share(65, 74)).toBeGreaterThan(0.38)
    expect(share(75)).toBeGreaterThan(0.5)
    expect(share(85)).toBeGreaterThan(0.12)
    expect(share(85)).toBeLessThan(0.25)
    expect(share(95)).toBeGreaterThan(0.005)
    expect(share(95)).toBeLessThan(0.04)
    expect(share(100)).toBeLessThan(0.008)
    expect(share(65, 69)).toBeGreaterThan(share(85, 89))
    expect(share(85, 89)).toBeGreaterThan(share(90, 94))
    expect(share(90, 94)).toBeGreaterThan(share(95, 99))
  })

  it('dates 資格取得 between reaching the age (not before 2000-04-01) and asOf', () => {
    expectEvery(
      ward.persons.filter((p) => p.acquiredOn !== null),
      (p) => {
        const on = p.acquiredOn!
        const age = p.insuredCategory === 1 ? 65 : 40
        return (
          on >= '2000-04-01' && on <= ward.asOf && (on >= ageAttainmentDate(p.birthDate, age) || on === '2000-04-01')
        )
      },
      '資格取得日',
    )
  })

  it('follows asOf', () => {
    const earlier = generateDummyWard({ seed: 4, scale: 1_000, asOf: '2020-10-01' })
    expect(earlier.asOf).toBe('2020-10-01')
    expectEvery(
      earlier.persons,
      (p) =>
        (p.insuredCategory !== 1 || ageOn(p.birthDate, '2020-10-01') >= 65) &&
        (p.acquiredOn === null || p.acquiredOn <= '2020-10-01'),
      'ages and dates on an earlier asOf',
    )
  })
})

describe('incomes and premium stages', () => {
  it('populates every one of the 13 national standard stages, at Shinjuku scale and at 1,000', () => {
    const counts = stageCounts(ward)
    for (let stage = 1; stage <= 13; stage++) expect(counts[stage], `stage ${stage}`).toBeGreaterThan(100)
    for (const seed of SMALL_SEEDS) {
      const small = stageCounts(generateDummyWard({ seed, scale: 1_000 }))
      for (let stage = 1; stage <= 13; stage++) expect(small[stage], `seed ${seed} stage ${stage}`).toBeGreaterThan(0)
    }
  })

  it('keeps 年金収入等 = 課税年金収入額 + その他の合計所得金額, in integer yen', () => {
    expectEvery(
      ward.persons,
      (p) => {
        const integers = [p.totalIncome, p.taxablePensionIncome, p.pensionAndOtherIncome].every(Number.isSafeInteger)
        const misc = pensionMiscIncome(p.taxablePensionIncome, aged65ForIncome(p, ward.asOf))
        return (
          integers &&
          p.taxablePensionIncome >= 0 &&
          p.pensionAndOtherIncome === p.taxablePensionIncome + (p.totalIncome - misc)
        )
      },
      '年金収入等 identity',
    )
  })

  it('keeps resident-tax status consistent with income and public assistance', () => {
    expectEvery(
      ward.persons,
      (p) =>
        p.residentTaxable
          ? p.totalIncome > NON_TAXABLE_LIMIT_SINGLE && !p.onPublicAssistance
          : p.totalIncome <= NON_TAXABLE_LIMIT_EXEMPT,
      'resident tax vs income',
    )
  })

  it('puts 生活保護 and 老齢福祉年金 recipients in non-taxable households', () => {
    const households = householdsOf(ward)
    expectEvery(
      ward.persons.filter((q) => q.onPublicAssistance || q.oldAgeWelfarePension),
      (p) => p.insuredCategory === 1 && households.get(p.householdId)!.every((m) => !m.residentTaxable),
      'assistance and welfare pension households',
    )
  })

  it('has a few negative 合計所得金額 and some incomes exactly on stage boundaries', () => {
    expect(count(ward.persons, (p) => p.totalIncome < 0)).toBeGreaterThan(0)
    const onBoundary = (v: number) => [826_500, 826_501, 1_200_000, 1_200_001].includes(v)
    expect(count(ward.persons, (p) => !p.residentTaxable && onBoundary(p.pensionAndOtherIncome))).toBeGreaterThan(10)
    expect(
      count(ward.persons, (p) => p.residentTaxable && [1_200_000, 2_100_000, 7_200_000].includes(p.totalIncome)),
    ).toBeGreaterThan(10)
  })
})

describe('households, addresses and facilities', () => {
  it('has 1–4 members per household, contiguous, with the 世帯主 first', () => {
    const seen = new Set<string>()
    let previous = ''
    expectEvery(
      ward.persons,
      (p) => {
        if (p.householdId === previous) return p.relationship !== '世帯主'
        const fresh = !seen.has(p.householdId)
        seen.add(p.householdId)
        previous = p.householdId
        return fresh && p.relationship === '世帯主'
      },
      'contiguous households, 世帯主 first',
    )
    const sizes = [...householdsOf(ward).values()].map((m) => m.length)
    expect(Math.min(...sizes)).toBe(1)
    expect(Math.max(...sizes)).toBe(4)
    expect(sizes.filter((s) => s === 1).length / sizes.length).toBeGreaterThan(0.35)
    expect(seen.size).toBe(ward.households.length)
  })

  it('matches relationships and sexes, and spouses share the family name', () => {
    const female = new Set(['妻', '母', '姉', '妹', '子の妻'])
    const male = new Set(['夫', '父', '兄', '弟', '子の夫'])
    const households = householdsOf(ward)
    expectEvery(
      ward.persons,
      (p) => {
        if (female.has(p.relationship) && p.sex !== 'female') return false
        if (male.has(p.relationship) && p.sex !== 'male') return false
        if (p.relationship !== '妻' && p.relationship !== '夫') return true
        const head = households.get(p.householdId)![0]!
        return head.familyName === p.familyName && head.sex !== p.sex
      },
      'relationship and sex',
    )
  })

  it('places ordinary households at plausible Shinjuku addresses', () => {
    const inWard = new Set(ward.persons.filter((p) => p.residenceException === null).map((p) => p.householdId))
    expectEvery(
      ward.households,
      (h) =>
        /^\d{3}-\d{4}$/.test(h.postalCode) &&
        (!inWard.has(h.householdId) ||
          (/^16[0129]-/.test(h.postalCode) &&
            h.address.startsWith(WARD_PREFIX + h.town) &&
            /^東京都新宿区\S+?\d+番\d+号(\u3000\S+)?$/.test(h.address))),
      'addresses',
    )
    expect(ward.households.some((h) => h.town === '西新宿八丁目')).toBe(true)
    expect(count(ward.persons, (p) => p.residenceException === null) > 0).toBe(true)
    expect(
      ward.households.filter((h) => h.address.includes(KATAGAKI_SEPARATOR)).length / ward.households.length,
    ).toBeGreaterThan(0.4)
  })

  it('places 住所地特例 persons alone in facilities of the listed types in other municipalities', () => {
    const households = new Map(ward.households.map((h) => [h.householdId, h]))
    const members = householdsOf(ward)
    for (const p of ward.persons.filter((q) => q.residenceException !== null)) {
      const re = p.residenceException!
      expect(p.insuredCategory).toBe(1)
      expect(residenceExceptionFacilitiesOn(ward.asOf).covered).toContain(re.facilityType)
      expect(re.facilityMunicipality.includes('新宿区')).toBe(false)
      expect(households.get(p.householdId)!.address.startsWith(re.facilityMunicipality)).toBe(true)
      expect(members.get(p.householdId)).toHaveLength(1)
      expect(re.since >= p.acquiredOn! && re.since <= ward.asOf).toBe(true)
    }
  })

  it('records 適用除外施設 residents as not insured, at the facility in the ward', () => {
    const households = new Map(ward.households.map((h) => [h.householdId, h]))
    for (const p of ward.persons.filter((q) => q.excludedFacility !== null)) {
      const ex = p.excludedFacility!
      expect(p.insuredNumber).toBeNull()
      expect(excludedFacilitiesOn(ward.asOf)).toContain(ex.facilityType)
      expect(households.get(p.householdId)!.address.endsWith(ex.facilityName)).toBe(true)
      expect(ex.since <= ward.asOf && ex.since > p.birthDate).toBe(true)
      expect(p.residenceException).toBeNull()
    }
  })

  it('shares one dummy landline per household', () => {
    expectEvery(householdsOf(ward).values(), (members) => new Set(members.map((m) => m.phone)).size === 1, 'phone')
    expectEvery(ward.persons, (p) => p.phone === null || /^03-0\d{3}-\d{4}$/.test(p.phone), 'phone format')
    const withPhone = count(ward.persons, (p) => p.phone !== null) / ward.persons.length
    expect(withPhone).toBeGreaterThan(0.6)
    expect(withPhone).toBeLessThan(0.95)
  })
})

// 支援措置: the flag is a person's, the protection of the address the household's (shared/domain/support-measure.ts).
// The generator's households of two or more take three patterns in turn: only the 世帯主, the whole household,
// everyone but the youngest (who joined later).
describe('支援措置 households', () => {
  const protectedHouseholds = (w: DummyWard) =>
    [...householdsOf(w).values()].filter((members) => members.some((m) => m.isProtected))
  const youngest = (members: readonly DummyPerson[]) => members.reduce((y, m) => (m.birthDate > y.birthDate ? m : y))

  it('protects one of three ways: the 世帯主 only, the whole household, or all but the youngest', () => {
    const shapes = protectedHouseholds(ward).map((members) => {
      if (members.every((m) => m.isProtected)) return members.length === 1 ? 'alone' : 'household'
      if (members.every((m) => m.isProtected === (m.relationship === '世帯主'))) return 'head'
      if (members.every((m) => m.isProtected === (m !== youngest(members)))) return 'allButYoungest'
      return 'other'
    })
    expect(shapes).not.toContain('other')
    // Mixed households exist at full scale: a protected adult living with members who are not protected.
    expect(new Set(shapes)).toEqual(new Set(['alone', 'household', 'head', 'allButYoungest']))
  })

  it('at 1,000 persons: two protected couples, the first with only its 世帯主 protected (3 protected persons)', () => {
    // The two protected households of this ward are couples (世帯主 and 妻, see the ward's 世帯番号 8662238765 and
    // 8879580150); the first takes the pattern 'only the 世帯主', the second 'the whole household': 1 + 2 = 3.
    const households = protectedHouseholds(small)
    expect(households.map((members) => members.map((m) => [m.relationship, m.isProtected]))).toEqual([
      [
        ['世帯主', true],
        ['妻', false],
      ],
      [
        ['世帯主', true],
        ['妻', true],
      ],
    ])
    expect(households.map((members) => members[0]!.householdId)).toEqual(['8662238765', '8879580150'])
    expect(count(small.persons, (p) => p.isProtected)).toBe(3)
  })
})

describe('names', () => {
  it('writes names in kanji and full-width katakana', () => {
    expectEvery(
      ward.persons,
      (p) =>
        /^[\u30A1-\u30FC]+$/.test(p.familyNameKana) &&
        /^[\u30A1-\u30FC]+$/.test(p.givenNameKana) &&
        /^[\p{Script=Han}\u3005\u30F6]+$/u.test(p.familyName) &&
        /^[\p{Script=Han}\u3005\u3041-\u30FC]+$/u.test(p.givenName),
      'kanji and katakana names',
    )
    expect(new Set(ward.persons.map((p) => p.familyName)).size).toBeGreaterThan(400)
    expect(new Set(ward.persons.map((p) => p.givenName)).size).toBeGreaterThan(3_000)
  })

  it('includes variant-character surnames 髙橋, 山﨑 and 渡邊, even at 1,000 persons', () => {
    for (const w of [ward, ...SMALL_SEEDS.map((seed) => generateDummyWard({ seed, scale: 1_000 }))]) {
      const families = new Set(w.persons.map((p) => p.familyName))
      for (const name of ['髙橋', '山﨑', '渡邊']) expect(families.has(name), name).toBe(true)
    }
    const families = new Set(ward.persons.map((p) => p.familyName))
    for (const name of ['高橋', '山崎', '渡辺']) expect(families.has(name)).toBe(true)
  })

  it('gives older people older-style given names more often', () => {
    const ko = (persons: DummyPerson[]) => count(persons, (p) => p.givenName.endsWith('子')) / persons.length
    const women = ward.persons.filter((p) => p.sex === 'female')
    expect(ko(women.filter((p) => p.birthDate < '1950-01-01'))).toBeGreaterThan(
      ko(women.filter((p) => p.birthDate > '1975-01-01')),
    )
  })
})

describe('options', () => {
  it('rejects a bad seed, scale, asOf or chunk size', () => {
    expect(() => generateDummyWard({ seed: -1 })).toThrow(RangeError)
    expect(() => generateDummyWard({ seed: 1.5 })).toThrow(RangeError)
    expect(() => generateDummyWard({ seed: 2 ** 32 })).toThrow(RangeError)
    expect(() => generateDummyWard({ seed: 1, scale: 99 })).toThrow(RangeError)
    expect(() => generateDummyWard({ seed: 1, scale: 10_000_001 })).toThrow(RangeError)
    expect(() => generateDummyWard({ seed: 1, scale: 1_000, asOf: '2026-02-30' })).toThrow(RangeError)
    expect(() => generateDummyWard({ seed: 1, scale: 1_000, asOf: '1999-04-01' })).toThrow(RangeError)
    expect(() => generateDummyWardChunks({ seed: 1, scale: 1_000 }, 3)).toThrow(RangeError)
  })
})
