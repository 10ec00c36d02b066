import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { beforeAll, describe, expect, it } from 'vitest'
import { parseMasterPayload } from '../../../../../../shared/masters/datasets'
import { canonicalJson } from '../../../../../../shared/masters/hash'
import { premiumTableFromMasters, stageTableFromMasters } from '../../../../../../shared/masters/engine'
import {
  CACHE_FILE_NAME,
  CACHE_SEAL_PURPOSE,
  MasterCacheDb,
} from '../../../../../../electron/main/services/master-cache/cache-db'
import { MasterSync } from '../../../../../../electron/main/services/master-cache/master-sync'
import { testDataKey } from '../../../fixtures/secret-store'
import { type FakeMasterServer, seededServer } from './fixtures/fake-master-server'

const tempDir = () => mkdtempSync(join(tmpdir(), 'kaigo-master-cache-'))
const { key } = testDataKey()

/**
 * Someone who has the data key edits the database inside the sealed file and seals it again: only the hashes can
 * tell (without the key, any edit already fails the AES-GCM tag — cache-at-rest.test.ts).
 */
function editWithKey(from: string, to: string, edit: (db: Database.Database) => void) {
  const db = new Database(key.open(readFileSync(join(from, CACHE_FILE_NAME)), CACHE_SEAL_PURPOSE))
  edit(db)
  writeFileSync(join(to, CACHE_FILE_NAME), key.seal(db.serialize(), CACHE_SEAL_PURPOSE))
  db.close()
}

/** A new ward parameter version from 2027-04-01 with another 基準額 (as an approval would publish it). */
function publishFutureWardVersion(server: FakeMasterServer, basePremium = 84_000) {
  const current = [...server.live('ward.parameters').values()][0]!
  const payload = parseMasterPayload('ward.parameters', current.payload)
  payload.value.basePremium = basePremium
  payload.changeRequestId = 1
  return server.publish('ward.parameters', [
    { key: '2027-04-01', validFrom: '2027-04-01', validTo: null, payload: canonicalJson(payload) },
  ])
}

/** Changes the kana of the first `n` bank branches (a zengin-code update). */
function publishBranchChanges(server: FakeMasterServer, n: number) {
  const rows = [...server.live('ref.bankBranches').values()].slice(0, n).map((r) => {
    const p = parseMasterPayload('ref.bankBranches', r.payload)
    return { ...r, payload: canonicalJson({ ...p, name: `${p.name}（新）` }) }
  })
  return server.publish('ref.bankBranches', rows)
}

describe('the terminal master cache: full sync, delta sync, one transaction, verified hashes', () => {
  let server: FakeMasterServer
  beforeAll(async () => {
    server = await seededServer()
  })

  it('a first sync fetches every master in full and stores exactly the server’s versions', async () => {
    const cache = MasterCacheDb.open({ dir: tempDir(), key })
    const report = await new MasterSync(cache, server).syncOnce()
    const manifest = await server.manifest()
    expect(report.changed.every((c) => c.mode === 'full')).toBe(true)
    expect(cache.datasets().map((d) => [d.name, d.version, d.contentHash, d.rowCount])).toEqual(
      manifest.datasets.map((d) => [d.name, d.version, d.contentHash, d.rowCount]).sort(),
    )
    expect(cache.meta('lastSyncedAt')).not.toBeNull()
    cache.close()
  })

  it('a second sync with nothing changed fetches no rows and only moves the “last synced” time', async () => {
    let clock = new Date('2026-11-26T09:00:00Z')
    const cache = MasterCacheDb.open({ dir: null, now: () => clock })
    const sync = new MasterSync(cache, server)
    await sync.syncOnce()
    clock = new Date('2026-11-26T09:15:00Z')
    const calls = server.calls.length
    const report = await sync.syncOnce()
    expect(report.changed).toEqual([])
    expect(server.calls.slice(calls)).toEqual(['manifest'])
    expect(cache.meta('lastSyncedAt')).toBe('2026-11-26T09:15:00.000Z')
  })

  it('a delta sync fetches only the changed rows (100 of 28,944 branches) and verifies the result', async () => {
    const cache = MasterCacheDb.open({ dir: null })
    const sync = new MasterSync(cache, server)
    await sync.syncOnce()
    const before = cache.get('ref.bankBranches', [...server.live('ref.bankBranches').keys()][0]!)!
    publishBranchChanges(server, 100)
    const report = await sync.syncOnce()
    expect(report.changed).toEqual([{ dataset: 'ref.bankBranches', mode: 'delta', rows: 100 }])
    const after = cache.get('ref.bankBranches', before.key)!
    expect(parseMasterPayload('ref.bankBranches', after.payload).name).toMatch(/（新）$/)
    expect(cache.datasets().find((d) => d.name === 'ref.bankBranches')!.rowCount).toBe(
      server.live('ref.bankBranches').size,
    )
  })

  it('a future ward version is on the terminal after sync and used only from its date', async () => {
    const cache = MasterCacheDb.open({ dir: null })
    const sync = new MasterSync(cache, server)
    await sync.syncOnce()
    expect(() => stageTableFromMasters(cache, 2027)).toThrow('区の保険料パラメータ')
    publishFutureWardVersion(server)
    const report = await sync.syncOnce()
    expect(report.changed).toEqual([{ dataset: 'ward.parameters', mode: 'delta', rows: 1 }])
    expect(premiumTableFromMasters(cache, 2026).basePremium).toBe(79_200)
    expect(premiumTableFromMasters(cache, 2027)).toMatchObject({ basePremium: 84_000, wardVersionFrom: '2027-04-01' })
  })

  it('a sync cut off mid-way (connection lost on a later page) leaves the previous version fully usable', async () => {
    const cache = MasterCacheDb.open({ dir: null })
    const sync = new MasterSync(cache, server, { pageLimit: 1_000 })
    await sync.syncOnce()
    const versionsBefore = cache.datasets()
    const table = premiumTableFromMasters(cache, 2026)
    publishBranchChanges(server, 2_500)
    publishFutureWardVersion(server, 90_000)
    server.failRowsCall = 3
    await expect(sync.syncOnce()).rejects.toThrow('connection lost')
    server.failRowsCall = null
    expect(cache.datasets()).toEqual(versionsBefore)
    expect(premiumTableFromMasters(cache, 2026)).toEqual(table)
    expect(cache.search('ref.banks', 'ミズホ', null, 5)[0]?.key).toBe('0001')
    await sync.syncOnce()
    expect(premiumTableFromMasters(cache, 2027).basePremium).toBe(90_000)
  })

  it('rows that do not hash to the server’s value are never applied', async () => {
    const cache = MasterCacheDb.open({ dir: null })
    const sync = new MasterSync(cache, server)
    await sync.syncOnce()
    const before = cache.datasets()
    publishBranchChanges(server, 10)
    server.corrupt = (row) => ({ ...row, payload: row.payload.replace('（新）', '（偽）') })
    await expect(sync.syncOnce()).rejects.toThrow('does not match the server')
    server.corrupt = null
    expect(cache.datasets()).toEqual(before)
    await sync.syncOnce()
    expect(cache.datasets()).not.toEqual(before)
  })
})

