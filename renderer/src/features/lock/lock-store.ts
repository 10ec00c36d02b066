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

/** Every store that may hold personal data registers its reset here (at module load); all run on lock (C-31). */
const resets = new Set<() => void>()

export function registerLockReset(reset: () => void): () => void {
  resets.add(reset)
  return () => {
    resets.delete(reset)
  }
}

/** Control C-31: every store that may hold personal data is emptied when the screen locks. */
export function clearPersonalData(): void {
  for (const reset of [...resets]) reset()
}
