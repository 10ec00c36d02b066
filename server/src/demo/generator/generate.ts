/**
 * The dummy ward generator (control C-23): a deterministic, pure function of (seed, scale, asOf).
 * Households are produced one at a time from a shuffled household plan, so a ward of any size can be streamed in
 * chunks; generateDummyWard is the same stream collected.
 */
import type { DummyHousehold, DummyPerson, DummyWard, HouseholdRelationship, IsoDate, Sex } from '../dummy-ward-model'
import { outsideFacilities, AddressMaker, type HouseholdAddress, type OutsideFacility } from './addresses'
import {
  ageAttainmentDate,
  ageOn,
  CATEGORY1_AGE,
  CATEGORY2_AGE,
  category1AcquisitionDate,
  category2AcquisitionDate,
  dayNumber,
  fiscalYearOf,
  fromDayNumber,
  isExcludedFacility,
  parseIsoDate,
  toIsoDate,
} from '../../../../shared/domain'
import { AgeSampler } from './ages'
import { WARD_EXCLUDED_FACILITIES, type WardFacility } from './data/facilities'
import {
  incomeFigures,
  maxPensionForMiscIncome,
  NON_TAXABLE_LIMIT_EXEMPT,
  NON_TAXABLE_LIMIT_SINGLE,
  PENSION_DEDUCTION_ELDER_AGE,
  pensionIncomeBoundary,
  pensionMiscIncome,
  taxableIncomeBands,
  type IncomeFigures,
} from './income'
import { NamePicker, type NameEntry } from './name-picker'
import { WardNumbering } from './numbers'
import { DEFAULT_AS_OF, DEFAULT_SCALE, HouseholdKind, planHouseholds, RATES, type HouseholdPlan } from './plan'
import { Rng, SystematicSampler, WeightedTable } from './prng'
import type { DummyWardChunk, DummyWardOptions, DummyWardPlan } from './types'

/**
 * 支援措置 households of two or more, in turn: only the 世帯主 protected (the others live with a protected adult and
 * are not protected themselves); the whole household; everyone but the youngest (a member who joined after the
 * measure was granted — the case of a newborn added later). The address rule (shared/domain/support-measure.ts)
 * protects every member's address in all three.
 */
const PROTECTION_PATTERNS = ['head', 'household', 'allButYoungest'] as const

/** Start of the 介護保険 system: no 資格取得日 is earlier. */
const SYSTEM_START = '2000-04-01'
const EARLIEST_AS_OF = '2001-04-01'
const LATEST_AS_OF = '2100-03-31'

/** 老齢福祉年金 is paid only to people born on or before 1916-04-01 (大正5年4月1日; 国民年金法附則). */
const OLD_AGE_WELFARE_LATEST_BIRTH = '1916-04-01'

/** 適用除外 stays of the dummy ward begin at 20 or later, and not before 1995-04-01. */
const EXCLUDED_ENTRY_AGE = 20
const EXCLUDED_EARLIEST_SINCE = dayNumber('1995-04-01')
const adultFrom = (birthDate: IsoDate): number => dayNumber(ageAttainmentDate(birthDate, EXCLUDED_ENTRY_AGE))

/** Shares of the non-taxable elderly by 年金収入等 band: ≤ L, L < … ≤ 120万, > 120万. */
const NON_TAXABLE_BAND_WEIGHTS = [0.47, 0.25, 0.28]
/** Shares of the taxable elderly by 合計所得金額 band (stages 6…13 of the national standard). */
const TAXABLE_BAND_WEIGHTS = [0.28, 0.25, 0.16, 0.09, 0.06, 0.04, 0.03, 0.09]
/** Largest pension income whose 雑所得 stays within the exemption limit of non-taxable persons. */
const NON_TAXABLE_PENSION_CAP_65 = maxPensionForMiscIncome(NON_TAXABLE_LIMIT_EXEMPT, true)
const NON_TAXABLE_PENSION_CAP_UNDER_65 = maxPensionForMiscIncome(NON_TAXABLE_LIMIT_EXEMPT, false)
/** Chance that an income lands exactly on a band boundary (useful for boundary tests downstream). */
const BOUNDARY_CHANCE = 0.03

