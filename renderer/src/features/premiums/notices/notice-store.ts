import { create } from 'zustand'
import type { NoticeIssuances } from '../../../../../shared/api/notices'
import type { PrinterList } from '../../../../../shared/api/print'
import { registerPersonalData } from '../../../app/personal-data-registry'
import { idleRequest, settle, type RequestState } from '../../../lib/request'
import { api } from '../../../platform/bridge'

export type NoticeWhat = 'notice' | 'paymentSlips'

interface NoticeState {
  /** The person whose issuances are held (null: none). */
  personId: number | null
  /** The person's issuance ledger: an audited read on the server (premiums.read). */
  issuances: RequestState<NoticeIssuances>
  printers: PrinterList['printers'] | null
  printer: string
  /** The last print: busy, its Japanese error, or what was printed (one sentence). */
  printing: RequestState<string>
  /** Loads the person's issuances; only the answer of the newest call is kept. */
  loadIssuances(personId: number): Promise<void>
  loadPrinters(): Promise<void>
  choosePrinter(name: string): void
  /**
   * Has main issue the version's 通知書 (or only its 納付書) and print it on an allowlisted printer (C-28); then
   * reloads the history. A second press while one prints is ignored. `seqs`: only the 納付書 of these 期 (a reprint).
   */
  print(personId: number, assessmentId: number, what: NoticeWhat, seqs?: readonly number[]): Promise<boolean>
  reset(): void
}

const empty = {
  personId: null,
  issuances: idleRequest,
  printers: null,
  printer: '',
  printing: idleRequest,
}

/**
 * 保険料通知書 of the person view: the print of a version's 決定・変更通知書 and 納付書, and the person's issuance
 * history (recipient names and addresses as printed): cleared with the other personal-data stores on logout and lock.
 * Every print carries a fresh idempotency key.
 */
export const useNoticeStore = create<NoticeState>()((set, get) => {
  let newest = 0
  return {
    ...empty,
    loadIssuances: async (personId) => {
      const mine = ++newest
      set((s) =>
        s.personId === personId
          ? { issuances: { ...s.issuances, busy: true, error: null } }
          : { personId, issuances: { ...idleRequest, busy: true }, printing: idleRequest },
      )
      const res = await api.premiums.noticeIssuances({ personId })
      if (mine !== newest || get().personId !== personId) return
      set((s) => ({ issuances: settle(s.issuances, res) }))
    },
    loadPrinters: async () => {
      const res = await api.print.printers({})
      if (!res.ok) return set({ printing: { ...idleRequest, error: res.message } })
      const first = res.value.printers.find((p) => p.allowed)?.name ?? ''
      set((s) => ({ printers: res.value.printers, printer: s.printer || first }))
    },
    choosePrinter: (printer) => set({ printer }),
    print: async (personId, assessmentId, what, seqs) => {
      if (get().printing.busy) return false
      const { printer } = get()
      if (!printer) {
        set({ printing: { ...idleRequest, error: 'この端末で使用できるプリンタがありません' } })
        return false
      }
      set((s) => ({
        printing: { ...idleRequest, busy: true },
        ...(s.personId === personId ? {} : { personId, issuances: idleRequest }),
      }))
      const res = await api.premiums.printNotice({
        assessmentId,
        what,
        withSlips: true,
        ...(seqs === undefined ? {} : { installmentSeqs: [...seqs] }),
        printer,
        idempotencyKey: crypto.randomUUID(),
      })
      // Another person shown meanwhile: the answer is not theirs (the print itself happened and is in the ledger).
      if (get().personId !== personId) return false
      set((s) => ({
        printing: settle(
          s.printing,
          res.ok
            ? { ok: true, value: `${res.value.title}を ${printer} に印刷しました（${res.value.pages}ページ）` }
            : res,
        ),
      }))
      if (res.ok) await get().loadIssuances(personId)
      return res.ok
    },
    reset: () => {
      newest++
      set(empty)
    },
  }
})

registerPersonalData('premiumNotices', () => useNoticeStore.getState().reset())
