/**
 * 督促 (demand notices) — the ward's dated figures (地方自治法第231条の3第1項, 新宿区介護保険条例; docs/sources/domain.md
 * §4.1: timing, period and fee are set by ordinance and rules ⚠️ Shinjuku unconfirmed).
 */
import type { Versioned } from '../versioned'

export interface DemandNoticeSettings {
  /**
   * A 督促状 goes to an installment still unpaid this many days after its due date (the batch waits for the bank and
   * convenience-store data of the due date; 条例: 納期限後20日以内に督促状を発する).
   */
  readonly graceDays: number
  /** The 督促状 must be issued within this many days after the due date (納期限後20日以内). */
  readonly issueWithinDays: number
  /** 指定期限: the 督促状 sets a payment deadline this many days after its issue date (発付日から起算して10日). */
  readonly periodDays: number
  /** 督促手数料 per 督促状 in yen (0 = none: the ward charges no fee). */
  readonly fee: number
}

/** Shinjuku: no 督促手数料; timing and period as the usual 条例 wording ⚠️ (docs/sources/domain.md §8 "demand-notice timing and fee"). */
export const SHINJUKU_DEMAND_NOTICE: readonly Versioned<DemandNoticeSettings>[] = [
  {
    from: '2000-04-01',
    value: { graceDays: 10, issueWithinDays: 20, periodDays: 10, fee: 0 },
    source: '地方自治法第231条の3第1項; 新宿区介護保険条例（督促）— docs/sources/domain.md §4.1',
    unverified: true,
  },
]

/**
 * 時効の更新 by a 督促: the limitation starts again on the day 10 days have passed from the issue of the 督促状 (地方自治法
 * 第236条第4項; the day by the example of 地方税法第18条の2第1項第1号「督促状を発した日から起算して十日を経過した日」) ⚠️.
 */
export const DEMAND_RENEWAL_DAYS_AFTER_ISSUE = 10
