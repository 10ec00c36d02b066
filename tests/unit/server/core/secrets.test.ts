import { describe, expect, it } from 'vitest'
import { deriveServerKeys, DEMO_SERVER_SECRET, seal, unseal } from '../../../../server/src/core/secrets'

// controls C-06, C-08: keys from the server secret, never stored in the database.
describe('sealing TOTP secrets at rest', () => {
  const { sealKey } = deriveServerKeys(DEMO_SERVER_SECRET)

  it('opens what it sealed, with a fresh nonce each time', () => {
    const a = seal(sealKey, 'JBSWY3DPEHPK3PXP')
    expect(unseal(sealKey, a)).toBe('JBSWY3DPEHPK3PXP')
    expect(seal(sealKey, 'JBSWY3DPEHPK3PXP')).not.toBe(a)
  })

  it('refuses a tampered box and another server secret', () => {
    const box = seal(sealKey, 'JBSWY3DPEHPK3PXP')
    // Flip one bit in each part in turn — nonce, tag, ciphertext — of the decoded box (v1.<base64url>).
    const raw = Buffer.from(box.slice(3), 'base64url')
    for (const at of [0, 12, 28, raw.length - 1]) {
      const tampered = Buffer.from(raw)
      tampered[at] = tampered[at]! ^ 0x01
      expect(() => unseal(sealKey, 'v1.' + tampered.toString('base64url'))).toThrow()
    }
    expect(() => unseal(deriveServerKeys('another secret of at least 32 chars').sealKey, box)).toThrow()
  })

  it('derives different keys for the audit chain and the seal', () => {
    const keys = deriveServerKeys(DEMO_SERVER_SECRET)
    expect(keys.auditKey.equals(keys.sealKey)).toBe(false)
  })
})
