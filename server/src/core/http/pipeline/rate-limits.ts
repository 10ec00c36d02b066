import type { FastifyBaseLogger } from 'fastify'
import { problems } from '../problem'
import { RateLimiter } from '../rate-limit'

/**
 * Step 2 — rate limits (control C-04): per terminal on every request, per user on every authenticated request.
 * One instance per app: the buckets live as long as the app.
 */
export class RequestRateLimits {
  private readonly terminals: RateLimiter
  private readonly users: RateLimiter

  constructor(rules: { terminalPerMinute: number; userPerMinute: number }) {
    this.terminals = new RateLimiter({ limit: rules.terminalPerMinute, windowSeconds: 60 })
    this.users = new RateLimiter({ limit: rules.userPerMinute, windowSeconds: 60 })
  }

  /** Takes one request of the terminal; 429 when its bucket is empty. */
  terminal(terminalId: string, now: Date, log: FastifyBaseLogger): void {
    take(this.terminals, `terminal:${terminalId}`, now, log)
  }

  /** Takes one request of the signed-in user; 429 when its bucket is empty. */
  user(userId: number, now: Date, log: FastifyBaseLogger): void {
    take(this.users, `user:${userId}`, now, log)
  }
}

function take(limiter: RateLimiter, key: string, now: Date, log: FastifyBaseLogger): void {
  const decision = limiter.take(key, now.getTime())
  if (!decision.allowed) {
    log.warn({ event: 'rateLimited', key }, 'rate limited')
    throw problems.rateLimited(decision.retryAfterSeconds)
  }
}
