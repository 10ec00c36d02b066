/**
 * The inputs of a 賦課バッチ as one SHA-256: the state of every table the assessment reads (the eligibility history,
 * the resident-tax records, 生活保護 / 老齢福祉年金, the assessments, the persons and their households), the ward
 * parameters in force, and the day the run computes as. The history tables are append-only, so their row count and
 * highest id change with every new row; persons change their row version with every update. Read set-based in one
 * statement: the sign-off recomputes it in well under a second at 1,000,000 persons' scale.
 */
import { createHash } from 'node:crypto'
import { sql } from 'drizzle-orm'
import type { BatchKind } from '../../../../../shared/api/premium-batches'
import type { Db, Tx } from '../../../core/db/connect'

/** The highest ids of the change-carrying inputs, stored with a run (異動賦課 takes what came after). */
export interface SeenInputs {
  eventId: number
  taxRecordId: number
  welfareId: number
}

interface InputState extends SeenInputs {
  state: Record<string, number>
}

async function inputState(db: Db | Tx): Promise<InputState> {
  const result = (await db.execute(sql`
    select
      (select count(*) from eligibility_events)::bigint as events,
      (select coalesce(max(id), 0) from eligibility_events)::int as event_id,
      (select count(*) from resident_tax_records)::bigint as tax_records,
      (select coalesce(max(id), 0) from resident_tax_records)::int as tax_record_id,
      (select count(*) from welfare_statuses)::bigint as welfare,
      (select coalesce(max(id), 0) from welfare_statuses)::int as welfare_id,
      (select count(*) from premium_assessments)::bigint as assessments,
      (select coalesce(max(id), 0) from premium_assessments)::int as assessment_id,
      (select count(*) from persons)::bigint as persons,
      (select coalesce(max(id), 0) from persons)::int as person_id,
      (select coalesce(sum(row_version), 0) from persons)::bigint as person_versions,
      (select coalesce(sum(row_version), 0) from households)::bigint as household_versions
  `)) as unknown as { rows: Record<string, string | number>[] }
  const row = result.rows[0]!
  const state = Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v)]))
  return { state, eventId: state.event_id!, taxRecordId: state.tax_record_id!, welfareId: state.welfare_id! }
}

/** The fingerprint of the inputs of a run of `kind` for `fiscalYear` computed as of `asOf` with `wardVersion`. */
export async function inputsFingerprint(
  db: Db | Tx,
  run: { kind: BatchKind; fiscalYear: number; asOf: string; wardVersion: string },
): Promise<{ fingerprint: string; seen: SeenInputs }> {
  const { state, ...seen } = await inputState(db)
  const fingerprint = createHash('sha256')
    .update(
      JSON.stringify({
        ...run,
        state: Object.keys(state)
          .sort()
          .map((k) => [k, state[k]]),
      }),
    )
    .digest('hex')
  return { fingerprint, seen }
}
