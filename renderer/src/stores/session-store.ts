import { create } from 'zustand'
import type { Permission } from '../../../shared/access/permissions'
import type { UserProfile } from '../../../shared/api/auth'
import type { AppInfo } from '../../../shared/ipc/contract'

/** UI state of the login session: who is signed in (for the header) and what the session may do; never the token. */
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

/**
 * "May I?": whether the signed-in session holds the permission (the server checks it again on every request). The
 * renderer never asks which role a user has — roles are labels; permissions are what the server enforces.
 */
export const may = (user: Pick<UserProfile, 'permissions'> | null, permission: Permission): boolean =>
  user?.permissions.includes(permission) ?? false

/** `may` for a component: re-renders when the session changes. True when any of the permissions is held. */
export function useMay(...permissions: Permission[]): boolean {
  return useSessionStore((s) => permissions.some((p) => may(s.user, p)))
}
