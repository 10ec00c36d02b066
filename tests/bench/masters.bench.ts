/**
 * Master sync benchmarks: the server's master store on the embedded database (PGlite, in memory) feeding a
 * terminal cache file (better-sqlite3) — full sync of every shipped master, a delta of 100 changed rows, lookup
 * latency — beside the raw better-sqlite3 insert rate of the same rows as the yardstick.
 *
 * The rows travel as the HTTP contract carries them (each page serialised to JSON and parsed back with the output
 * schema); TLS and session checks are left out so the numbers isolate the master path.
 */
import { join } from 'node:path'
import { statSync } from 'node:fs'
import Database from 'better-sqlite3'
import { MasterRowsPage$, MasterManifest$ } from '../../shared/masters/api'
import { parseMasterPayload, type MasterRow } from '../../shared/masters/datasets'
import { canonicalJson } from '../../shared/masters/hash'
import { premiumTableFromMasters } from '../../shared/masters/engine'
import { DataKey } from '../../electron/main/services/at-rest/data-key'
import { CACHE_FILE_NAME, MasterCacheDb } from '../../electron/main/services/master-cache/cache-db'
import { MasterSync, type MasterSource } from '../../electron/main/services/master-cache/master-sync'
import { openDatabase } from '../../server/src/core/db/connect'
import { ensureShippedMasters } from '../../server/src/areas/masters/shipped'
import { demoShippedSources } from '../../server/src/demo/shipped-sources'
import { liveRows, lockMasters, manifest, publishChanges, rowsPage } from '../../server/src/areas/masters/store'
import type { BenchModule } from './types'
import { bytes, count, ms, percentile, us } from './types'

const FULL_SYNC_BUDGET_MS = 1_000
const LOOKUPS = 2_000

