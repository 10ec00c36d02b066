/**
 * Fees of the 要介護認定 intake: the 主治医意見書作成料 by category and the ward's 認定調査委託料 unit prices
 * (docs/sources/certification.md §1.3, §1.4). Integer yen before consumption tax.
 */
import type { Versioned } from '../versioned'

/** Where the applicant lives for the fee: 在宅 (group homes, 有料老人ホーム, サ高住 … count as home) or 施設. */
export type FeePlace = 'home' | 'facility'
/** 新規 (first opinion / first survey of the person) or 継続 (repeat). */
export type FeeRound = 'new' | 'continued'

export interface FeeTable {
  readonly home: { readonly new: number; readonly continued: number }
  readonly facility: { readonly new: number; readonly continued: number }
}

/**
 * 主治医意見書作成料: 在宅 新規 5,000円 (請求区分 11), 在宅 継続 4,000円 (12), 施設 新規 4,000円 (21), 施設 継続 3,000円
 * (22), before tax (docs/sources/certification.md §1.4).
 */
export const OPINION_FEES: readonly Versioned<FeeTable>[] = [
  {
    from: '2000-04-01',
    source:
      '主治医意見書作成料 在宅新規5,000・在宅継続4,000・施設新規4,000・施設継続3,000円（docs/sources/certification.md §1.4）',
    value: { home: { new: 5000, continued: 4000 }, facility: { new: 4000, continued: 3000 } },
  },
]

/** 請求区分 of the opinion fee (docs/sources/certification.md §1.4). */
export const OPINION_FEE_CODES: Readonly<Record<FeePlace, Readonly<Record<FeeRound, string>>>> = {
  home: { new: '11', continued: '12' },
  facility: { new: '21', continued: '22' },
}

/**
 * 認定調査委託料: the ward's unit price per contracted survey, by (新規 / 継続) × (在宅 / 施設). The amounts are the ward's
 * to set (docs/sources/certification.md §1.3 🔧, §7 "fees" to obtain); these defaults are placeholders ⚠️. A survey by
 * ward staff (直営) has no fee.
 */
export const SURVEY_CONTRACT_FEES: readonly Versioned<FeeTable>[] = [
  {
    from: '2000-04-01',
    source: '区の単価 (docs/sources/certification.md §1.3 🔧); 既定値は仮 ⚠️',
    unverified: true,
    value: { home: { new: 4400, continued: 4400 }, facility: { new: 3300, continued: 3300 } },
  },
]
