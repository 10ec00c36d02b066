import { addDays, type IsoDate } from '../../../../shared/domain'

/** The instants of a period of whole days in Japan, [from 00:00, the day after `to` 00:00) — or why not. */
export function periodInstants(
  from: IsoDate | null,
  to: IsoDate | null,
): { ok: true; from: string; to: string } | { ok: false; message: string } {
  if (!from) return { ok: false, message: '期間の開始日を入力してください' }
  if (!to) return { ok: false, message: '期間の終了日を入力してください' }
  if (to < from) return { ok: false, message: '期間の終了日は開始日以降にしてください' }
  return { ok: true, from: `${from}T00:00:00+09:00`, to: `${addDays(to, 1)}T00:00:00+09:00` }
}

/** The default period of the analysis screens: the 30 days up to today (today included). */
export const defaultPeriod = (today: IsoDate): { from: IsoDate; to: IsoDate } => ({
  from: addDays(today, -29),
  to: today,
})

/** A reason as the server takes it (shared/api/admin.ts ChangeReason$): 2 to 200 characters after trimming. */
export function reasonProblem(reason: string): string | null {
  const r = reason.trim()
  if (r.length < 2) return '理由を2文字以上で入力してください'
  if (r.length > 200) return '理由は200文字以内で入力してください'
  return null
}