interface Draft {
  relationship: HouseholdRelationship
  sex: Sex
  age: number
  birthDate: IsoDate
  family: NameEntry
  /** 65+ and insured (category 1). */
  elderly: boolean
}

interface GeneratedHousehold {
  household: DummyHousehold
  persons: DummyPerson[]
}

function resolveOptions(options: DummyWardOptions): { seed: number; scale: number; asOf: IsoDate } {
  const asOf = options.asOf ?? DEFAULT_AS_OF
  parseIsoDate(asOf)
  if (asOf < EARLIEST_AS_OF || asOf > LATEST_AS_OF) {
    throw new RangeError(`asOf must be between ${EARLIEST_AS_OF} and ${LATEST_AS_OF}, got ${asOf}`)
  }
  return { seed: options.seed, scale: options.scale ?? DEFAULT_SCALE, asOf }
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value))
}

class WardGenerator {
  readonly plan: DummyWardPlan
  private readonly kinds: Uint8Array
  private readonly asOf: IsoDate
  private readonly asOfDays: number
  private readonly systemStartDays = dayNumber(SYSTEM_START)
  /** 31 December of the income year (the year before the fiscal year of asOf): 65+ on it gets the larger 控除. */
  private readonly incomeYearEnd: IsoDate
  private readonly boundary: number
  private readonly taxableIncomeBands: readonly (readonly [from: number, below: number])[]
  private readonly rng: Rng
  private readonly numbering: WardNumbering
  private readonly ages: AgeSampler
  private readonly names: NamePicker
  private readonly addresses = new AddressMaker()
  private readonly facilities: OutsideFacility[]
  private readonly excludedFacilities: readonly WardFacility[]
  private readonly protectedHouseholds: SystematicSampler
  private readonly category2Applicants: SystematicSampler
  private readonly nonTaxableBands = new WeightedTable(NON_TAXABLE_BAND_WEIGHTS)
  private readonly taxableBands = new WeightedTable(TAXABLE_BAND_WEIGHTS)
  private personIndex = 0
  private insuredIndex = 0
  /** Protected households of two or more so far: picks the mixed pattern of the next one (PROTECTION_PATTERNS). */
  private protectedSharedIndex = 0

  constructor(options: DummyWardOptions) {
    const { seed, scale, asOf } = resolveOptions(options)
    const planned: HouseholdPlan = planHouseholds(seed, scale, asOf)
    this.plan = planned.plan
    this.kinds = planned.kinds
    this.asOf = asOf
    this.asOfDays = dayNumber(asOf)
    const fiscalYear = fiscalYearOf(asOf)
    this.incomeYearEnd = toIsoDate(fiscalYear - 1, 12, 31)
    this.boundary = pensionIncomeBoundary(fiscalYear)
    this.taxableIncomeBands = taxableIncomeBands(fiscalYear)
    this.rng = new Rng(seed, 'persons')
    this.numbering = new WardNumbering(new Rng(seed, 'numbers'))
    this.ages = new AgeSampler(asOf)
    this.names = new NamePicker(new Rng(seed, 'variant-names'), RATES.variantSurnames)
    const facilityCount = clamp(Math.ceil(this.plan.residenceExceptions / 20), 3, 80)
    this.facilities = outsideFacilities(new Rng(seed, 'facilities'), facilityCount, asOf)
    this.excludedFacilities = WARD_EXCLUDED_FACILITIES.filter((f) => isExcludedFacility(f.facilityType, asOf))
    const samplers = new Rng(seed, 'samplers')
    this.protectedHouseholds = new SystematicSampler(RATES.protectedHouseholds, samplers)
    this.category2Applicants = new SystematicSampler(RATES.category2Applicants, samplers)
  }

