/**
 * The 外字 workbench (docs/migration.md §外字): every character outside the allowed set that a received extract
 * carries, with its occurrences, the candidates of the shipped 異体字 table and the staff's decision. Decisions are
 * append-only (migration_gaiji_decisions): a new one supersedes the earlier, who decided and when stays recorded.
 */
import { asc, count, countDistinct, eq, sql } from 'drizzle-orm'
import type { MigrationGaijiEntry } from '../../../../../shared/api/migration'
import type { Db, Tx } from '../../../core/db/connect'
import { HttpProblem } from '../../../core/http/problem'
import { migrationGaijiDecisions, migrationGaijiOccurrences } from '../schema'
import { charactersOutside, codePointLabel, gaijiCandidates } from './allowed-set'

/** Occurrences shown per character. */
const SAMPLES = 20

type Decision = NonNullable<MigrationGaijiEntry['decision']>

async function latestDecisions(db: Db | Tx, character?: string): Promise<Map<string, Decision>> {
  const rows = await db
    .select()
    .from(migrationGaijiDecisions)
    .where(character === undefined ? undefined : eq(migrationGaijiDecisions.character, character))
    .orderBy(asc(migrationGaijiDecisions.id))
  const latest = new Map<string, Decision>()
  for (const r of rows)
    latest.set(r.character, {
      replacement: r.replacement,
      reason: r.reason,
      decidedBy: r.decidedByLogin,
      decidedAt: r.decidedAt.toISOString(),
    })
  return latest
}

async function entries(db: Db | Tx, character?: string): Promise<MigrationGaijiEntry[]> {
  const only = character === undefined ? undefined : eq(migrationGaijiOccurrences.character, character)
  const totals = await db
    .select({
      character: migrationGaijiOccurrences.character,
      occurrences: count(),
      persons: countDistinct(migrationGaijiOccurrences.personKey),
    })
    .from(migrationGaijiOccurrences)
    .where(only)
    .groupBy(migrationGaijiOccurrences.character)
    .orderBy(asc(migrationGaijiOccurrences.character))
  const filter = character === undefined ? sql`` : sql`where character = ${character}`
  const sampled = (await db.execute(sql`
    select character, file_name as "fileName", line, item, value, person_key as "personKey"
    from (
      select *, row_number() over (partition by character order by id) as n
      from ${migrationGaijiOccurrences} ${filter}
    ) s
    where n <= ${SAMPLES}
    order by character, id`)) as unknown as {
    rows: { character: string; fileName: string; line: number; item: string; value: string; personKey: string }[]
  }
  const samples = new Map<string, MigrationGaijiEntry['samples']>()
  for (const { character: ch, ...s } of sampled.rows)
    (samples.get(ch) ?? samples.set(ch, []).get(ch)!).push({ ...s, line: Number(s.line) })
  const decisions = await latestDecisions(db, character)
  return totals.map((t) => ({
    character: t.character,
    codePoint: codePointLabel(t.character),
    occurrences: Number(t.occurrences),
    persons: Number(t.persons),
    candidates: gaijiCandidates(t.character),
    decision: decisions.get(t.character) ?? null,
    samples: samples.get(t.character) ?? [],
  }))
}

export async function gaijiList(
  db: Db | Tx,
  status: 'open' | 'decided' | 'all',
): Promise<{ entries: MigrationGaijiEntry[]; open: number }> {
  const all = await entries(db)
  const shown = all.filter((e) => status === 'all' || (status === 'open') === (e.decision === null))
  return { entries: shown, open: all.filter((e) => e.decision === null).length }
}

/** Records a decision for a listed character: keep it (the same character) or store allowed characters instead. */
export async function decideGaiji(
  db: Db | Tx,
  user: { id: number; loginId: string },
  input: { character: string; replacement: string; reason: string },
  now: Date,
): Promise<MigrationGaijiEntry> {
  const [seen] = await db
    .select({ n: count() })
    .from(migrationGaijiOccurrences)
    .where(eq(migrationGaijiOccurrences.character, input.character))
  if (!seen || Number(seen.n) === 0)
    throw new HttpProblem(404, 'notFound', `文字「${input.character}」は外字一覧にありません`)
  if (input.replacement !== input.character) {
    const outside = charactersOutside(input.replacement)
    if (outside.length > 0)
      throw new HttpProblem(
        400,
        'invalidRequest',
        `置き換える文字「${outside.join('')}」も許可文字集合にない文字です。標準の文字を指定してください`,
      )
  }
  await db.insert(migrationGaijiDecisions).values({
    character: input.character,
    replacement: input.replacement,
    reason: input.reason,
    decidedBy: user.id,
    decidedByLogin: user.loginId,
    decidedAt: now,
  })
  return (await entries(db, input.character))[0]!
}
