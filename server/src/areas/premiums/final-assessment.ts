/**
 * 本算定 (the final assessment of the year, July): the dry run over every person with a category-1 month in the year.
 * It computes what the commit would write — counts and amounts per stage, the total, the persons whose amount changes
 * against their current version (old and new), the persons the rules refuse with the reason — and writes nothing.
 * Set-based: the facts of 2,000 persons at a time (loadAssessmentFacts), the arithmetic in shared/domain.
 */
import { asc, eq } from 'drizzle-orm'
import { DRY_RUN_LIST_LIMIT, type FinalAssessmentDryRun } from '../../../../shared/api/premiums'
import type { Db, Tx } from '../../core/db/connect'
import { eligibilityEvents } from '../eligibility/schema'
import { computeAssessment, loadAssessmentFacts, wardForYear } from './assessment'

const BATCH_PERSONS = 2_000

export async function finalAssessmentDryRun(
  db: Db | Tx,
  fiscalYear: number,
  today: string,
): Promise<FinalAssessmentDryRun & { personIds: number[] }> {
  const ward = await wardForYear(db, fiscalYear)
  const candidates = (
    await db
      .selectDistinct({ id: eligibilityEvents.personId })
      .from(eligibilityEvents)
      .where(eq(eligibilityEvents.category, 1))
      .orderBy(asc(eligibilityEvents.personId))
  ).map((r) => r.id)

  const byStage = new Map<number, { persons: number; months: number; amount: number }>()
  const changed: FinalAssessmentDryRun['changed'] = []
  const refused: FinalAssessmentDryRun['refused'] = []
  let persons = 0
  let totalAmount = 0
  let newVersions = 0
  let unchanged = 0
  let changedCount = 0
  let refusedCount = 0
  for (let i = 0; i < candidates.length; i += BATCH_PERSONS) {
    const ids = candidates.slice(i, i + BATCH_PERSONS)
    const facts = await loadAssessmentFacts(db, ids, fiscalYear, today)
    for (const id of ids) {
      const f = facts.get(id)
      if (!f) continue
      const outcome = computeAssessment(fiscalYear, f, ward, today)
      if (outcome.kind === 'notLiable') continue
      if (outcome.kind === 'refused') {
        refusedCount++
        if (refused.length < DRY_RUN_LIST_LIMIT) refused.push({ personId: id, reason: outcome.reason })
        continue
      }
      persons++
      const row = outcome.kind === 'unchanged' ? outcome.previous : outcome.row
      totalAmount += row.annualAmount
      for (const [stage, months, amount] of [
        [row.stage1, row.stage1Months, row.stage1Amount],
        [row.stage2, row.stage2Months, row.stage2Amount],
      ] as const) {
        if (stage === null || stage === undefined) continue
        const s = byStage.get(stage) ?? { persons: 0, months: 0, amount: 0 }
        s.persons++
        s.months += months ?? 0
        s.amount += amount ?? 0
        byStage.set(stage, s)
      }
      if (outcome.kind === 'unchanged') {
        unchanged++
        continue
      }
      newVersions++
      const oldAmount = f.previous?.annualAmount ?? null
      if (oldAmount !== outcome.row.annualAmount) {
        changedCount++
        if (changed.length < DRY_RUN_LIST_LIMIT)
          changed.push({ personId: id, oldAmount, newAmount: outcome.row.annualAmount })
      }
    }
  }
  return {
    fiscalYear,
    asOf: today,
    tableVersion: ward.version,
    persons,
    totalAmount,
    byStage: [...byStage.entries()].sort(([a], [b]) => a - b).map(([stage, s]) => ({ stage, ...s })),
    newVersions,
    unchanged,
    changedCount,
    changed,
    refusedCount,
    refused,
    truncated: changedCount > changed.length || refusedCount > refused.length,
    personIds: [...changed.map((c) => c.personId), ...refused.map((r) => r.personId)],
  }
}
