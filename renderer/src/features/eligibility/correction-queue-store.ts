import { create } from 'zustand'
import { registerLockReset } from '../lock/lock-store'

interface CorrectionQueueState {
  open: boolean
  setOpen(open: boolean): void
  reset(): void
}

/** Whether the 監督者's 資格訂正の承認待ち一覧 is open (the rows live in the screen only); closed on lock and logout. */
export const useCorrectionQueueStore = create<CorrectionQueueState>()((set) => ({
  open: false,
  setOpen: (open) => set({ open }),
  reset: () => set({ open: false }),
}))

registerLockReset(() => useCorrectionQueueStore.getState().reset())
