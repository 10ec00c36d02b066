/**
 * 利用者負担の減免・軽減 of a 受給者 (利用者負担減免, 社会福祉法人等軽減, 訪問介護利用者負担額減額, 離島等軽減): what an
 * application must satisfy, and the overlap rule. The kinds and their rates: ./parameters/copay-reduction.ts.
 *
 * - 申請日 not after today;
 * - 適用開始 from the first day of the application's month (as the 負担限度額認定, docs/sources/domain.md §5.5 ⚠️ ward
 *   practice), 適用終了 not before 適用開始 and at most the 7/31 closing the 判定年度 of 適用開始 (8/1〜7/31, §5.3):
 *   a 減免 is renewed every year with the 負担割合;
 * - the rate one of those the kind allows;
 * - the periods of one kind for a person never overlap (a rejected application does not count).
 */
import { copayYearOf } from './copay-determination'
import type { IsoDate } from './dates'
import { assertIsoDate } from './dates'
import { COPAY_REDUCTION_RULES, type CopayReductionKind } from './parameters/copay-reduction'
import { valueAt } from './versioned'

export { COPAY_REDUCTION_RULES, copayReductionKinds, type CopayReductionKind } from './parameters/copay-reduction'

export const copayReductionKindLabels: Record<CopayReductionKind, string> = {
  userCopay: '利用者負担減免（法50条・60条）',
  socialWelfareCorp: '社会福祉法人等による利用者負担軽減',
  homeHelp: '訪問介護利用者負担額減額',
  remoteIsland: '離島等地域における利用者負担額軽減',
}

export interface CopayReductionApplication {
  readonly kind: CopayReductionKind
  readonly ratePercent: number | null
  readonly appliedOn: IsoDate
  readonly validFrom: IsoDate
  readonly validTo: IsoDate
}

/** Why the application cannot be recorded (a Japanese sentence naming the field), or null when it can. */
export function copayReductionRefusal(a: CopayReductionApplication, today: IsoDate): string | null {
  for (const [value, name] of [
    [a.appliedOn, 'appliedOn'],
    [a.validFrom, 'validFrom'],
    [a.validTo, 'validTo'],
    [today, 'today'],
  ] as const)
    assertIsoDate(value, name)
  if (a.appliedOn > today) return `申請日（appliedOn）${a.appliedOn} が本日（${today}）より後です`
  const firstOfMonth = `${a.appliedOn.slice(0, 8)}01`
  if (a.validFrom < firstOfMonth)
    return `有効期間の開始日（validFrom）は申請日の属する月の初日（${firstOfMonth}）以降の日付にしてください`
  if (a.validTo < a.validFrom)
    return `有効期間の終了日（validTo）${a.validTo} が有効期間の開始日（validFrom）${a.validFrom} より前です`
  const yearEnd = copayYearOf(a.validFrom).to
  if (a.validTo > yearEnd)
    return `有効期間の終了日（validTo）は開始日の属する年度（8月1日〜7月31日）の末日（${yearEnd}）までです`
  const rule = valueAt(COPAY_REDUCTION_RULES, a.validFrom, 'copay reduction rules')[a.kind]
  if (a.ratePercent === null) return '減免の割合（ratePercent）を入力してください'
  if (!Number.isInteger(a.ratePercent) || a.ratePercent < 1 || a.ratePercent > 100)
    return '減免の割合（ratePercent）は1〜100の整数です'
  if (rule.rates !== 'any' && !rule.rates.includes(a.ratePercent))
    return `${copayReductionKindLabels[a.kind]}の減免の割合（ratePercent）は${rule.rates.map((r) => `${r}％`).join('・')}のいずれかです`
  return null
}

export interface CopayReductionPeriodLike {
  readonly id: number
  readonly kind: string
  readonly validFrom: IsoDate
  readonly validTo: IsoDate
  readonly status: 'applied' | 'approved' | 'rejected'
}

/** The first application or 減免 of the same kind (not rejected) whose period shares a day with `candidate`. */
export function overlappingReduction<T extends CopayReductionPeriodLike>(
  existing: readonly T[],
  candidate: { kind: string; validFrom: IsoDate; validTo: IsoDate },
): T | undefined {
  return [...existing]
    .sort((a, b) => a.validFrom.localeCompare(b.validFrom) || a.id - b.id)
    .find(
      (r) =>
        r.status !== 'rejected' &&
        r.kind === candidate.kind &&
        r.validFrom <= candidate.validTo &&
        candidate.validFrom <= r.validTo,
    )
}
