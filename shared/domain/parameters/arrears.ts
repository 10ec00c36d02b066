/**
 * The ward's 滞納整理 parameters (docs/sources/domain.md §4.2), dated like every figure that may change.
 */
import type { Versioned } from '../versioned'

/**
 * The ward's 分納 rules: a plan is broken when an instalment is still unpaid `brokenAfterDays` days after its date
 * (区の事務取扱要領 ⚠️ unconfirmed for 新宿区), and a plan may run at most `maxMonths` months.
 */
export interface PlanRules {
  readonly brokenAfterDays: number
  readonly maxMonths: number
}

export const SHINJUKU_PLAN_RULES: readonly Versioned<PlanRules>[] = [
  {
    from: '2024-04-01',
    value: { brokenAfterDays: 30, maxMonths: 24 },
    source: '新宿区 介護保険料滞納整理事務の取扱い（分納誓約の不履行 30日、期間 24か月）',
    unverified: true,
  },
]
