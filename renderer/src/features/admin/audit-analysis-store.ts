import { create } from 'zustand'
import type { AuditReportResponse } from '../../../../shared/api/audit'
import type { PrinterList } from '../../../../shared/api/print'
import type { IsoDate } from '../../../../shared/domain'
import { registerPersonalData } from '../../app/personal-data-registry'
import { idleRequest, settle, type RequestState } from '../../lib/request'
import { api } from '../../platform/bridge'
import { periodInstants } from './period'

interface AuditAnalysisState {
  report: RequestState<AuditReportResponse>
  /** The terminal's printers as main lists them (refused ones with their reason), and the one chosen. */
  printers: PrinterList['printers'] | null
  printer: string
  loadPrinters(): Promise<void>
  choosePrinter(name: string): void
  /** The committee PDF's print: its outcome as a notice. */
  printing: RequestState<string>
  /** Runs the analysis for whole days in Japan [from, to]. */
  analyse(from: IsoDate | null, to: IsoDate | null): Promise<void>
  /** Has main fetch the committee PDF of the same period and print it on an allowlisted printer (C-28). */
  print(from: IsoDate | null, to: IsoDate | null, printer: string): Promise<boolean>
  reset(): void
}

/** One bar of a chart: a label and a count. */
export interface Bar {
  label: string
  value: number
}

/** The figures of the screen's charts, from the report as the server made it (ids only). */
export function chartsOf(report: AuditReportResponse): { perUser: Bar[]; signals: Bar[] } {
  return {
    perUser: report.perUser.slice(0, 15).map((u) => ({ label: u.loginId ?? '（不明）', value: u.requests })),
    signals: [
      { label: '個人情報を扱う操作', value: report.perUser.reduce((n, u) => n + u.personalDataRequests, 0) },
      { label: '拒否された操作', value: report.perUser.reduce((n, u) => n + u.denied, 0) },
      { label: '執務時間外', value: report.offHoursTotal },
      { label: '大量照会', value: report.bulkLookups.length },
      { label: 'ログイン失敗', value: report.loginFailures.reduce((n, l) => n + l.failures, 0) },
      { label: '支援措置対象者', value: report.protectedAccessTotal },
    ],
  }
}

/**
 * アクセスログの分析 (control C-08) for 監督者: the audit report's figures for a period, and the committee's PDF.
 * The report lists persons by internal id only, yet it is an audited personal-data read: cleared on logout and lock.
 */
export const useAuditAnalysisStore = create<AuditAnalysisState>()((set, get) => ({
  report: idleRequest,
  printing: idleRequest,
  printers: null,
  printer: '',
  loadPrinters: async () => {
    const res = await api.print.printers({})
    if (!res.ok) return set({ printing: { ...idleRequest, error: res.message } })
    const first = res.value.printers.find((p) => p.allowed)?.name ?? ''
    set((s) => ({ printers: res.value.printers, printer: s.printer || first }))
  },
  choosePrinter: (printer) => set({ printer }),
  analyse: async (from, to) => {
    const period = periodInstants(from, to)
    if (!period.ok) return set((s) => ({ report: { ...s.report, error: period.message } }))
    set((s) => ({ report: { ...s.report, busy: true, error: null } }))
    const res = await api.admin.auditReport({ from: period.from, to: period.to })
    set((s) => ({ report: settle(s.report, res) }))
  },
  print: async (from, to, printer) => {
    if (get().printing.busy) return false
    const period = periodInstants(from, to)
    if (!period.ok) {
      set({ printing: { ...idleRequest, error: period.message } })
      return false
    }
    if (!printer) {
      set({ printing: { ...idleRequest, error: 'この端末で使用できるプリンタがありません' } })
      return false
    }
    set({ printing: { ...idleRequest, busy: true } })
    const res = await api.admin.printAuditReport({ from: period.from, to: period.to, printer })
    set((s) => ({
      printing: settle(
        s.printing,
        res.ok ? { ok: true, value: `${res.value.title}を ${printer} に印刷しました` } : res,
      ),
    }))
    return res.ok
  },
  reset: () => set({ report: idleRequest, printing: idleRequest, printers: null, printer: '' }),
}))

registerPersonalData('adminAuditAnalysis', () => useAuditAnalysisStore.getState().reset())
