import { api } from '../platform/bridge'
import { useLockStore } from '../features/lock/lock-store'
import { useSessionStore } from '../stores/session-store'
import { clearPersonalData } from './personal-data-registry'

/** The session ended (logout, expiry): every personal-data store is emptied and the login screen takes over. */
export function endSession(): void {
  clearPersonalData()
  useSessionStore.getState().signedOut()
}

/** ログアウト: main forgets the token, then the session ends here (also from the lock screen). */
export async function logOut(): Promise<void> {
  await api.auth.logout({})
  useLockStore.getState().unlocked()
  endSession()
}

/** At start: the app's info and whoever is still signed in (a reload); the message when main cannot answer. */
export async function loadSession(): Promise<string | null> {
  const [info, current] = await Promise.all([api.app.info({}), api.auth.currentUser({})])
  const session = useSessionStore.getState()
  if (info.ok) session.setAppInfo(info.value)
  if (current.ok && current.value) session.signedIn(current.value)
  return info.ok ? null : info.message
}
