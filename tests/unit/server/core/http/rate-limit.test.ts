import { describe, expect, it } from 'vitest'
import { RateLimiter } from '../../../../../server/src/core/http/rate-limit'

// control C-04: rate limits per terminal and per user.
describe('the token-bucket rate limiter', () => {
  it('allows the limit at once and refuses the next request with the seconds to wait', () => {
    const limiter = new RateLimiter({ limit: 5, windowSeconds: 60 })
    for (let i = 0; i < 5; i++) expect(limiter.take('user:1', 0)).toEqual({ allowed: true })
    expect(limiter.take('user:1', 0)).toEqual({ allowed: false, retryAfterSeconds: 12 })
  })

  it('refills one request per window/limit: refused just before, allowed just after', () => {
    const limiter = new RateLimiter({ limit: 5, windowSeconds: 60 })
    for (let i = 0; i < 5; i++) limiter.take('k', 0)
    expect(limiter.take('k', 11_999).allowed).toBe(false)
    expect(limiter.take('k', 12_000 + 11_999).allowed).toBe(true)
  })

  it('keeps keys apart: one exhausted terminal does not limit another', () => {
    const limiter = new RateLimiter({ limit: 1, windowSeconds: 60 })
    expect(limiter.take('terminal:A', 0).allowed).toBe(true)
    expect(limiter.take('terminal:A', 0).allowed).toBe(false)
    expect(limiter.take('terminal:B', 0).allowed).toBe(true)
  })

  it('bounds its memory by forgetting the least recently used keys', () => {
    const limiter = new RateLimiter({ limit: 1, windowSeconds: 60 }, 3)
    for (const k of ['a', 'b', 'c', 'd']) limiter.take(k, 0)
    expect(limiter.size).toBe(3)
  })
})
