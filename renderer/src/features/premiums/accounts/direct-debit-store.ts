import { create } from 'zustand'
import type { DirectDebitDryRun, DirectDebitPrepared } from '../../../../../shared/api/direct-debit'
import type { IpcResult } from '../../../../../shared/ipc/contract'
import type { DirectDebitSaved } from '../../../../../shared/ipc/premium-records'
import { registerPersonalData } from '../../../app/personal-data-registry'
import { idleRequest, settle, type RequestState } from '../../../lib/request'
import { api } from '../../../platform/bridge'

/** The file the screen works on: the one prepared here, or the last one made for the date (from the dry run). */
export interface DirectDebitShown {
  requestId: number
  issue: number
  count: number
  total: number
  approved: boolean
  /** Prepared in this session by the signed-in user (the sign-off is then offered to nobody here). */
  preparedHere: boolean
}

/** What the session may do with the file shown; the server checks every rule again (four eyes, step-up, state). */
export function directDebitActions(
  shown: DirectDebitShown | null,
  session: { mayFile: boolean; mayApprove: boolean },
): { approve: boolean; save: boolean } {
  return {
    approve: shown !== null && !shown.approved && !shown.preparedHere && session.mayApprove,
    save: shown !== null && shown.approved && session.mayFile,
  }
}

interface DirectDebitState {
  transferDate: string | null
  /** What the file of the date would hold (count, total, 納付書 without account) and the file already made. */
  dryRun: RequestState<DirectDebitDryRun>
  /** The file prepared (or signed off) in this session. */
  prepared: DirectDebitPrepared | null
  /** The last write or save: busy, its Japanese error, or what it did. */
  write: RequestState<string>
  /** The last file saved (name, destination, SHA-256: never the bytes). */
  saved: DirectDebitSaved | null
  /** The files the signed-in user prepared in this session (never offered for sign-off here). */
  preparedIds: readonly number[]
  runDryRun(transferDate: string): Promise<boolean>
  /** 作成: records the file for the date, awaiting a 監督者's sign-off; a re-issue needs its reason. */
  prepare(transferDate: string, reissueReason?: string): Promise<boolean>
  /** The 監督者's sign-off, after the step-up dialog has succeeded. */
  approve(requestId: number): Promise<boolean>
  /** Saves the approved file through main's export control (save dialog, destination check). */
  save(requestId: number): Promise<boolean>
  clearMessage(): void
  reset(): void
}

const empty = {
  transferDate: null,
  dryRun: idleRequest,
  prepared: null,
  write: idleRequest,
  saved: null,
  preparedIds: [] as readonly number[],
}

/** The file shown: the one prepared here for the date, else the last one made for it. */
export function shownFile(
  state: Pick<DirectDebitState, 'dryRun' | 'prepared' | 'transferDate' | 'preparedIds'>,
): DirectDebitShown | null {
  const p = state.prepared
  if (p && p.transferDate === state.transferDate)
    return {
      requestId: p.requestId,
      issue: p.issue,
      count: p.count,
      total: p.total,
      approved: p.status === 'approved',
      preparedHere: true,
    }
  const issued = state.dryRun.data?.transferDate === state.transferDate ? state.dryRun.data?.issued : null
  if (!issued) return null
  return {
    requestId: issued.requestId,
    issue: issued.issue,
    count: issued.records,
    total: issued.total,
    approved: issued.approved,
    preparedHere: state.preparedIds.includes(issued.requestId),
  }
}

/**
 * 口座振替依頼 of a 振替日: the dry run (records, total, those paying by 納付書), the preparation, the 監督者's
 * sign-off (a second person, with the step-up) and the save through the export control. The file names residents'
 * accounts only inside main; the store holds totals and the file name — still cleared on logout and lock.
 */
export const useDirectDebitStore = create<DirectDebitState>()((set, get) => {
  let newest = 0

  async function write<T>(call: () => Promise<IpcResult<T>>, then: (v: T) => string) {
    if (get().write.busy) return false
    set({ write: { ...idleRequest, busy: true } })
    const res = await call()
    set((s) => ({ write: settle(s.write, res.ok ? { ok: true, value: then(res.value) } : res) }))
    return res.ok
  }

  return {
    ...empty,
    runDryRun: async (transferDate) => {
      const mine = ++newest
      set((s) => ({
        transferDate,
        dryRun: { ...s.dryRun, busy: true, error: null },
        saved: s.transferDate === transferDate ? s.saved : null,
      }))
      const res = await api.premiumRecords.directDebitDryRun({ transferDate })
      if (mine !== newest) return false
      set((s) => ({ dryRun: settle(s.dryRun, res) }))
      return res.ok
    },
    prepare: async (transferDate, reissueReason) => {
      const ok = await write(
        () =>
          api.premiumRecords.directDebitFile({
            transferDate,
            ...(reissueReason !== undefined ? { reissue: { reason: reissueReason } } : {}),
            idempotencyKey: crypto.randomUUID(),
          }),
        (p) => {
          set((s) => ({ prepared: p, transferDate: p.transferDate, preparedIds: [...s.preparedIds, p.requestId] }))
          return `${p.transferDate} 第${p.issue}回の口座振替依頼データ（依頼番号 ${p.requestId}）を作成しました（${p.count.toLocaleString('ja-JP')}件）。監督者の承認が必要です`
        },
      )
      if (ok) await get().runDryRun(transferDate)
      return ok
    },
    approve: async (requestId) => {
      const ok = await write(
        () => api.premiumRecords.directDebitApprove({ requestId, idempotencyKey: crypto.randomUUID() }),
        (p) => {
          if (get().prepared?.requestId === p.requestId) set({ prepared: p })
          return `${p.transferDate} 第${p.issue}回の口座振替依頼データ（${p.count.toLocaleString('ja-JP')}件・${p.total.toLocaleString('ja-JP')}円）を承認しました`
        },
      )
      const date = get().transferDate
      if (ok && date) await get().runDryRun(date)
      return ok
    },
    save: (requestId) =>
      write(
        () => api.premiumRecords.saveDirectDebitFile({ requestId }),
        (saved) => {
          set({ saved })
          return `${saved.fileName} を保存しました（${saved.count.toLocaleString('ja-JP')}件）`
        },
      ),
    clearMessage: () => set((s) => ({ write: { ...s.write, error: null, data: null } })),
    reset: () => {
      newest++
      set(empty)
    },
  }
})

registerPersonalData('premiumDirectDebit', () => useDirectDebitStore.getState().reset())
