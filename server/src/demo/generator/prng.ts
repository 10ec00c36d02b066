/**
 * Seeded pseudo-random numbers for the dummy ward generator: xoshiro128** (Blackman & Vigna, public domain)
 * seeded through splitmix32. Never Math.random: the same seed must give the same ward on every machine.
 */

/** splitmix32 step: a well-mixed 32-bit value from a 32-bit state. */
function splitmix32(state: number): [value: number, next: number] {
  const next = (state + 0x9e3779b9) | 0
  let z = next
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b)
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35)
  z ^= z >>> 16
  return [z >>> 0, next]
}

/** FNV-1a over a label, to derive independent streams from one seed. */
function hashLabel(label: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < label.length; i++) {
    h ^= label.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return h >>> 0
}

export class Rng {
  private a: number
  private b: number
  private c: number
  private d: number

  /** `seed` is an unsigned 32-bit integer; `label` names an independent stream of the same seed. */
  constructor(seed: number, label = '') {
    let s = (seed ^ hashLabel(label)) | 0
    const word = (): number => {
      const [value, next] = splitmix32(s)
      s = next
      return value
    }
    this.a = word()
    this.b = word()
    this.c = word()
    this.d = word()
    if ((this.a | this.b | this.c | this.d) === 0) this.a = 1
  }

  /** Next unsigned 32-bit integer (xoshiro128**). */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.b, 5), 7), 9) >>> 0
    const t = this.b << 9
    this.c ^= this.a
    this.d ^= this.b
    this.b ^= this.c
    this.a ^= this.d
    this.c ^= t
    this.d = rotl(this.d, 11)
    return result
  }

  /** Uniform in [0, 1) with 32 bits of resolution. */
  float(): number {
    return this.nextUint32() / 4294967296
  }

  /** Uniform integer in [min, max] (both inclusive). */
  int(min: number, max: number): number {
    if (max < min) throw new RangeError(`empty range [${min}, ${max}]`)
    return min + Math.floor(this.float() * (max - min + 1))
  }

  chance(probability: number): boolean {
    return this.float() < probability
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick from an empty list')
    return items[Math.floor(this.float() * items.length)] as T
  }

  /** Index drawn with the given non-negative weights. */
  weightedIndex(weights: readonly number[]): number {
    return new WeightedTable(weights).draw(this)
  }

  /** Roughly normal (Irwin–Hall of 4 uniforms), mean 0, sd 1. */
  normal(): number {
    return (this.float() + this.float() + this.float() + this.float() - 2) * Math.sqrt(3)
  }

  /** Fisher–Yates shuffle in place. */
  shuffle(items: Uint8Array): Uint8Array {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.float() * (i + 1))
      const tmp = items[i] as number
      items[i] = items[j] as number
      items[j] = tmp
    }
    return items
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k))
}

/** A cumulative table for repeated weighted draws (binary search). */
export class WeightedTable {
  private readonly cumulative: Float64Array
  private readonly total: number

  constructor(weights: readonly number[]) {
    this.cumulative = new Float64Array(weights.length)
    let sum = 0
    weights.forEach((w, i) => {
      if (!(w >= 0)) throw new RangeError(`negative weight ${w}`)
      sum += w
      this.cumulative[i] = sum
    })
    if (sum <= 0) throw new RangeError('weights sum to zero')
    this.total = sum
  }

  draw(rng: Rng): number {
    const u = rng.float() * this.total
    let lo = 0
    let hi = this.cumulative.length - 1
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if ((this.cumulative[mid] as number) > u) hi = mid
      else lo = mid + 1
    }
    return lo
  }
}

/**
 * Systematic sampling of a rare yes/no attribute: over n calls it says yes floor(n·p) or ceil(n·p) times, evenly
 * spread, from a seeded random phase. Used on a shuffled sequence, so it is an unbiased random sample whose size is
 * exact — small wards (scale 1,000) still get their few protected persons or category-2 applicants.
 */
export class SystematicSampler {
  private credit: number

  constructor(
    private readonly probability: number,
    rng: Rng,
  ) {
    if (probability < 0 || probability > 1) throw new RangeError(`probability ${probability}`)
    this.credit = rng.float()
  }

  next(): boolean {
    this.credit += this.probability
    if (this.credit >= 1) {
      this.credit -= 1
      return true
    }
    return false
  }
}
