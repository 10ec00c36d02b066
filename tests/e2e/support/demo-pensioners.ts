import { generateDummyWard } from '../../../server/src/demo/generator'
import { WITHHOLDING_PENSION_THRESHOLD } from '../../../server/src/demo/pension-targets'
import { DEMO_SEED } from '../../../server/src/demo/seed-if-empty'

/**
 * The E2E stack is seeded with the demo seed at scale 1,000 (its 2026 特別徴収対象者情報 imported by the seeder);
 * regenerating it tells us who exists. The 第1号 persons insured all year, outside any facility, not on public
 * assistance, with a taxable public pension of at least 180,000 yen (so the insurers name them), in the ward's order,
 * with what a 対象者情報 record needs. Each journey takes its own slice from the end, far from the other journeys.
 */
export function demoPensioners() {
  const ward = generateDummyWard({ seed: DEMO_SEED, scale: 1_000 })
  const households = new Map(ward.households.map((h) => [h.householdId, h]))
  return ward.persons
    .filter(
      (p) =>
        p.insuredCategory === 1 &&
        p.insuredNumber &&
        !p.isProtected &&
        p.acquiredOn !== null &&
        p.acquiredOn < '2026-04-01' &&
        !p.residenceException &&
        !p.excludedFacility &&
        !p.onPublicAssistance &&
        p.taxablePensionIncome >= WITHHOLDING_PENSION_THRESHOLD,
    )
    .map((p) => ({
      ...p,
      residentCode: p.personId,
      postalCode: households.get(p.householdId)!.postalCode,
      address: households.get(p.householdId)!.address,
      pensionAmount: p.taxablePensionIncome,
      continuing: true,
    }))
}
