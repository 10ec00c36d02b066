/**
 * Numbers of the dummy ward. All are fakes; every kind has its own fixed leading digits so that a generated number can
 * never be mistaken for another kind, and so that fake 個人番号 are recognisable at a glance.
 *
 * | number | digits | form |
 * |---|---|---|
 * | 宛名番号 (personId) | 10 | `1` + 9 digits |
 * | 世帯番号 (householdId) | 10 | `8` + 9 digits |
 * | 被保険者番号 (insuredNumber) | 10 | `0` + 9 digits |
 * | 個人番号 (individualNumber) | 12 | `99` + 9 digits + check digit (番号法施行令第8条) |
 *
 * The digits after the prefix are a seed-keyed permutation (Feistel network with cycle walking) of the running index:
 * unique by construction, without a set of used numbers, and not in generation order. The `99` prefix of the 個人番号 is the documented marker of a dummy number (C-23); the check digit
 * is valid, so validation code accepts them.
 */
import type { Rng } from './prng'

/** Marker every generated 個人番号 starts with. */
export const DUMMY_INDIVIDUAL_NUMBER_PREFIX = '99'

/**
 * 検査用数字 of a 個人番号 from its first 11 digits (行政手続における特定の個人を識別するための番号の利用等に関する法律
 * 施行令第8条): P_n is the n-th digit counted from the right of the 11, Q_n = n + 1 (n ≤ 6) or n − 5 (n ≥ 7);
 * r = Σ P_n·Q_n mod 11; the check digit is 0 when r ≤ 1, else 11 − r.
 */
export function individualNumberCheckDigit(first11: string): number {
  if (!/^\d{11}$/.test(first11)) throw new RangeError('a 個人番号 body has 11 digits')
  let sum = 0
  for (let n = 1; n <= 11; n++) {
    const p = first11.charCodeAt(11 - n) - 48
    const q = n <= 6 ? n + 1 : n - 5
    sum += p * q
  }
  const r = sum % 11
  return r <= 1 ? 0 : 11 - r
}

export function isValidIndividualNumber(value: string): boolean {
  return /^\d{12}$/.test(value) && individualNumberCheckDigit(value.slice(0, 11)) === Number(value[11])
}

/**
 * A keyed bijection of [0, 10^width): a 4-round balanced Feistel network on the smallest even number of bits that
 * covers 10^width, with cycle walking back into range. Unique by construction and scattered (no visible order).
 */
export class NumberPermutation {
  private readonly modulus: number
  private readonly halfBits: number
  private readonly halfMask: number
  private readonly keys: readonly number[]

  constructor(
    rng: Rng,
    private readonly width: number,
  ) {
    if (!Number.isInteger(width) || width < 1 || width > 9) throw new RangeError(`width ${width}`)
    this.modulus = 10 ** width
    let bits = Math.ceil(Math.log2(this.modulus))
    if (bits % 2 === 1) bits++
    this.halfBits = bits / 2
    this.halfMask = (1 << this.halfBits) - 1
    this.keys = [rng.nextUint32(), rng.nextUint32(), rng.nextUint32(), rng.nextUint32()]
  }

  private round(value: number, key: number): number {
    let h = Math.imul(value ^ key, 0x9e3779b1)
    h ^= h >>> 15
    h = Math.imul(h, 0x85ebca77)
    h ^= h >>> 13
    return h & this.halfMask
  }

  private encrypt(value: number): number {
    let left = value >>> this.halfBits
    let right = value & this.halfMask
    for (const key of this.keys) {
      const next = left ^ this.round(right, key)
      left = right
      right = next
    }
    return ((left << this.halfBits) | right) >>> 0
  }

  /** The k-th number (k < 10^width), zero-padded to `width` digits. */
  at(k: number): string {
    if (!Number.isSafeInteger(k) || k < 0 || k >= this.modulus) throw new RangeError(`index ${k} out of range`)
    let value = this.encrypt(k)
    while (value >= this.modulus) value = this.encrypt(value)
    return String(value).padStart(this.width, '0')
  }
}

export class WardNumbering {
  private readonly person: NumberPermutation
  private readonly household: NumberPermutation
  private readonly insured: NumberPermutation
  private readonly individual: NumberPermutation

  constructor(rng: Rng) {
    this.person = new NumberPermutation(rng, 9)
    this.household = new NumberPermutation(rng, 9)
    this.insured = new NumberPermutation(rng, 9)
    this.individual = new NumberPermutation(rng, 9)
  }

  personId(k: number): string {
    return '1' + this.person.at(k)
  }

  householdId(k: number): string {
    return '8' + this.household.at(k)
  }

  insuredNumber(k: number): string {
    return '0' + this.insured.at(k)
  }

  individualNumber(k: number): string {
    const body = DUMMY_INDIVIDUAL_NUMBER_PREFIX + this.individual.at(k)
    return body + String(individualNumberCheckDigit(body))
  }
}
