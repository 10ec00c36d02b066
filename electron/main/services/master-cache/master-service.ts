/**
 * The masters on the terminal: the cache in the user profile, its sync (at login and every
 * `syncIntervalMinutes` of the terminal policy), offline lookups and master-only calculations for the renderer, and
 * the ward-parameter change workflow (online only, through the backend).
 */
import type {
  DecideWardChange,
  MasterRowsRequest,
  ProposeWardChange,
  WardChangeDetail,
  WardChangeList,
} from '../../../../shared/masters/api'
import { masterCatalog, type MasterDatasetName, type MasterRow } from '../../../../shared/masters/datasets'
import {
  premiumTableFromMasters,
  validOn,
  type MasterReader,
  type PremiumTable,
} from '../../../../shared/masters/engine'
import type { MasterCacheStatus, MasterSearchRequest, MasterSearchResult } from '../../../../shared/masters/ipc'
import { ParameterNotFoundError } from '../../../../shared/domain'
import { BackendError, type BackendClient } from '../../backend/backend-client'
import type { DataKey } from '../at-rest/data-key'
import type { AuthService } from '../auth-service'
import { IntegrityMismatchError, MasterCacheDb } from './cache-db'
import { MasterSync, type MasterSource, type SyncReport } from './master-sync'

export interface IntervalTimer {
  setInterval(fn: () => void, ms: number): unknown
  clearInterval(handle: unknown): void
}

/** Real timers that never keep the process alive by themselves. */
export const unrefTimer: IntervalTimer = {
  setInterval: (fn, ms) => setInterval(fn, ms).unref(),
  clearInterval: (handle) => clearInterval(handle as NodeJS.Timeout),
}

export interface MasterServiceOptions {
  /**
   * Directory of the cache file in the user profile (null: in memory). A function is called when the cache is first
   * used, so the composition root can pass `() => app.getPath('userData')` without touching the disk at start-up.
   */
  cacheDir: string | null | (() => string | null)
  /**
   * The terminal's data key (services/at-rest/data-key.ts): the cache file is written only sealed with it (C-07).
   * Absent or null (no OS key store): the cache is kept in memory only, whatever `cacheDir` says.
   */
  dataKey?: DataKey | null
  syncIntervalMinutes: number
  timer?: IntervalTimer
  now?: () => Date
  /** Replaces the backend as the source of masters (tests, benchmarks). */
  source?: MasterSource
}

const EMPTY_MESSAGE = 'マスタがまだ同期されていません。ネットワークに接続して同期してください'

function syncErrorMessage(error: unknown): string {
  if (error instanceof BackendError) return error.message
  if (error instanceof IntegrityMismatchError) {
    return 'マスタの整合性を確認できませんでした（サーバーの値と一致しません）。前回の版を使い続けます'
  }
  return 'マスタの同期に失敗しました。前回の版を使い続けます'
}

export class MasterService {
  private opened: { cache: MasterCacheDb; sync: MasterSync } | null = null
  private readonly source: MasterSource
  private readonly timer: IntervalTimer
  private readonly now: () => Date
  private handle: unknown = null
  private running: Promise<SyncReport | null> | null = null

  constructor(
    private readonly backend: BackendClient,
    private readonly auth: AuthService,
    private readonly options: MasterServiceOptions,
  ) {
    this.now = options.now ?? (() => new Date())
    this.timer = options.timer ?? unrefTimer
    this.source = options.source ?? {
      manifest: () =>
        this.auth.authenticated((token) => this.backend.call<'masters.manifest'>('masters.manifest', {}, token)),
      rows: (request: MasterRowsRequest) =>
        this.auth.authenticated((token) => this.backend.call<'masters.rows'>('masters.rows', request, token)),
    }
  }

  /** The cache, opened (and verified, rebuilt if needed) on first use. */
  get cache(): MasterCacheDb {
    return this.open().cache
  }

  private open(): { cache: MasterCacheDb; sync: MasterSync } {
    if (this.opened === null) {
      const dir = typeof this.options.cacheDir === 'function' ? this.options.cacheDir() : this.options.cacheDir
      const key = this.options.dataKey ?? null
      const cache =
        dir !== null && key !== null
          ? MasterCacheDb.open({ dir, key, now: this.now })
          : MasterCacheDb.open({ dir: null, now: this.now })
      this.opened = { cache, sync: new MasterSync(cache, this.source) }
    }
    return this.opened
  }

