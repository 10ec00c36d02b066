import { create } from 'zustand'
import type { LockStatus } from '../../../../shared/ipc/lock'

interface LockState {
  locked: boolean
  /** The locked staff member (never a resident). */
  user: LockStatus['user']
  totpRequired: boolean
  setStatus(status: LockStatus): void
  unlocked(): void
}

export const useLockStore = create<LockState>()((set) => ({
  locked: false,
  user: null,
  totpRequired: false,
  setStatus: (status) => set({ locked: status.locked, user: status.user, totpRequired: status.totpRequired }),
  unlocked: () => set({ locked: false, user: null, totpRequired: false }),
}))
