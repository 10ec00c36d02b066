/**
 * Staged rows (text, as read) ↔ the trial store's typed rows (trial-store/schema.ts `loadedTables`). A value that is
 * not of its item's type (a finding the 監督者 accepted) is loaded as NULL, so the 突合 shows it as a difference
 * instead of the load failing. Read back, a typed row is written as the codec writes values (YYYY-MM-DD, integer yen),
 * so the figures of figures/figures.ts run on it unchanged.
 */
import { asc, eq } from 'drizzle-orm'
import { isValidIsoDate } from '../../../../../shared/domain/dates'
import type { DataListGroup, DataListItem, DataListSpec } from '../../../../../shared/migration/data-list'
import type { Db, Tx } from '../../../core/db/connect'
import type { FigureRow } from '../figures/figures'
import { loadedTables } from './schema'

type Typed = string | number | null

function typedValue(item: DataListItem, value: string | undefined): Typed {
  if (value === undefined || value === '') return null
  switch (item.type) {
    case 'integer':
      return /^-?[0-9]{1,9}$/.test(value) ? Number(value) : null
    case 'yen':
      return /^[0-9]{1,15}$/.test(value) ? Number(value) : null
    case 'date':
      return isValidIsoDate(value) ? value : null
    default:
      return value
  }
}

const tableOf = (groupId: string) => loadedTables[groupId as keyof typeof loadedTables]

/** The typed rows of one group, from its staged rows. */
export function typedRowsOf(
  group: DataListGroup,
  staged: readonly { extractId: number; line: number; values: Record<string, string> }[],
): Record<string, Typed>[] {
  return staged.map((r) => {
    const row: Record<string, Typed> = { extractId: r.extractId, line: r.line }
    for (const item of group.items) row[item.id] = typedValue(item, r.values[item.id])
    return row
  })
}

/** The groups of the spec that have typed tables, with each table. */
export const typedGroups = (spec: DataListSpec) =>
  spec.groups.flatMap((g) => (tableOf(g.id) ? [{ group: g, table: tableOf(g.id)! }] : []))

/** The typed rows a store holds for an extract, read back as values (the loaded side of a 突合). */
export async function loadedRowsOf(db: Db | Tx, spec: DataListSpec, extractId: number): Promise<FigureRow[]> {
  const out: FigureRow[] = []
  for (const { group, table } of typedGroups(spec)) {
    const rows = (await db
      .select()
      .from(table)
      .where(eq(table.extractId, extractId))
      .orderBy(asc(table.line))) as Record<string, unknown>[]
    for (const r of rows) {
      const values: Record<string, string> = {}
      for (const item of group.items) {
        const v = r[item.id]
        values[item.id] = v === null || v === undefined ? '' : String(v)
      }
      out.push({ groupId: group.id, line: Number(r.line), values })
    }
  }
  return out
}
