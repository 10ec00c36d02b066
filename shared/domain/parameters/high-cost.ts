import type { Versioned } from '../versioned'

/**
 * 住宅改修費 and 福祉用具購入費 支給限度基準額 (費用額, before the co-pay split): 住宅改修 20万円 per person and dwelling
 * (介護保険法第45条第4項; 平成12年厚生省告示第34号), reset once when the 介護の必要の程度 rises by 3 段階 or more since
 * the first alteration, and on moving to another dwelling (平成12年老企第42号); 福祉用具購入 10万円 per fiscal year
 * (介護保険法第44条第4項; 平成12年厚生省告示第34号). docs/sources/domain.md §5.1 ⚠️ (general knowledge there).
 */
export interface ReimbursementLimits {
  /** 住宅改修費支給限度基準額 (費用額, yen). */
  readonly homeAlteration: number
  /** The rise in 段階 (要支援1=1, 要支援2・要介護1=2, 要介護2=3 … 要介護5=6) that resets the home-alteration limit. */
  readonly homeAlterationResetSteps: number
  /** 福祉用具購入費支給限度基準額 per fiscal year (費用額, yen). */
  readonly equipmentPurchasePerFiscalYear: number
}

export const REIMBURSEMENT_LIMITS: readonly Versioned<ReimbursementLimits>[] = [
  {
    from: '2000-04-01',
    unverified: true,
    source:
      '介護保険法第44条第4項・第45条第4項; 平成12年厚生省告示第34号; 平成12年老企第42号 (docs/sources/domain.md §5.1 ⚠️)',
    value: { homeAlteration: 200_000, homeAlterationResetSteps: 3, equipmentPurchasePerFiscalYear: 100_000 },
  },
]
