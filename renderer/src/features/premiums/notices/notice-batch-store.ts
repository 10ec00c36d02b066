import { create } from 'zustand'
import type { PrinterList } from '../../../../../shared/api/print'
import type { NoticeBatchCount } from '../../../../../shared/ipc/premiums'
import { idleRequest, settle, type RequestState } from '../../../lib/request'
import { api } from '../../../platform/bridge'
import { batchPrintRequests } from './notice-view'

export interface BatchPrintProgress {
  runId: number
  /** Print requests done (each NOTICE_BATCH_LIMIT versions, one PDF) and how many the dry run said there are. */
  printed: number
  total: number
  /** Sheets printed so far (cover pages included). */
  pages: number
  /** The page to print next, null when every page is printed. */
  nextPage: number | null
}

interface NoticeBatchState {
  /** The dry run of the run shown: the counts (nothing printed, nothing recorded). */
  count: RequestState<NoticeBatchCount>
  printers: PrinterList['printers'] | null
  printer: string
  /** Page by page; survives a failed page: the next press goes on from the page that failed. */
  progress: BatchPrintProgress | null
  printing: RequestState<string>
  countRun(runId: number): Promise<boolean>
  loadPrinters(): Promise<void>
  choosePrinter(name: string): void
  /** Prints the run's notices page after page (or goes on from where a failed page stopped). */
  printRun(runId: number): Promise<boolean>
  reset(): void
}

const empty = { count: idleRequest, printers: null, printer: '', progress: null, printing: idleRequest }

/**
 * 通知書を一括印刷 of a committed 賦課バッチ: the dry-run count first, then one print request per page
 * (NOTICE_BATCH_LIMIT versions), each a fresh idempotency key kept until its page is printed — a page that failed is
 * asked again with the same key, so the server does not issue it twice. Holds counts only, no resident's data.
 */
export const useNoticeBatchStore = create<NoticeBatchState>()((set, get) => {
  /** The idempotency key of the page being printed (reused after a failure of that page). */
  let pending: { runId: number; page: number; key: string } | null = null
  const keyFor = (runId: number, page: number) => {
    if (!pending || pending.runId !== runId || pending.page !== page)
      pending = { runId, page, key: crypto.randomUUID() }
    return pending.key
  }
  return {
    ...empty,
    countRun: async (runId) => {
      if (get().count.busy) return false
      set({ count: { ...idleRequest, busy: true }, printing: idleRequest, progress: null })
      const res = await api.premiums.noticeBatchCount({ runId, withSlips: true, idempotencyKey: crypto.randomUUID() })
      set((s) => ({ count: settle(s.count, res) }))
      return res.ok
    },
    loadPrinters: async () => {
      const res = await api.print.printers({})
      if (!res.ok) return set({ printing: { ...idleRequest, error: res.message } })
      const first = res.value.printers.find((p) => p.allowed)?.name ?? ''
      set((s) => ({ printers: res.value.printers, printer: s.printer || first }))
    },
    choosePrinter: (printer) => set({ printer }),
    printRun: async (runId) => {
      const { printing, printer, count } = get()
      if (printing.busy) return false
      if (!printer) {
        set({ printing: { ...idleRequest, error: 'この端末で使用できるプリンタがありません' } })
        return false
      }
      if (count.data?.runId !== runId) {
        set({ printing: { ...idleRequest, error: '先に印刷する件数を確認してください' } })
        return false
      }
      const resumed = get().progress
      let progress: BatchPrintProgress =
        resumed && resumed.runId === runId && resumed.nextPage !== null
          ? resumed
          : { runId, printed: 0, total: batchPrintRequests(count.data.counts), pages: 0, nextPage: 1 }
      set({ progress, printing: { ...idleRequest, busy: true } })
      while (progress.nextPage !== null) {
        const page = progress.nextPage
        const res = await api.premiums.printNoticeBatch({
          runId,
          page,
          withSlips: true,
          printer,
          idempotencyKey: keyFor(runId, page),
        })
        if (!res.ok) {
          set((s) => ({ printing: settle(s.printing, res) }))
          return false
        }
        pending = null
        progress = {
          runId,
          printed: progress.printed + 1,
          total: Math.max(progress.total, progress.printed + 1),
          pages: progress.pages + res.value.pages,
          nextPage: res.value.nextPage,
        }
        set({ progress })
      }
      set({
        printing: {
          ...idleRequest,
          data: `第${runId}号の通知書を ${printer} に印刷しました（${progress.printed}回・${progress.pages.toLocaleString('ja-JP')}ページ）`,
        },
      })
      return true
    },
    reset: () => {
      pending = null
      set(empty)
    },
  }
})
