/**
 * The downstream rehearsal on a trial store (docs/sources/migration.md §2.3: the ward sees the first month of life on
 * the new system before go-live): the 本算定 of the fiscal year run person by person through the premiums area's own
 * service on the trial database handle — never on production. Counts and timings only leave the store.
 */
import { asc } from 'drizzle-orm'
import { assessPersonYear } from '../../premiums'
import { persons } from '../../persons/schema'
import type { Db } from '../../../core/db/connect'

export interface RehearsalOutcome {
  fiscalYear: number
  persons: number
  assessed: number
  unchanged: number
  refused: number
  milliseconds: number
}

export async function rehearseFinalAssessment(
  trial: Db,
  input: { fiscalYear: number; today: string; now: Date; elapsed?: () => number },
): Promise<RehearsalOutcome> {
  const clock = input.elapsed ?? (() => performance.now())
  const start = clock()
  const ids = (await trial.select({ id: persons.id }).from(persons).orderBy(asc(persons.id))).map((r) => r.id)
  let assessed = 0
  let unchanged = 0
  let refused = 0
  for (const id of ids) {
    try {
      const result = await trial.transaction((tx) =>
        assessPersonYear(tx, id, input.fiscalYear, { today: input.today, now: input.now, userId: null, kind: 'final' }),
      )
      if (result.changed) assessed++
      else unchanged++
    } catch (error) {
      // 非該当 (not liable that year) and refusals are counted; anything else is a fault of the rehearsal itself.
      if ((error as { status?: number }).status === 422 || (error as { status?: number }).status === 404) refused++
      else throw error
    }
  }
  return {
    fiscalYear: input.fiscalYear,
    persons: ids.length,
    assessed,
    unchanged,
    refused,
    milliseconds: Math.round(clock() - start),
  }
}
