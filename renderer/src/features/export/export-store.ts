import { create } from 'zustand'
import type { ExportLedgerRow, ExportRequestSummary, ExportResult } from '../../../../shared/api/export'
import { registerPersonalData } from '../../app/personal-data-registry'
import { api } from '../../platform/bridge'

interface ExportState {
  mine: ExportRequestSummary[]
  pending: ExportRequestSummary[]
  ledger: ExportLedgerRow[]
  /** True while a file is written. */
  busy: boolean
  error: string | null
  setError(error: string | null): void
  /** The approver's lists (pending requests and the 持出管理簿), or the clerk's own requests. */
  refresh(approver: boolean): Promise<void>
  /** Requests an export of these persons; true when the server accepted it. */
  request(purpose: string, personIds: number[]): Promise<boolean>
  approve(requestId: number): Promise<void>
  /** Writes the encrypted file through main; its one-time password comes back once. */
  execute(requestId: number): Promise<ExportResult | null>
  reset(): void
}

const empty = { mine: [], pending: [], ledger: [], busy: false, error: null }

/**
 * 持出管理 (controls C-21, C-22): the requests, the approvals and the 持出管理簿, and the calls that change them.
 * Purposes and requesters' names are held, so it is cleared with the other personal-data stores on logout and lock.
 */
export const useExportStore = create<ExportState>()((set, get) => ({
  ...empty,
  setError: (error) => set({ error }),
  refresh: async (approver) => {
    if (approver) {
      const [p, l] = await Promise.all([api.export.pending({}), api.export.ledger({})])
      if (p.ok && l.ok) set({ pending: p.value.items, ledger: l.value.items })
      else set({ error: !p.ok ? p.message : !l.ok ? l.message : null })
    } else {
      const m = await api.export.myRequests({})
      if (m.ok) set({ mine: m.value.items })
      else set({ error: m.message })
    }
  },
  request: async (purpose, personIds) => {
    set({ error: null })
    const res = await api.export.request({ purpose, recordTypes: ['personBasic'], personIds })
    if (!res.ok) {
      set({ error: res.message })
      return false
    }
    await get().refresh(false)
    return true
  },
  approve: async (requestId) => {
    set({ error: null })
    const res = await api.export.approve({ requestId })
    if (!res.ok) set({ error: res.message })
    await get().refresh(true)
  },
  execute: async (requestId) => {
    set({ error: null, busy: true })
    const res = await api.export.execute({ requestId })
    set({ busy: false, ...(res.ok ? {} : { error: res.message }) })
    await get().refresh(false)
    return res.ok ? res.value : null
  },
  reset: () => set(empty),
}))

registerPersonalData('export', () => useExportStore.getState().reset())
