// Change only with a security review.
// control C-07, Electron adapter: the OS key store (safeStorage, async API — docs/sources/electron-security.md §8) as
// the SecretStore of services/at-rest/data-key.ts. Usable only after the app's 'ready' event.
import type { SafeStorage } from 'electron'
import type { SecretStore } from '../services/at-rest/data-key'

export function safeStorageSecretStore(
  safeStorage: Pick<
    SafeStorage,
    'isAsyncEncryptionAvailable' | 'getSelectedStorageBackend' | 'encryptStringAsync' | 'decryptStringAsync'
  >,
  platform: NodeJS.Platform = process.platform,
): SecretStore {
  return {
    async availability() {
      if (!(await safeStorage.isAsyncEncryptionAvailable())) return { available: false, reason: 'no OS key store' }
      // Linux without a keyring: Chromium falls back to a fixed, public password (effectively plaintext).
      if (platform === 'linux') {
        const backend = safeStorage.getSelectedStorageBackend()
        if (backend === 'basic_text' || backend === 'unknown') {
          return { available: false, reason: `OS key store backend ${backend}` }
        }
      }
      return { available: true }
    },
    wrap: (secret) => safeStorage.encryptStringAsync(secret),
    unwrap: async (wrapped) => (await safeStorage.decryptStringAsync(wrapped)).result,
  }
}
