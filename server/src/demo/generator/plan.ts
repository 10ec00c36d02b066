/**
 * Household plan: how many households of each composition a ward of a given scale has, so that the counts of
 * category-1 insured persons and of other members come out exactly, whatever the scale.
 */
import { Rng } from './prng'
import type { DummyWardPlan } from './types'

/** Shinjuku scale: 84,410 persons, 67,889 of them category-1 insured (docs/sources/domain.md §8). */
export const DEFAULT_SCALE = 84_410
export const SHINJUKU_INSURED_CATEGORY1 = 67_889
export const DEFAULT_AS_OF = '2026-04-01'
export const MIN_SCALE = 100
export const MAX_SCALE = 10_000_000

/** Household compositions. E = members 65+ (category 1), Y = other members. */
export const HouseholdKind = {
  /** 単身高齢者 (E1). */
  Single: 0,
  /** 高齢夫婦 (E2). */
  Couple: 1,
  /** 高齢の子と90代の親 (E2). */
  WithParent: 2,
  /** 高齢のきょうだい (E2). */
  Siblings: 3,
  /** 高齢夫婦と90代の親 (E3). */
  CoupleWithParent: 4,
  /** 高齢者と40〜64歳の配偶者 (E1 Y1). */
  YoungSpouse: 5,
  /** 高齢者と子 (E1 Y1). */
  WithChild: 6,
  /** 高齢夫婦と子 (E2 Y1). */
  CoupleWithChild: 7,
  /** 高齢者と子夫婦 (E1 Y2). */
  WithChildCouple: 8,
  /** 高齢夫婦と子夫婦 (E2 Y2). */
  CoupleWithChildCouple: 9,
  /** 高齢者と子と孫 (E1 Y2). */
  WithChildAndGrandchild: 10,
  /** 高齢者と同居人 (E1 Y1). */
  WithLodger: 11,
  /** 住所地特例: single, in a facility outside the ward (E1). */
  ResidenceException: 12,
  /** 老齢福祉年金 recipient living alone (E1). */
  OldAgeWelfare: 13,
  /** 生活保護, single (E1). */
  AssistanceSingle: 14,
  /** 生活保護, couple (E2). */
  AssistanceCouple: 15,
  /** Resident of an 適用除外施設 (Y1, not insured). */
  ExcludedFacility: 16,
} as const
export type HouseholdKind = (typeof HouseholdKind)[keyof typeof HouseholdKind]

/** [E, Y] per kind, indexed by HouseholdKind. */
export const KIND_MEMBERS: readonly (readonly [elderly: number, others: number])[] = [
  [1, 0],
  [2, 0],
  [2, 0],
  [2, 0],
  [3, 0],
  [1, 1],
  [1, 1],
  [2, 1],
  [1, 2],
  [2, 2],
  [1, 2],
  [1, 1],
  [1, 0],
  [1, 0],
  [1, 0],
  [2, 0],
  [0, 1],
]

/** Shares of the "other" members placed in each mixed kind. */
const OTHER_MEMBER_SHARES: readonly (readonly [HouseholdKind, number])[] = [
  [HouseholdKind.YoungSpouse, 0.14],
  [HouseholdKind.WithChild, 0.36],
  [HouseholdKind.CoupleWithChild, 0.18],
  [HouseholdKind.WithChildCouple, 0.1],
  [HouseholdKind.CoupleWithChildCouple, 0.1],
  [HouseholdKind.WithChildAndGrandchild, 0.06],
  [HouseholdKind.WithLodger, 0.06],
]

/** Shares of the remaining elderly placed in elderly-only kinds (the rest live alone). */
const ELDERLY_ONLY_SHARES: readonly (readonly [HouseholdKind, number])[] = [
  [HouseholdKind.Couple, 0.55],
  [HouseholdKind.WithParent, 0.03],
  [HouseholdKind.Siblings, 0.02],
  [HouseholdKind.CoupleWithParent, 0.015],
]