  *households(): Generator<GeneratedHousehold, void, undefined> {
    for (let index = 0; index < this.kinds.length; index++) {
      yield this.household(index, this.kinds[index] as HouseholdKind)
    }
  }

  // ---- members -------------------------------------------------------------------------------------------------

  private draft(
    relationship: HouseholdRelationship,
    sex: Sex,
    age: number,
    family: NameEntry,
    elderly: boolean,
  ): Draft {
    const birthDate = this.ages.birthDateForAge(this.rng, age)
    return { relationship, sex, age, birthDate, family, elderly }
  }

  private elderlySex(age: number): Sex {
    return this.rng.chance(0.5 + 0.3 * clamp((age - CATEGORY1_AGE) / 30, 0, 1)) ? 'female' : 'male'
  }

  /** A married couple, both 65+ (husband usually 世帯主). */
  private elderlyCouple(family: NameEntry, maxHusbandAge = 100): [Draft, Draft] {
    const r = this.rng
    const husband = this.ages.elderlyAge(r, CATEGORY1_AGE, maxHusbandAge)
    let wife = husband - Math.round(2.5 + 2.5 * r.normal())
    for (let i = 0; i < 20 && (wife < CATEGORY1_AGE || wife > this.ages.maxElderlyAge); i++) {
      wife = husband - Math.round(2.5 + 2.5 * r.normal())
    }
    wife = clamp(wife, CATEGORY1_AGE, this.ages.maxElderlyAge)
    if (r.chance(0.1)) {
      return [this.draft('世帯主', 'female', wife, family, true), this.draft('夫', 'male', husband, family, true)]
    }
    return [this.draft('世帯主', 'male', husband, family, true), this.draft('妻', 'female', wife, family, true)]
  }

  /** Age of a child of a parent of `parentAge`, kept under 65 (an older child would be category 1 itself). */
  private childAge(parentAge: number): number {
    const oldest = CATEGORY1_AGE - 1
    let age = parentAge - Math.round(27 + 3.5 * this.rng.normal())
    if (age > oldest) age = oldest - this.rng.int(0, Math.min(10, age - oldest))
    return clamp(age, 35, oldest)
  }

