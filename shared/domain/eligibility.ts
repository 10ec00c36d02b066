/**
 * 資格 — acquisition and loss of insured status and the months liable to premium (介護保険法第9条〜第13条).
 */
import { assertInteger } from './arith'
import type { IsoDate } from './dates'
import { addDays, ageAttainmentDate, assertIsoDate, fiscalYearStartMonthIndex, monthIndexOf } from './dates'
import { CATEGORY1_AGE, CATEGORY2_AGE } from './parameters/eligibility'
import type { ExcludedFacilityKind, ResidenceExceptionFacilityList } from './parameters/facilities'
import { EXCLUDED_FACILITIES, RESIDENCE_EXCEPTION_FACILITIES } from './parameters/facilities'
import { MONTHS_PER_YEAR } from './parameters/units'
import { valueAt } from './versioned'

/**
 * Date a resident becomes a 第1号被保険者 by age: the day they attain 65 (the day before the 65th birthday).
 * 介護保険法第9条第1号・第10条第4号; 年齢計算ニ関スル法律.
 */
export function category1AcquisitionDate(birthDate: IsoDate): IsoDate {
  return ageAttainmentDate(birthDate, CATEGORY1_AGE)
}

/**
 * Date a resident with health insurance becomes a 第2号被保険者 by age: the day they attain 40.
 * 介護保険法第9条第2号・第10条第3号; 年齢計算ニ関スル法律.
 */
export function category2AcquisitionDate(birthDate: IsoDate): IsoDate {
  return ageAttainmentDate(birthDate, CATEGORY2_AGE)
}

/** An event ending insured status (介護保険法第11条; 介護保険法施行法第11条). */
export type LossEvent =
  | {
      readonly kind: 'moveOut'
      /** The day the person ceased to have an address in the ward (転出日). */
      readonly movedOutOn: IsoDate
      /** The day residence in another municipality began (転入先の転入日), when known. */
      readonly residenceElsewhereFrom?: IsoDate
    }
  | { readonly kind: 'death'; readonly diedOn: IsoDate }
  | { readonly kind: 'leftHealthInsurance'; readonly on: IsoDate }
  | { readonly kind: 'enteredExcludedFacility'; readonly on: IsoDate }

/**
 * Date of loss of insured status (資格喪失日).
 * - moveOut: the day after the person ceased to have an address; the same day when residence elsewhere began that
 *   day (介護保険法第11条第1項). When `residenceElsewhereFrom` is unknown the day after is used (correct it when the
 *   destination's notice arrives). A `residenceElsewhereFrom` before `movedOutOn` is inconsistent and throws.
 * - death: the day after death (法第11条第1項).
 * - leftHealthInsurance (第2号): that same day (法第11条第2項).
 * - enteredExcludedFacility: the day after admission (介護保険法施行法第11条; 施行規則第170条).
 */
export function lossDate(event: LossEvent): IsoDate {
  switch (event.kind) {
    case 'moveOut': {
      assertIsoDate(event.movedOutOn, 'movedOutOn')
      const elsewhere = event.residenceElsewhereFrom
      if (elsewhere !== undefined) {
        assertIsoDate(elsewhere, 'residenceElsewhereFrom')
        if (elsewhere < event.movedOutOn) {
          throw new RangeError(`residenceElsewhereFrom ${elsewhere} precedes movedOutOn ${event.movedOutOn}`)
        }
        if (elsewhere === event.movedOutOn) return elsewhere
      }
      return addDays(event.movedOutOn, 1)
    }
    case 'death':
      return addDays(event.diedOn, 1)
    case 'leftHealthInsurance':
      assertIsoDate(event.on, 'on')
      return event.on
    case 'enteredExcludedFacility':
      return addDays(event.on, 1)
  }
}

/**
 * Months of `fiscalYear` liable to premium: from the month containing the acquisition date to the month before the
 * month containing the loss date (介護保険法第129条; 月割賦課 per the ward ordinance, e.g. 新宿区介護保険条例).
 * `acquiredOn = null` means acquired before the fiscal year; `lostOn = null` means not lost before its end.
 * Acquisition and loss in the same month give 0. Throws when `lostOn` precedes `acquiredOn`.
 */
export function liableMonths(fiscalYear: number, acquiredOn: IsoDate | null, lostOn: IsoDate | null): number {
  assertInteger(fiscalYear, 'fiscalYear', 1)
  if (acquiredOn !== null) assertIsoDate(acquiredOn, 'acquiredOn')
  if (lostOn !== null) assertIsoDate(lostOn, 'lostOn')
  if (acquiredOn !== null && lostOn !== null && lostOn < acquiredOn) {
    throw new RangeError(`lostOn ${lostOn} precedes acquiredOn ${acquiredOn}`)
  }
  const yearStart = fiscalYearStartMonthIndex(fiscalYear)
  const yearEnd = yearStart + MONTHS_PER_YEAR
  const first = acquiredOn === null ? yearStart : Math.max(yearStart, monthIndexOf(acquiredOn))
  const end = lostOn === null ? yearEnd : Math.min(yearEnd, monthIndexOf(lostOn))
  return Math.max(0, end - first)
}

/**
 * 住所地特例対象施設 in force on `on` (介護保険法第13条第1項; parameters/facilities.ts): the covered kinds and the
 * look-alike kinds that are not covered. Throws ParameterNotFoundError before 2000-04-01.
 */
export function residenceExceptionFacilitiesOn(on: IsoDate): ResidenceExceptionFacilityList {
  return valueAt(RESIDENCE_EXCEPTION_FACILITIES, on, 'residence exception facilities')
}

/** Whether a facility of `facilityType` is a 住所地特例対象施設 on `on` (the entry date). */
export function isResidenceExceptionFacility(facilityType: string, on: IsoDate): boolean {
  return (residenceExceptionFacilitiesOn(on).covered as readonly string[]).includes(facilityType)
}

/** 適用除外施設 in force on `on` (介護保険法施行法第11条; 施行規則第170条). Throws before 2000-04-01. */
export function excludedFacilitiesOn(on: IsoDate): readonly ExcludedFacilityKind[] {
  return valueAt(EXCLUDED_FACILITIES, on, 'excluded facilities')
}

/** Whether a facility of `facilityType` is an 適用除外施設 on `on` (the entry date). */
export function isExcludedFacility(facilityType: string, on: IsoDate): boolean {
  return (excludedFacilitiesOn(on) as readonly string[]).includes(facilityType)
}