/** Documented rates (C-23 brief). */
export const RATES = {
  residenceException: 0.015, // of category 1
  excludedFacility: 0.002, // of all persons
  publicAssistance: 0.03, // of category 1
  assistanceInCouples: 0.1, // share of assistance recipients living as a couple
  oldAgeWelfarePension: 0.00005, // of category 1, at least 1
  protectedHouseholds: 0.003, // of ordinary households
  category2Applicants: 0.02, // of members aged 40–64 not on assistance
  variantSurnames: 0.006, // of households with a new family name
} as const

export interface HouseholdPlan {
  plan: DummyWardPlan
  /** One kind per household, in generation order (shuffled). */
  kinds: Uint8Array
}

export function validateScale(scale: number): void {
  if (!Number.isSafeInteger(scale) || scale < MIN_SCALE || scale > MAX_SCALE) {
    throw new RangeError(`scale must be an integer in [${MIN_SCALE}, ${MAX_SCALE}], got ${scale}`)
  }
}

export function validateSeed(seed: number): void {
  if (!Number.isSafeInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new RangeError(`seed must be an unsigned 32-bit integer, got ${seed}`)
  }
}

export function planHouseholds(seed: number, scale: number, asOf: string): HouseholdPlan {
  validateSeed(seed)
  validateScale(scale)
  const insured = Math.round((scale * SHINJUKU_INSURED_CATEGORY1) / DEFAULT_SCALE)
  const others = scale - insured
  const counts = new Array<number>(KIND_MEMBERS.length).fill(0)

  const residenceExceptions = Math.round(insured * RATES.residenceException)
  const oldAgeWelfare = Math.max(1, Math.round(insured * RATES.oldAgeWelfarePension))
  const assistance = Math.round(insured * RATES.publicAssistance)
  const assistanceCouples = Math.round((assistance * RATES.assistanceInCouples) / 2)
  const excluded = Math.max(1, Math.round(scale * RATES.excludedFacility))
  counts[HouseholdKind.ResidenceException] = residenceExceptions
  counts[HouseholdKind.OldAgeWelfare] = oldAgeWelfare
  counts[HouseholdKind.AssistanceCouple] = assistanceCouples
  counts[HouseholdKind.AssistanceSingle] = assistance - 2 * assistanceCouples
  counts[HouseholdKind.ExcludedFacility] = excluded

  // Other members into mixed households; what does not divide evenly goes to 高齢者と子.
  const otherMembers = others - excluded
  let placedOthers = 0
  for (const [kind, share] of OTHER_MEMBER_SHARES) {
    const perHousehold = KIND_MEMBERS[kind]![1]
    const n = Math.floor((otherMembers * share) / perHousehold)
    counts[kind] = n
    placedOthers += n * perHousehold
  }
  counts[HouseholdKind.WithChild] = counts[HouseholdKind.WithChild]! + (otherMembers - placedOthers)

  // Elderly left after the special and mixed households go to elderly-only households; the rest live alone.
  let elderlyLeft = insured
  counts.forEach((n, kind) => (elderlyLeft -= n * KIND_MEMBERS[kind]![0]))
  const elderlyOnlyPool = elderlyLeft
  for (const [kind, share] of ELDERLY_ONLY_SHARES) {
    const perHousehold = KIND_MEMBERS[kind]![0]
    const n = Math.floor((elderlyOnlyPool * share) / perHousehold)
    counts[kind] = n
    elderlyLeft -= n * perHousehold
  }
  if (elderlyLeft < 0 || otherMembers < 0) throw new RangeError(`scale ${scale} is too small for a household plan`)
  counts[HouseholdKind.Single] = elderlyLeft

  const total = counts.reduce((a, b) => a + b, 0)
  const kinds = new Uint8Array(total)
  let at = 0
  counts.forEach((n, kind) => {
    kinds.fill(kind, at, at + n)
    at += n
  })
  new Rng(seed, 'household-plan').shuffle(kinds)

  return {
    kinds,
    plan: {
      seed,
      asOf,
      scale,
      insuredCategory1: insured,
      others,
      households: total,
      residenceExceptions,
      excludedFacilityResidents: excluded,
      publicAssistance: assistance,
      oldAgeWelfarePension: oldAgeWelfare,
    },
  }
}
