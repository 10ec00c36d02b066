/**
 * Rate limits per terminal and per user (control C-04): a token bucket per key, in process memory.
 *
 * Why not @fastify/rate-limit: the user is known only after our own session resolution inside the route
 * handler (the plugin keys requests in `onRequest`, before that), and we need two independent limits on one
 * request. The plugin's default store is the same in-memory map, so nothing is lost; a deployment with several
 * server instances multiplies the limits by the number of instances (documented in docs/operations.md).
 */
export interface RateRule {
  /** Requests allowed per window (also the burst size). */
  limit: number
  windowSeconds: number
}

interface Bucket {
  tokens: number
  updatedMs: number
}

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number }

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>()
  private readonly perMs: number

  constructor(
    readonly rule: RateRule,
    private readonly maxKeys = 50_000,
  ) {
    if (rule.limit < 1 || rule.windowSeconds <= 0) throw new RangeError('rate rule')
    this.perMs = rule.limit / (rule.windowSeconds * 1000)
  }

  /** Takes one token for `key` at `nowMs`. */
  take(key: string, nowMs: number): RateDecision {
    const bucket = this.buckets.get(key) ?? { tokens: this.rule.limit, updatedMs: nowMs }
    const refilled = Math.min(this.rule.limit, bucket.tokens + Math.max(0, nowMs - bucket.updatedMs) * this.perMs)
    if (refilled < 1) {
      this.buckets.set(key, { tokens: refilled, updatedMs: nowMs })
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - refilled) / this.perMs / 1000)) }
    }
    this.buckets.delete(key) // re-insert: the map stays ordered by last use
    this.buckets.set(key, { tokens: refilled - 1, updatedMs: nowMs })
    if (this.buckets.size > this.maxKeys) this.evictOldest()
    return { allowed: true }
  }

  private evictOldest(): void {
    const excess = this.buckets.size - this.maxKeys
    let removed = 0
    for (const key of this.buckets.keys()) {
      if (removed++ >= excess) break
      this.buckets.delete(key)
    }
  }

  get size(): number {
    return this.buckets.size
  }
}
