/**
 * The address bigram index (server/drizzle/0001_append_only_and_search_sql.sql): the fragment's distinct character
 * bigrams, computed as the SQL function address_bigrams does (by code point, as PostgreSQL's substr counts), and the
 * condition the planner matches against households_address_bigram_idx.
 */
import { sql, type SQL } from 'drizzle-orm'
import { households } from './schema'

/** Distinct bigrams of an already normalised fragment ('西新宿二' → ['西新', '新宿', '宿二']). */
export function addressBigrams(fragment: string): string[] {
  const chars = Array.from(fragment.replace(/\u3000/g, ''))
  const grams = new Set<string>()
  for (let i = 0; i + 1 < chars.length; i++) grams.add(chars[i]! + chars[i + 1]!)
  return [...grams]
}

/** `address_bigrams(households.address) @> ARRAY[…]`, or null for a fragment too short to have a bigram. */
export function addressBigramCondition(fragment: string): SQL | null {
  const grams = addressBigrams(fragment)
  if (grams.length === 0) return null
  return sql`address_bigrams(${households.address}) @> ARRAY[${sql.join(
    grams.map((g) => sql`${g}`),
    sql`, `,
  )}]::text[]`
}
