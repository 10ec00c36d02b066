import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { and, eq, sql } from 'drizzle-orm'
import { BackendError } from '../../../../electron/main/backend/backend-client'
import type { MasterRowsPage } from '../../../../shared/masters/api'
import { masterDatasetNames, parseMasterPayload } from '../../../../shared/masters/datasets'
import { canonicalJson } from '../../../../shared/masters/hash'
import type { Db } from '../../../../server/src/core/db/connect'
import { ensureShippedMasters, shippedDatasets } from '../../../../server/src/areas/masters'
import { demoShippedSources } from '../../../../server/src/demo/shipped-sources'
import { masterVersions } from '../../../../server/src/areas/masters/schema'
import { liveRows, lockMasters, publishChanges } from '../../../../server/src/areas/masters/store'
import { signIn } from '../../support/accounts'
import { terminalClient } from '../../support/clients'
import { databaseKinds } from '../../support/databases'
import { startTestServer, type TestServer } from '../../support/test-server'
import { terminal } from './terminal'

describe.each(databaseKinds)('masters on the server and their delta sync to a terminal (%s)', (kind) => {
  let t: TestServer
  let token: string
  let db: Db
  beforeAll(async () => {
    t = await startTestServer(kind, 1_000)
    db = t.database.db as Db
    token = await signIn(t, 'shikaku01')
  })
  afterAll(() => t.close())

  it('publishes every shipped master once, with the shipped content hash; a restart writes nothing', async () => {
    const manifest = await terminalClient(t).call('masters.manifest', {}, token)
    expect(manifest.datasets.map((d) => d.name).sort()).toEqual([...masterDatasetNames].sort())
    const shipped = new Map(shippedDatasets(demoShippedSources()).map((d) => [d.dataset, d.contentHash]))
    for (const d of manifest.datasets) {
      expect(d.version).toBe(1)
      if (shipped.has(d.name)) expect(d.contentHash).toBe(shipped.get(d.name))
    }
    expect(manifest.datasets.find((d) => d.name === 'ref.providers')).toMatchObject({ sample: true, rowCount: 560 })
    expect(await ensureShippedMasters(db, demoShippedSources())).toEqual([])
  })

  it('refuses the masters without a session', async () => {
    const error = await terminalClient(t)
      .call('masters.manifest', {})
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(BackendError)
    expect((error as BackendError).code).toBe('notAuthenticated')
  })

  it('pages a full version in key order and a delta with only the changed and removed rows', async () => {
    const client = terminalClient(t)
    const manifest = await client.call('masters.manifest', {}, token)
    const banks = manifest.datasets.find((d) => d.name === 'ref.banks')!
    const keys: string[] = []
    let afterKey: string | null = null
    do {
      const page: MasterRowsPage = await client.call(
        'masters.rows',
        { dataset: 'ref.banks', fromVersion: null, toVersion: banks.version, afterKey, limit: 400 },
        token,
      )
      expect(page.full).toBe(true)
      keys.push(...page.rows.map((r) => r.key))
      afterKey = page.nextAfterKey
    } while (afterKey !== null)
    expect(keys).toHaveLength(banks.rowCount)
    expect([...keys].sort()).toEqual(keys)

    // A zengin-code update: 3 banks renamed, 1 removed → version 2 holds only those 4 row states.
    const live = await liveRows(db, 'ref.banks')
    const renamed = live.slice(0, 3).map((r) => ({
      ...r,
      payload: canonicalJson({ ...parseMasterPayload('ref.banks', r.payload), name: 'テスト改称' }),
    }))
    const removed = live[10]!.key
    await db.transaction(async (tx) => {
      await lockMasters(tx)
      await publishChanges(tx, 'ref.banks', { upserts: renamed, deletes: [removed] }, { reason: 'test' })
    })
    const delta = await client.call(
      'masters.rows',
      { dataset: 'ref.banks', fromVersion: 1, toVersion: 2, afterKey: null, limit: 1_000 },
      token,
    )
    expect(delta.full).toBe(false)
    expect(delta.rows.map((r) => [r.key, r.payload === null])).toEqual([
      ...renamed.map((r) => [r.key, false]),
      [removed, true],
    ])
  })

  it('never rewrites a past version: the database refuses UPDATE and DELETE of versions and rows', async () => {
    await expect(db.execute(sql`UPDATE master_rows SET payload = '{}' WHERE dataset = 'ref.banks'`)).rejects.toThrow()
    await expect(db.execute(sql`DELETE FROM master_versions WHERE dataset = 'ref.banks'`)).rejects.toThrow()
    // Version 1 still reads exactly as shipped, after version 2 was published.
    const [v1] = await db
      .select()
      .from(masterVersions)
      .where(and(eq(masterVersions.dataset, 'ref.banks'), eq(masterVersions.version, 1)))
    const asShipped = shippedDatasets(demoShippedSources()).find((d) => d.dataset === 'ref.banks')!.rows
    expect((await liveRows(db, 'ref.banks', v1!.revision)).map(({ rowHash: _h, ...r }) => r)).toEqual(asShipped)
  })

  it('a terminal’s cache in the user profile: full sync, then a delta of only what changed', async () => {
    const { masters } = terminal(t, token)
    const first = await masters.syncNow()
    expect(first!.changed.every((c) => c.mode === 'full')).toBe(true)
    const status = masters.status()
    expect(status.state).toBe('ready')
    expect(status.datasets).toHaveLength(masterDatasetNames.length)

    const live = await liveRows(db, 'ref.bankBranches')
    const changed = live.slice(0, 100).map((r) => ({
      ...r,
      payload: canonicalJson({ ...parseMasterPayload('ref.bankBranches', r.payload), kana: 'テスト' }),
    }))
    await db.transaction(async (tx) => {
      await lockMasters(tx)
      await publishChanges(tx, 'ref.bankBranches', { upserts: changed, deletes: [] }, { reason: 'test' })
    })
    const second = await masters.syncNow()
    expect(second!.changed).toEqual([{ dataset: 'ref.bankBranches', mode: 'delta', rows: 100 }])
    expect(masters.search({ dataset: 'ref.bankBranches', text: 'てすと', limit: 200 }).rows).toHaveLength(100)
    masters.close()
  })
})
