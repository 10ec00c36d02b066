import { create } from 'zustand'
import type {
  MigrationErasureReport,
  MigrationExtract,
  MigrationFinding,
  MigrationGaijiEntry,
  MigrationReconciliation,
  MigrationReconciliationSummary,
  MigrationRehearsalPlan,
  MigrationTrialStore,
} from '../../../../shared/api/migration'
import type { IpcResponse, IpcResult } from '../../../../shared/ipc/contract'
import type { FindingRule } from '../../../../shared/migration/findings'
import { registerPersonalData } from '../../app/personal-data-registry'
import { idleRequest, settle, type RequestState } from '../../lib/request'
import { api } from '../../platform/bridge'

export type MigrationReport = IpcResponse<'migration.report'>
export type MigrationGaijiList = IpcResponse<'migration.gaijiList'>
export type MigrationDifferenceRecords = IpcResponse<'migration.differenceRecords'>
export type MigrationDecision = IpcResponse<'migration.recordDecision'>
/** The 消去報告書 as the screen keeps it: what was erased and verified, the PDF's SHA-256 (never the PDF itself). */
export type ErasureSummary = Omit<MigrationErasureReport, 'pdfBase64'>

/** 突合結果報告 listed for the 監督者 to pick from (newest first). */
export const REPORT_LIST_PAGE = 50

/** Findings per page of the report. */
export const REPORT_PAGE = 100

/** 「12.3 MB」: the bytes of a file or an upload, as staff read them. */
export function bytesText(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}

/** The upload's progress in percent (0–100), for the progress bar. */
export function uploadPercent(sentBytes: number, totalBytes: number): number {
  return totalBytes <= 0 ? 100 : Math.min(100, Math.floor((sentBytes * 100) / totalBytes))
}

/** Whether every file of an extract arrived as the manifest states it (bytes and SHA-256). */
export function fileVerified(file: MigrationExtract['files'][number]): boolean {
  return file.receivedSha256 !== null && file.receivedSha256 === file.sha256 && file.receivedBytes === file.bytes
}

/** Findings of an extract in all, over every rule. */
export function findingTotal(extract: MigrationExtract): number {
  return Object.values(extract.findingCounts).reduce((a, b) => a + b, 0)
}

/**
 * What the 移行判定 allows on a report: nothing before its sign-off, and no 移行可 while a difference is unexplained
 * (the server applies the same rules again).
 */
export function decisionState(report: MigrationReconciliation | null): {
  mayDecide: boolean
  mayGo: boolean
  problem: string | null
} {
  if (!report) return { mayDecide: false, mayGo: false, problem: null }
  if (!report.signoff)
    return { mayDecide: false, mayGo: false, problem: '突合結果報告が監督者に承認されるまで移行判定はできません' }
  if (report.unexplained > 0)
    return {
      mayDecide: true,
      mayGo: false,
      problem: `説明のない差異が ${report.unexplained} 件あるため「移行可」とは判定できません`,
    }
  return { mayDecide: true, mayGo: true, problem: null }
}

/** The upload of an extract under way: the folder chosen in main's dialog and the bytes sent of the total. */
export interface UploadProgress {
  folderName: string
  sentBytes: number
  totalBytes: number
}

interface MigrationState {
  extracts: RequestState<MigrationExtract[]>
  /** The extract shown (its files, report, rehearsal). */
  selectedId: number | null
  /** Loading an extract through main: busy while main reads and sends it; its error. */
  upload: RequestState<UploadProgress>
  /** The validation report of the extract shown: a page of findings, optionally of one rule. */
  report: RequestState<MigrationReport>
  reportRule: FindingRule | null
  /** Every 外字 with its decision (the workbench spans the extracts received). */
  gaiji: RequestState<MigrationGaijiList>
  plan: RequestState<MigrationRehearsalPlan>
  stores: RequestState<MigrationTrialStore[]>
  /** The 突合結果報告, newest first (the 監督者 picks one), and how many there are in all. */
  reports: RequestState<{ total: number; reports: MigrationReconciliationSummary[] }>
  /** The 突合結果報告 shown (run here, picked from the list, or opened by its number). */
  reconciliation: RequestState<MigrationReconciliation>
  /** The records behind one difference (the drill-down: 被保険者番号, legacy and loaded values). */
  drillDown: RequestState<MigrationDifferenceRecords>
  decision: MigrationDecision | null
  erasure: ErasureSummary | null
  /** The last write: busy, its Japanese error, or what it did. */
  write: RequestState<string>