  private members(kind: HouseholdKind, family: NameEntry): Draft[] {
    const r = this.rng
    const a = this.ages
    switch (kind) {
      case HouseholdKind.Single:
      case HouseholdKind.AssistanceSingle: {
        const age = a.elderlyAge(r, CATEGORY1_AGE, kind === HouseholdKind.AssistanceSingle ? 95 : undefined)
        const sex =
          kind === HouseholdKind.AssistanceSingle ? (r.chance(0.55) ? 'male' : 'female') : this.elderlySex(age)
        return [this.draft('世帯主', sex, age, family, true)]
      }
      case HouseholdKind.ResidenceException: {
        const age = a.elderlyAge(r, 72)
        return [this.draft('世帯主', r.chance(0.7) ? 'female' : 'male', age, family, true)]
      }
      case HouseholdKind.OldAgeWelfare: {
        const latest = dayNumber(OLD_AGE_WELFARE_LATEST_BIRTH)
        const youngest = ageOn(OLD_AGE_WELFARE_LATEST_BIRTH, this.asOf)
        const age = youngest + (r.chance(0.8) ? 0 : 1)
        const birthDate = a.birthDateForAge(r, age, Number.NEGATIVE_INFINITY, latest)
        return [
          { relationship: '世帯主', sex: r.chance(0.85) ? 'female' : 'male', age, birthDate, family, elderly: true },
        ]
      }
      case HouseholdKind.Couple:
      case HouseholdKind.AssistanceCouple:
        return this.elderlyCouple(family)
      case HouseholdKind.WithParent: {
        const headAge = a.elderlyAge(r, CATEGORY1_AGE, 76)
        const head = this.draft('世帯主', this.elderlySex(headAge), headAge, family, true)
        const parentAge = a.elderlyAge(r, headAge + 20)
        const mother = r.chance(0.85)
        return [head, this.draft(mother ? '母' : '父', mother ? 'female' : 'male', parentAge, family, true)]
      }
      case HouseholdKind.Siblings: {
        const headAge = a.elderlyAge(r, CATEGORY1_AGE, 95)
        const head = this.draft('世帯主', this.elderlySex(headAge), headAge, family, true)
        const siblingAge = clamp(headAge + (r.chance(0.5) ? 1 : -1) * r.int(1, 8), CATEGORY1_AGE, a.maxElderlyAge)
        const sex: Sex = r.chance(0.7) ? 'female' : 'male'
        const older = siblingAge > headAge || (siblingAge === headAge && r.chance(0.5))
        const relationship: HouseholdRelationship = sex === 'female' ? (older ? '姉' : '妹') : older ? '兄' : '弟'
        const siblingFamily = sex === 'female' && r.chance(0.5) ? this.names.otherFamily(r, family) : family
        return [head, this.draft(relationship, sex, siblingAge, siblingFamily, true)]
      }
      case HouseholdKind.CoupleWithParent: {
        const couple = this.elderlyCouple(family, 76)
        const headAge = couple[0].age
        const parentAge = a.elderlyAge(r, headAge + 20)
        const mother = r.chance(0.85)
        return [...couple, this.draft(mother ? '母' : '父', mother ? 'female' : 'male', parentAge, family, true)]
      }
      case HouseholdKind.YoungSpouse: {
        const headAge = a.elderlyAge(r, CATEGORY1_AGE, 85)
        const spouseAge = r.int(Math.min(60, Math.max(45, headAge - 20)), CATEGORY1_AGE - 1)
        if (r.chance(0.05)) {
          return [
            this.draft('世帯主', 'female', headAge, family, true),
            this.draft('夫', 'male', spouseAge, family, false),
          ]
        }
        return [
          this.draft('世帯主', 'male', headAge, family, true),
          this.draft('妻', 'female', spouseAge, family, false),
        ]
      }
      case HouseholdKind.WithChild: {
        const parentAge = a.elderlyAge(r, CATEGORY1_AGE, 95)
        const parentSex = this.elderlySex(parentAge)
        const childAge = this.childAge(parentAge)
        const childSex: Sex = r.chance(0.5) ? 'male' : 'female'
        if (r.chance(0.6)) {
          return [
            this.draft('世帯主', parentSex, parentAge, family, true),
            this.draft('子', childSex, childAge, family, false),
          ]
        }
        const parent = parentSex === 'female' ? '母' : '父'
        return [
          this.draft('世帯主', childSex, childAge, family, false),
          this.draft(parent, parentSex, parentAge, family, true),
        ]
      }
      case HouseholdKind.CoupleWithChild: {
        const couple = this.elderlyCouple(family, 95)
        const childAge = this.childAge(Math.max(couple[0].age, couple[1].age))
        const childSex: Sex = r.chance(0.5) ? 'male' : 'female'
        if (r.chance(0.7)) return [...couple, this.draft('子', childSex, childAge, family, false)]
        const [first, second] = couple
        const father = first.sex === 'male' ? first : second
        const mother = first.sex === 'male' ? second : first
        return [
          this.draft('世帯主', childSex, childAge, family, false),
          { ...father, relationship: '父' },
          { ...mother, relationship: '母' },
        ]
      }
      case HouseholdKind.WithChildCouple:
      case HouseholdKind.CoupleWithChildCouple: {
        const elders: Draft[] =
          kind === HouseholdKind.CoupleWithChildCouple
            ? this.elderlyCouple(family, 95).map((d) => ({ ...d, relationship: d.sex === 'male' ? '父' : '母' }))
            : [this.parentDraft(family)]
        const childAge = this.childAge(Math.max(...elders.map((d) => d.age)))
        const son = r.chance(0.8)
        const spouseAge = clamp(childAge + (son ? -2 : 2) + Math.round(3 * r.normal()), 30, CATEGORY1_AGE - 1)
        if (kind === HouseholdKind.WithChildCouple && r.chance(0.3)) {
          const head = { ...elders[0]!, relationship: '世帯主' as const }
          return [
            head,
            this.draft('子', son ? 'male' : 'female', childAge, family, false),
            this.draft(son ? '子の妻' : '子の夫', son ? 'female' : 'male', spouseAge, family, false),
          ]
        }
        return [
          this.draft('世帯主', son ? 'male' : 'female', childAge, family, false),
          this.draft(son ? '妻' : '夫', son ? 'female' : 'male', spouseAge, family, false),
          ...elders,
        ]
      }
      case HouseholdKind.WithChildAndGrandchild: {
        const headAge = a.elderlyAge(r, CATEGORY1_AGE, 95)
        const childAge = this.childAge(headAge)
        const grandchildAge = clamp(childAge - Math.round(28 + 4 * r.normal()), 5, 35)
        const childSex: Sex = r.chance(0.4) ? 'male' : 'female'
        return [
          this.draft('世帯主', this.elderlySex(headAge), headAge, family, true),
          this.draft('子', childSex, childAge, family, false),
          this.draft('孫', r.chance(0.5) ? 'male' : 'female', grandchildAge, family, false),
        ]
      }
      case HouseholdKind.WithLodger: {
        const headAge = a.elderlyAge(r)
        const lodgerFamily = this.names.otherFamily(r, family)
        return [
          this.draft('世帯主', this.elderlySex(headAge), headAge, family, true),
          this.draft(
            '同居人',
            r.chance(0.5) ? 'male' : 'female',
            r.int(CATEGORY2_AGE, CATEGORY1_AGE - 1),
            lodgerFamily,
            false,
          ),
        ]
      }
      case HouseholdKind.ExcludedFacility: {
        const age = r.chance(0.6) ? r.int(CATEGORY2_AGE, CATEGORY1_AGE - 1) : a.elderlyAge(r, CATEGORY1_AGE, 90)
        return [this.draft('世帯主', r.chance(0.55) ? 'male' : 'female', age, family, false)]
      }
    }
    throw new Error(`unknown household kind ${String(kind)}`)
  }

