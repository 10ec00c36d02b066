/** Shared helpers for the dummy ward generator tests: a local premium-stage helper and grouping. */
import type { DummyPerson, DummyWard } from '../../../../../server/src/demo/dummy-ward-model'

/** FY2026 national standard (docs/sources/domain.md §3.2): 年金収入等 boundary L = 826,500 (令和8年政令第68号). */
export const FY2026_BOUNDARY = 826_500
const TAXABLE_BELOW = [1_200_000, 2_100_000, 3_200_000, 4_200_000, 5_200_000, 6_200_000, 7_200_000]

export function householdsOf(ward: Pick<DummyWard, 'persons'>): Map<string, DummyPerson[]> {
  const map = new Map<string, DummyPerson[]>()
  for (const p of ward.persons) {
    const members = map.get(p.householdId)
    if (members === undefined) map.set(p.householdId, [p])
    else members.push(p)
  }
  return map
}

/**
 * The national standard 13 stages (介護保険法施行令第38条) for a category-1 person, written independently of
 * shared/domain: 生活保護 → 本人課税 by 合計所得金額 → 世帯課税 by 年金収入等 → 世帯全員非課税 (老齢福祉年金, then 年金収入等).
 */
export function nationalStage(p: DummyPerson, household: readonly DummyPerson[], boundary = FY2026_BOUNDARY): number {
  if (p.onPublicAssistance) return 1
  if (p.residentTaxable) {
    const income = Math.max(0, p.totalIncome)
    const i = TAXABLE_BELOW.findIndex((below) => income < below)
    return i === -1 ? 13 : 6 + i
  }
  const income = p.pensionAndOtherIncome
  if (household.some((m) => m.residentTaxable)) return income <= boundary ? 4 : 5
  if (p.oldAgeWelfarePension) return 1
  if (income <= boundary) return 1
  return income <= 1_200_000 ? 2 : 3
}

export function stageCounts(ward: Pick<DummyWard, 'persons'>): number[] {
  const households = householdsOf(ward)
  const counts = new Array<number>(14).fill(0)
  for (const p of ward.persons) {
    if (p.insuredCategory !== 1) continue
    const stage = nationalStage(p, households.get(p.householdId)!)
    counts[stage] = counts[stage]! + 1
  }
  return counts
}
