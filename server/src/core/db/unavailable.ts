/**
 * Whether a failure means "the database cannot be reached or cannot write right now" (restart, failover, a full
 * disk) rather than a fault of the request or the code: then the request was rolled back and may simply be sent
 * again (with the same idempotency key), so it is answered 503 with Retry-After instead of 500.
 * SQLSTATE classes (PostgreSQL, Appendix A): 08 connection exception; 57P01–57P03 shutdown / cannot connect now;
 * 53 insufficient resources (53100 disk full); 58030 I/O error.
 */
const UNAVAILABLE_STATES = /^(08...|57P0[1-3]|53...|58030)$/
const UNAVAILABLE_NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOSPC', 'EIO'])
const UNAVAILABLE_MESSAGES = /Connection terminated|Client has encountered a connection error|no space left on device/i

export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code
    if (typeof code === 'string' && (UNAVAILABLE_STATES.test(code) || UNAVAILABLE_NODE_CODES.has(code))) return true
    if (e instanceof Error && UNAVAILABLE_MESSAGES.test(e.message)) return true
  }
  return false
}
