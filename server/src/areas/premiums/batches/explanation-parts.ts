/**
 * The shared part of the explanations a batch stores: the ward table of the year and its ⚠️ unverified entries are the
 * same for every person of a run (≈ 1.2 KB of the ≈ 2 KB of an explanation), so the run stores them once in
 * premium_explanation_parts (append-only, keyed by the SHA-256 of their JSON) and each staged explanation names the
 * row instead. The "why" panel and the notices read the explanation back whole (loadAssessments, ../assessment.ts);
 * a version whose table differs from the run's keeps its whole explanation.
 */
import { createHash } from 'node:crypto'
import { eq } from 'drizzle-orm'
import type { AssessmentExplanation } from '../../../../../shared/api/premiums'
import type { Db, Tx } from '../../../core/db/connect'
import type { ExplanationTable } from '../assessment'
import { premiumExplanationParts, type StoredExplanation } from './schema'

/** The id of the stored part with this content (inserted when new). */
export async function explanationPartsId(db: Db | Tx, content: ExplanationTable, now: Date): Promise<number> {
  const canonical: ExplanationTable = {
    table: {
      version: content.table.version,
      basePremium: content.table.basePremium,
      rounding: content.table.rounding,
      prorationRounding: content.table.prorationRounding,
      pensionIncomeBoundary: content.table.pensionIncomeBoundary,
    },
    unverified: [...content.unverified],
  }
  const hash = createHash('sha256').update(JSON.stringify(canonical)).digest('hex')
  await db
    .insert(premiumExplanationParts)
    .values({ hash, content: canonical, createdAt: now })
    .onConflictDoNothing({ target: premiumExplanationParts.hash })
  const [row] = await db
    .select({ id: premiumExplanationParts.id })
    .from(premiumExplanationParts)
    .where(eq(premiumExplanationParts.hash, hash))
  return row!.id
}

const sameTable = (a: ExplanationTable, b: ExplanationTable) =>
  a.table.version === b.table.version &&
  a.table.basePremium === b.table.basePremium &&
  a.table.rounding === b.table.rounding &&
  a.table.prorationRounding === b.table.prorationRounding &&
  a.table.pensionIncomeBoundary === b.table.pensionIncomeBoundary &&
  a.unverified.length === b.unverified.length &&
  a.unverified.every((u, i) => u === b.unverified[i])

/** The explanation as staged: the reference in place of the shared part when it is the run's, else the whole. */
export function compactExplanation(
  explanation: AssessmentExplanation,
  parts: { id: number; content: ExplanationTable },
): StoredExplanation {
  if (!sameTable(explanation, parts.content)) return explanation
  const { table: _table, unverified: _unverified, ...own } = explanation
  return { ...own, parts: parts.id }
}
