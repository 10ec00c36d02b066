import { create } from 'zustand'
import type {
  KokuhorenSendDetail,
  KokuhorenSendSummary,
  KokuhorenWorkItem,
  SendRound,
} from '../../../../shared/api/kokuhoren'
import type { IpcResponse, IpcResult } from '../../../../shared/ipc/contract'
import type { KokuhorenSendFileSaved, UpdateResultImported } from '../../../../shared/ipc/kokuhoren'
import { registerPersonalData } from '../../app/personal-data-registry'
import { preparedBySession } from '../../lib/four-eyes'
import { idleRequest, settle, type RequestState } from '../../lib/request'
import { api } from '../../platform/bridge'

export type KokuhorenWorkList = IpcResponse<'kokuhoren.workList'>
export type SendStatus = KokuhorenSendSummary['status']
export type WorkListFilter = 'open' | 'resolved' | 'all'

export const sendStatusLabels: Record<SendStatus, string> = {
  awaitingApproval: '承認待ち',
  approved: '承認済（実行待ち）',
  rejected: '差戻し',
  committed: '実行済',
}
export const roundLabels: Record<SendRound, string> = { initial: '初回分', additional: '追加分' }
/** 異動区分コード (docs/interfaces/kokuhoren.md §1.4). */
export const changeKindLabels: Record<string, string> = { '1': '新規', '2': '変更', '3': '終了' }
/** The 受給者異動 queue's change kinds a record carries, as staff read them. */
const queueChangeLabels: Record<string, string> = {
  certified: '認定',
  notApplicable: '非該当',
  copayRatio: '負担割合',
  reliefCertification: '負担限度額認定',
  copayReduction: '減免',
  carePlanOffice: '居宅届出',
  resubmission: '再送付',
}
export const queueChangeLabel = (kind: string): string => queueChangeLabels[kind] ?? kind

/** 「2026年12月」 for a 処理対象年月 'YYYY-MM'. */
export const monthLabel = (month: string): string => `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`

/**
 * What the screen offers on a send, for the session: the 監督者's sign-off and rejection only to a second person (the
 * preparer is named by 氏名 in the summary; the server, which compares user ids, decides either way), the commit and
 * the file to the 給付担当, each only in the state that allows it.
 */
export function sendActions(
  send: KokuhorenSendSummary | null,
  session: { mayOperate: boolean; mayApprove: boolean; loginId: string; displayName: string },
): { approve: boolean; reject: boolean; commit: boolean; saveFile: boolean; ownSend: boolean } {
  if (!send) return { approve: false, reject: false, commit: false, saveFile: false, ownSend: false }
  const ownSend = preparedBySession(send.preparedName, session.loginId, session.displayName)
  const signOff = session.mayApprove && send.status === 'awaitingApproval' && !ownSend
  return {
    approve: signOff,
    reject: signOff,
    commit: session.mayOperate && send.status === 'approved',
    saveFile: session.mayOperate && send.status === 'committed',
    ownSend,
  }
}

/** The line of an import result: what was read and applied, or that the file was refused. */
export function importMessage(imported: UpdateResultImported): string {
  const r = imported.result
  if (r.status === 'rejected') return `${imported.fileName} は取り込めませんでした（${r.problems.length} 件の誤り）`
  if (r.status === 'alreadyImported') return `${imported.fileName} は取込済みです（何も変更していません）`
  return `${imported.fileName} を取り込みました: ${r.records} 件（正常 ${r.accepted} 件・エラー ${r.rejected} 件・照合できない ${r.unmatched} 件）`
}

interface KokuhorenState {
  /** 処理対象年月 'YYYY-MM' of the list and of the next dry run. */
  month: string | null
  sends: RequestState<KokuhorenSendSummary[]>
  selectedId: number | null
  /** The send shown: its records and the persons held back (保留) with the reasons. */
  detail: RequestState<KokuhorenSendDetail>
  workList: RequestState<KokuhorenWorkList>
  workFilter: WorkListFilter
  /** The last 更新結果 file imported on this screen (with its problems, when refused). */
  lastImport: UpdateResultImported | null
  /** The last 531 file saved (name, destination, SHA-256; never its bytes). */
  saved: KokuhorenSendFileSaved | null
  /** The last write: busy, its Japanese error, or what it did. */
  write: RequestState<string>

