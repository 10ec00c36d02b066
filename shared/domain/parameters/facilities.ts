/**
 * Facility types of 住所地特例 (介護保険法第13条) and 適用除外施設 (介護保険法施行法第11条; 施行規則第170条), as dated
 * tables: which kinds of facility the law names on a date. The `*_KINDS` arrays are the vocabulary — every kind any
 * version names — so that a contract can validate a value before the date is known.
 */
import type { Versioned } from '../versioned'

/** Every kind of facility any version of 介護保険法第13条 names as 住所地特例対象施設. */
export const RESIDENCE_EXCEPTION_FACILITY_KINDS = [
  '介護老人福祉施設',
  '介護老人保健施設',
  '介護医療院',
  '介護療養型医療施設',
  '有料老人ホーム',
  '軽費老人ホーム',
  '養護老人ホーム',
  'サービス付き高齢者向け住宅（有料老人ホーム該当）',
] as const
export type ResidenceExceptionFacilityKind = (typeof RESIDENCE_EXCEPTION_FACILITY_KINDS)[number]

/**
 * Kinds that are NOT 住所地特例対象施設, named so that staff get the reason and not only a refusal: 入所 to one of them
 * moves the insurer to the facility's municipality (an ordinary 転出).
 */
export const RESIDENCE_EXCEPTION_NOT_COVERED_KINDS = [
  '地域密着型特定施設',
  '地域密着型介護老人福祉施設',
  '認知症対応型共同生活介護（グループホーム）',
  'サービス付き高齢者向け住宅（有料老人ホーム非該当）',
] as const
export type ResidenceExceptionNotCoveredKind = (typeof RESIDENCE_EXCEPTION_NOT_COVERED_KINDS)[number]

/** Every kind of 適用除外施設 named by 施行規則第170条 (today's names). */
export const EXCLUDED_FACILITY_KINDS = [
  '障害者支援施設',
  '指定障害者支援施設',
  '医療型障害児入所施設',
  '療養介護を行う医療機関',
  '独立行政法人国立重度知的障害者総合施設のぞみの園',
  '国立ハンセン病療養所',
  '救護施設',
  '労災特別介護施設',
] as const
export type ExcludedFacilityKind = (typeof EXCLUDED_FACILITY_KINDS)[number]

/** The 住所地特例 lists in force on a date. */
export interface ResidenceExceptionFacilityList {
  /** 住所地特例対象施設: 介護保険施設, 特定施設 and 養護老人ホーム (法第13条第1項). */
  readonly covered: readonly ResidenceExceptionFacilityKind[]
  /** Kinds that look alike but are not covered (地域密着型, グループホーム, サ高住 that are not 有料老人ホーム). */
  readonly notCovered: readonly ResidenceExceptionNotCoveredKind[]
}

const NOT_COVERED_BEFORE_2015: readonly ResidenceExceptionNotCoveredKind[] = [
  '地域密着型特定施設',
  '地域密着型介護老人福祉施設',
  '認知症対応型共同生活介護（グループホーム）',
]

/**
 * 住所地特例対象施設 by date (介護保険法第13条第1項).
 * - 2000-04-01: 介護保険施設 (介護老人福祉施設・介護老人保健施設・介護療養型医療施設), 特定施設 (有料老人ホーム・軽費老人
 *   ホーム) and 養護老人ホーム (介護保険法, 平成9年法律第123号, 平成12年4月1日施行). ⚠️ The 養護老人ホーム row and the
 *   地域密着型 kinds (which exist only from 2006-04-01, 平成17年法律第77号) are not verified for 2000–2006.
 * - 2015-04-01: サービス付き高齢者向け住宅 that are 有料老人ホーム become 対象施設 (平成26年法律第83号, 平成27年4月1日施行).
 * - 2018-04-01: 介護医療院 is a 介護保険施設 (平成29年法律第52号, 平成30年4月1日施行).
 * - 2024-04-01: 介護療養型医療施設 are gone (its 経過措置 ended 2024-03-31, 平成29年法律第52号附則第15条).
 */
export const RESIDENCE_EXCEPTION_FACILITIES: readonly Versioned<ResidenceExceptionFacilityList>[] = [
  {
    from: '2000-04-01',
    to: '2015-03-31',
    source: '介護保険法第13条第1項 (平成12年4月1日施行)',
    unverified: true,
    value: {
      covered: [
        '介護老人福祉施設',
        '介護老人保健施設',
        '介護療養型医療施設',
        '有料老人ホーム',
        '軽費老人ホーム',
        '養護老人ホーム',
      ],
      notCovered: NOT_COVERED_BEFORE_2015,
    },
  },
  {
    from: '2015-04-01',
    to: '2018-03-31',
    source: '介護保険法第13条第1項 (平成26年法律第83号, 平成27年4月1日施行)',
    value: {
      covered: [
        '介護老人福祉施設',
        '介護老人保健施設',
        '介護療養型医療施設',
        '有料老人ホーム',
        '軽費老人ホーム',
        '養護老人ホーム',
        'サービス付き高齢者向け住宅（有料老人ホーム該当）',
      ],
      notCovered: [...NOT_COVERED_BEFORE_2015, 'サービス付き高齢者向け住宅（有料老人ホーム非該当）'],
    },
  },
  {
    from: '2018-04-01',
    to: '2024-03-31',
    source: '介護保険法第13条第1項・第8条第29項 (平成29年法律第52号, 平成30年4月1日施行)',
    value: {
      covered: [
        '介護老人福祉施設',
        '介護老人保健施設',
        '介護医療院',
        '介護療養型医療施設',
        '有料老人ホーム',
        '軽費老人ホーム',
        '養護老人ホーム',
        'サービス付き高齢者向け住宅（有料老人ホーム該当）',
      ],
      notCovered: [...NOT_COVERED_BEFORE_2015, 'サービス付き高齢者向け住宅（有料老人ホーム非該当）'],
    },
  },
  {
    from: '2024-04-01',
    source: '介護保険法第13条第1項 (介護療養型医療施設の廃止, 平成29年法律第52号附則第15条, 令和6年3月31日まで)',
    value: {
      covered: [
        '介護老人福祉施設',
        '介護老人保健施設',
        '介護医療院',
        '有料老人ホーム',
        '軽費老人ホーム',
        '養護老人ホーム',
        'サービス付き高齢者向け住宅（有料老人ホーム該当）',
      ],
      notCovered: [...NOT_COVERED_BEFORE_2015, 'サービス付き高齢者向け住宅（有料老人ホーム非該当）'],
    },
  },
]

/**
 * 適用除外施設 by date (介護保険法施行法第11条; 介護保険法施行規則第170条). ⚠️ One version with today's names from the
 * start of the system: the earlier names (身体障害者療護施設, 重症心身障害児施設 …) and the dates of their renaming
 * (障害者自立支援法 2006-10-01, 児童福祉法改正 2012-04-01) are not modelled.
 */
export const EXCLUDED_FACILITIES: readonly Versioned<readonly ExcludedFacilityKind[]>[] = [
  {
    from: '2000-04-01',
    source: '介護保険法施行法第11条, 介護保険法施行規則第170条 (現行の施設名)',
    unverified: true,
    value: EXCLUDED_FACILITY_KINDS,
  },
]
