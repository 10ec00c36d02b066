import { create } from 'zustand'
import type { Role } from '../../../../shared/access/permissions'
import type { Designation } from '../../../../shared/api/admin'
import type { IsoDate } from '../../../../shared/domain'
import type { IpcResult } from '../../../../shared/ipc/contract'
import { registerPersonalData } from '../../app/personal-data-registry'
import { idleRequest, settle, type RequestState } from '../../lib/request'
import { api } from '../../platform/bridge'
import { reasonProblem } from './period'

export interface NewDesignation {
  role: Role | ''
  validFrom: IsoDate | null
  validTo: IsoDate | null
  reason: string
}

interface DesignationsState {
  userId: number | null
  items: Designation[]
  load: RequestState<true>
  write: RequestState<string>
  /** Shows the designations of one account (who, role, from/to). */
  select(userId: number): Promise<void>
  create(d: NewDesignation): Promise<boolean>
  /** Ends a designation on a date (a correction: a new version with the reason, never an overwrite). */
  end(d: Designation, validTo: IsoDate | null, reason: string): Promise<boolean>
  reset(): void
}

const empty = { userId: null, items: [], load: idleRequest, write: idleRequest }

/** Whether a designation is in force on a day (valid_from ≤ day ≤ valid_to, open when null; control C-25). */
export const inForce = (d: Pick<Designation, 'validFrom' | 'validTo'>, day: IsoDate): boolean =>
  d.validFrom <= day && (d.validTo === null || day <= d.validTo)

/**
 * 取扱責任者・取扱者の指定 (control C-25): the designations of one account with their dates. 監督者 reads them
 * (user.read); システム管理者 designates and ends them (designation.manage) — the server checks both.
 */
export const useDesignationsStore = create<DesignationsState>()((set, get) => {
  async function write<T>(check: string | null, call: () => Promise<IpcResult<T>>, done: string) {
    const userId = get().userId
    if (get().write.busy || userId === null) return false
    if (check) {
      set({ write: { ...idleRequest, error: check } })
      return false
    }
    set((s) => ({ write: { ...s.write, busy: true, error: null, data: null } }))
    const result = await call()
    set((s) => ({ write: settle(s.write, result.ok ? { ok: true, value: done } : result) }))
    if (result.ok) await get().select(userId)
    return result.ok
  }
  return {
    ...empty,
    select: async (userId) => {
      if (get().userId !== userId) set({ userId, items: [], write: idleRequest })
      set((s) => ({ load: { ...s.load, busy: true, error: null } }))
      const res = await api.admin.designations({ userId })
      if (get().userId !== userId) return
      set((s) => ({
        load: settle(s.load, res.ok ? { ok: true, value: true } : res),
        ...(res.ok ? { items: res.value.items } : {}),
      }))
    },
    create: (d) =>
      write(
        !d.role
          ? '役割を選んでください'
          : !d.validFrom
            ? '有効期間の開始日を入力してください'
            : d.validTo && d.validTo < d.validFrom
              ? '有効期間の終了日は開始日以降にしてください'
              : reasonProblem(d.reason),
        () =>
          api.admin.createDesignation({
            idempotencyKey: crypto.randomUUID(),
            userId: get().userId!,
            role: d.role as Role,
            validFrom: d.validFrom!,
            validTo: d.validTo,
            reason: d.reason,
          }),
        '指定しました',
      ),
    end: (d, validTo, reason) =>
      write(
        validTo && validTo < d.validFrom ? '有効期間の終了日は開始日以降にしてください' : reasonProblem(reason),
        () =>
          api.admin.correctDesignation({
            designationId: d.id,
            rowVersion: d.rowVersion,
            validTo,
            reason,
          }),
        '指定の有効期間を訂正しました',
      ),
    reset: () => set(empty),
  }
})

registerPersonalData('adminDesignations', () => useDesignationsStore.getState().reset())