  /** An elderly parent living with a child's family (母 more often than 父). */
  private parentDraft(family: NameEntry): Draft {
    const age = this.ages.elderlyAge(this.rng, CATEGORY1_AGE, 95)
    const sex = this.elderlySex(age)
    return this.draft(sex === 'female' ? '母' : '父', sex, age, family, true)
  }

  // ---- incomes -------------------------------------------------------------------------------------------------

  private aged65ForIncome(birthDate: IsoDate): boolean {
    return ageAttainmentDate(birthDate, PENSION_DEDUCTION_ELDER_AGE) <= this.incomeYearEnd
  }

  /** Lands on `boundary` now and then, else draws uniformly in [min, max]. */
  private amount(min: number, max: number, boundaries: readonly number[] = []): number {
    if (boundaries.length > 0 && this.rng.chance(BOUNDARY_CHANCE)) return this.rng.pick(boundaries)
    return this.rng.int(min, max)
  }

  /** A non-taxable category-1 person: 年金収入等 in one of the three bands of stages 1–3 / 4–5. */
  private nonTaxableElderly(d: Draft): IncomeFigures {
    const r = this.rng
    const aged65 = this.aged65ForIncome(d.birthDate)
    const L = this.boundary
    let pension: number
    let other = 0
    switch (this.nonTaxableBands.draw(r)) {
      case 0:
        if (r.chance(0.04)) pension = 0
        else pension = this.amount(200_000, L, [L])
        if (r.chance(0.08) && pension < L) other = r.int(1, Math.min(300_000, L - pension))
        break
      case 1:
        pension = this.amount(L + 1, 1_200_000, [L + 1, 1_200_000])
        break
      default:
        pension = r.chance(0.8) ? this.amount(1_200_001, 1_550_000, [1_200_001]) : r.int(1_550_001, 2_450_000)
    }
    // Non-taxable means 合計所得金額 ≤ 1,350,000 at most (exemptions); cap the pension to keep it so.
    pension = Math.min(pension, aged65 ? NON_TAXABLE_PENSION_CAP_65 : NON_TAXABLE_PENSION_CAP_UNDER_65)
    // A few have a business loss (合計所得金額 < 0).
    if (r.chance(0.003)) other = -r.int(50_000, 1_500_000)
    return incomeFigures(pension, other, aged65)
  }

