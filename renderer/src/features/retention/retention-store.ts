import { create } from 'zustand'
import type { PrinterList } from '../../../../shared/api/print'
import type { RetentionRunStatus, RetentionRunSummary } from '../../../../shared/api/retention'
import type { IpcResponse, IpcResult } from '../../../../shared/ipc/contract'
import { registerPersonalData } from '../../app/personal-data-registry'
import { preparedBySession } from '../../lib/four-eyes'
import { idleRequest, settle, type RequestState } from '../../lib/request'
import { api } from '../../platform/bridge'

export type RetentionRunPersons = IpcResponse<'retention.runPersons'>

export const retentionStatusLabels: Record<RetentionRunStatus, string> = {
  prepared: '承認待ち',
  approved: '承認済み（消去待ち）',
  erased: '消去済み',
  superseded: '取消（新しい試行あり）',
}

/** Whether a run finds nothing past its retention: no record of any kind (the backups are reported apart). */
export const isEmptyRun = (run: Pick<RetentionRunSummary, 'kinds'>): boolean => run.kinds.every((k) => k.records === 0)

/** What the session may do with a run; the server checks every rule again (four eyes, step-up, state). */
export interface RunActions {
  /** The persons of a prepared or approved run (none are left after the erasure). */
  persons: boolean
  /** The 監督者's sign-off of a prepared run; never the preparer's own (control C-20). */
  approve: boolean
  /** The erasure of an approved run, by the preparing side. */
  erase: boolean
  /** The 消去報告書 of an erased run. */
  print: boolean
}

export function runActions(
  run: Pick<RetentionRunSummary, 'status' | 'preparedBy'>,
  session: { loginId: string; mayPersons: boolean; mayApprove: boolean; mayPrepare: boolean; mayView: boolean },
): RunActions {
  const open = run.status === 'prepared' || run.status === 'approved'
  const ownRun = preparedBySession(run.preparedBy, session.loginId)
  return {
    persons: open && session.mayPersons,
    approve: run.status === 'prepared' && session.mayApprove && !ownRun,
    erase: run.status === 'approved' && session.mayPrepare,
    print: run.status === 'erased' && session.mayView,
  }
}

interface RetentionState {
  runs: RetentionRunSummary[]
  loading: boolean
  loadError: string | null
  /** The run shown below the list. */
  selectedId: number | null
  /** The last write: busy, its Japanese error, or what it did (shown as a notice). */
  write: RequestState<string>
  /** The persons of the selected run: an audited read of residents' names. */
  persons: RequestState<RetentionRunPersons>
  printers: PrinterList['printers'] | null
  printer: string
  printing: RequestState<string>
  refresh(): Promise<void>
  select(runId: number | null): void
  /** The dry run (準備): stores a new run with what is past retention today; nothing is deleted. */
  prepare(): Promise<boolean>
  loadPersons(runId: number): Promise<void>
  /** The 監督者's sign-off, after the step-up dialog has succeeded. */
  approve(runId: number): Promise<boolean>
  erase(runId: number): Promise<boolean>
  loadPrinters(): Promise<void>
  choosePrinter(name: string): void
  /** Has main fetch the 消去報告書 and print it on an allowlisted printer (C-28). */
  print(runId: number, printer: string): Promise<boolean>
  clearMessage(): void
  reset(): void
}

const empty = {
  runs: [],
  loading: false,
  loadError: null,
  selectedId: null,
  write: idleRequest,
  persons: idleRequest,
  printers: null,
  printer: '',
  printing: idleRequest,
}

/**
 * 保存期間・消去 (control C-20): the retention runs, the dry run, the sign-off by a second person, the erasure and the
 * 消去報告書. The persons of a run are residents' names: cleared with the other personal-data stores on logout and
 * lock. Every write carries a fresh idempotency key.
 */
export const useRetentionStore = create<RetentionState>()((set, get) => {
  /** Runs a write: a second one while one runs is ignored (a double press sends once). */
  async function write(
    call: () => Promise<IpcResult<RetentionRunSummary>>,
    done: (run: RetentionRunSummary) => string,
  ): Promise<boolean> {
    if (get().write.busy) return false
    set((s) => ({ write: { ...s.write, busy: true, error: null, data: null } }))
    const result = await call()
    set((s) => ({
      write: settle(s.write, result.ok ? { ok: true, value: done(result.value) } : result),
      ...(result.ok ? { selectedId: result.value.id, persons: idleRequest } : {}),
    }))
    if (result.ok) await get().refresh()
    return result.ok
  }
  const key = () => crypto.randomUUID()

  return {
    ...empty,
    refresh: async () => {
      set({ loading: true })
      const res = await api.retention.runs({})
      set((s) => ({
        loading: false,
        loadError: res.ok ? null : res.message,
        ...(res.ok
          ? {
              runs: res.value.items,
              selectedId: s.selectedId ?? res.value.items[0]?.id ?? null,
            }
          : {}),
      }))
    },
    select: (selectedId) =>
      set((s) => (s.selectedId === selectedId ? s : { selectedId, persons: idleRequest, printing: idleRequest })),
    prepare: () =>
      write(
        () => api.retention.prepare({ idempotencyKey: key() }),
        (run) =>
          isEmptyRun(run)
            ? `消去対象の確認（第${run.id}号）: 保存期間を過ぎた記録はありません`
            : `消去対象の確認（第${run.id}号）を作成しました。監督者の承認が必要です`,
      ),
    loadPersons: async (runId) => {
      if (get().persons.busy) return
      set((s) => ({ persons: { ...s.persons, busy: true, error: null } }))
      const res = await api.retention.runPersons({ runId })
      set((s) => ({ persons: settle(s.persons, res) }))
    },
    approve: (runId) =>
      write(
        () => api.retention.approve({ runId, idempotencyKey: key() }),
        (run) => `第${run.id}号の消去を承認しました`,
      ),
    erase: (runId) =>
      write(
        () => api.retention.erase({ runId, idempotencyKey: key() }),
        (run) => `第${run.id}号の消去を実行しました`,
      ),
    loadPrinters: async () => {
      const res = await api.print.printers({})
      if (!res.ok) return set({ printing: { ...idleRequest, error: res.message } })
      const first = res.value.printers.find((p) => p.allowed)?.name ?? ''
      set((s) => ({ printers: res.value.printers, printer: s.printer || first }))
    },
    choosePrinter: (printer) => set({ printer }),
    print: async (runId, printer) => {
      if (get().printing.busy) return false
      if (!printer) {
        set({ printing: { ...idleRequest, error: 'この端末で使用できるプリンタがありません' } })
        return false
      }
      set({ printing: { ...idleRequest, busy: true } })
      const res = await api.retention.printReport({ runId, printer })
      set((s) => ({
        printing: settle(
          s.printing,
          res.ok ? { ok: true, value: `${res.value.title}を ${printer} に印刷しました` } : res,
        ),
      }))
      return res.ok
    },
    clearMessage: () => set({ write: idleRequest }),
    reset: () => set(empty),
  }
})

registerPersonalData('retention', () => useRetentionStore.getState().reset())
