import { create } from 'zustand'
import type { z } from 'zod'
import type {
  AutoAssignResult$,
  MeetingDetail$,
  Meetings$,
  Panels$,
} from '../../../../../shared/api/certification-decisions'
import type { PrinterInfo$ } from '../../../../../shared/api/print'
import { registerPersonalData } from '../../../app/personal-data-registry'
import { api } from '../../../platform/bridge'

type Panels = z.infer<typeof Panels$>['panels']
type Meetings = z.infer<typeof Meetings$>['meetings']
export type MeetingDetail = z.infer<typeof MeetingDetail$>
type AutoAssign = z.infer<typeof AutoAssignResult$>
type PrinterInfo = z.infer<typeof PrinterInfo$>

interface BoardState {
  panels: Panels
  meetings: Meetings
  detail: MeetingDetail | null
  lastAssign: AutoAssign | null
  busy: boolean
  error: string | null
  message: string | null
  printers: PrinterInfo[] | null
  printer: string
  refresh(): Promise<void>
  openMeeting(meetingId: number): Promise<void>
  /** Runs a write; refreshes the lists after it; answers whether it succeeded. */
  write<T>(
    call: () => Promise<{ ok: true; value: T } | { ok: false; message: string }>,
    done?: (value: T) => string,
  ): Promise<T | null>
  setDetail(detail: MeetingDetail): void
  setAssign(result: AutoAssign): void
  loadPrinters(): Promise<void>
  choosePrinter(printer: string): void
  reset(): void
}

const empty = {
  panels: [],
  meetings: [],
  detail: null,
  lastAssign: null,
  busy: false,
  error: null,
  message: null,
  printers: null,
  printer: '',
}

/**
 * The 審査会事務局 screen's state: panels and members, meetings, the meeting open (its cases by management number with
 * age and sex — resident data: cleared on logout and lock), the last automatic assignment.
 */
export const useBoardStore = create<BoardState>()((set, get) => ({
  ...empty,
  refresh: async () => {
    const [panels, meetings] = await Promise.all([api.certification.panels({}), api.certification.meetings({})])
    set({
      panels: panels.ok ? panels.value.panels : get().panels,
      meetings: meetings.ok ? meetings.value.meetings : get().meetings,
      error: !panels.ok ? panels.message : !meetings.ok ? meetings.message : null,
    })
  },
  openMeeting: async (meetingId) => {
    const res = await api.certification.meeting({ meetingId })
    if (res.ok) set({ detail: res.value, error: null })
    else set({ error: res.message })
  },
  write: async (call, done) => {
    if (get().busy) return null
    set({ busy: true, error: null, message: null })
    try {
      const res = await call()
      if (!res.ok) {
        set({ error: res.message })
        return null
      }
      set({ message: done ? done(res.value) : null })
      await get().refresh()
      return res.value
    } finally {
      set({ busy: false })
    }
  },
  setDetail: (detail) => set({ detail }),
  setAssign: (lastAssign) => set({ lastAssign }),
  loadPrinters: async () => {
    const res = await api.print.printers({})
    if (!res.ok) return
    const first = res.value.printers.find((p) => p.allowed)?.name ?? ''
    set((s) => ({ printers: res.value.printers, printer: s.printer || first }))
  },
  choosePrinter: (printer) => set({ printer }),
  reset: () => set(empty),
}))

registerPersonalData('certificationBoard', () => useBoardStore.getState().reset())
