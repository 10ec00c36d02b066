// C-07: local state at rest is encrypted with a key from the OS key store. The master cache is sealed (AES-256-GCM
// under the data key, the data key wrapped by safeStorage — here the FakeSecretStore, which really encrypts), a
// different key does not open it (rebuilt from the server, no crash), and without a key store nothing is written.
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { beforeAll, describe, expect, it } from 'vitest'
import { BackendClient } from '../../../../../../electron/main/backend/backend-client'
import type { SecurityEvent } from '../../../../../../electron/main/security/audit'
import { DATA_KEY_FILE, loadDataKey } from '../../../../../../electron/main/services/at-rest/data-key'
import type { AuthService } from '../../../../../../electron/main/services/auth-service'
import {
  CACHE_FILE_NAME,
  CACHE_SEAL_PURPOSE,
  LEGACY_CACHE_FILE_NAME,
  MasterCacheDb,
} from '../../../../../../electron/main/services/master-cache/cache-db'
import { MasterService } from '../../../../../../electron/main/services/master-cache/master-service'
import { MasterSync } from '../../../../../../electron/main/services/master-cache/master-sync'
import { masterCatalog, parseMasterPayload } from '../../../../../../shared/masters/datasets'
import { premiumTableFromMasters } from '../../../../../../shared/masters/engine'
import { FakeSecretStore, openSealed, testDataKey } from '../../../fixtures/secret-store'
import { type FakeMasterServer, seededServer } from './fixtures/fake-master-server'

const tempDir = () => mkdtempSync(join(tmpdir(), 'kaigo-at-rest-'))
const SYNC_ERROR = 'マスタの同期に失敗しました。前回の版を使い続けます'

const recorder = () => {
  const events: SecurityEvent[] = []
  return { events, audit: { record: (e: SecurityEvent) => void events.push(e) } }
}

describe('the master cache file is sealed with the data key (C-07)', () => {
  let server: FakeMasterServer
  let dir: string
  const data = testDataKey()
  let bankName: string
  beforeAll(async () => {
    server = await seededServer()
    dir = tempDir()
    const cache = MasterCacheDb.open({ dir, key: data.key })
    await new MasterSync(cache, server).syncOnce()
    cache.recordAttempt(SYNC_ERROR)
    bankName = parseMasterPayload('ref.banks', cache.get('ref.banks', '0001')!.payload).name
    cache.close()
  })

  it('the raw bytes hold no master string, no dataset label, no error message and no SQLite header', () => {
    const raw = readFileSync(join(dir, CACHE_FILE_NAME))
    // The same strings ARE in the database image the data key opens (decrypted here with node:crypto only):
    // the assertions below would fail on an unsealed file.
    const image = openSealed(data.raw, raw, CACHE_SEAL_PURPOSE)
    const needles = [bankName, masterCatalog['ref.banks'].label, SYNC_ERROR]
    for (const needle of needles) expect(image.toString('utf8')).toContain(needle)
    expect(image.subarray(0, 16).toString('latin1')).toBe('SQLite format 3\u0000')
    for (const text of [raw.toString('utf8'), raw.toString('latin1'), raw.toString('utf16le')]) {
      for (const needle of needles) expect(text).not.toContain(needle)
      expect(text).not.toContain('SQLite format 3')
    }
    // No WAL, journal or other plaintext file next to it.
    expect(readdirSync(dir)).toEqual([CACHE_FILE_NAME])
  })

  it('reopens under the same key with every dataset verified (no rebuild)', () => {
    const cache = MasterCacheDb.open({ dir, key: data.key })
    expect(cache.rebuilt).toBeNull()
    expect(cache.datasets()).toHaveLength(21)
    expect(cache.meta('lastError')).toBe(SYNC_ERROR)
    expect(premiumTableFromMasters(cache, 2026).basePremium).toBe(79_200)
    cache.close()
  })

  it('a different data key does not open it: rebuilt as unreadable, then refilled from the server', async () => {
    const copy = tempDir()
    writeFileSync(join(copy, CACHE_FILE_NAME), readFileSync(join(dir, CACHE_FILE_NAME)))
    const cache = MasterCacheDb.open({ dir: copy, key: testDataKey('another terminal').key })
    expect(cache.rebuilt?.reason).toBe('unreadable')
    expect(cache.datasets()).toEqual([])
    await new MasterSync(cache, server).syncOnce()
    expect(premiumTableFromMasters(cache, 2026).basePremium).toBe(79_200)
    cache.close()
  })

  it('one flipped bit of the sealed file fails the AES-GCM tag: rebuilt as tampered', () => {
    const copy = tempDir()
    const bytes = readFileSync(join(dir, CACHE_FILE_NAME))
    bytes[bytes.length - 100]! ^= 0x01
    writeFileSync(join(copy, CACHE_FILE_NAME), bytes)
    const cache = MasterCacheDb.open({ dir: copy, key: data.key })
    expect(cache.rebuilt?.reason).toBe('tampered')
    cache.close()
  })

  it('a plaintext cache of the earlier layout (and its WAL files) is deleted when the cache opens', () => {
    const old = tempDir()
    const plain = new Database(join(old, LEGACY_CACHE_FILE_NAME))
    plain.pragma('journal_mode = WAL')
    plain.exec(`CREATE TABLE rows (payload TEXT); INSERT INTO rows VALUES ('${bankName}')`)
    writeFileSync(join(old, `${LEGACY_CACHE_FILE_NAME}-wal`), 'x')
    plain.close()
    const cache = MasterCacheDb.open({ dir: old, key: data.key })
    expect(readdirSync(old).filter((f) => f.startsWith(LEGACY_CACHE_FILE_NAME))).toEqual([])
    cache.close()
  })
})

