/**
 * The monthly cut-off days of the 受給者異動連絡票 send to the 国保連合会 (初回分 and 追加分) — ⚠️ ward-configurable:
 * the Tokyo 国保連's deadlines are not confirmed; the figures are those a prefectural 国保連 publishes (初回分 the
 * 3rd, 追加分 of 531 the 10th at noon) — docs/sources/interfaces.md §1.3. A day past the month's last is its last day.
 */
import type { Versioned } from '../versioned'

export interface KokuhorenCutoffDays {
  /** 初回分: the send on or before this day of the processing month. */
  readonly initialDay: number
  /** 追加分: the send after the 初回分 cut-off and on or before this day. */
  readonly additionalDay: number
}

export const KOKUHOREN_CUTOFF_DAYS: readonly Versioned<KokuhorenCutoffDays>[] = [
  {
    from: '2000-04-01',
    value: { initialDay: 3, additionalDay: 10 },
    source: '千葉県国保連の公表例（初回分 毎月3日、追加分 531 10日正午）docs/sources/interfaces.md §1.3 — 区の設定値',
    unverified: true,
  },
]
