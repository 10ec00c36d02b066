import { create } from 'zustand'
import type {
  ExtractDefinition,
  ExtractPopulation,
  ExtractRun,
  ExtractTemplate,
} from '../../../../shared/api/statistics'
import type { ExportRequestSummary, ExportResult } from '../../../../shared/api/export'
import type { IpcResponse, IpcResult } from '../../../../shared/ipc/contract'
import type { IsoDate } from '../../../../shared/domain/dates'
import { registerPersonalData } from '../../app/personal-data-registry'
import { idleRequest, settle, type RequestState } from '../../lib/request'
import { api } from '../../platform/bridge'

export type ExtractCatalogue = IpcResponse<'statistics.extractTemplates'>['catalogue']

/** What the user composes: a base population, the columns or the grouping items, and the filters. */
export interface ExtractDraft {
  templateName: string
  shared: boolean
  population: ExtractPopulation
  columns: string[]
  groupBy: string[]
  towns: string[]
  sex: 'male' | 'female' | null
  ageFrom: number | null
  ageTo: number | null
}

export const emptyDraft: ExtractDraft = {
  templateName: '',
  shared: false,
  population: 'insured1',
  columns: [],
  groupBy: [],
  towns: [],
  sex: null,
  ageFrom: null,
  ageTo: null,
}

/** The definition the server stores for a draft (grouped runs show 人数 per group, so their columns are empty). */
export function draftDefinition(draft: ExtractDraft): ExtractDefinition {
  return {
    population: draft.population,
    columns: draft.groupBy.length > 0 ? [] : draft.columns,
    groupBy: draft.groupBy,
    filters: {
      towns: draft.towns,
      careAreas: [],
      sex: draft.sex,
      careLevels: [],
      premiumStages: [],
      ageFrom: draft.ageFrom,
      ageTo: draft.ageTo,
    },
  }
}

/** Why a draft cannot be saved yet (Japanese), or null; the server checks the definition again. */
export function draftProblem(draft: ExtractDraft): string | null {
  if (draft.templateName.trim() === '') return 'テンプレート名を入力してください'
  if (draft.columns.length === 0 && draft.groupBy.length === 0) return '表示項目か集計項目を1つ以上選んでください'
  if (draft.ageFrom !== null && draft.ageTo !== null && draft.ageFrom > draft.ageTo)
    return '年齢の範囲が逆になっています'
  return null
}

/** The 持出申請 of EUC extracts among the user's requests, newest first. */
export function extractRequests(items: readonly ExportRequestSummary[]): ExportRequestSummary[] {
  return items.filter((r) => r.recordTypes.includes('statisticsExtract')).sort((a, b) => b.id - a.id)
}

interface EucState {
  templates: RequestState<{ items: ExtractTemplate[]; catalogue: ExtractCatalogue }>
  /** The last run (its first rows are personal data unless masked). */
  run: RequestState<ExtractRun>
  /** The user's 持出申請 of EUC extracts with their status (承認待ち → 承認済み → 持出済み). */
  requests: RequestState<ExportRequestSummary[]>
  /** The last save, request or file write: busy, its Japanese error, or what it did. */
  write: RequestState<string>
  /** The file written (name, place, SHA-256) and its password — shown once, then dismissed. */
  result: ExportResult | null
  loadTemplates(): Promise<boolean>
  /** Saves a new template from the draft; answers it (and reloads the list) or null. */
  saveTemplate(draft: ExtractDraft): Promise<ExtractTemplate | null>
  /** Runs a template as of a base date; a reason of 4 characters or more shows the identifying items (audited). */
  runExtract(input: { templateId: number; baseDate: IsoDate; reason: string | null }): Promise<boolean>
  /** Hands the last run's CSV to 持出申請 (a different 監督者 approves it). */
  requestExport(purpose: string): Promise<ExportRequestSummary | null>
  loadRequests(): Promise<boolean>
  /** Writes the approved extract through main's export control (AES-256 ZIP, 持出管理簿); the password comes once. */
  saveFile(requestId: number): Promise<ExportResult | null>
  dismissResult(): void
  clearMessage(): void
  reset(): void
}

const empty = {
  templates: idleRequest,
  run: idleRequest,
  requests: idleRequest,
  write: idleRequest,
  result: null,
}

/**
 * EUC抽出 (簡易検索・抽出): the templates the server offers with its item catalogue, a run as of a base date (masked
 * unless a reason is given; small groups 「*」), the 持出申請 of a run and its approval status, and the approved file
 * written by main's export service. A run's rows name residents: cleared on logout and lock, as is the password.
 */
export const useEucStore = create<EucState>()((set, get) => {
  let newestRun = 0

  async function write<T>(call: () => Promise<IpcResult<T>>, then: (v: T) => string): Promise<T | null> {
    if (get().write.busy) return null
    set({ write: { ...idleRequest, busy: true } })
    const res = await call()
    set((s) => ({ write: settle(s.write, res.ok ? { ok: true, value: then(res.value) } : res) }))
    return res.ok ? res.value : null
  }

  return {
    ...empty,
    loadTemplates: async () => {
      set((s) => ({ templates: { ...s.templates, busy: true, error: null } }))
      const res = await api.statistics.extractTemplates({})
      set((s) => ({ templates: settle(s.templates, res) }))
      return res.ok
    },
    saveTemplate: async (draft) => {
      const saved = await write<ExtractTemplate>(
        () =>
          api.statistics.saveExtractTemplate({
            idempotencyKey: crypto.randomUUID(),
            templateName: draft.templateName.trim(),
            shared: draft.shared,
            definition: draftDefinition(draft),
          }),
        (t) => `テンプレート「${t.templateName}」を保存しました`,
      )
      if (saved) await get().loadTemplates()
      return saved
    },
    runExtract: async (input) => {
      const mine = ++newestRun
      set({ run: { busy: true, error: null, data: null } })
      const res = await api.statistics.runExtract(input)
      if (mine !== newestRun) return false
      set((s) => ({ run: settle(s.run, res) }))
      return res.ok
    },
    requestExport: async (purpose) => {
      const run = get().run.data
      if (!run) return null
      const request = await write<ExportRequestSummary>(
        () =>
          api.statistics.exportExtract({
            idempotencyKey: crypto.randomUUID(),
            extractRunId: run.extractRunId,
            purpose,
          }),
        (r) => `持出申請（No.${r.id}）を登録しました。監督者の承認後に保存できます`,
      )
      if (request) await get().loadRequests()
      return request
    },
    loadRequests: async () => {
      set((s) => ({ requests: { ...s.requests, busy: true, error: null } }))
      const res = await api.export.myRequests({})
      set((s) => ({
        requests: settle(s.requests, res.ok ? { ok: true, value: extractRequests(res.value.items) } : res),
      }))
      return res.ok
    },
    saveFile: async (requestId) => {
      const result = await write<ExportResult>(
        () => api.export.execute({ requestId }),
        (r) => `${r.fileName} を保存しました`,
      )
      if (result) {
        set({ result })
        await get().loadRequests()
      }
      return result
    },
    dismissResult: () => set({ result: null }),
    clearMessage: () => set((s) => ({ write: { ...s.write, error: null, data: null } })),
    reset: () => {
      newestRun++
      set(empty)
    },
  }
})

registerPersonalData('euc', () => useEucStore.getState().reset())
