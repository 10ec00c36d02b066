/**
 * 保険料の減免・徴収猶予 (介護保険法第142条): the ward's table of reasons and rates. The law leaves the reasons, the
 * rates and the length of a 猶予 to the ward's ordinance (条例, docs/sources/domain.md §3.6 🔧; 区独自減免 ⚠️ in the
 * summary table). The 新宿区 figures below are shipped defaults, **not verified against the ordinance** ⚠️ — a ward
 * replaces them with a new dated row (its own `from`) citing its 条例 and 規則; nothing else changes.
 */
import type { Versioned } from '../versioned'

/** The reasons of the ward's list (条例の減免事由). */
export const reliefReasons = ['disaster', 'unemployment', 'incomeDrop', 'detention'] as const
export type ReliefReason = (typeof reliefReasons)[number]

/**
 * One band of a rate table: when the figure (a ratio in 1/10,000) is at least `minRatio`, the reduction is
 * `rate` (1/10,000) of the premium concerned. Bands are tried from the highest `minRatio` down.
 */
export interface ReliefBand {
  readonly minRatio: number
  readonly rate: number
}

/**
 * How a reason's reduction is found:
 * - 'damageRatio': the ratio of the damage to the dwelling or household goods (損害割合) against `bands`;
 * - 'incomeDrop': the drop of this year's expected income against last year's (収入の減少率) against `bands`;
 * - 'full': the whole of the premium concerned (e.g. the months of 拘禁 in a 刑事施設).
 */
export type ReliefRule =
  | { readonly kind: 'damageRatio'; readonly bands: readonly ReliefBand[] }
  | { readonly kind: 'incomeDrop'; readonly bands: readonly ReliefBand[] }
  | { readonly kind: 'full' }

export interface ReliefTable {
  readonly reasons: Readonly<Record<ReliefReason, ReliefRule>>
  /** The longest 徴収猶予, in months from the original due date (条例: 6か月以内 ⚠️). */
  readonly maxDeferralMonths: number
}

/** 5割 / 3割 as ratios in 1/10,000 (the unit of RATE_DENOMINATOR). */
const HALF = 5_000
const THIRTY_PERCENT = 3_000
const FULL = 10_000
const QUARTER = 2_500

/**
 * 新宿区 default ⚠️ (configurable): 災害 — 損害 5割以上 → 全額、3割以上 → 2分の1; 失業・事業の休廃止 and 収入の著しい減少 —
 * 減少率 5割以上 → 2分の1、3割以上 → 4分の1; 拘禁 → 全額 (the 納期 concerned); 猶予は6か月以内. The bands follow the
 * model ordinance most wards adopted (介護保険条例参考例 第○条) and are to be checked against 新宿区介護保険条例.
 */
export const SHINJUKU_RELIEF_TABLE: readonly Versioned<ReliefTable>[] = [
  {
    from: '2000-04-01',
    value: {
      reasons: {
        disaster: {
          kind: 'damageRatio',
          bands: [
            { minRatio: HALF, rate: FULL },
            { minRatio: THIRTY_PERCENT, rate: HALF },
          ],
        },
        unemployment: {
          kind: 'incomeDrop',
          bands: [
            { minRatio: HALF, rate: HALF },
            { minRatio: THIRTY_PERCENT, rate: QUARTER },
          ],
        },
        incomeDrop: {
          kind: 'incomeDrop',
          bands: [
            { minRatio: HALF, rate: HALF },
            { minRatio: THIRTY_PERCENT, rate: QUARTER },
          ],
        },
        detention: { kind: 'full' },
      },
      maxDeferralMonths: 6,
    },
    source: '介護保険法第142条; 新宿区介護保険条例（減免・徴収猶予）の既定値 — 未確認 ⚠️',
    unverified: true,
  },
]
