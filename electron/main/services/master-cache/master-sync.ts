/**
 * Delta sync of the master cache: read the server's manifest, fetch for each dataset whose version or hash differs
 * only the rows changed since the cached version (all rows when the cache has none, or when the server cannot serve a
 * delta), then apply everything in one transaction (cache-db.ts). A dataset whose result does not hash to the
 * server's value is fetched again in full; if that fails too, nothing is applied and the previous version stays.
 */
import type {
  MasterManifest,
  MasterManifestEntry,
  MasterRowChange,
  MasterRowsPage,
  MasterRowsRequest,
} from '../../../../shared/masters/api'
import { MASTER_PAGE_LIMIT } from '../../../../shared/masters/api'
import { IntegrityMismatchError, type DatasetApply, type MasterCacheDb } from './cache-db'

/** Where the masters come from: the server through the authenticated backend client (or a fake in tests). */
export interface MasterSource {
  manifest(): Promise<MasterManifest>
  rows(request: MasterRowsRequest): Promise<MasterRowsPage>
}

export interface SyncReport {
  /** Datasets written, with how they were fetched and how many rows came. */
  changed: { dataset: string; mode: 'full' | 'delta'; rows: number }[]
  removed: string[]
  unchanged: number
  /** Bytes of row payload text received. */
  payloadBytes: number
  ms: number
}

export interface MasterSyncOptions {
  pageLimit?: number
  /** Datasets fetched in parallel. */
  concurrency?: number
  /** Test seam: called inside the apply transaction, just before commit. */
  beforeCommit?(): void
}

async function mapLimited<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length)
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const i = next++
      results[i] = await fn(items[i]!)
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
  return results
}

export class MasterSync {
  constructor(
    private readonly cache: MasterCacheDb,
    private readonly source: MasterSource,
    private readonly options: MasterSyncOptions = {},
  ) {}

  private async fetch(entry: MasterManifestEntry, fromVersion: number | null): Promise<DatasetApply> {
    const rows: MasterRowChange[] = []
    let afterKey: string | null = null
    let full = fromVersion === null
    do {
      const page: MasterRowsPage = await this.source.rows({
        dataset: entry.name,
        fromVersion,
        toVersion: entry.version,
        afterKey,
        limit: this.options.pageLimit ?? MASTER_PAGE_LIMIT,
      })
      if (page.full && !full) {
        // The server could not serve the delta: start over with the full listing.
        if (afterKey !== null) return this.fetch(entry, null)
        full = true
      }
      rows.push(...page.rows)
      afterKey = page.nextAfterKey
    } while (afterKey !== null)
    return { entry, full, rows }
  }

  /** One sync. Throws (nothing applied) when the server cannot be reached or the data does not verify. */
  async syncOnce(): Promise<SyncReport> {
    const started = performance.now()
    const manifest = await this.source.manifest()
    const local = new Map(this.cache.datasets().map((d) => [d.name, d]))
    const plans = manifest.datasets.flatMap((entry) => {
      const cached = local.get(entry.name)
      if (cached && cached.version === entry.version && cached.contentHash === entry.contentHash) return []
      const fromVersion = cached && cached.version < entry.version ? cached.version : null
      return [{ entry, fromVersion }]
    })
    const served = new Set(manifest.datasets.map((d) => d.name))
    const removed = [...local.keys()].filter((name) => !served.has(name))
    if (plans.length === 0 && removed.length === 0) {
      this.cache.markSynced()
      return { changed: [], removed: [], unchanged: manifest.datasets.length, payloadBytes: 0, ms: elapsed(started) }
    }
    const changes = await mapLimited(plans, this.options.concurrency ?? 4, (p) => this.fetch(p.entry, p.fromVersion))
    const apply = (list: DatasetApply[]) =>
      this.cache.apply(list, removed, this.options.beforeCommit ? { beforeCommit: this.options.beforeCommit } : {})
    // A delta that does not hash right is fetched again in full (each dataset at most once); a full listing that does
    // not hash right fails the sync with nothing applied.
    for (;;) {
      try {
        apply(changes)
        break
      } catch (error) {
        if (!(error instanceof IntegrityMismatchError)) throw error
        const i = changes.findIndex((c) => c.entry.name === error.dataset)
        const failed = changes[i]
        if (!failed || failed.full) throw error
        changes[i] = await this.fetch(failed.entry, null)
      }
    }
    return {
      changed: changes.map((c) => ({ dataset: c.entry.name, mode: c.full ? 'full' : 'delta', rows: c.rows.length })),
      removed,
      unchanged: manifest.datasets.length - plans.length,
      payloadBytes: changes.reduce((n, c) => n + c.rows.reduce((m, r) => m + (r.payload?.length ?? 0), 0), 0),
      ms: elapsed(started),
    }
  }
}

const elapsed = (started: number) => Math.round(performance.now() - started)
