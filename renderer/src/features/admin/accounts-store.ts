import { create } from 'zustand'
import type { TotpResetRequest, UserSummary } from '../../../../shared/api/admin'
import type { IpcResult } from '../../../../shared/ipc/contract'
import { registerPersonalData } from '../../app/personal-data-registry'
import { idleRequest, settle, type RequestState } from '../../lib/request'
import { api } from '../../platform/bridge'
import { reasonProblem } from './period'

/** ユーザーID as the server takes it (shared/api/admin.ts LoginId$). */
const LOGIN_ID = /^[a-z][a-z0-9._-]{2,31}$/

export interface NewAccount {
  loginId: string
  displayName: string
  department: string
  initialPassword: string
  reason: string
}

interface AccountsState {
  users: UserSummary[]
  resets: TotpResetRequest[]
  /** The last write: busy, its Japanese error, or what it did (shown as a notice). */
  write: RequestState<string>
  loading: boolean
  loadError: string | null
  refresh(): Promise<void>
  /** Creates the account; true when the server accepted it. */
  create(account: NewAccount): Promise<boolean>
  lock(user: UserSummary, reason: string): Promise<boolean>
  unlock(user: UserSummary, reason: string): Promise<boolean>
  /** Asks for the reset of the user's second factor; another person decides (four eyes, C-06). */
  requestReset(user: UserSummary, reason: string): Promise<boolean>
  decideReset(request: TotpResetRequest, approve: boolean, comment: string): Promise<boolean>
  clearMessage(): void
  reset(): void
}

const empty = { users: [], resets: [], write: idleRequest, loading: false, loadError: null }

/**
 * 職員アカウント (controls C-06, C-25): the accounts, the second-factor resets waiting for a second person, and the
 * administrator's writes. Every write carries a fresh idempotency key and a reason; the server checks the
 * permission, refuses one's own account and the requester's own approval, and audits.
 */
export const useAccountsStore = create<AccountsState>()((set, get) => {
  /** Runs a write: a second one while one runs is ignored (a double press sends once). */
  async function write<T>(check: string | null, call: () => Promise<IpcResult<T>>, done: string): Promise<boolean> {
    if (get().write.busy) return false
    if (check) {
      set({ write: { ...idleRequest, error: check } })
      return false
    }
    set((s) => ({ write: { ...s.write, busy: true, error: null, data: null } }))
    const result = await call()
    set((s) => ({ write: settle(s.write, result.ok ? { ok: true, value: done } : result) }))
    if (result.ok) await get().refresh()
    return result.ok
  }
  const key = () => crypto.randomUUID()

  return {
    ...empty,
    refresh: async () => {
      set({ loading: true })
      const [users, resets] = await Promise.all([api.admin.users({}), api.admin.totpResets({})])
      set({
        loading: false,
        loadError: !users.ok ? users.message : !resets.ok ? resets.message : null,
        ...(users.ok ? { users: users.value.items } : {}),
        ...(resets.ok ? { resets: resets.value.items } : {}),
      })
    },
    create: (a) =>
      write(
        !LOGIN_ID.test(a.loginId)
          ? 'ユーザーIDは英小文字で始まる3〜32文字の英小文字・数字・._- です'
          : !a.displayName.trim()
            ? '氏名を入力してください'
            : !a.department.trim()
              ? '所属を入力してください'
              : !a.initialPassword
                ? '初期パスワードを入力してください'
                : reasonProblem(a.reason),
        () => api.admin.createUser({ idempotencyKey: key(), ...a, careArea: null }),
        `${a.loginId} を作成しました`,
      ),
    lock: (user, reason) =>
      write(
        reasonProblem(reason),
        () => api.admin.lockUser({ idempotencyKey: key(), userId: user.id, reason }),
        `${user.loginId} をロックしました`,
      ),
    unlock: (user, reason) =>
      write(
        reasonProblem(reason),
        () => api.admin.unlockUser({ idempotencyKey: key(), userId: user.id, reason }),
        `${user.loginId} のロックを解除しました`,
      ),
    requestReset: (user, reason) =>
      write(
        !user.totpEnrolled ? 'このアカウントには二要素認証が登録されていません' : reasonProblem(reason),
        () => api.admin.requestTotpReset({ idempotencyKey: key(), userId: user.id, reason }),
        `${user.loginId} の二要素認証のリセットを申請しました（別の管理者または監督者の承認が必要です）`,
      ),
    decideReset: (request, approve, comment) =>
      write(
        null,
        () =>
          api.admin.decideTotpReset({
            idempotencyKey: key(),
            requestId: request.id,
            approve,
            comment: comment.trim() || null,
          }),
        approve
          ? `${request.loginId} の二要素認証をリセットしました（次回のログインで再登録）`
          : `${request.loginId} のリセット申請を却下しました`,
      ),
    clearMessage: () => set({ write: idleRequest }),
    reset: () => set(empty),
  }
})

// Staff names and the reasons given: cleared with the other stores on logout and lock.
registerPersonalData('adminAccounts', () => useAccountsStore.getState().reset())
