import { create } from 'zustand'
import type { MasterCacheStatus } from '../../../../shared/masters/ipc'
import { api } from '../../platform/bridge'

/** UI state of the master cache: its status (age, versions); master data only, no personal data. */
interface MastersState {
  status: MasterCacheStatus | null
  refresh(): Promise<void>
  /** Asks main to sync now; the status comes back with the result (or the error message). */
  syncNow(): Promise<void>
}

export const useMastersStore = create<MastersState>()((set) => ({
  status: null,
  refresh: async () => {
    const res = await api.masters.status({})
    if (res.ok) set({ status: res.value })
  },
  syncNow: async () => {
    set((s) => ({ status: s.status ? { ...s.status, syncing: true } : null }))
    const res = await api.masters.sync({})
    if (res.ok) set({ status: res.value })
  },
}))
