// C-07: the safeStorage adapter. The async API only (docs/sources/electron-security.md §8); on Linux the basic_text
// backend (a fixed, public password) counts as no key store at all.
import { describe, expect, it } from 'vitest'
import { safeStorageSecretStore } from '../../../../../electron/main/platform/safe-storage'
import { FakeSecretStore } from '../../fixtures/secret-store'

function fakeSafeStorage(options: { available?: boolean; backend?: string } = {}) {
  const os = new FakeSecretStore('os')
  return {
    isAsyncEncryptionAvailable: async () => options.available ?? true,
    getSelectedStorageBackend: () => (options.backend ?? 'gnome_libsecret') as 'gnome_libsecret',
    encryptStringAsync: (text: string) => os.wrap(text),
    decryptStringAsync: async (data: Buffer) => ({ result: await os.unwrap(data), shouldReEncrypt: false }),
  }
}

describe('safeStorage as the secret store (C-07)', () => {
  it('is available with a real backend, and wraps to bytes that unwrap to the secret', async () => {
    const store = safeStorageSecretStore(fakeSafeStorage(), 'linux')
    expect(await store.availability()).toEqual({ available: true })
    const wrapped = await store.wrap('c2VjcmV0')
    expect(wrapped.toString('latin1')).not.toContain('c2VjcmV0')
    expect(await store.unwrap(wrapped)).toBe('c2VjcmV0')
  })

  it('is unavailable when the OS has no key store', async () => {
    const store = safeStorageSecretStore(fakeSafeStorage({ available: false }), 'win32')
    expect(await store.availability()).toEqual({ available: false, reason: 'no OS key store' })
  })

  it('is unavailable on Linux with the basic_text backend (plaintext in effect)', async () => {
    const store = safeStorageSecretStore(fakeSafeStorage({ backend: 'basic_text' }), 'linux')
    expect(await store.availability()).toEqual({ available: false, reason: 'OS key store backend basic_text' })
    // The backend name is a Linux notion: elsewhere only the availability counts.
    expect(await safeStorageSecretStore(fakeSafeStorage({ backend: 'basic_text' }), 'darwin').availability()).toEqual({
      available: true,
    })
  })
})
