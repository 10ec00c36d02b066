import { create } from 'zustand'
import {
  batchKindLabels,
  type BatchKind,
  type BatchRunDetail,
  type BatchRunSummary,
} from '../../../../shared/api/premium-batches'
import type { IpcResult } from '../../../../shared/ipc/contract'
import { registerPersonalData } from '../../app/personal-data-registry'
import { preparedBySession } from '../../lib/four-eyes'
import { idleRequest, settle, type RequestState } from '../../lib/request'
import { api } from '../../platform/bridge'

/** Persons per page of the diff. */
export const DIFF_PAGE_SIZE = 50

/** What the session may do with a run; the server checks every rule again (four eyes, step-up, state). */
export interface BatchRunActions {
  /** The 監督者's sign-off of a dry run; never the preparer's own. */
  approve: boolean
  /** The 監督者 sends it back with a reason (差戻し); never the preparer's own. */
  reject: boolean
  /** The commit of a signed-off run (or the rest of one interrupted), by the preparing side. */
  commit: boolean
}

export function batchRunActions(
  run: Pick<BatchRunSummary, 'status' | 'preparedBy'>,
  session: { loginId: string; displayName: string; mayBatch: boolean; mayApprove: boolean },
): BatchRunActions {
  const signOff =
    run.status === 'awaitingApproval' &&
    session.mayApprove &&
    !preparedBySession(run.preparedBy, session.loginId, session.displayName)
  return {
    approve: signOff,
    reject: signOff,
    commit: (run.status === 'approved' || run.status === 'committing') && session.mayBatch,
  }
}

/** The title of a run: 「第3号 令和8年度 本算定」. */
export const runTitle = (run: Pick<BatchRunSummary, 'id' | 'kind' | 'fiscalYear'>): string =>
  `第${run.id}号 ${run.fiscalYear}年度 ${batchKindLabels[run.kind]}`

/** The commit's progress: chunks committed of all. */
export interface CommitProgress {
  runId: number
  committedChunks: number
  totalChunks: number
}

interface PremiumBatchState {
  runs: BatchRunSummary[]
  loading: boolean
  loadError: string | null
  selectedId: number | null
  /** The selected run: summary, per stage, refused persons and one page of the diff (residents' names). */
  detail: RequestState<BatchRunDetail>
  /** The last write (dry run, sign-off, 差戻し, commit): busy, its Japanese error, or what it did. */
  write: RequestState<string>
  /** While (and after) a commit runs: how far it is. */
  progress: CommitProgress | null
  refresh(): Promise<void>
  /** Selects a run and loads its first page (or the page at `offset`). */
  select(runId: number, offset?: number): Promise<void>
  /** The dry run: computes and stores what the commit would write; nothing is assessed yet. */
  dryRun(kind: BatchKind, fiscalYear: number): Promise<boolean>
  /** The 監督者's sign-off, after the step-up dialog has succeeded. */
  approve(runId: number): Promise<boolean>
  reject(runId: number, reason: string): Promise<boolean>
  /** Commits chunk after chunk until the run is committed; an interruption leaves it resumable (press again). */
  commit(runId: number): Promise<boolean>
  clearMessage(): void
  reset(): void
}

const empty = {
  runs: [],
  loading: false,
  loadError: null,
  selectedId: null,
  detail: idleRequest,
  write: idleRequest,
  progress: null,
}

/**
 * 賦課バッチ (仮算定・本算定・異動賦課): the runs, the dry run, the sign-off by a second person (監督者, step-up), the
 * 差戻し and the commit in chunks with its progress. The diff and the refused list name residents: cleared with the
 * other personal-data stores on logout and lock. Every write carries a fresh idempotency key.
 */
export const usePremiumBatchStore = create<PremiumBatchState>()((set, get) => {
  const key = () => crypto.randomUUID()
  let newestDetail = 0

  /** Runs a write: a second one while one runs is ignored (a double press sends once). */
  async function write<T>(call: () => Promise<IpcResult<T>>, done: (value: T) => string, runId: (value: T) => number) {
    if (get().write.busy) return false
    set({ write: { ...idleRequest, busy: true } })
    const result = await call()
    set((s) => ({ write: settle(s.write, result.ok ? { ok: true, value: done(result.value) } : result) }))
    await get().refresh()
    if (result.ok) await get().select(runId(result.value))
    else if (get().selectedId !== null) await get().select(get().selectedId!, get().detail.data?.diff.offset ?? 0)
    return result.ok
  }

  return {
    ...empty,
    refresh: async () => {
      set({ loading: true })
      const res = await api.premiums.batchRuns({})
      set({ loading: false, loadError: res.ok ? null : res.message, ...(res.ok ? { runs: res.value.runs } : {}) })
    },
    select: async (runId, offset = 0) => {
      const mine = ++newestDetail
      set((s) => ({
        selectedId: runId,
        detail: s.selectedId === runId ? { ...s.detail, busy: true, error: null } : { ...idleRequest, busy: true },
      }))
      const res = await api.premiums.batchRun({ runId, offset, limit: DIFF_PAGE_SIZE })
      if (mine !== newestDetail) return
      set((s) => ({ detail: settle(s.detail, res) }))
    },
    dryRun: (kind, fiscalYear) =>
      write(
        () => api.premiums.batchDryRun({ kind, fiscalYear, idempotencyKey: key() }),
        (d) =>
          `${runTitle(d.summary)}の試算を作成しました（対象 ${d.summary.persons.toLocaleString('ja-JP')}人）。監督者の承認が必要です`,
        (d) => d.summary.id,
      ),
    approve: (runId) =>
      write(
        () => api.premiums.batchApprove({ runId, idempotencyKey: key() }),
        (run) => `${runTitle(run)}を承認しました`,
        (run) => run.id,
      ),
    reject: (runId, reason) =>
      write(
        () => api.premiums.batchReject({ runId, reason, idempotencyKey: key() }),
        (run) => `${runTitle(run)}を差し戻しました`,
        (run) => run.id,
      ),
    commit: async (runId) => {
      if (get().write.busy) return false
      const run = get().runs.find((r) => r.id === runId)
      set({
        write: { ...idleRequest, busy: true },
        progress: { runId, committedChunks: run?.committedChunks ?? 0, totalChunks: run?.totalChunks ?? 0 },
      })
      let before = run?.committedChunks ?? -1
      let outcome: IpcResult<string>
      for (;;) {
        const res = await api.premiums.batchCommit({ runId, idempotencyKey: key() })
        if (!res.ok) {
          outcome = res
          break
        }
        const { status, committedChunks, totalChunks } = res.value
        set({ progress: { runId, committedChunks, totalChunks } })
        if (status === 'committed') {
          outcome = { ok: true, value: `第${runId}号を実行しました（${totalChunks}区分すべて反映済み）` }
          break
        }
        if (committedChunks <= before) {
          outcome = {
            ok: false,
            code: 'conflict',
            message: `第${runId}号の実行が進みません（${committedChunks}/${totalChunks}区分）。状態を確かめてから、もう一度実行してください`,
          }
          break
        }
        before = committedChunks
      }
      set((s) => ({ write: settle(s.write, outcome) }))
      await get().refresh()
      await get().select(runId)
      return outcome.ok
    },
    clearMessage: () => set({ write: idleRequest }),
    reset: () => {
      newestDetail++
      set(empty)
    },
  }
})

registerPersonalData('premiumBatches', () => usePremiumBatchStore.getState().reset())