  /** The extracts, the 外字 and the trial stores; keeps the extract shown when it is still listed. */
  refresh(): Promise<boolean>
  select(extractId: number): Promise<boolean>
  /** Main opens the folder dialog, reads the extract and sends it chunk by chunk; then the server validates it. */
  loadExtract(): Promise<MigrationExtract | null>
  loadReport(rule: FindingRule | null, offset?: number): Promise<boolean>
  /** 検証結果の承認 (監督者, after the step-up dialog has succeeded). */
  acceptReport(note: string): Promise<boolean>
  decideGaiji(character: string, replacement: string, reason: string): Promise<boolean>
  dryRun(): Promise<boolean>
  /** 仮移行 of the extract shown (after its dry run). */
  startRehearsal(label: string): Promise<MigrationTrialStore | null>
  reconcile(trialStoreId: number): Promise<boolean>
  /** The list of 突合結果報告 (the newest REPORT_LIST_PAGE). */
  loadReports(): Promise<boolean>
  openReconciliation(reportId: number): Promise<boolean>
  openDifference(differenceId: number): Promise<boolean>
  closeDrillDown(): void
  /** 突合結果の承認 (監督者, after the step-up), with the explanation of each difference. */
  signOff(comment: string, explanations: { differenceId: number; text: string }[]): Promise<boolean>
  /** 移行判定 (監督者, after the step-up). */
  recordDecision(decision: 'go' | 'noGo', reasons: string): Promise<MigrationDecision | null>
  /** Erases a trial store (移行担当, after the step-up) with a named witness; keeps the 消去報告書's summary. */
  eraseTrialStore(trialStoreId: number, witnessName: string, witnessTitle: string): Promise<boolean>
  clearMessage(): void
  reset(): void
}

const empty = {
  extracts: idleRequest,
  selectedId: null,
  upload: idleRequest,
  report: idleRequest,
  reportRule: null,
  gaiji: idleRequest,
  plan: idleRequest,
  stores: idleRequest,
  reports: idleRequest,
  reconciliation: idleRequest,
  drillDown: idleRequest,
  decision: null,
  erasure: null,
  write: idleRequest,
}

/**
 * データ移行 (the 移行 cockpit): the legacy extracts received with their files, the validation report and its
 * acceptance, the 外字 workbench, the 仮移行 (dry run, then the load) with its timings, the 突合 with its differences
 * and drill-down, the 監督者's sign-off and 移行判定, and the erasure of a trial store. The findings, 外字 samples and
 * differences name residents (names, addresses, 宛名番号): cleared on logout and lock.
 */
