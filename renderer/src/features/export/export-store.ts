import { create } from 'zustand'
import type { ExportLedgerRow, ExportRequestSummary } from '../../../../shared/api/export'
import { registerLockReset } from '../lock/lock-store'

interface ExportState {
  open: boolean
  mine: ExportRequestSummary[]
  pending: ExportRequestSummary[]
  ledger: ExportLedgerRow[]
  setOpen(open: boolean): void
  set(patch: Partial<Pick<ExportState, 'mine' | 'pending' | 'ledger'>>): void
  reset(): void
}

/** 持出管理 screen state (no resident data: purposes, counts and hashes only); cleared on lock and logout anyway. */
export const useExportStore = create<ExportState>()((set) => ({
  open: false,
  mine: [],
  pending: [],
  ledger: [],
  setOpen: (open) => set({ open }),
  set: (patch) => set(patch),
  reset: () => set({ open: false, mine: [], pending: [], ledger: [] }),
}))

registerLockReset(() => useExportStore.getState().reset())
