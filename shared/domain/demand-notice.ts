/**
 * 督促 — which installments get a 督促状 on a day, and the 指定期限 it sets (地方自治法第231条の3第1項;
 * docs/sources/domain.md §4.1).
 */
import { addDays, assertIsoDate, type IsoDate } from './dates'
import type { DemandNoticeSettings } from './parameters/dunning'

/**
 * Whether an installment due on `dueDate` with `balance` yen unpaid gets a 督促状 issued on `issuedOn`: something is
 * unpaid, it has not had one yet, and `graceDays` have passed since the due date (due 2026-07-31, grace 10 → from
 * 2026-08-10). An installment past the `issueWithinDays` window still gets one (a late 督促 is still a 督促), the batch
 * only flags it as late ({@link isLateDemand}).
 */
export function isDemandDue(
  input: { readonly dueDate: IsoDate; readonly balance: number; readonly alreadyDemanded: boolean },
  issuedOn: IsoDate,
  settings: DemandNoticeSettings,
): boolean {
  assertIsoDate(input.dueDate, 'dueDate')
  assertIsoDate(issuedOn, 'issuedOn')
  if (input.balance <= 0 || input.alreadyDemanded) return false
  return issuedOn >= addDays(input.dueDate, settings.graceDays)
}

/** Whether a 督促状 issued on `issuedOn` is later than the 条例's window (納期限後20日以内: due 07-31 → late from 08-21). */
export function isLateDemand(dueDate: IsoDate, issuedOn: IsoDate, settings: DemandNoticeSettings): boolean {
  return issuedOn > addDays(dueDate, settings.issueWithinDays)
}

/** The 指定期限 of a 督促状 issued on `issuedOn` (発付日から起算して10日: issued 2026-08-10 → 2026-08-19). */
export function demandDeadline(issuedOn: IsoDate, settings: DemandNoticeSettings): IsoDate {
  assertIsoDate(issuedOn, 'issuedOn')
  return addDays(issuedOn, settings.periodDays - 1)
}
