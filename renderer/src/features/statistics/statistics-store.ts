import { create } from 'zustand'
import type { AnnualReport, DrillDown, MonthlyReport } from '../../../../shared/api/statistics'
import type { IpcResponse, IpcResult } from '../../../../shared/ipc/contract'
import type { ReportFileSaved } from '../../../../shared/ipc/statistics'
import { fiscalYearOf, type IsoDate } from '../../../../shared/domain/dates'
import { shiftMonth, submissionProblem } from '../../../../shared/domain/statistics'
import { registerPersonalData } from '../../app/personal-data-registry'
import { idleRequest, settle, type RequestState } from '../../lib/request'
import { api } from '../../platform/bridge'

export type ReportVersionSummary = IpcResponse<'statistics.submit'>

/** Which report is asked for: a 月報 of a 報告月 or a 年報 of a 年度, with an optional 締日 (the default when null). */
export type ReportPeriod =
  | { kind: 'monthly'; reportMonth: string; cutoffOn: IsoDate | null }
  | { kind: 'annual'; fiscalYear: number; cutoffOn: IsoDate | null }

/** The report shown, with the period it answers. */
export type ShownReport = { kind: 'monthly'; report: MonthlyReport } | { kind: 'annual'; report: AnnualReport }

/** The last closed 報告月 on `today`: the month before (a month is closed once its 基準日, the month end, has passed). */
export function lastClosedMonth(today: IsoDate): string {
  return shiftMonth(today.slice(0, 7), -1)
}

/** The last closed 年度 on `today`: the one before the fiscal year of today (its 基準日 3月31日 has passed). */
export function lastClosedFiscalYear(today: IsoDate): number {
  return fiscalYearOf(today) - 1
}

/** How a cell reads: 「データ未取込」 when its inputs are not in the system (null), never zero. */
export function cellText(value: number | null): string {
  return value === null ? 'データ未取込' : value.toLocaleString('ja-JP')
}

/** The title of a report period, e.g. 「2026年10月分 月報」「2025年度 年報」. */
export function periodTitle(period: ReportPeriod): string {
  if (period.kind === 'annual') return `${period.fiscalYear}年度 年報`
  const [y, m] = period.reportMonth.split('-')
  return `${y}年${Number(m)}月分 月報`
}

export interface ReportGrid {
  rows: string[]
  columns: string[]
  /** The cell at a row and column, if the table has one there. */
  at(row: string, column: string): { id: string; value: number | null } | undefined
}

/** A table's cells laid out as rows × columns, in the order the definition gives them. */
export function reportGrid(table: MonthlyReport['tables'][number]): ReportGrid {
  const rows: string[] = []
  const columns: string[] = []
  const byKey = new Map<string, { id: string; value: number | null }>()
  for (const cell of table.cells) {
    if (!rows.includes(cell.row)) rows.push(cell.row)
    if (!columns.includes(cell.column)) columns.push(cell.column)
    byKey.set(`${cell.row}\u0000${cell.column}`, { id: cell.id, value: cell.value })
  }
  return { rows, columns, at: (row, column) => byKey.get(`${row}\u0000${column}`) }
}

/**
 * Whether the report may be submitted as it stands: blocked by a failed blocking check, or waiting for the 差異の理由
 * when the continuity check fails (the server applies the same rule again).
 */
export function submissionState(
  report: ShownReport | null,
  differenceNote: string,
): { blocked: boolean; needsNote: boolean; problem: string | null } {
  if (!report) return { blocked: true, needsNote: false, problem: null }
  const checks = report.report.checks
  const blocked = checks.some((c) => c.blocking && !c.ok)
  const needsNote = report.kind === 'monthly' && checks.some((c) => c.id === 'continuity' && !c.ok)
  const note = differenceNote.trim()
  return { blocked, needsNote, problem: submissionProblem(checks, note === '' ? null : note) }
}

interface StatisticsState {
  period: ReportPeriod | null
  report: RequestState<ShownReport>
  /** The persons behind the cell opened (personal data: names, 被保険者番号, 生年月日). */
  drillDown: RequestState<DrillDown>
  /** The last submission or save: busy, its Japanese error, or what it did. */
  write: RequestState<string>
  /** The last file saved (name, destination, SHA-256: never the bytes). */
  saved: ReportFileSaved | null
  /** Computes the report of a period (as known at its cut-off). */
  load(period: ReportPeriod): Promise<boolean>
  /** The drill-down of a cell of the report shown. */
  openCell(cellId: string): Promise<boolean>
  closeDrillDown(): void
  /** 提出済み登録 of the report shown, after the step-up dialog has succeeded; reloads it to show the new version. */
  submit(differenceNote: string | null): Promise<ReportVersionSummary | null>
  /** Saves the Excel or PDF through main's export control; a submitted version prints as submitted. */
  saveFile(format: 'xlsx' | 'pdf', versionId?: number | null): Promise<boolean>
  clearMessage(): void
  reset(): void
}

