import { spawnSync } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseMasterPayload } from '../../../../../../shared/masters/datasets'
import { premiumTableFromMasters, stageTableFromMasters } from '../../../../../../shared/masters/engine'
import { MasterCacheDb } from '../../../../../../electron/main/services/master-cache/cache-db'
import { MasterSync } from '../../../../../../electron/main/services/master-cache/master-sync'
import { testDataKey } from '../../../fixtures/secret-store'
import { seededServer } from './fixtures/fake-master-server'

describe('killing the sync mid-way', () => {
  it('a process killed (SIGKILL) inside the apply transaction leaves the previous version fully usable', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kaigo-master-kill-'))
    const child = spawnSync(process.execPath, ['--import', 'tsx', join(__dirname, 'fixtures/kill-mid-sync.ts'), dir], {
      encoding: 'utf8',
      timeout: 120_000,
    })
    expect(child.signal).toBe('SIGKILL')
    expect(child.stdout).toContain('killing')
    expect(child.stdout).not.toContain('not killed')

    const cache = MasterCacheDb.open({ dir, key: testDataKey().key })
    // The file verifies (no rebuild) and holds version 1 of everything, with every row of it.
    expect(cache.rebuilt).toBeNull()
    expect(new Set(cache.datasets().map((d) => d.version))).toEqual(new Set([1]))
    const branch = cache.search('ref.bankBranches', '', null, 1)[0]!
    expect(parseMasterPayload('ref.bankBranches', branch.payload).name).not.toMatch(/（新）$/)
    expect(premiumTableFromMasters(cache, 2026).basePremium).toBe(79_200)
    expect(() => stageTableFromMasters(cache, 2027)).toThrow()

    // And the cache syncs as usual afterwards.
    const server = await seededServer()
    await new MasterSync(cache, server).syncOnce()
    expect(cache.rebuilt).toBeNull()
    cache.close()
  }, 180_000)
})
