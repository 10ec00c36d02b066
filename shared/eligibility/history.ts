import { addDays } from '../domain'
import type { EligibilityEvent, EligibilityStatus, Period } from './contract'

/** The instant "as known on date X" ends: midnight after X in Japan time (JST has no daylight saving). */
export function endOfDayJst(date: string): number {
  return Date.parse(`${addDays(date, 1)}T00:00:00+09:00`)
}

const byEffective = (a: EligibilityEvent, b: EligibilityEvent) =>
  a.effectiveOn.localeCompare(b.effectiveOn) || Date.parse(a.recordedAt) - Date.parse(b.recordedAt) || a.id - b.id

/**
 * The history as known at the end of `asKnownOn`: rows recorded by then, minus rows superseded by a correction
 * recorded by then; `void` rows only cancel. Nothing is ever deleted, so any earlier view can be rebuilt.
 */
export function historyAsKnownOn(
  rows: readonly EligibilityEvent[],
  asKnownOn: string,
): { events: EligibilityEvent[]; superseded: EligibilityEvent[] } {
  const cutoff = endOfDayJst(asKnownOn)
  const visible = rows.filter((r) => Date.parse(r.recordedAt) < cutoff)
  const replaced = new Set(visible.flatMap((r) => (r.supersedesId === null ? [] : [r.supersedesId])))
  return {
    events: visible.filter((r) => !replaced.has(r.id) && r.kind !== 'void').sort(byEffective),
    superseded: visible.filter((r) => replaced.has(r.id)).sort(byEffective),
  }
}

/** Insured status on `date` from effective rows: acquisition and change set the category, loss ends it. */
export function statusOn(events: readonly EligibilityEvent[], date: string): EligibilityStatus {
  let status: EligibilityStatus = { insured: false, category: null, since: null }
  for (const e of [...events].sort(byEffective)) {
    if (e.effectiveOn > date) break
    if (e.kind === 'acquisition' || (e.kind === 'categoryChange' && status.insured))
      status = { insured: true, category: e.category, since: e.effectiveOn }
    else if (e.kind === 'loss') status = { insured: false, category: null, since: e.effectiveOn }
  }
  return status
}

/** Periods opened by one kind and closed by another (住所地特例, 適用除外施設); the last one may be open. */
export function periodsOf(
  events: readonly EligibilityEvent[],
  start: 'residenceExceptionStart' | 'excludedFacilityStart',
  end: 'residenceExceptionEnd' | 'excludedFacilityEnd',
): Period[] {
  const periods: Period[] = []
  // A 施設変更 (residenceExceptionChange) closes the open 住所地特例 period and opens the next one (連続入所).
  const opens = (kind: string) =>
    kind === start || (start === 'residenceExceptionStart' && kind === 'residenceExceptionChange')
  for (const e of [...events].sort(byEffective)) {
    const open = periods.at(-1)
    if (opens(e.kind)) {
      if (open && open.to === null) open.to = addDays(e.effectiveOn, -1)
      periods.push({
        from: e.effectiveOn,
        to: null,
        facilityType: e.detail.facilityType ?? null,
        facilityName: e.detail.facilityName ?? null,
        facilityMunicipality: e.detail.facilityMunicipality ?? null,
      })
    } else if (e.kind === end && open && open.to === null) open.to = e.effectiveOn
  }
  return periods
}

/** True while an 適用除外施設 period is open on `date` (the person cannot be insured then). */
export function inExcludedFacility(events: readonly EligibilityEvent[], date: string): boolean {
  return periodsOf(events, 'excludedFacilityStart', 'excludedFacilityEnd').some(
    (p) => p.from <= date && (p.to === null || p.to >= date),
  )
}

/**
 * True on the days an 適用除外施設 stay keeps the person out of insurance: after the entry day (loss the next day,
 * 介護保険法施行法第11条) and before the exit day (acquisition on the exit day, docs/sources/domain.md §2.2). The entry and exit
 * days themselves are insured days when the person was insured.
 */
export function excludedOn(events: readonly EligibilityEvent[], date: string): boolean {
  return periodsOf(events, 'excludedFacilityStart', 'excludedFacilityEnd').some(
    (p) => p.from < date && (p.to === null || p.to > date),
  )
}

/** The 住所地特例 or 適用除外施設 period open on `date` (from ≤ date, not ended before it), if any. */
export function openPeriodOn(
  events: readonly EligibilityEvent[],
  which: 'residenceException' | 'excludedFacility',
  date: string,
): Period | null {
  const periods =
    which === 'residenceException'
      ? periodsOf(events, 'residenceExceptionStart', 'residenceExceptionEnd')
      : periodsOf(events, 'excludedFacilityStart', 'excludedFacilityEnd')
  return periods.find((p) => p.from <= date && (p.to === null || p.to >= date)) ?? null
}

const RESIDENCE_START = new Set(['residenceStart'])
const RESIDENCE_END = new Set(['residenceEnd'])

/**
 * Whether the person lived in the ward on `date`, as far as the history tells: the last residence fact on or before
 * the date decides (転入 acquisition / residenceStart → yes; loss by 転出・死亡 / residenceEnd → no); a person without
 * such a fact is a resident (the population the ward was seeded or migrated with).
 */
export function residentOn(events: readonly EligibilityEvent[], date: string): boolean {
  let resident = true
  for (const e of [...events].sort(byEffective)) {
    if (e.effectiveOn > date) break
    if (RESIDENCE_START.has(e.kind) || (e.kind === 'acquisition' && e.reason === 'moveIn')) resident = true
    else if (RESIDENCE_END.has(e.kind) || (e.kind === 'loss' && (e.reason === 'moveOut' || e.reason === 'death')))
      resident = false
  }
  return resident
}
