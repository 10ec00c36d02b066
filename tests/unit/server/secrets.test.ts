import { describe, expect, it } from 'vitest'
import { deriveServerKeys, DEMO_SERVER_SECRET, seal, unseal } from '../../../server/src/secrets'

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
    const flipped = box.slice(0, -2) + (box.endsWith('A') ? 'B' : 'A') + box.slice(-1)
    expect(() => unseal(sealKey, flipped)).toThrow()
    expect(() => unseal(deriveServerKeys('another secret of at least 32 chars').sealKey, box)).toThrow()
  })

  it('derives different keys for the audit chain and the seal', () => {
    const keys = deriveServerKeys(DEMO_SERVER_SECRET)
    expect(keys.auditKey.equals(keys.sealKey)).toBe(false)
  })
})