describe('the data key is stored only wrapped by the OS key store (C-07)', () => {
  it('the key file holds the wrapped key, never the raw key; a second start unwraps the same key', async () => {
    const dir = tempDir()
    const store = new FakeSecretStore()
    const key = await loadDataKey({ dir, store })
    expect(key).not.toBeNull()
    const raw = Buffer.from(store.wrapped[0]!, 'base64')
    expect(raw).toHaveLength(32)
    const file = readFileSync(join(dir, DATA_KEY_FILE))
    for (const form of [raw.toString('base64'), raw.toString('hex'), raw.toString('latin1')]) {
      expect(file.toString('latin1')).not.toContain(form)
    }
    expect(file.includes(raw)).toBe(false)
    const again = await loadDataKey({ dir, store })
    expect(again!.open(key!.seal('照合用', 'probe'), 'probe').toString('utf8')).toBe('照合用')
    expect(store.wrapped).toHaveLength(1)
  })

  it('a profile copied to another account or machine: the key does not unwrap → a new key, noted, cache rebuilt', async () => {
    const server = await seededServer()
    const dir = tempDir()
    const first = await loadDataKey({ dir, store: new FakeSecretStore('terminal-1') })
    const cache = MasterCacheDb.open({ dir, key: first! })
    await new MasterSync(cache, server).syncOnce()
    cache.close()

    const { events, audit } = recorder()
    const second = await loadDataKey({ dir, store: new FakeSecretStore('terminal-2'), audit })
    expect(second).not.toBeNull()
    expect(events).toEqual([{ kind: 'storage-unprotected', reason: 'data key does not unwrap', effect: 'new-key' }])
    const reopened = MasterCacheDb.open({ dir, key: second! })
    expect(reopened.rebuilt?.reason).toBe('unreadable')
    await new MasterSync(reopened, server).syncOnce()
    expect(reopened.datasets()).toHaveLength(21)
    reopened.close()
  })
})

describe('without an OS key store the cache stays in memory (C-07)', () => {
  it('no data key, one security-log note; the master service syncs and answers but writes no file', async () => {
    const dir = tempDir()
    const { events, audit } = recorder()
    const key = await loadDataKey({
      dir,
      store: new FakeSecretStore('linux', 'OS key store backend basic_text'),
      audit,
    })
    expect(key).toBeNull()
    expect(events).toEqual([
      { kind: 'storage-unprotected', reason: 'OS key store backend basic_text', effect: 'memory-only' },
    ])
    const auth = { currentUser: () => ({ loginId: 'x' }) } as unknown as AuthService
    const masters = new MasterService(
      new BackendClient({ request: async () => ({ status: 500, contentType: '', body: '' }) }, 'https://127.0.0.1'),
      auth,
      { cacheDir: dir, dataKey: key, syncIntervalMinutes: 15, source: await seededServer() },
    )
    await masters.syncNow()
    expect(masters.status().state).toBe('ready')
    expect(masters.search({ dataset: 'ref.banks', text: 'みずほ' }).rows[0]?.key).toBe('0001')
    masters.close()
    expect(readdirSync(dir)).toEqual([])
    expect(existsSync(join(dir, CACHE_FILE_NAME))).toBe(false)
  })

  it('with a data key the same service writes the sealed file (the control of the test above)', async () => {
    const dir = tempDir()
    const key = await loadDataKey({ dir, store: new FakeSecretStore() })
    const auth = { currentUser: () => ({ loginId: 'x' }) } as unknown as AuthService
    const masters = new MasterService(
      new BackendClient({ request: async () => ({ status: 500, contentType: '', body: '' }) }, 'https://127.0.0.1'),
      auth,
      { cacheDir: dir, dataKey: key, syncIntervalMinutes: 15, source: await seededServer() },
    )
    await masters.syncNow()
    masters.close()
    expect(readdirSync(dir).sort()).toEqual([DATA_KEY_FILE, CACHE_FILE_NAME].sort())
  })
})
