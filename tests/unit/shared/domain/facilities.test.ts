import { describe, expect, it } from 'vitest'
import {
  EXCLUDED_FACILITY_KINDS,
  ParameterNotFoundError,
  RESIDENCE_EXCEPTION_FACILITIES,
  RESIDENCE_EXCEPTION_FACILITY_KINDS,
  RESIDENCE_EXCEPTION_NOT_COVERED_KINDS,
  excludedFacilitiesOn,
  isExcludedFacility,
  isResidenceExceptionFacility,
  residenceExceptionFacilitiesOn,
} from '../../../../shared/domain'

describe('住所地特例対象施設 are read by date (介護保険法第13条第1項)', () => {
  it('has no list before the system starts on 2000-04-01', () => {
    expect(() => residenceExceptionFacilitiesOn('2000-03-31')).toThrow(ParameterNotFoundError)
    expect(residenceExceptionFacilitiesOn('2000-04-01').covered).toContain('介護老人福祉施設')
  })

  // サ高住 that are 有料老人ホーム: 平成26年法律第83号, from 2015-04-01.
  it('covers サービス付き高齢者向け住宅（有料老人ホーム該当） from 2015-04-01, not the day before', () => {
    const sakoju = 'サービス付き高齢者向け住宅（有料老人ホーム該当）'
    expect(isResidenceExceptionFacility(sakoju, '2015-03-31')).toBe(false)
    expect(isResidenceExceptionFacility(sakoju, '2015-04-01')).toBe(true)
    expect(residenceExceptionFacilitiesOn('2015-04-01').notCovered).toContain(
      'サービス付き高齢者向け住宅（有料老人ホーム非該当）',
    )
  })

  // 介護医療院: 平成29年法律第52号, from 2018-04-01.
  it('covers 介護医療院 from 2018-04-01, not the day before', () => {
    expect(isResidenceExceptionFacility('介護医療院', '2018-03-31')).toBe(false)
    expect(isResidenceExceptionFacility('介護医療院', '2018-04-01')).toBe(true)
  })

  // 介護療養型医療施設: abolished at the end of 2024-03-31 (平成29年法律第52号附則第15条).
  it('covers 介護療養型医療施設 until 2024-03-31, not from 2024-04-01', () => {
    expect(isResidenceExceptionFacility('介護療養型医療施設', '2024-03-31')).toBe(true)
    expect(isResidenceExceptionFacility('介護療養型医療施設', '2024-04-01')).toBe(false)
  })

  it('lists today the seven kinds the contract offered before the table was dated, in that order', () => {
    expect(residenceExceptionFacilitiesOn('2026-04-01').covered).toEqual([
      '介護老人福祉施設',
      '介護老人保健施設',
      '介護医療院',
      '有料老人ホーム',
      '軽費老人ホーム',
      '養護老人ホーム',
      'サービス付き高齢者向け住宅（有料老人ホーム該当）',
    ])
  })

  it('never covers 地域密着型 facilities or グループホーム, and every listed kind is in the vocabulary', () => {
    for (const version of RESIDENCE_EXCEPTION_FACILITIES) {
      for (const kind of version.value.covered) expect(RESIDENCE_EXCEPTION_FACILITY_KINDS).toContain(kind)
      for (const kind of version.value.notCovered) {
        expect(RESIDENCE_EXCEPTION_NOT_COVERED_KINDS).toContain(kind)
        expect(version.value.covered as readonly string[]).not.toContain(kind)
      }
    }
    expect(isResidenceExceptionFacility('認知症対応型共同生活介護（グループホーム）', '2026-04-01')).toBe(false)
    expect(isResidenceExceptionFacility('地域密着型介護老人福祉施設', '2026-04-01')).toBe(false)
  })

  it('requires a valid date', () => {
    expect(() => residenceExceptionFacilitiesOn('2026-02-30')).toThrow(RangeError)
  })
})

describe('適用除外施設 are read by date (介護保険法施行法第11条; 施行規則第170条)', () => {
  it('has no list before 2000-04-01 and lists every kind from then on', () => {
    expect(() => excludedFacilitiesOn('2000-03-31')).toThrow(ParameterNotFoundError)
    expect(excludedFacilitiesOn('2000-04-01')).toEqual(EXCLUDED_FACILITY_KINDS)
    expect(excludedFacilitiesOn('2026-04-01')).toEqual(EXCLUDED_FACILITY_KINDS)
  })

  it('knows a 救護施設 and refuses a kind that is not one', () => {
    expect(isExcludedFacility('救護施設', '2026-04-01')).toBe(true)
    expect(isExcludedFacility('有料老人ホーム', '2026-04-01')).toBe(false)
  })
})
