/**
 * The integrity hash of a master version, computed the same way by the server (from the database) and by the
 * terminal (from its cache): SHA-256 over the dataset name and, in key order, each row's key and row hash; the row
 * hash is SHA-256 over the key, the dates and the canonical payload text. The SHA-256 function is injected (both homes
 * pass node:crypto's one-shot `hash`), so this module stays pure.
 */
import type { MasterRow } from './datasets'

/** SHA-256 of the UTF-8 bytes of `text`, as 64 lower-case hex digits. */
export type Sha256Hex = (text: string) => string

const UNIT = '\u001f'
const RECORD = '\n'

/** Canonical JSON: keys sorted at every level, no whitespace, undefined members dropped. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null)
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`
}

/** SHA-256 (hex) of one row. */
export function rowHash(row: MasterRow, sha256: Sha256Hex): string {
  return sha256(`${row.key}${UNIT}${row.validFrom ?? ''}${UNIT}${row.validTo ?? ''}${UNIT}${row.payload}`)
}

/** Byte-order comparison of ASCII keys (the same in JavaScript, SQLite BINARY and PostgreSQL COLLATE "C"). */
export const compareKeys = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

/**
 * SHA-256 (hex) of a dataset version from its live rows' keys and row hashes. `rows` must be sorted by key
 * ({@link compareKeys}); a duplicate or unsorted key throws, so two homes can never agree on a wrong order.
 */
export function contentHash(
  dataset: string,
  rows: Iterable<{ readonly key: string; readonly rowHash: string }>,
  sha256: Sha256Hex,
): string {
  const parts = [`${dataset}${RECORD}`]
  let previous: string | null = null
  for (const row of rows) {
    if (previous !== null && compareKeys(previous, row.key) >= 0) {
      throw new RangeError(`rows of ${dataset} are not in key order at "${row.key}"`)
    }
    parts.push(`${row.key}${UNIT}${row.rowHash}${RECORD}`)
    previous = row.key
  }
  return sha256(parts.join(''))
}