export const useMigrationStore = create<MigrationState>()((set, get) => {
  let newestReport = 0
  let newestDrill = 0
  let newestReportList = 0

  async function write<T>(call: () => Promise<IpcResult<T>>, then: (v: T) => string): Promise<T | null> {
    if (get().write.busy) return null
    set({ write: { ...idleRequest, busy: true } })
    const res = await call()
    set((s) => ({ write: settle(s.write, res.ok ? { ok: true, value: then(res.value) } : res) }))
    return res.ok ? res.value : null
  }

  /** Reloads after a write and keeps the write's message (the reloads clear nothing of it). */
  async function refreshKeeping(): Promise<void> {
    const message = get().write.data
    await get().refresh()
    set((s) => ({ write: { ...s.write, data: message } }))
  }

  const selected = () => get().extracts.data?.find((e) => e.id === get().selectedId) ?? null

  return {
    ...empty,
    refresh: async () => {
      set((s) => ({
        extracts: { ...s.extracts, busy: true, error: null },
        gaiji: { ...s.gaiji, busy: true, error: null },
        stores: { ...s.stores, busy: true, error: null },
      }))
      const [extracts, gaiji, stores] = await Promise.all([
        api.migration.extracts({}),
        api.migration.gaijiList({ status: 'all' }),
        api.migration.trialStores({}),
      ])
      set((s) => {
        const list = extracts.ok ? extracts.value.extracts : (s.extracts.data ?? [])
        const keep = list.some((e) => e.id === s.selectedId)
        return {
          extracts: settle(s.extracts, extracts.ok ? { ok: true, value: extracts.value.extracts } : extracts),
          gaiji: settle(s.gaiji, gaiji),
          stores: settle(s.stores, stores.ok ? { ok: true, value: stores.value.stores } : stores),
          selectedId: keep ? s.selectedId : (list[0]?.id ?? null),
        }
      })
      return extracts.ok && gaiji.ok && stores.ok
    },
    select: async (extractId) => {
      if (get().selectedId !== extractId) set({ selectedId: extractId, plan: idleRequest, report: idleRequest })
      return get().loadReport(null)
    },
    loadExtract: async () => {
      if (get().upload.busy) return null
      set({ upload: { busy: true, error: null, data: null } })
      const fail = (message: string) => {
        set((s) => ({ upload: { ...s.upload, busy: false, error: message } }))
        return null
      }
      const opened = await api.migration.openExtract({})
      if (!opened.ok) return fail(opened.message)
      let step = opened.value
      const progress = () =>
        set({
          upload: {
            busy: true,
            error: null,
            data: { folderName: step.folderName, sentBytes: step.sentBytes, totalBytes: step.totalBytes },
          },
        })
      progress()
      while (!step.complete) {
        const next = await api.migration.sendNextChunk({ extractId: step.extract.id })
        if (!next.ok) return fail(next.message)
        step = next.value
        progress()
      }
      const finished = await api.migration.finishExtract({ extractId: step.extract.id })
      if (!finished.ok) return fail(finished.message)
      set((s) => ({
        upload: { ...s.upload, busy: false },
        selectedId: finished.value.id,
        plan: idleRequest,
        write: {
          busy: false,
          error: null,
          data: `抽出データ 第${finished.value.id}号（${step.folderName}）を受け入れ、検証しました`,
        },
      }))
      await refreshKeeping()
      await get().loadReport(null)
      return finished.value
    },
    loadReport: async (rule, offset = 0) => {
      const extractId = get().selectedId
      if (extractId === null) return false
      const mine = ++newestReport
      set((s) => ({ reportRule: rule, report: { ...s.report, busy: true, error: null } }))
      const res = await api.migration.report({
        extractId,
        offset,
        limit: REPORT_PAGE,
        ...(rule ? { rule } : {}),
      })
      if (mine !== newestReport) return false
      // The report of another extract is never shown for this one.
      set((s) => ({ report: res.ok ? settle(s.report, res) : { busy: false, error: res.message, data: null } }))
      return res.ok
    },
    acceptReport: async (note) => {
      const extract = selected()
      if (!extract) return false
      const done = await write(
        () => api.migration.acceptReport({ extractId: extract.id, note, idempotencyKey: crypto.randomUUID() }),
        (e) => `抽出データ 第${e.id}号の検証結果を承認しました`,
      )
      if (done) await refreshKeeping()
      return done !== null
    },
    decideGaiji: async (character, replacement, reason) => {
      const done = await write(
        () => api.migration.decideGaiji({ character, replacement, reason, idempotencyKey: crypto.randomUUID() }),
        (e) =>
          e.decision?.replacement === e.character
            ? `外字「${e.character}」をそのまま使用すると決定しました`
            : `外字「${e.character}」を「${e.decision?.replacement ?? replacement}」に置き換えると決定しました`,
      )
      if (done) await refreshKeeping()
      return done !== null
    },
    dryRun: async () => {
      const extract = selected()
      if (!extract) return false
      set((s) => ({ plan: { ...s.plan, busy: true, error: null } }))
      const res = await api.migration.rehearsalDryRun({ extractId: extract.id })
      set((s) => ({ plan: res.ok ? settle(s.plan, res) : { busy: false, error: res.message, data: null } }))
      return res.ok
    },
    startRehearsal: async (label) => {
      const plan = get().plan.data
      if (!plan || plan.extractId !== get().selectedId) return null
      const store = await write(
        () => api.migration.startRehearsal({ extractId: plan.extractId, label, idempotencyKey: crypto.randomUUID() }),
        (s) => `仮移行「${s.label}」を読み込みました（仮移行環境 第${s.id}号）`,
      )
      if (store) {
        set({ plan: idleRequest })
        await refreshKeeping()
      }
      return store
    },
    reconcile: async (trialStoreId) => {
      const report = await write(
        () => api.migration.reconcile({ trialStoreId, idempotencyKey: crypto.randomUUID() }),
        (r) => `突合結果報告 第${r.id}号（第${r.version}版）を作成しました。差異 ${r.differences.length} 件`,
      )
      if (report) {
        newestDrill++
        set({ reconciliation: { busy: false, error: null, data: report }, drillDown: idleRequest, decision: null })
        await get().loadReports()
      }
      return report !== null
    },
    loadReports: async () => {
      const mine = ++newestReportList
      set((s) => ({ reports: { ...s.reports, busy: true, error: null } }))
      const res = await api.migration.reconciliationReports({ offset: 0, limit: REPORT_LIST_PAGE })
      if (mine !== newestReportList) return false
      set((s) => ({ reports: settle(s.reports, res) }))
      return res.ok
    },
    openReconciliation: async (reportId) => {
      newestDrill++
      set((s) => ({ reconciliation: { ...s.reconciliation, busy: true, error: null }, drillDown: idleRequest }))
      const res = await api.migration.reconciliation({ reportId })
      set((s) => ({
        reconciliation: res.ok ? settle(s.reconciliation, res) : { busy: false, error: res.message, data: null },
        decision: res.ok && s.reconciliation.data?.id === reportId ? s.decision : null,
      }))
      return res.ok
    },
    openDifference: async (differenceId) => {
      const report = get().reconciliation.data
      if (!report) return false
      const mine = ++newestDrill
      set({ drillDown: { busy: true, error: null, data: null } })
      const res = await api.migration.differenceRecords({ reportId: report.id, differenceId, offset: 0, limit: 100 })
      if (mine !== newestDrill) return false
      set((s) => ({ drillDown: settle(s.drillDown, res) }))
      return res.ok
    },
    closeDrillDown: () => {
      newestDrill++
      set({ drillDown: idleRequest })
    },
    signOff: async (comment, explanations) => {
      const report = get().reconciliation.data
      if (!report) return false
      const signed = await write(
        () =>
          api.migration.signOffReconciliation({
            reportId: report.id,
            comment,
            explanations,
            idempotencyKey: crypto.randomUUID(),
          }),
        (r) => `突合結果報告 第${r.id}号を承認しました`,
      )
      if (signed) {
        set({ reconciliation: { busy: false, error: null, data: signed } })
        await get().loadReports()
      }
      return signed !== null
    },
    recordDecision: async (decision, reasons) => {
      const report = get().reconciliation.data
      if (!report) return null
      const recorded = await write(
        () =>
          api.migration.recordDecision({
            reportId: report.id,
            decision,
            reasons,
            idempotencyKey: crypto.randomUUID(),
          }),
        (d) =>
          `移行判定「${d.decision === 'go' ? '移行可' : '移行不可'}」を記録しました（突合結果報告 第${d.reportId}号 第${d.reportVersion}版）`,
      )
      if (recorded) {
        set({ decision: recorded })
        await get().loadReports()
      }
      return recorded
    },
    eraseTrialStore: async (trialStoreId, witnessName, witnessTitle) => {
      const report = await write(
        () =>
          api.migration.eraseTrialStore({
            trialStoreId,
            witnessName,
            witnessTitle,
            idempotencyKey: crypto.randomUUID(),
          }),
        (r) => `仮移行環境 第${r.trialStoreId}号を消去しました（消去報告書 第${r.id}号）`,
      )
      if (report) {
        const { pdfBase64: _pdf, ...summary } = report
        set({ erasure: summary })
        await refreshKeeping()
      }
      return report !== null
    },
    clearMessage: () => set((s) => ({ write: { ...s.write, error: null, data: null } })),
    reset: () => {
      newestReport++
      newestDrill++
      newestReportList++
      set(empty)
    },
  }
})

/** The findings of a report, for the table (kept as the route answers them). */
export type ReportFinding = MigrationFinding
export type GaijiEntry = MigrationGaijiEntry

registerPersonalData('migration', () => useMigrationStore.getState().reset())
