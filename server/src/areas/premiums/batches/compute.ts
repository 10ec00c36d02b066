/**
 * The arithmetic of one person's year for each kind of run, from the assessment service (shared/domain underneath):
 * 仮算定 the 仮徴収 only, 本算定 the year's amount with the 本徴収 decided anew, 異動賦課 the reassessment as of the
 * run's day (the 納期 already due stay, the difference goes over the remaining ones).
 */
import type { BatchKind } from '../../../../../shared/api/premium-batches'
import type { CollectionMethod } from '../../../../../shared/api/premiums'
import { computeAssessment, type AssessmentFacts, type AssessmentOutcome, type WardForYear } from '../assessment'
import type { StagedInstallment } from './schema'

export function computeForRun(
  kind: BatchKind,
  fiscalYear: number,
  facts: AssessmentFacts,
  ward: WardForYear,
  today: string,
): AssessmentOutcome {
  try {
    return computeAssessment(fiscalYear, facts, ward, today, kind)
  } catch (error) {
    // A figure the rules cannot take (e.g. a negative 所得 where none can be): this person is listed as refused with
    // the rule's message, the others of the run are assessed.
    if (error instanceof RangeError)
      return { kind: 'refused', reason: `入力値を保険料の計算に使えないため賦課できません（${error.message}）` }
    throw error
  }
}

/** The installments of a new version as staged (普通徴収 unless the plan names the method). */
export function stagedInstallments(
  installments: readonly { seq: number; month: string; dueDate: string; amount: number; method?: CollectionMethod }[],
): StagedInstallment[] {
  return installments.map((i) => ({
    method: i.method ?? 'direct',
    seq: i.seq,
    period: i.month,
    amount: i.amount,
    dueDate: i.dueDate,
  }))
}
