import { create } from 'zustand'
import {
  dunningRunKindLabels,
  type DunningRunDetail,
  type DunningRunKind,
  type DunningRunSummary,
} from '../../../../../shared/api/dunning'
import type { PrinterList } from '../../../../../shared/api/print'
import type { IpcResult } from '../../../../../shared/ipc/contract'
import { registerPersonalData } from '../../../app/personal-data-registry'
import { preparedBySession } from '../../../lib/four-eyes'
import { idleRequest, settle, type RequestState } from '../../../lib/request'
import { api } from '../../../platform/bridge'

/** Installments per page of a run's list. */
export const ITEM_PAGE_SIZE = 50

/** What the session may do with a run; the server checks every rule again (four eyes, step-up, state). */
export function dunningRunActions(
  run: Pick<DunningRunSummary, 'status' | 'preparedBy' | 'kind'>,
  session: { loginId: string; displayName: string; mayBatch: boolean; mayApprove: boolean },
) {
  const signOff =
    run.status === 'awaitingApproval' &&
    session.mayApprove &&
    !preparedBySession(run.preparedBy, session.loginId, session.displayName)
  return {
    approve: signOff,
    reject: signOff,
    commit: run.status === 'approved' && session.mayBatch,
    print: run.status === 'committed' && run.kind === 'demand' && session.mayBatch,
  }
}

/** 「督促 第3号」 */
export const dunningRunTitle = (run: Pick<DunningRunSummary, 'id' | 'kind'>) =>
  `${dunningRunKindLabels[run.kind]} 第${run.id}号`

interface DunningState {
  runs: DunningRunSummary[]
  loading: boolean
  loadError: string | null
  selectedId: number | null
  /** The selected run with one page of its installments (residents' names). */
  detail: RequestState<DunningRunDetail>
  write: RequestState<string>
  printers: PrinterList['printers'] | null
  printer: string
  refresh(): Promise<void>
  select(runId: number, offset?: number): Promise<void>
  dryRun(kind: DunningRunKind): Promise<boolean>
  approve(runId: number): Promise<boolean>
  reject(runId: number, reason: string): Promise<boolean>
  commit(runId: number): Promise<boolean>
  loadPrinters(): Promise<void>
  choosePrinter(printer: string): void
  print(runId: number): Promise<boolean>
  reset(): void
}

const empty = {
  runs: [],
  loading: false,
  loadError: null,
  selectedId: null,
  detail: idleRequest,
  write: idleRequest,
  printers: null,
  printer: '',
}

/**
 * 督促・不納欠損 runs: the list, the dry run, the sign-off by a second person (監督者, step-up), the 差戻し, the commit
 * and the print of a 督促 run's 督促状 (main prints it, C-28). The lists name residents: cleared with the other
 * personal-data stores on logout and lock. Every write carries a fresh idempotency key.
 */
export const useDunningStore = create<DunningState>()((set, get) => {
  const key = () => crypto.randomUUID()
  let newestDetail = 0

  async function write<T>(call: () => Promise<IpcResult<T>>, done: (value: T) => string, runId: (value: T) => number) {
    if (get().write.busy) return false
    set({ write: { ...idleRequest, busy: true } })
    const result = await call()
    set((s) => ({ write: settle(s.write, result.ok ? { ok: true, value: done(result.value) } : result) }))
    await get().refresh()
    if (result.ok) await get().select(runId(result.value))
    else if (get().selectedId !== null) await get().select(get().selectedId!)
    return result.ok
  }

  return {
    ...empty,
    refresh: async () => {
      set({ loading: true })
      const res = await api.dunning.runs({})
      set({ loading: false, loadError: res.ok ? null : res.message, ...(res.ok ? { runs: res.value.runs } : {}) })
    },
    select: async (runId, offset = 0) => {
      const mine = ++newestDetail
      set((s) => ({
        selectedId: runId,
        detail: s.selectedId === runId ? { ...s.detail, busy: true, error: null } : { ...idleRequest, busy: true },
      }))
      const res = await api.dunning.run({ runId, offset, limit: ITEM_PAGE_SIZE })
      if (mine !== newestDetail) return
      set((s) => ({ detail: settle(s.detail, res) }))
    },
    dryRun: (kind) =>
      write(
        () => api.dunning.dryRun({ kind, idempotencyKey: key() }),
        (d) =>
          `${dunningRunTitle(d.summary)}の試算を作成しました（${d.summary.persons.toLocaleString('ja-JP')}人・${d.summary.installments.toLocaleString('ja-JP')}期）。監督者の承認が必要です`,
        (d) => d.summary.id,
      ),
    approve: (runId) =>
      write(
        () => api.dunning.approve({ runId, idempotencyKey: key() }),
        (run) => `${dunningRunTitle(run)}を承認しました`,
        (run) => run.id,
      ),
    reject: (runId, reason) =>
      write(
        () => api.dunning.reject({ runId, reason, idempotencyKey: key() }),
        (run) => `${dunningRunTitle(run)}を差し戻しました`,
        (run) => run.id,
      ),
    commit: (runId) =>
      write(
        () => api.dunning.commit({ runId, idempotencyKey: key() }),
        (r) =>
          r.summary.kind === 'demand'
            ? `${dunningRunTitle(r.summary)}を実行しました（時効の更新 ${r.written}件）`
            : `${dunningRunTitle(r.summary)}を実行しました（不納欠損 ${r.written}件）`,
        (r) => r.summary.id,
      ),
    loadPrinters: async () => {
      const res = await api.print.printers({})
      if (!res.ok) return
      const first = res.value.printers.find((p) => p.allowed)?.name ?? ''
      set((s) => ({ printers: res.value.printers, printer: s.printer || first }))
    },
    choosePrinter: (printer) => set({ printer }),
    print: async (runId) => {
      const printer = get().printer
      if (get().write.busy) return false
      if (!printer) {
        set({ write: { ...idleRequest, error: 'プリンタを選んでください' } })
        return false
      }
      set({ write: { ...idleRequest, busy: true } })
      const res = await api.dunning.printNotices({ runId, printer })
      set((s) => ({
        write: settle(
          s.write,
          res.ok
            ? {
                ok: true,
                value: `${res.value.title}を ${printer} に印刷しました（${res.value.notices}通・窓口交付 ${res.value.withheld}通）`,
              }
            : res,
        ),
      }))
      return res.ok
    },
    reset: () => {
      newestDetail++
      set(empty)
    },
  }
})

registerPersonalData('dunningRuns', () => useDunningStore.getState().reset())