  /** A taxable category-1 person: 合計所得金額 in one of the bands of stages 6–13, split into pension and other. */
  private taxableElderly(d: Draft): IncomeFigures {
    const r = this.rng
    const aged65 = this.aged65ForIncome(d.birthDate)
    const band = this.taxableBands.draw(r)
    const [from, below] = this.taxableIncomeBands[band]!
    let total: number
    if (band === this.taxableIncomeBands.length - 1) {
      total = r.chance(BOUNDARY_CHANCE)
        ? from
        : Math.min(below - 1, Math.round(from * Math.exp(Math.abs(r.normal()) * 0.8)))
    } else {
      total = this.amount(from, below - 1, [from, below - 1])
    }
    let pension = r.chance(0.85) ? r.int(1_200_000, 3_300_000) : r.chance(0.5) ? 0 : r.int(300_000, 1_200_000)
    if (pensionMiscIncome(pension, aged65) > total) pension = maxPensionForMiscIncome(total, aged65)
    const other = total - pensionMiscIncome(pension, aged65)
    return incomeFigures(pension, other, aged65)
  }

  /** Members under 65 (and 適用除外 residents): mostly wages or business, no taxable pension. */
  private youngerIncome(d: Draft, taxableShare: number): { taxable: boolean; figures: IncomeFigures } {
    const r = this.rng
    if (d.age < 20 || !r.chance(taxableShare)) {
      const other = d.age < 20 || r.chance(0.5) ? 0 : r.int(1, NON_TAXABLE_LIMIT_SINGLE)
      return { taxable: false, figures: incomeFigures(0, other, false) }
    }
    const total = clamp(
      Math.round(Math.exp(Math.log(3_800_000) + 0.6 * r.normal())),
      NON_TAXABLE_LIMIT_SINGLE + 1,
      25_000_000,
    )
    return { taxable: true, figures: incomeFigures(0, total, false) }
  }

  // ---- dates ---------------------------------------------------------------------------------------------------

  /** A day in (fromDays, asOf], skewed towards recent years; fromDays when there is no room. */
  private dayAfter(fromDaysExclusive: number): number {
    const span = this.asOfDays - fromDaysExclusive
    if (span <= 0) return this.asOfDays
    return fromDaysExclusive + 1 + Math.floor(Math.sqrt(this.rng.float()) * span)
  }

  /** 資格取得日: reaching the category's age in the ward (not before 2000-04-01), or a later 転入 for some. */
  private acquiredOn(birthDate: IsoDate, category: 1 | 2): IsoDate {
    const attained = category === 1 ? category1AcquisitionDate(birthDate) : category2AcquisitionDate(birthDate)
    const base = Math.max(dayNumber(attained), this.systemStartDays)
    if (this.rng.chance(0.12) && base < this.asOfDays) return fromDayNumber(this.dayAfter(base))
    return fromDayNumber(base)
  }

  // ---- households ----------------------------------------------------------------------------------------------