  setMonth(month: string): Promise<boolean>
  /** The sends of the month and the work list; keeps the send shown when it is still listed. */
  refresh(): Promise<boolean>
  select(sendId: number): Promise<boolean>
  /** 試算 of the month (給付担当): the planned records and the persons held back. */
  dryRun(): Promise<KokuhorenSendDetail | null>
  /** 承認 (監督者, after the step-up dialog has succeeded). */
  approve(): Promise<boolean>
  reject(reason: string): Promise<boolean>
  /** 実行 (給付担当): the file is written on the server and the queue rows marked sent. */
  commit(): Promise<boolean>
  /** Main fetches the committed file and saves it through the export control. */
  saveFile(): Promise<boolean>
  /** Main opens its file dialog, reads the 更新結果 file and imports it. */
  importUpdateResults(): Promise<boolean>
  loadWorkList(filter?: WorkListFilter): Promise<boolean>
  /** 解消 after the term was corrected: the record is queued again. */
  resolve(item: KokuhorenWorkItem, reason: string): Promise<boolean>
  clearMessage(): void
  reset(): void
}

const empty = {
  month: null,
  sends: idleRequest,
  selectedId: null,
  detail: idleRequest,
  workList: idleRequest,
  workFilter: 'open' as WorkListFilter,
  lastImport: null,
  saved: null,
  write: idleRequest,
}

/**
 * 国保連連携 (the cockpit of the monthly exchange): the 受給者異動連絡票 (531) sends of a 処理対象年月 — 試算 with its
 * records and the persons held back, the 監督者's sign-off, 実行, the file through the export control — and the
 * 更新結果 import with its work list of rejected records and their resolution. The records, refusals and work items
 * name residents (氏名, 被保険者番号): cleared on logout and lock.
 */
