import { useCallback, useState } from 'react'
import type { EligibilityCorrection } from '../../../../shared/eligibility/contract'
import { api } from '../../platform/bridge'
import { useRequest } from '../../lib/request'

/** 65歳到達処理 for a date range (idempotent on the server). */
export const useAge65Batch = () => useRequest(api.eligibility.runAge65Batch)

/** 住所地特例・適用除外施設の記録. */
export const useFacilityEventRecording = () => useRequest(api.eligibility.recordFacilityEvent)

/** 資格履歴の訂正の申請. */
export const useCorrectionProposal = () => useRequest(api.eligibility.proposeCorrection)

/** The eligibility history of a person "as known on" a date (today when none). */
export const useEligibilityHistoryRequest = () => useRequest(api.eligibility.history, 'latest')

/** The corrections of one person, or the pending ones of every person (an audited personal-data read). */
export const useCorrectionList = () => useRequest(api.eligibility.corrections, 'latest')

/** 住基異動の取込 in chunks: begin, send each chunk, finish (all or nothing on the server). */
export const intakeCalls = {
  begin: api.eligibility.beginIntakeUpload,
  chunk: api.eligibility.uploadIntakeChunk,
  finish: api.eligibility.finishIntakeUpload,
}

/**
 * 承認 / 却下 of a correction: names the row version shown (someone deciding first → 409, nothing changes) and sends
 * one idempotency key per decision shown, so a resent press returns the first answer. Used by the person view's
 * 訂正申請 and by the 監督者's 承認待ち一覧.
 */
export function useCorrectionDecision(onDecided: (c: EligibilityCorrection) => void) {
  const [comment, setComment] = useState<Record<number, string>>({})
  const [busy, setBusy] = useState<number | null>(null)
  const [keys] = useState(() => new Map<number, string>())
  const request = useRequest(api.eligibility.decideCorrection)
  const { run } = request

  const decide = useCallback(
    async (c: EligibilityCorrection, decision: 'approve' | 'reject') => {
      if (busy !== null) return
      setBusy(c.id)
      const keyId = decision === 'approve' ? c.id : -c.id
      const key = keys.get(keyId) ?? crypto.randomUUID()
      keys.set(keyId, key)
      const res = await run({
        id: c.id,
        rowVersion: c.rowVersion,
        decision,
        comment: comment[c.id] ?? '',
        idempotencyKey: key,
      })
      setBusy(null)
      if (res?.ok) onDecided(res.value)
    },
    [busy, keys, run, comment, onDecided],
  )

  return { comment, setComment, error: request.error, setError: request.setError, busy, decide }
}
