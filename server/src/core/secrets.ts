/**
 * Keys derived from the one server secret (KAIGO_SERVER_SECRET; a fixed, public development value in demo
 * mode): the audit chain's MAC key (control C-08) and the key that seals TOTP secrets at rest (control C-06).
 * The server secret is never stored in the database, so neither a database dump nor a database superuser
 * can forge audit rows or read TOTP secrets.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto'

/** Development-only secret: demo mode may use it; production refuses to start without its own (config.ts). */
export const DEMO_SERVER_SECRET = 'kaigo-desk demo server secret — never used in production'

export interface ServerKeys {
  /** HMAC-SHA-256 key of the audit hash chain. */
  auditKey: Buffer
  /** AES-256-GCM key sealing TOTP secrets. */
  sealKey: Buffer
}

const derive = (secret: string, info: string) =>
  Buffer.from(hkdfSync('sha256', Buffer.from(secret, 'utf8'), Buffer.from('kaigo-desk'), Buffer.from(info), 32))

export function deriveServerKeys(secret: string): ServerKeys {
  return { auditKey: derive(secret, 'audit-chain-v2'), sealKey: derive(secret, 'totp-seal-v1') }
}

/** AES-256-GCM: 'v1.' + base64url(iv ‖ tag ‖ ciphertext). */
export function seal(key: Buffer, plaintext: string): string {
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', key, iv)
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()])
  return 'v1.' + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')
}

export function unseal(key: Buffer, sealed: string): string {
  if (!sealed.startsWith('v1.')) throw new Error('unknown sealed format')
  const raw = Buffer.from(sealed.slice(3), 'base64url')
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12))
  decipher.setAuthTag(raw.subarray(12, 28))
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8')
}