export const useKokuhorenStore = create<KokuhorenState>()((set, get) => {
  let newestDetail = 0
  let newestWork = 0

  async function write<T>(call: () => Promise<IpcResult<T>>, then: (v: T) => string): Promise<T | null> {
    if (get().write.busy) return null
    set({ write: { ...idleRequest, busy: true } })
    const res = await call()
    set((s) => ({ write: settle(s.write, res.ok ? { ok: true, value: then(res.value) } : res) }))
    return res.ok ? res.value : null
  }

  /** Reloads after a write and keeps the write's message. */
  async function refreshKeeping(): Promise<void> {
    const message = get().write.data
    await get().refresh()
    set((s) => ({ write: { ...s.write, data: message } }))
  }

  const selected = () => get().detail.data?.send ?? null

  return {
    ...empty,
    setMonth: async (month) => {
      if (get().month !== month) set({ month, selectedId: null, detail: idleRequest })
      return get().refresh()
    },
    refresh: async () => {
      const month = get().month
      set((s) => ({ sends: { ...s.sends, busy: true, error: null } }))
      const [sends] = await Promise.all([
        api.kokuhoren.sendList(month ? { processingMonth: month } : {}),
        get().loadWorkList(),
      ])
      const list = sends.ok ? sends.value.sends : (get().sends.data ?? [])
      const keep = list.some((s) => s.sendId === get().selectedId)
      set((s) => ({
        sends: settle(s.sends, sends.ok ? { ok: true, value: sends.value.sends } : sends),
        selectedId: keep ? s.selectedId : (list[0]?.sendId ?? null),
      }))
      const id = get().selectedId
      if (id !== null) await get().select(id)
      else set({ detail: idleRequest })
      return sends.ok
    },
    select: async (sendId) => {
      const mine = ++newestDetail
      set((s) => ({
        selectedId: sendId,
        detail: s.detail.data?.send.sendId === sendId ? { ...s.detail, busy: true } : { ...idleRequest, busy: true },
      }))
      const res = await api.kokuhoren.sendDetail({ sendId })
      if (mine !== newestDetail) return false
      // The detail of another send is never shown for this one.
      set((s) => ({ detail: res.ok ? settle(s.detail, res) : { busy: false, error: res.message, data: null } }))
      return res.ok
    },
    dryRun: async () => {
      const month = get().month
      if (!month) return null
      const detail = await write(
        () => api.kokuhoren.sendDryRun({ processingMonth: month, idempotencyKey: crypto.randomUUID() }),
        (d) =>
          `${monthLabel(d.send.processingMonth)}${roundLabels[d.send.round]}を試算しました（送付 第${d.send.sendId}号）: ` +
          `${d.send.records} 件・保留 ${d.send.refused} 人`,
      )
      if (detail) {
        newestDetail++
        set({ selectedId: detail.send.sendId, detail: { busy: false, error: null, data: detail }, saved: null })
        await refreshKeeping()
      }
      return detail
    },
    approve: async () => {
      const send = selected()
      if (!send) return false
      const done = await write(
        () => api.kokuhoren.sendApprove({ sendId: send.sendId, idempotencyKey: crypto.randomUUID() }),
        (s) => `送付 第${s.sendId}号を承認しました`,
      )
      if (done) await refreshKeeping()
      return done !== null
    },
    reject: async (reason) => {
      const send = selected()
      if (!send) return false
      const done = await write(
        () => api.kokuhoren.sendReject({ sendId: send.sendId, reason, idempotencyKey: crypto.randomUUID() }),
        (s) => `送付 第${s.sendId}号を差し戻しました`,
      )
      if (done) await refreshKeeping()
      return done !== null
    },
    commit: async () => {
      const send = selected()
      if (!send) return false
      const done = await write(
        () => api.kokuhoren.sendCommit({ sendId: send.sendId, idempotencyKey: crypto.randomUUID() }),
        (s) => `送付 第${s.sendId}号を実行しました（${s.fileName ?? ''}・${s.records} 件）`,
      )
      if (done) await refreshKeeping()
      return done !== null
    },
    saveFile: async () => {
      const send = selected()
      if (!send) return false
      const saved = await write(
        () => api.kokuhoren.saveSendFile({ sendId: send.sendId }),
        (f) => `${f.fileName} を保存しました（${f.destination}）`,
      )
      if (saved) set({ saved })
      return saved !== null
    },
    importUpdateResults: async () => {
      const imported = await write(() => api.kokuhoren.importUpdateResults({}), importMessage)
      if (!imported) return false
      set({ lastImport: imported })
      if (imported.result.status === 'rejected') {
        // The file's problems are shown with the import; nothing was written.
        set((s) => ({ write: { ...s.write, data: null, error: importMessage(imported) } }))
        return false
      }
      await refreshKeeping()
      return true
    },
    loadWorkList: async (filter) => {
      if (filter) set({ workFilter: filter })
      const mine = ++newestWork
      set((s) => ({ workList: { ...s.workList, busy: true, error: null } }))
      const res = await api.kokuhoren.workList({ status: get().workFilter })
      if (mine !== newestWork) return false
      set((s) => ({ workList: settle(s.workList, res) }))
      return res.ok
    },
    resolve: async (item, reason) => {
      const done = await write(
        () =>
          api.kokuhoren.workItemResolve({
            workItemId: item.workItemId,
            rowVersion: item.rowVersion,
            reason,
            idempotencyKey: crypto.randomUUID(),
          }),
        (w) => `${w.name ?? w.insuredNumber}（${w.changedOn}）を解消しました。次の試算で再送付します`,
      )
      if (done) await refreshKeeping()
      return done !== null
    },
    clearMessage: () => set((s) => ({ write: { ...s.write, error: null, data: null } })),
    reset: () => {
      newestDetail++
      newestWork++
      set(empty)
    },
  }
})

registerPersonalData('kokuhoren', () => useKokuhorenStore.getState().reset())