  /** Starts the periodic sync (only while someone is signed in: the server needs a session). */
  start(): void {
    if (this.handle !== null) return
    this.handle = this.timer.setInterval(() => {
      if (this.auth.currentUser() !== null) void this.syncNow()
    }, this.options.syncIntervalMinutes * 60_000)
  }

  stop(): void {
    if (this.handle !== null) this.timer.clearInterval(this.handle)
    this.handle = null
  }

  close(): void {
    this.stop()
    this.opened?.cache.close()
    this.opened = null
  }

  /** Called after a successful login: sync in the background (the login answer does not wait). */
  afterLogin(): void {
    void this.syncNow()
  }

  /**
   * One sync (joined when one is already running). Never throws: a failure is recorded and shown with the cache age,
   * and the previous version stays in use.
   */
  async syncNow(): Promise<SyncReport | null> {
    if (this.running) return this.running
    this.running = (async () => {
      try {
        const { cache, sync } = this.open()
        cache.verify()
        const report = await sync.syncOnce()
        this.cache.recordAttempt(null)
        return report
      } catch (error) {
        this.cache.recordAttempt(syncErrorMessage(error))
        return null
      } finally {
        this.running = null
      }
    })()
    return this.running
  }

  status(): MasterCacheStatus {
    const datasets = this.cache.datasets()
    return {
      state: datasets.length > 0 ? 'ready' : 'empty',
      lastSyncedAt: this.cache.meta('lastSyncedAt'),
      lastAttemptAt: this.cache.meta('lastAttemptAt'),
      lastError: this.cache.meta('lastError'),
      syncing: this.running !== null,
      rebuiltAt: this.cache.rebuilt?.at.toISOString() ?? null,
      rebuildReason: this.cache.rebuilt?.reason ?? null,
      syncIntervalMinutes: this.options.syncIntervalMinutes,
      now: this.now().toISOString(),
      datasets: datasets.map((d) => ({
        name: d.name,
        label: d.label,
        category: d.category,
        source: d.source,
        sample: d.sample,
        unverified: d.unverified,
        version: d.version,
        contentHash: d.contentHash,
        rowCount: d.rowCount,
      })),
    }
  }

  /** The cache as the engine's reader (throws when nothing is cached yet). */
  reader(): MasterReader {
    if (this.cache.datasets().length === 0) throw new BackendError('notFound', EMPTY_MESSAGE)
    return this.cache
  }

  /** Offline lookup in one dataset. */
  search(request: MasterSearchRequest): MasterSearchResult {
    const reader = this.reader()
    const dataset = request.dataset as MasterDatasetName
    const limit = request.limit ?? 50
    const on = request.on ?? null
    let rows: MasterRow[]
    if (on !== null && masterCatalog[dataset].timeline) {
      const row = reader.latestFrom(dataset, on)
      rows = row && validOn(row, on) ? [row] : []
    } else {
      rows = this.cache.search(dataset, request.text ?? '', on, limit)
    }
    return {
      dataset,
      rows: rows.slice(0, limit).map((r) => ({
        key: r.key,
        validFrom: r.validFrom,
        validTo: r.validTo,
        value: JSON.parse(r.payload) as Record<string, unknown>,
      })),
      truncated: rows.length > limit,
    }
  }

  /** Every stage's annual premium of a fiscal year, from the cached masters only. */
  premiumTable(fiscalYear: number): PremiumTable {
    try {
      return premiumTableFromMasters(this.reader(), fiscalYear)
    } catch (error) {
      if (error instanceof ParameterNotFoundError) {
        throw new BackendError('notFound', `${fiscalYear}年度に適用されるマスタ（${error.table}）がありません`)
      }
      throw error
    }
  }

  // ── ward parameter changes (online) ──────────────────────────────────────────────────────────────────────────────

  wardChanges(): Promise<WardChangeList> {
    return this.auth.authenticated((token) => this.backend.call('masters.wardChanges', {}, token))
  }

  wardChange(id: number): Promise<WardChangeDetail> {
    return this.auth.authenticated((token) => this.backend.call('masters.wardChange', { id }, token))
  }

  async proposeWardChange(input: ProposeWardChange): Promise<WardChangeDetail> {
    return this.auth.authenticated((token) => this.backend.call('masters.proposeWardChange', input, token))
  }

  /** Decides a request; an approval is synced to this terminal right away. */
  async decideWardChange(input: DecideWardChange): Promise<WardChangeDetail> {
    const detail = await this.auth.authenticated((token) => this.backend.call('masters.decideWardChange', input, token))
    if (input.decision === 'approve') await this.syncNow()
    return detail
  }
}