  private household(index: number, kind: HouseholdKind): GeneratedHousehold {
    const r = this.rng
    const householdId = this.numbering.householdId(index)
    const family = this.names.family(r)
    const drafts = this.members(kind, family)

    let where: HouseholdAddress
    let facility: OutsideFacility | undefined
    let excluded: WardFacility | undefined
    if (kind === HouseholdKind.ResidenceException) {
      facility = r.pick(this.facilities)
      where = { postalCode: facility.postalCode, town: facility.town, address: facility.address }
    } else if (kind === HouseholdKind.ExcludedFacility) {
      excluded = r.pick(this.excludedFacilities)
      where = this.addresses.wardFacility(excluded)
    } else {
      where = this.addresses.wardDwelling(r)
    }
    const household: DummyHousehold = { householdId, ...where }

    const special = facility !== undefined || excluded !== undefined
    const protectedHousehold = !special && this.protectedHouseholds.next()
    const protectedMembers = protectedHousehold ? this.protectedMembers(drafts) : drafts.map(() => false)
    const assistance = kind === HouseholdKind.AssistanceSingle || kind === HouseholdKind.AssistanceCouple
    const landline = !special && r.chance(assistance ? 0.5 : 0.8) ? this.phoneNumber() : null

    const persons = drafts.map((d, memberIndex) => {
      const given = this.names.givenName(r, d.sex, parseIsoDate(d.birthDate).year)
      let residentTaxable = false
      let figures: IncomeFigures
      if (assistance) {
        const pension = r.chance(0.5) ? 0 : r.int(300_000, 780_000)
        figures = incomeFigures(pension, 0, this.aged65ForIncome(d.birthDate))
      } else if (kind === HouseholdKind.OldAgeWelfare || excluded !== undefined) {
        figures = incomeFigures(0, 0, false)
      } else if (d.elderly) {
        const bias = facility !== undefined ? 0.6 : 1
        const p = (d.sex === 'male' ? 0.62 : 0.38) * Math.max(0.35, 1 - 0.012 * (d.age - CATEGORY1_AGE)) * bias
        residentTaxable = r.chance(p)
        figures = residentTaxable ? this.taxableElderly(d) : this.nonTaxableElderly(d)
      } else {
        const share = d.relationship === '妻' || d.relationship === '夫' ? 0.4 : d.relationship === '孫' ? 0.6 : 0.75
        const income = this.youngerIncome(d, share)
        residentTaxable = income.taxable
        figures = income.figures
      }

      let insuredNumber: string | null = null
      let insuredCategory: 1 | 2 | null = null
      let acquiredOn: IsoDate | null = null
      if (d.elderly) {
        insuredNumber = this.numbering.insuredNumber(this.insuredIndex++)
        insuredCategory = 1
        acquiredOn = this.acquiredOn(d.birthDate, 1)
      } else if (
        excluded === undefined &&
        !assistance &&
        d.age >= CATEGORY2_AGE &&
        d.age < CATEGORY1_AGE &&
        this.category2Applicants.next()
      ) {
        insuredNumber = this.numbering.insuredNumber(this.insuredIndex++)
        insuredCategory = 2
        acquiredOn = this.acquiredOn(d.birthDate, 2)
      }

      const k = this.personIndex++
      const person: DummyPerson = {
        personId: this.numbering.personId(k),
        householdId,
        relationship: d.relationship,
        familyName: d.family.kanji,
        givenName: given.kanji,
        familyNameKana: d.family.kana,
        givenNameKana: given.kana,
        sex: d.sex,
        birthDate: d.birthDate,
        phone: landline,
        individualNumber: this.numbering.individualNumber(k),
        insuredNumber,
        insuredCategory,
        acquiredOn,
        isProtected: protectedMembers[memberIndex]!,
        residentTaxable,
        totalIncome: figures.totalIncome,
        taxablePensionIncome: figures.taxablePensionIncome,
        pensionAndOtherIncome: figures.pensionAndOtherIncome,
        onPublicAssistance: assistance,
        oldAgeWelfarePension: kind === HouseholdKind.OldAgeWelfare,
        residenceException:
          facility === undefined
            ? null
            : {
                facilityType: facility.facilityType,
                facilityName: facility.facilityName,
                facilityMunicipality: facility.facilityMunicipality,
                since: fromDayNumber(this.dayAfter(dayNumber(acquiredOn ?? SYSTEM_START) - 1)),
              },
        excludedFacility:
          excluded === undefined
            ? null
            : {
                facilityType: excluded.facilityType,
                facilityName: excluded.name,
                since: fromDayNumber(this.dayAfter(Math.max(adultFrom(d.birthDate), EXCLUDED_EARLIEST_SINCE) - 1)),
              },
      }
      return person
    })
    return { household, persons }
  }

