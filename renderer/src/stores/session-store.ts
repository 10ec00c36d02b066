import { create } from 'zustand'
import type { UserProfile } from '../../../shared/api/auth'
import type { AppInfo } from '../../../shared/ipc/contract'

/** UI state of the login session: who is signed in (for the header), never the token. */
interface SessionState {
  appInfo: AppInfo | null
  user: UserProfile | null
  setAppInfo(info: AppInfo): void
  signedIn(user: UserProfile): void
  signedOut(): void
}

export const useSessionStore = create<SessionState>()((set) => ({
  appInfo: null,
  user: null,
  setAppInfo: (appInfo) => set({ appInfo }),
  signedIn: (user) => set({ user }),
  signedOut: () => set({ user: null }),
}))
