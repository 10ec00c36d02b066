import { create } from 'zustand'
import type {
  PensionExchangeFiles,
  PensionRequestsExportRequest,
  PensionRequestsExportResult,
  PensionSentFile,
} from '../../../../../shared/api/pension-withholding'
import type { IpcResult } from '../../../../../shared/ipc/contract'
import type {
  PensionFileSaved,
  PensionResultsFileImported,
  PensionTargetsFileImported,
} from '../../../../../shared/ipc/pension-exchange'
import { registerPersonalData } from '../../../app/personal-data-registry'
import { idleRequest, settle, type RequestState } from '../../../lib/request'
import { api } from '../../../platform/bridge'

export type ExchangeFile = PensionExchangeFiles['files'][number]
export type ExportKind = PensionRequestsExportRequest['kind']

/** The 特別徴収 files by their kind (docs/interfaces/pension-withholding.md). */
export const exchangeFileKindLabels: Readonly<Record<string, string>> = {
  targets: '対象者情報（Z11）',
  requests: '依頼（Z12）',
  requestResults: '依頼処理結果（Z13）',
  results: '結果（Z14）',
  changes: '各種異動（Z1A）',
  changeResults: '各種異動処理結果（Z1A）',
}

export const exportKindLabels: Readonly<Record<ExportKind, string>> = {
  requests: '特別徴収依頼',
  changes: '特別徴収各種異動',
  provisionalChanges: '仮徴収額変更',
}

/** One line of the summary: the files of one kind received or sent in one month (Japan time), with their counts. */
export interface ExchangeFileGroup {
  direction: ExchangeFile['direction']
  fileKind: string
  /** 'YYYY-MM' of the day the file was received or prepared, in Japan. */
  month: string
  files: number
  records: number
  matched: number
  unmatched: number
}

const JAPAN_OFFSET_MS = 9 * 3600_000

/** The month (Japan time) of an instant the server stamped. */
export const monthInJapan = (instant: string) =>
  new Date(new Date(instant).getTime() + JAPAN_OFFSET_MS).toISOString().slice(0, 7)

/** The files grouped by kind and month, newest month first, then received before sent, then by kind. */
export function exchangeFileGroups(files: readonly ExchangeFile[]): ExchangeFileGroup[] {
  const groups = new Map<string, ExchangeFileGroup>()
  for (const f of files) {
    const month = monthInJapan(f.createdAt)
    const key = `${month}|${f.direction}|${f.fileKind}`
    const g = groups.get(key) ?? {
      direction: f.direction,
      fileKind: f.fileKind,
      month,
      files: 0,
      records: 0,
      matched: 0,
      unmatched: 0,
    }
    g.files += 1
    g.records += f.records
    g.matched += f.matched
    g.unmatched += f.unmatched
    groups.set(key, g)
  }
  return [...groups.values()].sort(
    (a, b) =>
      b.month.localeCompare(a.month) || a.direction.localeCompare(b.direction) || a.fileKind.localeCompare(b.fileKind),
  )
}

/**
 * What the session may do with a file of the list; the server checks every rule again (four eyes, step-up, state).
 * Only a sent file is signed off or saved. Its sign-off is never offered to whoever prepared it here, nor again once
 * signed off here; its save is offered to the clerk whatever this session knows (the 監督者 signs off in a session of
 * their own) — the server hands the bytes out only after the sign-off and says so in Japanese before it.
 */
export function sentFileActions(
  file: Pick<ExchangeFile, 'id' | 'direction'> | null,
  state: { approvals: Readonly<Record<number, PensionSentFile>>; preparedIds: readonly number[] },
  session: { mayExchange: boolean; mayApprove: boolean },
): { approve: boolean; save: boolean } {
  if (!file || file.direction !== 'sent') return { approve: false, save: false }
  const approvedHere = state.approvals[file.id]?.status === 'approved'
  return {
    approve: !approvedHere && !state.preparedIds.includes(file.id) && session.mayApprove,
    save: session.mayExchange,
  }
}

const count = (n: number) => `${n.toLocaleString('ja-JP')}件`

interface PensionExchangeState {
  fiscalYear: number | null
  files: RequestState<PensionExchangeFiles>
  /** The last 対象者情報 import (its Japanese line report when refused). */
  targets: RequestState<PensionTargetsFileImported>
  /** The last 結果 import. */
  results: RequestState<PensionResultsFileImported>
  /** The 依頼 file's dry run, or the file prepared (awaiting the 監督者's sign-off). */
  requests: RequestState<PensionRequestsExportResult>
  /** The last write or save: busy, its Japanese error, or what it did. */
  write: RequestState<string>
  /** The sent files signed off in this session (their status as the server answered it). */
  approvals: Readonly<Record<number, PensionSentFile>>
  /** The files the signed-in user prepared in this session (never offered for sign-off here). */
  preparedIds: readonly number[]
  /** The file selected in the list (a sent one is signed off or saved from there). */
  selectedFileId: number | null
  /** The last file saved (name, destination, SHA-256: never the bytes). */
  saved: PensionFileSaved | null
  loadFiles(fiscalYear: number): Promise<boolean>
  select(fileId: number | null): void
  /** Main opens its file dialog and sends the 対象者情報 file; a dry run validates and matches only. */
  importTargets(fiscalYear: number, dryRun: boolean): Promise<boolean>
  importResults(dryRun: boolean): Promise<boolean>
  /** What the 依頼 / 異動 file would hold: persons, amounts, those who cannot be requested. Nothing is recorded. */
  exportDryRun(fiscalYear: number, kind: ExportKind): Promise<boolean>
  /** 作成: records the file as sent, awaiting a 監督者's sign-off (its bytes stay on the server until then). */
  prepare(fiscalYear: number, kind: ExportKind): Promise<boolean>
  /** The 監督者's sign-off, after the step-up dialog has succeeded. */
  approve(fileId: number): Promise<boolean>
  /** Saves the approved file through main's export control (save dialog, destination check). */
  save(fileId: number): Promise<boolean>
  clearMessage(): void
  reset(): void
}

