/**
 * 時効の更新 — the limitation of a premium installment with its renewals (介護保険法第200条; docs/sources/domain.md §4.2).
 */
import { addDays, assertIsoDate, type IsoDate } from './dates'
import { limitationEndDate } from './collection'
import { DEMAND_RENEWAL_DAYS_AFTER_ISSUE } from './parameters/dunning'

/**
 * What renews the limitation: a 督促 (法第200条第2項, 地方自治法第236条第4項), a 分納誓約 or a partial payment (債務の承認,
 * 民法第152条第1項).
 */
export type LimitationRenewalKind = 'demandNotice' | 'installmentPledge' | 'partialPayment'

/**
 * The day from which the limitation runs again after the event on `occurredOn`: for a 督促 the day 10 days have passed
 * from its issue (issued 2026-08-10 → 2026-08-20), for an acknowledgement (誓約, partial payment) the day itself.
 */
export function renewalDate(kind: LimitationRenewalKind, occurredOn: IsoDate): IsoDate {
  assertIsoDate(occurredOn, 'occurredOn')
  return kind === 'demandNotice' ? addDays(occurredOn, DEMAND_RENEWAL_DAYS_AFTER_ISSUE) : occurredOn
}

/**
 * Last day of the collection right of an installment due on `dueDate`, given the days its limitation was renewed
 * (`renewedOn`, each from {@link renewalDate}): the 2 years start again from the day after a renewal (as from the day
 * after the due date, {@link limitationEndDate}), but only for a renewal on or before the current last day — once
 * the right has expired it is extinguished for good (地方自治法第236条第2項: 時効の援用を要せず消滅) and a later 督促
 * or payment does not revive it. A renewal before the due date has no effect. Example: due 2024-07-31 → 2026-07-31;
 * renewed 2024-08-20 → 2026-08-20.
 */
export function renewedLimitationEndDate(dueDate: IsoDate, renewedOn: readonly IsoDate[]): IsoDate {
  let end = limitationEndDate(dueDate)
  for (const day of [...renewedOn].sort()) {
    assertIsoDate(day, 'renewedOn')
    if (day <= dueDate || day > end) continue
    const candidate = limitationEndDate(day)
    if (candidate > end) end = candidate
  }
  return end
}

/** Whether the collection right has expired on `asOf` (time-barred from the day after the last day). */
export function isTimeBarred(limitationEnd: IsoDate, asOf: IsoDate): boolean {
  assertIsoDate(asOf, 'asOf')
  return asOf > limitationEnd
}
