import { create } from 'zustand'
import type { CounterPaymentQuote, InstallmentRef, PersonLedger } from '../../../../shared/api/collection'
import { registerPersonalData } from '../../app/personal-data-registry'
import { personRecordsLoader } from '../../lib/person-records'
import { idleRequest, settle, type RequestState } from '../../lib/request'
import { api } from '../../platform/bridge'

/** What the 窓口 form holds: the installment ('' = oldest due first), the amount typed, the 納付日. */
export interface CounterDraft {
  target: string
  amount: string
  paidOn: string
}

/** 'fiscalYear:method:seq' of a select option, back to the installment (null for the oldest due first). */
export function targetOf(value: string): InstallmentRef | null {
  const [year, method, seq] = value.split(':')
  if (!year || (method !== 'withholding' && method !== 'direct') || !seq) return null
  return { fiscalYear: Number(year), method, seq: Number(seq) }
}

/** The form checked: the amount a positive integer of yen, the 納付日 a date; or the Japanese reason. */
export function counterRequest(
  draft: CounterDraft,
): { ok: true; amount: number; paidOn: string; target: InstallmentRef | null } | { ok: false; message: string } {
  const digits = draft.amount.replace(/[,，円\s]/g, '').replace(/[０-９]/g, (d) => String(d.charCodeAt(0) - 0xff10))
  if (!/^[1-9][0-9]{0,8}$/.test(digits))
    return { ok: false, message: '金額（amount）: 1円以上の整数で入力してください' }
  if (draft.paidOn === '') return { ok: false, message: '納付日（paidOn）: 日付を入力してください' }
  return { ok: true, amount: Number(digits), paidOn: draft.paidOn, target: targetOf(draft.target) }
}

const quoteKey = (d: CounterDraft) => `${d.target}|${d.amount}|${d.paidOn}`

interface CollectionLedgerState {
  personId: number | null
  ledger: RequestState<PersonLedger>
  /** The quote of the form as it is now (its key), shown before the money is taken. */
  quote: RequestState<CounterPaymentQuote>
  quotedFor: string | null
  write: RequestState<string>
  load(personId: number): Promise<void>
  /** Enter in the form: quotes the payment, or — when the quote shown is for exactly this form — takes it. */
  submit(personId: number, draft: CounterDraft): Promise<boolean>
  settleOverpayments(personId: number): Promise<void>
  clearMessage(): void
  reset(): void
}

const empty = { personId: null, ledger: idleRequest, quote: idleRequest, quotedFor: null, write: idleRequest }

/**
 * The person view's 収納 panel: the person's ledger per year and installment (an audited read on the server), the
 * 窓口 payment — quoted first with its 延滞金, then taken with an idempotency key — and the 充当 of a 過誤納. A
 * resident's payments are personal data: cleared with the other personal-data stores on logout and lock.
 */
export const useCollectionLedgerStore = create<CollectionLedgerState>()((set, get) => {
  const records = personRecordsLoader(set, get, {
    key: 'ledger',
    empty,
    call: (personId) => api.collection.personLedger({ personId }),
  })
  return {
    ...empty,
    load: records.load,
    submit: async (personId, draft) => {
      if (get().write.busy || get().quote.busy) return false
      const checked = counterRequest(draft)
      if (!checked.ok) {
        set({ write: { busy: false, error: checked.message, data: null } })
        return false
      }
      const key = quoteKey(draft)
      const quoted = get().quote.data
      if (get().quotedFor !== key || !quoted || quoted.refusal) {
        set({ quote: { ...idleRequest, busy: true }, write: idleRequest, quotedFor: null })
        const res = await api.collection.counterQuote({
          personId,
          target: checked.target,
          amount: checked.amount,
          paidOn: checked.paidOn,
        })
        if (get().personId !== personId) return false
        set((s) => ({ quote: settle(s.quote, res), quotedFor: res.ok ? key : null }))
        return false
      }
      set({ write: { ...idleRequest, busy: true } })
      const res = await api.collection.counterPayment({
        personId,
        target: checked.target,
        amount: checked.amount,
        paidOn: checked.paidOn,
        idempotencyKey: crypto.randomUUID(),
      })
      if (get().personId !== personId) return false
      const done = res.ok
        ? `${checked.amount.toLocaleString('ja-JP')}円を収納しました（保険料 ${res.value.premiumPaid.toLocaleString('ja-JP')}円` +
          `・延滞金 ${res.value.lateChargePaid.toLocaleString('ja-JP')}円` +
          (res.value.overpaid > 0
            ? `・過誤納 ${res.value.overpaid.toLocaleString('ja-JP')}円（充当 ${res.value.offset.toLocaleString('ja-JP')}円、還付起案 ${res.value.refundProposals.length}件）`
            : '') +
          '）'
        : ''
      set((s) => ({
        write: settle(s.write, res.ok ? { ok: true, value: done } : res),
        quote: idleRequest,
        quotedFor: null,
      }))
      if (res.ok) await get().load(personId)
      return res.ok
    },
    settleOverpayments: async (personId) => {
      if (get().write.busy) return
      set({ write: { ...idleRequest, busy: true } })
      const res = await api.collection.settleOverpayments({ personId, idempotencyKey: crypto.randomUUID() })
      if (get().personId !== personId) return
      set((s) => ({
        write: settle(
          s.write,
          res.ok
            ? {
                ok: true,
                value: `充当 ${res.value.offset.toLocaleString('ja-JP')}円・還付起案 ${res.value.refundProposals.length}件`,
              }
            : res,
        ),
      }))
      if (res.ok) await get().load(personId)
    },
    clearMessage: () => set((s) => ({ write: { ...s.write, error: null, data: null } })),
    reset: () => {
      records.forget()
      set(empty)
    },
  }
})

registerPersonalData('collectionLedger', () => useCollectionLedgerStore.getState().reset())
