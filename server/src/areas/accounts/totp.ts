/**
 * TOTP (RFC 6238) over HOTP (RFC 4226) with node:crypto, and RFC 4648 base32 for the shared secret. Proven
 * against the RFC 6238 Appendix B test vectors (tests/unit/server/totp.test.ts). Control C-06, C-30.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'

export const TOTP_PERIOD_SECONDS = 30
export const TOTP_DIGITS = 6
/** Accepted clock drift: one step either side (RFC 6238 §5.2 recommends at most one step of network delay). */
export const TOTP_WINDOW = 1

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'

export function base32Encode(bytes: Uint8Array): string {
  let bits = 0
  let value = 0
  let out = ''
  for (const byte of bytes) {
    value = (value << 8) | byte
    bits += 8
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31]
      bits -= 5
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31]
  return out
}

export function base32Decode(text: string): Buffer {
  const clean = text.replace(/[\s=]/g, '').toUpperCase()
  let bits = 0
  let value = 0
  const out: number[] = []
  for (const char of clean) {
    const index = ALPHABET.indexOf(char)
    if (index < 0) throw new Error('invalid base32')
    value = (value << 5) | index
    bits += 5
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255)
      bits -= 8
    }
  }
  return Buffer.from(out)
}

/** A new 160-bit secret (RFC 4226 §4 recommends 160 bits), base32. */
export function newTotpSecret(): string {
  return base32Encode(randomBytes(20))
}

export type TotpAlgorithm = 'sha1' | 'sha256' | 'sha512'

/** HOTP (RFC 4226 §5.3): dynamic truncation of HMAC(key, counter). */
export function hotp(key: Buffer, counter: number, digits = TOTP_DIGITS, algorithm: TotpAlgorithm = 'sha1'): string {
  const message = Buffer.alloc(8)
  message.writeBigUInt64BE(BigInt(counter))
  const mac = createHmac(algorithm, key).update(message).digest()
  const offset = mac[mac.length - 1]! & 0x0f
  const binary = (mac.readUInt32BE(offset) & 0x7fffffff) % 10 ** digits
  return String(binary).padStart(digits, '0')
}

export const totpStep = (instant: Date) => Math.floor(instant.getTime() / 1000 / TOTP_PERIOD_SECONDS)

/** The code of a base32 secret at an instant (or at an explicit step). */
export function totpCode(secret: string, instant: Date, step = totpStep(instant)): string {
  return hotp(base32Decode(secret), step)
}

/**
 * Verifies a code within ±TOTP_WINDOW steps. Returns the matching step, or null. A step not after
 * `lastUsedStep` is refused, so an observed code can never be replayed (RFC 6238 §5.2).
 */
export function verifyTotp(
  secret: string,
  code: string,
  instant: Date,
  lastUsedStep: number | null,
): { step: number } | { step: null; replay: boolean } {
  if (!/^\d{6}$/.test(code)) return { step: null, replay: false }
  const now = totpStep(instant)
  const key = base32Decode(secret)
  let replay = false
  for (let step = now - TOTP_WINDOW; step <= now + TOTP_WINDOW; step++) {
    if (timingSafeEqual(Buffer.from(hotp(key, step)), Buffer.from(code))) {
      if (lastUsedStep !== null && step <= lastUsedStep) replay = true
      else return { step }
    }
  }
  return { step: null, replay }
}

/** otpauth:// URI (Key Uri Format) for authenticator apps. */
export function otpauthUri(secret: string, account: string, issuer: string): string {
  const label = encodeURIComponent(`${issuer}:${account}`)
  const params = new URLSearchParams({
    secret,
    issuer,
    algorithm: 'SHA1',
    digits: String(TOTP_DIGITS),
    period: String(TOTP_PERIOD_SECONDS),
  })
  return `otpauth://totp/${label}?${params.toString()}`
}
