/**
 * Exact integer arithmetic for money (integer yen) and integer-fraction rates. No floating-point multiplication of yen
 * ever reaches a result: products are checked to be safe integers and divisions use the remainder.
 */

/** Throws a RangeError unless `value` is a safe integer (optionally ≥ `min`). */
export function assertInteger(value: number, name: string, min?: number): void {
  if (!Number.isSafeInteger(value)) throw new RangeError(`${name} must be an integer, got ${String(value)}`)
  if (min !== undefined && value < min) throw new RangeError(`${name} must be ≥ ${min}, got ${value}`)
}

/** Throws a RangeError unless `value` is a finite number (optionally ≥ `min`). */
export function assertFinite(value: number, name: string, min?: number): void {
  if (!Number.isFinite(value)) throw new RangeError(`${name} must be a finite number, got ${String(value)}`)
  if (min !== undefined && value < min) throw new RangeError(`${name} must be ≥ ${min}, got ${value}`)
}

/** a × b, throwing when the exact product is not a safe integer. */
export function mul(a: number, b: number): number {
  const product = a * b
  if (!Number.isSafeInteger(product)) throw new RangeError(`integer overflow: ${a} × ${b}`)
  return product
}

/** ⌊a ÷ b⌋ for integers, b > 0, computed from the exact remainder. */
export function floorDiv(a: number, b: number): number {
  const r = a % b
  const q = (a - r) / b
  return r < 0 ? q - 1 : q
}

/** ⌈a ÷ b⌉ for integers, b > 0. */
export function ceilDiv(a: number, b: number): number {
  return 0 - floorDiv(-a, b) // "0 -" avoids returning -0
}

/** Truncates a non-negative integer amount below `unit` (e.g. 100円未満切捨て: unit = 100). */
export function floorTo(amount: number, unit: number): number {
  return floorDiv(amount, unit) * unit
}

/**
 * Converts a decimal number to an integer count of 10^-decimals units from its decimal representation (no binary
 * float multiplication). `mode = 'exact'` throws when more decimals are given; `'truncate'` drops them.
 * E.g. (2.4, 2) → 240; (1.511, 3) → 1511.
 */
export function toScaledInteger(value: number, decimals: number, mode: 'exact' | 'truncate', name: string): number {
  assertFinite(value, name, 0)
  const [whole, fraction] = value.toFixed(9).split('.') as [string, string]
  const kept = fraction.slice(0, decimals)
  if (mode === 'exact' && /[1-9]/.test(fraction.slice(decimals))) {
    throw new RangeError(`${name} must have at most ${decimals} decimals, got ${String(value)}`)
  }
  return Number(whole + kept)
}