const empty = {
  period: null,
  report: idleRequest,
  drillDown: idleRequest,
  write: idleRequest,
  saved: null,
}

/**
 * 統計・報告 (事業状況報告 月報・年報): the report of a period as known at its cut-off, the drill-down from a cell to its
 * persons, the 監督者's submission (with the step-up) and the Excel/PDF saved through the export control. The
 * drill-down names residents, and small cells can point at one: cleared on logout and lock.
 */
export const useStatisticsStore = create<StatisticsState>()((set, get) => {
  let newestReport = 0
  let newestDrill = 0

  async function write<T>(call: () => Promise<IpcResult<T>>, then: (v: T) => string): Promise<T | null> {
    if (get().write.busy) return null
    set({ write: { ...idleRequest, busy: true } })
    const res = await call()
    set((s) => ({ write: settle(s.write, res.ok ? { ok: true, value: then(res.value) } : res) }))
    return res.ok ? res.value : null
  }

  return {
    ...empty,
    load: async (period) => {
      const mine = ++newestReport
      newestDrill++
      set((s) => ({
        period,
        report: { ...s.report, busy: true, error: null },
        drillDown: idleRequest,
        saved: null,
      }))
      const res: IpcResult<ShownReport> =
        period.kind === 'monthly'
          ? wrap(
              await api.statistics.monthlyReport({ reportMonth: period.reportMonth, cutoffOn: period.cutoffOn }),
              (report) => ({ kind: 'monthly', report }),
            )
          : wrap(
              await api.statistics.annualReport({ fiscalYear: period.fiscalYear, cutoffOn: period.cutoffOn }),
              (report) => ({ kind: 'annual', report }),
            )
      if (mine !== newestReport) return false
      // A period that could not be computed shows no report of another period.
      set((s) => ({ report: res.ok ? settle(s.report, res) : { busy: false, error: res.message, data: null } }))
      return res.ok
    },
    openCell: async (cellId) => {
      const period = get().period
      if (!period || !get().report.data) return false
      const mine = ++newestDrill
      set({ drillDown: { busy: true, error: null, data: null } })
      const res =
        period.kind === 'monthly'
          ? await api.statistics.drillDown({ reportMonth: period.reportMonth, cutoffOn: period.cutoffOn, cellId })
          : await api.statistics.annualDrillDown({ fiscalYear: period.fiscalYear, cutoffOn: period.cutoffOn, cellId })
      if (mine !== newestDrill) return false
      set((s) => ({ drillDown: settle(s.drillDown, res) }))
      return res.ok
    },
    closeDrillDown: () => {
      newestDrill++
      set({ drillDown: idleRequest })
    },
    submit: async (differenceNote) => {
      const period = get().period
      if (!period || !get().report.data) return null
      const title = periodTitle(period)
      const version = await write<ReportVersionSummary>(
        () =>
          period.kind === 'monthly'
            ? api.statistics.submit({
                idempotencyKey: crypto.randomUUID(),
                reportMonth: period.reportMonth,
                cutoffOn: period.cutoffOn,
                differenceNote,
              })
            : api.statistics.annualSubmit({
                idempotencyKey: crypto.randomUUID(),
                fiscalYear: period.fiscalYear,
                cutoffOn: period.cutoffOn,
              }),
        (v) => `${title} 第${v.version}版を提出済みとして登録しました（締日 ${v.cutoffOn}）`,
      )
      if (version) {
        const message = get().write.data
        await get().load(period)
        set((s) => ({ write: { ...s.write, data: message } }))
      }
      return version
    },
    saveFile: async (format, versionId = null) => {
      const period = get().period
      if (!period || !get().report.data) return false
      const saved = await write<ReportFileSaved>(
        () =>
          period.kind === 'monthly'
            ? api.statistics.saveReportFile({
                reportMonth: period.reportMonth,
                cutoffOn: period.cutoffOn,
                versionId,
                format,
              })
            : api.statistics.saveAnnualReportFile({
                fiscalYear: period.fiscalYear,
                cutoffOn: period.cutoffOn,
                versionId,
                format,
              }),
        (f) => {
          set({ saved: f })
          return `${f.fileName} を保存しました`
        },
      )
      return saved !== null
    },
    clearMessage: () => set((s) => ({ write: { ...s.write, error: null, data: null } })),
    reset: () => {
      newestReport++
      newestDrill++
      set(empty)
    },
  }
})

function wrap<T, U>(res: IpcResult<T>, f: (v: T) => U): IpcResult<U> {
  return res.ok ? { ok: true, value: f(res.value) } : res
}

registerPersonalData('statistics', () => useStatisticsStore.getState().reset())