  /**
   * Who of a 支援措置 household carries the flag. A household of one: its member. Households of two or more take the
   * patterns of PROTECTION_PATTERNS in turn (a counter, not a draw: the random stream, and so every other value of the
   * ward, is the same as with whole households protected).
   */
  private protectedMembers(drafts: readonly Draft[]): boolean[] {
    if (drafts.length === 1) return [true]
    const pattern = PROTECTION_PATTERNS[this.protectedSharedIndex++ % PROTECTION_PATTERNS.length]!
    switch (pattern) {
      case 'head':
        return drafts.map((d) => d.relationship === '世帯主')
      case 'household':
        return drafts.map(() => true)
      case 'allButYoungest': {
        const youngest = drafts.reduce((y, d, i) => (d.birthDate > drafts[y]!.birthDate ? i : y), 0)
        return drafts.map((_, i) => i !== youngest)
      }
    }
  }

  /**
   * '03-0xxx-xxxx': a Tokyo-looking number that cannot reach anyone, since no 市内局番 begins with 0. Shared by the
   * members of a household (a landline).
   */
  private phoneNumber(): string {
    const r = this.rng
    return `03-0${String(r.int(0, 999)).padStart(3, '0')}-${String(r.int(0, 9999)).padStart(4, '0')}`
  }
}

/** The counts a ward will have, without generating it. */
export function planDummyWard(options: DummyWardOptions): DummyWardPlan {
  const { seed, scale, asOf } = resolveOptions(options)
  return planHouseholds(seed, scale, asOf).plan
}

/**
 * Streams the ward as chunks of whole households holding at most `chunkSize` persons each (≥ 4, the largest
 * household), so 1,000,000 persons never sit in memory at once. Concatenated, the chunks equal generateDummyWard.
 */
export function generateDummyWardChunks(
  options: DummyWardOptions,
  chunkSize = 10_000,
): Generator<DummyWardChunk, void, undefined> {
  if (!Number.isSafeInteger(chunkSize) || chunkSize < 4)
    throw new RangeError(`chunkSize must be an integer ≥ 4, got ${chunkSize}`)
  const generator = new WardGenerator(options)
  return chunked(generator, chunkSize)
}

function* chunked(generator: WardGenerator, chunkSize: number): Generator<DummyWardChunk, void, undefined> {
  let index = 0
  let households: DummyHousehold[] = []
  let persons: DummyPerson[] = []
  for (const generated of generator.households()) {
    if (persons.length + generated.persons.length > chunkSize) {
      yield { index: index++, households, persons }
      households = []
      persons = []
    }
    households.push(generated.household)
    for (const p of generated.persons) persons.push(p)
  }
  if (households.length > 0) yield { index, households, persons }
}

/** The whole ward in memory (tests, demos). Deterministic: the same options always give an identical ward. */
export function generateDummyWard(options: DummyWardOptions): DummyWard {
  const generator = new WardGenerator(options)
  const households: DummyHousehold[] = []
  const persons: DummyPerson[] = []
  for (const generated of generator.households()) {
    households.push(generated.household)
    for (const p of generated.persons) persons.push(p)
  }
  return { seed: generator.plan.seed, asOf: generator.plan.asOf, households, persons }
}