export const mastersBench: BenchModule = {
  id: 'masters',
  title: 'Master data: server → terminal cache sync and offline lookups',
  async run({ tmpDir, log }) {
    const handle = await openDatabase({ dataDir: 'memory' })
    const db = handle.db
    let started = performance.now()
    await ensureShippedMasters(db, demoShippedSources())
    const importMs = performance.now() - started
    log(`first import of the shipped masters: ${ms(importMs)}`)

    let wireBytes = 0
    const source: MasterSource = {
      manifest: async () => MasterManifest$.parse(JSON.parse(JSON.stringify({ datasets: await manifest(db) }))),
      rows: async (request) => {
        const body = JSON.stringify(await rowsPage(db, request))
        wireBytes += Buffer.byteLength(body)
        return MasterRowsPage$.parse(JSON.parse(body))
      },
    }

    const fullSync = async (label: string) => {
      const dir = join(tmpDir, label)
      const cache = MasterCacheDb.open({ dir, key: DataKey.generate() })
      wireBytes = 0
      const t0 = performance.now()
      const report = await new MasterSync(cache, source).syncOnce()
      const elapsed = performance.now() - t0
      return { cache, report, elapsed, wire: wireBytes, file: statSync(join(dir, CACHE_FILE_NAME)).size }
    }
    const cold = await fullSync('cold')
    cold.cache.close()
    log(`full sync (first terminal): ${ms(cold.elapsed)}`)
    // Later terminals: the median of three runs (the machine may be shared).
    const later = []
    for (const i of [1, 2, 3]) later.push(await fullSync(`warm${i}`))
    later.sort((a, b) => a.elapsed - b.elapsed)
    for (const l of [later[0]!, later[2]!]) l.cache.close()
    const warm = later[1]!
    log(`full sync (later terminal, median of 3): ${ms(warm.elapsed)}`)
    const cache = warm.cache
    const datasets = cache.datasets()
    const rowCount = datasets.reduce((n, d) => n + d.rowCount, 0)

    // Delta: 100 changed bank branches (a zengin-code update).
    const branches = await liveRows(db, 'ref.bankBranches')
    const changed = branches.slice(0, 100).map((r) => ({
      key: r.key,
      validFrom: r.validFrom,
      validTo: r.validTo,
      payload: canonicalJson({ ...parseMasterPayload('ref.bankBranches', r.payload), kana: 'ベンチ' }),
    }))
    await db.transaction(async (tx) => {
      await lockMasters(tx)
      await publishChanges(tx, 'ref.bankBranches', { upserts: changed, deletes: [] }, { reason: 'bench' })
    })
    wireBytes = 0
    started = performance.now()
    const delta = await new MasterSync(cache, source).syncOnce()
    const deltaMs = performance.now() - started
    const deltaWire = wireBytes
    log(`delta sync of 100 rows: ${ms(deltaMs)}`)

    // Yardstick: the same rows inserted raw (one prepared statement, one transaction, no hashing or checks).
    const all: MasterRow[] = []
    for (const d of datasets) {
      for (const r of cache.search(d.name, '', null, 100_000)) all.push(r)
    }
    const raw = new Database(join(tmpDir, 'raw.sqlite3'))
    raw.pragma('journal_mode = WAL')
    raw.pragma('synchronous = NORMAL')
    raw.exec('CREATE TABLE rows (key TEXT, valid_from TEXT, valid_to TEXT, payload TEXT)')
    const insert = raw.prepare('INSERT INTO rows VALUES (?, ?, ?, ?)')
    const insertAll = raw.transaction((list: MasterRow[]) => {
      for (const r of list) insert.run(r.key, r.validFrom, r.validTo, r.payload)
    })
    started = performance.now()
    insertAll(all)
    const rawMs = performance.now() - started
    started = performance.now()
    insertAll(all.slice(0, 100))
    const raw100Ms = performance.now() - started
    raw.close()

    // Lookups (offline: the cache only).
    const keys = branches.map((r) => r.key)
    const timed = (fn: (i: number) => unknown) => {
      const samples: number[] = []
      for (let i = 0; i < LOOKUPS; i++) {
        const t0 = performance.now()
        fn(i)
        samples.push(performance.now() - t0)
      }
      return { p50: percentile(samples, 50), p99: percentile(samples, 99) }
    }
    const byKey = timed((i) => cache.get('ref.bankBranches', keys[(i * 7919) % keys.length]!))
    const inForce = timed((i) => cache.latestFrom('ward.parameters', `202${4 + (i % 3)}-0${1 + (i % 9)}-15`))
    const search = timed((i) =>
      cache.search('ref.bankBranches', ['トウキヨウ', 'しんじゅく', '0009', 'オオサカ'][i % 4]!, null, 20),
    )
    const premium = timed(() => premiumTableFromMasters(cache, 2026))
    cache.close()
    await handle.close()

    const failures = [cold.elapsed, warm.elapsed].some((t) => t > FULL_SYNC_BUDGET_MS)
      ? [`full sync ${ms(cold.elapsed)} / ${ms(warm.elapsed)} > ${ms(FULL_SYNC_BUDGET_MS)}`]
      : []
    const rate = (n: number, t: number) => `${count(Math.round((n / t) * 1000))} rows/s`
    const markdown = `
Shipped masters: ${count(rowCount)} rows in ${datasets.length} datasets, all fetched in full by a new terminal.
First import into the server database (PGlite, in memory): ${ms(importMs)}.

| Operation | Rows | Transferred (JSON) | Time | Rate |
| --- | ---: | ---: | ---: | ---: |
| Full sync, first terminal after the server start (budget ≤ ${ms(FULL_SYNC_BUDGET_MS)}) | ${count(rowCount)} | ${bytes(cold.wire)} | ${ms(cold.elapsed)} | ${rate(rowCount, cold.elapsed)} |
| Full sync, a later terminal (median of 3) | ${count(rowCount)} | ${bytes(warm.wire)} | ${ms(warm.elapsed)} | ${rate(rowCount, warm.elapsed)} |
| Delta sync, 100 changed rows | ${count(delta.changed.reduce((n, c) => n + c.rows, 0))} | ${bytes(deltaWire)} | ${ms(deltaMs)} | — |
| Yardstick: raw better-sqlite3 insert of the same rows | ${count(all.length)} | — | ${ms(rawMs)} | ${rate(all.length, rawMs)} |
| Yardstick: raw insert of 100 rows | 100 | — | ${ms(raw100Ms)} | ${rate(100, raw100Ms)} |

Cache file after the full sync: ${bytes(warm.file)}. Every sync recomputes the row hashes it writes and the
SHA-256 content hash of each changed dataset (all its rows: 28,944 for the branches, also in the delta) and compares
it with the server's inside its single transaction; that, the JSON parsing and schema checks of the pages and the
secondary index are the gap to the raw insert.

| Offline lookup (${count(LOOKUPS)} calls) | p50 | p99 |
| --- | ---: | ---: |
| Branch by key | ${us(byKey.p50)} | ${us(byKey.p99)} |
| Ward parameters in force on a date | ${us(inForce.p50)} | ${us(inForce.p99)} |
| Branch search by kana/code (20 rows) | ${us(search.p50)} | ${us(search.p99)} |
| Premium table of a fiscal year from the cache | ${us(premium.p50)} | ${us(premium.p99)} |
`
    return { markdown, failures }
  },
}
