import { create } from 'zustand'
import type { ReliefApplication, ReliefApplications } from '../../../../../shared/api/premium-reductions'
import { registerPersonalData } from '../../../app/personal-data-registry'
import { personRecordsLoader } from '../../../lib/person-records'
import { idleRequest, settle, type RequestState } from '../../../lib/request'
import { api } from '../../../platform/bridge'
import { reliefRequest, type ReliefDraft } from './relief-form'

interface ReductionPersonState {
  personId: number | null
  /** The person's applications with their decisions (newest first as the server answers): an audited read. */
  applications: RequestState<ReliefApplications>
  /** The last write (application, withdrawal) or the form's own check: busy, its Japanese error, or what it did. */
  write: RequestState<string>
  load(personId: number): Promise<void>
  /** 申請受付: checks the form, then records the application (a 監督者 decides it). */
  apply(personId: number, draft: ReliefDraft): Promise<boolean>
  /** 取下げ of a pending application. */
  withdraw(application: Pick<ReliefApplication, 'id' | 'personId'>, comment: string): Promise<boolean>
  clearMessage(): void
  reset(): void
}

const empty = { personId: null, applications: idleRequest, write: idleRequest }

/**
 * The person view's 減免・徴収猶予 panel: the person's applications and decisions, a new application with the ward's
 * reasons and the figures each needs, and the withdrawal. Incomes and damage are a resident's personal data: cleared
 * with the other personal-data stores on logout and lock.
 */
export const useReductionPersonStore = create<ReductionPersonState>()((set, get) => {
  const records = personRecordsLoader(set, get, {
    key: 'applications',
    empty,
    call: (personId) => api.premiumRecords.personReductions({ personId }),
  })
  return {
    ...empty,
    load: records.load,
    apply: async (personId, draft) => {
      if (get().write.busy) return false
      const checked = reliefRequest(draft)
      if (!checked.ok) {
        set({ write: { busy: false, error: checked.message, data: null } })
        return false
      }
      set({ write: { ...idleRequest, busy: true } })
      const res = await api.premiumRecords.reductionApply({
        personId,
        ...checked.request,
        idempotencyKey: crypto.randomUUID(),
      })
      if (get().personId !== personId) return false
      set((s) => ({
        write: settle(
          s.write,
          res.ok ? { ok: true, value: `申請 #${res.value.id} を受け付けました。監督者の決定を待っています` } : res,
        ),
      }))
      if (res.ok) await get().load(personId)
      return res.ok
    },
    withdraw: async (application, comment) => {
      if (get().write.busy) return false
      set({ write: { ...idleRequest, busy: true } })
      const res = await api.premiumRecords.reductionWithdraw({
        applicationId: application.id,
        comment,
        idempotencyKey: crypto.randomUUID(),
      })
      if (get().personId !== application.personId) return false
      set((s) => ({
        write: settle(s.write, res.ok ? { ok: true, value: `申請 #${application.id} を取り下げました` } : res),
      }))
      if (res.ok) await get().load(application.personId)
      return res.ok
    },
    clearMessage: () => set((s) => ({ write: { ...s.write, error: null, data: null } })),
    reset: () => {
      records.forget()
      set(empty)
    },
  }
})

registerPersonalData('premiumReductionsPerson', () => useReductionPersonStore.getState().reset())