const empty = {
  fiscalYear: null,
  files: idleRequest,
  targets: idleRequest,
  results: idleRequest,
  requests: idleRequest,
  write: idleRequest,
  approvals: {},
  preparedIds: [] as readonly number[],
  selectedFileId: null,
  saved: null,
}

/**
 * 年金特別徴収 with the pension insurers: the files exchanged (by kind and month), the 対象者情報 and 結果 imports (the
 * file chosen in main's dialog, the line report of a refused file), the 依頼 file (dry run, then prepared), its
 * sign-off by a 監督者 who did not prepare it (with the step-up) and its save through the export control. The dry
 * run and the import reports name persons (unmatched records: カナ氏名, 生年月日): cleared on logout and lock.
 */
export const usePensionExchangeStore = create<PensionExchangeState>()((set, get) => {
  let newestList = 0

  async function write<T>(call: () => Promise<IpcResult<T>>, then: (v: T) => string) {
    if (get().write.busy) return false
    set({ write: { ...idleRequest, busy: true } })
    const res = await call()
    set((s) => ({ write: settle(s.write, res.ok ? { ok: true, value: then(res.value) } : res) }))
    return res.ok
  }

  async function reload() {
    const year = get().fiscalYear
    if (year !== null) await get().loadFiles(year)
  }

  return {
    ...empty,
    loadFiles: async (fiscalYear) => {
      const mine = ++newestList
      set((s) => ({ fiscalYear, files: { ...s.files, busy: true, error: null } }))
      const res = await api.pensionExchange.files({ fiscalYear })
      if (mine !== newestList) return false
      set((s) => ({ files: settle(s.files, res) }))
      return res.ok
    },
    select: (fileId) => set({ selectedFileId: fileId }),
    importTargets: async (fiscalYear, dryRun) => {
      if (get().targets.busy) return false
      set((s) => ({ targets: { ...s.targets, busy: true, error: null } }))
      const res = await api.pensionExchange.importTargets({ fiscalYear, dryRun })
      set((s) => ({ targets: settle(s.targets, res) }))
      if (res.ok && res.value.status === 'applied') await reload()
      return res.ok
    },
    importResults: async (dryRun) => {
      if (get().results.busy) return false
      set((s) => ({ results: { ...s.results, busy: true, error: null } }))
      const res = await api.pensionExchange.importResults({ dryRun })
      set((s) => ({ results: settle(s.results, res) }))
      if (res.ok && res.value.status === 'applied') await reload()
      return res.ok
    },
    exportDryRun: async (fiscalYear, kind) => {
      if (get().requests.busy) return false
      set((s) => ({ requests: { ...s.requests, busy: true, error: null } }))
      const res = await api.pensionExchange.exportRequests({
        fiscalYear,
        kind,
        dryRun: true,
        idempotencyKey: crypto.randomUUID(),
      })
      set((s) => ({ requests: settle(s.requests, res) }))
      return res.ok
    },
    prepare: async (fiscalYear, kind) => {
      const ok = await write(
        () => api.pensionExchange.exportRequests({ fiscalYear, kind, idempotencyKey: crypto.randomUUID() }),
        (r) => {
          set((s) => ({
            requests: { busy: false, error: null, data: r },
            ...(r.fileId !== null ? { preparedIds: [...s.preparedIds, r.fileId], selectedFileId: r.fileId } : {}),
          }))
          return r.status === 'nothingToSend'
            ? `${r.fiscalYear}年度 ${exportKindLabels[r.kind]}: 送付する対象はありません`
            : `${r.fiscalYear}年度 ${exportKindLabels[r.kind]}ファイル ${r.fileName ?? ''}（第${r.fileId ?? ''}号・${count(r.records)}）を作成しました。監督者の承認が必要です`
        },
      )
      if (ok) await reload()
      return ok
    },
    approve: async (fileId) =>
      write(
        () => api.pensionExchange.approveFile({ fileId, idempotencyKey: crypto.randomUUID() }),
        (f) => {
          set((s) => ({ approvals: { ...s.approvals, [f.fileId]: f }, selectedFileId: f.fileId }))
          return `特別徴収の送付ファイル ${f.fileName}（第${f.fileId}号・${count(f.records)}）を承認しました`
        },
      ),
    save: (fileId) =>
      write(
        () => api.pensionExchange.saveFile({ fileId }),
        (saved) => {
          set({ saved })
          return `${saved.fileName} を保存しました（${count(saved.records)}）`
        },
      ),
    clearMessage: () => set((s) => ({ write: { ...s.write, error: null, data: null } })),
    reset: () => {
      newestList++
      set(empty)
    },
  }
})

registerPersonalData('pensionExchange', () => usePensionExchangeStore.getState().reset())
