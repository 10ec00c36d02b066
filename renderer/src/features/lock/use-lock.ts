import { useEffect } from 'react'
import { api } from '../../platform/bridge'
import { clearPersonalData } from '../../app/personal-data-registry'
import { useLockStore } from './lock-store'

/** The screen locked: every personal-data store is emptied, then `onLocked` hides the signed-in UI (C-31). */
export function screenLocked(onLocked: () => void): void {
  clearPersonalData()
  onLocked()
}

/**
 * Control C-31: listens for 'session.locked' from main. On lock, every store is cleared and `onLocked` hides the
 * signed-in UI; the lock screen takes over until 'lock.unlock' succeeds. The status is also read once at start
 * (a reload while locked shows the lock screen again).
 */
export function useLock(onLocked: () => void): boolean {
  const locked = useLockStore((s) => s.locked)
  useEffect(() => {
    const refresh = async () => {
      const status = await api.lock.status({})
      if (status.ok && status.value.locked) {
        screenLocked(onLocked)
        useLockStore.getState().setStatus(status.value)
      }
    }
    const off = api.on('session.locked', () => {
      screenLocked(onLocked)
      useLockStore.getState().setStatus({ locked: true, user: useLockStore.getState().user, totpRequired: false })
      void refresh()
    })
    void refresh()
    return off
  }, [onLocked])
  return locked
}
