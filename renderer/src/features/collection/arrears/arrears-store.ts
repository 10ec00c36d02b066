import { create } from 'zustand'
import type { PrinterList } from '../../../../../shared/api/print'
import type {
  ArrearsCase,
  ArrearsWorkList,
  ContactKind,
  RestrictionMeasure,
  RestrictionStep,
} from '../../../../../shared/api/arrears'
import type { PlanInstalment } from '../../../../../shared/domain/arrears-plan'
import { registerPersonalData } from '../../../app/personal-data-registry'
import { idleRequest, settle, type RequestState } from '../../../lib/request'
import { api } from '../../../platform/bridge'
import type { IpcResult } from '../../../../../shared/ipc/contract'

export interface WorkListFilter {
  minAmount: number
  minAgeDays: number
  careArea: string | null
}

interface ArrearsState {
  filter: WorkListFilter
  list: RequestState<ArrearsWorkList>
  cursor: number
  caseFile: RequestState<ArrearsCase>
  /** The last write's message (or error). */
  write: RequestState<string>
  setFilter(filter: Partial<WorkListFilter>): void
  load(): Promise<boolean>
  move(delta: number): void
  open(personId: number): Promise<boolean>
  recordContact(kind: ContactKind, occurredOn: string, note: string): Promise<boolean>
  recordPledge(
    kind: 'plan' | 'pledge',
    agreedOn: string,
    instalments: PlanInstalment[],
    note: string,
    includeNotYetDue: boolean,
  ): Promise<boolean>
  /** Opens the case of the person with this 被保険者番号 (in arrears or not). */
  openByInsuredNumber(insuredNumber: string): Promise<boolean>
  restrictionStep(measure: RestrictionMeasure, step: RestrictionStep, stepOn: string, note: string): Promise<boolean>
  printers: PrinterList['printers'] | null
  printer: string
  loadPrinters(): Promise<void>
  choosePrinter(printer: string): void
  /** Prints the case's 催告書 or 給付制限 notice (main fetches the PDF; the screen gets its text lines). */
  printNotice(notice: 'demandLetter' | 'restriction'): Promise<boolean>
  reset(): void
}

const empty = {
  filter: { minAmount: 0, minAgeDays: 0, careArea: null },
  list: idleRequest,
  cursor: 0,
  caseFile: idleRequest,
  write: idleRequest,
  printers: null,
  printer: '',
}

/**
 * 滞納管理: the 滞納者 work list (oldest due first, filtered by amount, age, 圏域), the case of the person chosen, and
 * the 滞納担当's / 監督者's writes on it (each answers the case as it now stands). Names residents: cleared on logout
 * and lock.
 */
export const useArrearsStore = create<ArrearsState>()((set, get) => {
  async function writeCase(run: () => Promise<IpcResult<ArrearsCase>>, done: string): Promise<boolean> {
    if (get().write.busy) return false
    set({ write: { ...idleRequest, busy: true } })
    const res = await run()
    set((s) => ({
      write: settle(s.write, res.ok ? { ok: true, value: done } : res),
      caseFile: res.ok ? settle(s.caseFile, res) : s.caseFile,
    }))
    return res.ok
  }
  const personId = () => get().caseFile.data?.person.id ?? 0
  return {
    ...empty,
    setFilter: (filter) => set((s) => ({ filter: { ...s.filter, ...filter } })),
    load: async () => {
      set((s) => ({ list: { ...s.list, busy: true, error: null } }))
      const res = await api.arrears.workList({ ...get().filter, limit: 200 })
      set((s) => ({
        list: settle(s.list, res),
        cursor: res.ok ? Math.min(s.cursor, Math.max(0, res.value.rows.length - 1)) : s.cursor,
      }))
      return res.ok
    },
    move: (delta) =>
      set((s) => {
        const count = s.list.data?.rows.length ?? 0
        return { cursor: count === 0 ? 0 : Math.min(count - 1, Math.max(0, s.cursor + delta)) }
      }),
    open: async (id) => {
      set((s) => ({ caseFile: { ...s.caseFile, busy: true, error: null }, write: idleRequest }))
      const res = await api.arrears.case({ personId: id })
      set((s) => ({ caseFile: settle(s.caseFile, res) }))
      return res.ok
    },
    recordContact: (kind, occurredOn, note) =>
      writeCase(
        () =>
          api.arrears.recordContact({
            personId: personId(),
            kind,
            occurredOn,
            note,
            idempotencyKey: crypto.randomUUID(),
          }),
        '記録しました',
      ),
    openByInsuredNumber: async (insuredNumber) => {
      const res = await api.person.search({ insuredNumber })
      if (!res.ok) {
        set((s) => ({ caseFile: settle(s.caseFile, res) }))
        return false
      }
      const found = res.value.items[0]
      if (!found) {
        set((s) => ({ caseFile: { ...s.caseFile, error: `被保険者番号 ${insuredNumber} の方は見つかりません` } }))
        return false
      }
      return get().open(found.id)
    },
    recordPledge: (kind, agreedOn, instalments, note, includeNotYetDue) =>
      writeCase(
        () =>
          api.arrears.recordPlan({
            personId: personId(),
            kind,
            agreedOn,
            instalments,
            note,
            includeNotYetDue,
            idempotencyKey: crypto.randomUUID(),
          }),
        kind === 'pledge' ? '分納誓約を記録しました' : '分納計画を記録しました',
      ),
    restrictionStep: (measure, step, stepOn, note) => {
      const input = { personId: personId(), measure, step, stepOn, note, idempotencyKey: crypto.randomUUID() }
      return writeCase(
        () =>
          step === 'decision' || step === 'release'
            ? api.arrears.restrictionDecide(input)
            : api.arrears.restrictionStep(input),
        '給付制限の手続を記録しました',
      )
    },
    loadPrinters: async () => {
      const res = await api.print.printers({})
      if (!res.ok) return
      const first = res.value.printers.find((p) => p.allowed)?.name ?? ''
      set((s) => ({ printers: res.value.printers, printer: s.printer || first }))
    },
    choosePrinter: (printer) => set({ printer }),
    printNotice: async (notice) => {
      const printer = get().printer
      if (get().write.busy) return false
      if (!printer) {
        set({ write: { ...idleRequest, error: 'プリンタを選んでください' } })
        return false
      }
      set({ write: { ...idleRequest, busy: true } })
      const res = await api.arrears.printNotice({ personId: personId(), notice, printer })
      set((s) => ({
        write: settle(s.write, res.ok ? { ok: true, value: `${res.value.title}を ${printer} に印刷しました` } : res),
      }))
      return res.ok
    },
    reset: () => set(empty),
  }
})

registerPersonalData('arrears', () => useArrearsStore.getState().reset())
