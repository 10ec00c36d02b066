import { eq, sql } from 'drizzle-orm'
import type { Db, Tx } from '../../core/db/connect'
import { persons } from '../persons/schema'
import { insuredNumberIssues } from './schema'

/**
 * 被保険者番号 numbering rule (a ward parameter): `prefix` + a 9-digit running number from
 * insured_number_seq (never goes back), skipping any number already held by a person or recorded in the ledger —
 * so a number is unique and never reused. ⚠️ The ward's real rule (and whether it has a check digit) is unverified
 * (docs/sources/domain.md §2.6); the prefix is configurable with KAIGO_INSURED_NUMBER_PREFIX (one digit, default '0').
 */
export interface NumberingRule {
  prefix: string
}

export function numberingRuleFromEnv(env: NodeJS.ProcessEnv = process.env): NumberingRule {
  const prefix = env.KAIGO_INSURED_NUMBER_PREFIX ?? '0'
  if (!/^\d$/.test(prefix)) throw new Error('KAIGO_INSURED_NUMBER_PREFIX は1桁の数字です')
  return { prefix }
}

export async function issueInsuredNumber(db: Db | Tx, personId: number, rule = numberingRuleFromEnv()) {
  for (;;) {
    // PGlite and node-postgres both answer { rows }.
    const result = (await db.execute(sql`select nextval('insured_number_seq') as n`)) as unknown as {
      rows: { n: string | number }[]
    }
    const n = Number(result.rows[0]!.n)
    const number = rule.prefix + String(n).padStart(9, '0')
    const held = await db.select({ id: persons.id }).from(persons).where(eq(persons.insuredNumber, number)).limit(1)
    if (held.length > 0) continue
    const inserted = await db
      .insert(insuredNumberIssues)
      .values({ insuredNumber: number, personId })
      .onConflictDoNothing()
      .returning({ n: insuredNumberIssues.insuredNumber })
    if (inserted.length === 1) return number
  }
}