describe('a corrupt or tampered cache file is detected and rebuilt', () => {
  let server: FakeMasterServer
  let dir: string
  beforeAll(async () => {
    server = await seededServer()
    dir = tempDir()
    const cache = MasterCacheDb.open({ dir, key })
    await new MasterSync(cache, server).syncOnce()
    cache.close()
  })

  it('reopens a good file as it is, with no rebuild', () => {
    const cache = MasterCacheDb.open({ dir, key })
    expect(cache.rebuilt).toBeNull()
    expect(cache.datasets()).toHaveLength(21)
    cache.close()
  })

  it('a payload edited in the file (hash no longer matches) → the file is rebuilt empty, then refilled by a sync', async () => {
    const copy = tempDir()
    editWithKey(dir, copy, (raw) =>
      raw
        .prepare("UPDATE rows SET payload = replace(payload, '79200', '7920') WHERE dataset = 'ward.parameters'")
        .run(),
    )
    const cache = MasterCacheDb.open({ dir: copy, key })
    expect(cache.rebuilt?.reason).toBe('tampered')
    expect(cache.datasets()).toEqual([])
    await new MasterSync(cache, server).syncOnce()
    expect(premiumTableFromMasters(cache, 2026).basePremium).toBe(79_200)
    cache.close()
  })

  it('a row and its hash edited together still fails the dataset hash → rebuilt', () => {
    const copy = tempDir()
    editWithKey(dir, copy, (raw) => raw.prepare("DELETE FROM rows WHERE dataset = 'ref.banks' AND key = '0001'").run())
    const cache = MasterCacheDb.open({ dir: copy, key })
    expect(cache.rebuilt?.reason).toBe('tampered')
    cache.close()
  })

  it('garbage bytes in the middle of the file → corrupt → rebuilt', () => {
    const copy = tempDir()
    const bytes = readFileSync(join(dir, CACHE_FILE_NAME))
    bytes.fill(0x5a, Math.floor(bytes.length / 3), Math.floor(bytes.length / 3) + 65_536)
    writeFileSync(join(copy, CACHE_FILE_NAME), bytes)
    const cache = MasterCacheDb.open({ dir: copy, key })
    expect(cache.rebuilt?.reason).toMatch(/corrupt|tampered/)
    expect(cache.datasets()).toEqual([])
    cache.close()
  })

  it('a file that is not a sealed SQLite image at all, or of another layout → rebuilt', () => {
    const copy = tempDir()
    writeFileSync(join(copy, CACHE_FILE_NAME), 'this is not a database'.repeat(100))
    const cache = MasterCacheDb.open({ dir: copy, key })
    expect(cache.rebuilt?.reason).toBe('corrupt')
    cache.close()
    const other = tempDir()
    const raw = new Database(':memory:')
    raw.exec("CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT); INSERT INTO meta VALUES ('schemaVersion', '0')")
    writeFileSync(join(other, CACHE_FILE_NAME), key.seal(raw.serialize(), CACHE_SEAL_PURPOSE))
    raw.close()
    const again = MasterCacheDb.open({ dir: other, key })
    expect(again.rebuilt?.reason).toBe('schema')
    again.close()
    expect(statSync(join(other, CACHE_FILE_NAME)).size).toBeGreaterThan(0)
  })
})

describe('offline lookups read the cache only', () => {
  it('finds banks by code prefix or kana (hiragana typed), providers by name, rows valid on a date', async () => {
    const server = await seededServer()
    const cache = MasterCacheDb.open({ dir: null })
    await new MasterSync(cache, server).syncOnce()
    server.offline = true
    expect(cache.search('ref.banks', '0005', null, 10).map((r) => r.key)).toContain('0005')
    const byKana = cache.search('ref.bankBranches', 'とうきよう', null, 200)
    expect(byKana.length).toBeGreaterThan(0)
    expect(byKana.every((r) => parseMasterPayload('ref.bankBranches', r.payload).kana.includes('トウキヨウ'))).toBe(
      true,
    )
    expect(cache.search('ref.serviceTypes', '53', '2024-03-31', 10).map((r) => r.key)).toContain('53')
    expect(cache.search('ref.serviceTypes', '53', '2024-04-01', 10).map((r) => r.key)).not.toContain('53')
    expect(cache.get('ref.insurer', 'insurer')).not.toBeNull()
  })
})
