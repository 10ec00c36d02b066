import { create } from 'zustand'
import type { ReliefApplication, ReliefDecisionResult } from '../../../../../shared/api/premium-reductions'
import { registerPersonalData } from '../../../app/personal-data-registry'
import { idleRequest, settle, type RequestState } from '../../../lib/request'
import { api } from '../../../platform/bridge'

/** A decision as the 監督者 enters it. */
export interface ReliefDecisionDraft {
  decision: 'approve' | 'reject'
  /** 徴収猶予 approved: the 猶予期限 decided (empty: the one applied for). */
  deferredUntil: string
  /** Required for a rejection: the reason the applicant is told. */
  comment: string
}

/**
 * Whether the session may decide the application: a second person, never its recorder (the server compares user ids
 * and decides either way).
 */
export const mayDecide = (application: Pick<ReliefApplication, 'recordedBy' | 'status'>, loginId: string): boolean =>
  application.status === 'pending' && application.recordedBy.loginId !== loginId

interface ReductionQueueState {
  queue: RequestState<ReliefApplication[]>
  selectedId: number | null
  /** The last decision: busy, its Japanese error (or the form's own check), or what it did. */
  write: RequestState<string>
  /** What the last approval did to the person's assessment. */
  lastDecision: ReliefDecisionResult | null
  refresh(fiscalYear?: number): Promise<void>
  select(applicationId: number | null): void
  /** The 監督者's decision, after the step-up dialog has succeeded. */
  decide(applicationId: number, draft: ReliefDecisionDraft): Promise<boolean>
  clearMessage(): void
  reset(): void
}

const empty = { queue: idleRequest, selectedId: null, write: idleRequest, lastDecision: null }

/**
 * The 監督者's 減免・徴収猶予 decision queue: the pending applications of the ward (residents' names, incomes), the
 * proposal the ward's table gives, the approval or rejection by a second person with the step-up. Cleared with the
 * other personal-data stores on logout and lock.
 */
export const useReductionQueueStore = create<ReductionQueueState>()((set, get) => {
  let newest = 0
  return {
    ...empty,
    refresh: async (fiscalYear) => {
      const mine = ++newest
      set((s) => ({ queue: { ...s.queue, busy: true, error: null } }))
      const res = await api.premiumRecords.reductionQueue(fiscalYear === undefined ? {} : { fiscalYear })
      if (mine !== newest) return
      set((s) => {
        const queue = settle(s.queue, res.ok ? { ok: true, value: res.value.applications } : res)
        const stillThere = queue.data?.some((a) => a.id === s.selectedId) ?? false
        return { queue, selectedId: stillThere ? s.selectedId : (queue.data?.[0]?.id ?? null) }
      })
    },
    select: (applicationId) => set({ selectedId: applicationId }),
    decide: async (applicationId, draft) => {
      if (get().write.busy) return false
      if (draft.decision === 'reject' && draft.comment.trim() === '') {
        set({ write: { busy: false, error: '却下の理由を入力してください', data: null } })
        return false
      }
      set({ write: { ...idleRequest, busy: true } })
      const res = await api.premiumRecords.reductionDecide({
        applicationId,
        decision: draft.decision,
        deferredUntil: draft.decision === 'approve' && draft.deferredUntil !== '' ? draft.deferredUntil : null,
        comment: draft.comment.trim(),
        idempotencyKey: crypto.randomUUID(),
      })
      set((s) => ({
        write: settle(s.write, res.ok ? { ok: true, value: decisionMessage(res.value) } : res),
        lastDecision: res.ok ? res.value : s.lastDecision,
      }))
      await get().refresh()
      return res.ok
    },
    clearMessage: () => set((s) => ({ write: { ...s.write, error: null, data: null } })),
    reset: () => {
      newest++
      set(empty)
    },
  }
})

/** The message after a decision: which application, approved or rejected, and the 賦課 version an approval made. */
export function decisionMessage(result: ReliefDecisionResult): string {
  const a = result.application
  const verb = a.decision?.outcome === 'rejected' ? '却下' : '承認'
  const assessment = result.assessment
    ? result.assessment.changed
      ? `（賦課 第${result.assessment.assessment.version}版）`
      : '（賦課 変更なし）'
    : ''
  return `申請 #${a.id}（${a.person.name}）を${verb}しました${assessment}`
}

registerPersonalData('premiumReductionQueue', () => useReductionQueueStore.getState().reset())
