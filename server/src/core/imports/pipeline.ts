/**
 * The shared import pipeline (docs/imports.md): every importer goes the same way —
 *
 *   1. receive   the whole file through `ImportFiles.receive` (malware scan, quarantine of a refused file: C-05);
 *   2. validate  every line first (Japanese problems naming line and field) and report progress while doing it;
 *   3. apply     all or nothing, in bounded batches inside the ONE transaction: each batch loads the state it needs
 *                set-wise, the rules (TypeScript, shared/domain) compute every row, and the rows are written in bulk
 *                (one statement per table and batch: `stageRows` / `bulkUpdateRows`);
 *   4. record    the file (hash) and its records (ids), so a re-import applies nothing.
 *
 * This module holds the parts that are the same for every importer: the batching (`batches`, `runs`), the progress
 * and batch observer, and the bulk writers. The importer keeps its own parsing, checks and rules.
 */
import { getTableColumns, getTableName, sql } from 'drizzle-orm'
import type { PgTable } from 'drizzle-orm/pg-core'
import type { Db, Tx } from '../db/connect'
import { bulkInsertJson, type BulkInsertOptions } from '../db/bulk-insert'

/** Records applied per batch: the memory an import holds while applying stays bounded by this, not by the file. */
export const IMPORT_BATCH_SIZE = 5_000

/** Rows a single bulk statement carries (one JSON parameter). */
export const STAGE_ROWS_PER_STATEMENT = 5_000

export interface ImportProgress {
  phase: 'validate' | 'apply'
  done: number
  total: number
}

/** What an importer tells its caller while it works (the UI's progress; tests assert the batch bound with it). */
export interface ImportObserver {
  progress?(progress: ImportProgress): void
  /** A batch about to be applied: its number of records. */
  batch?(records: number): void
}

/** `items` in consecutive slices of at most `size`. */
export function* batches<T>(items: readonly T[], size = IMPORT_BATCH_SIZE): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size)
}

/**
 * `items` (already in the order they must be applied) cut into runs: consecutive items the bulk path applies
 * (`bulk: true`, at most `size` each) and single items that need the row-by-row path (`bulk: false`). Order is kept.
 */
export function* runs<T>(
  items: readonly T[],
  isBulk: (item: T) => boolean,
  size = IMPORT_BATCH_SIZE,
): Generator<{ bulk: boolean; items: T[] }> {
  let run: T[] = []
  for (const item of items) {
    if (isBulk(item)) {
      run.push(item)
      if (run.length >= size) {
        yield { bulk: true, items: run }
        run = []
      }
      continue
    }
    if (run.length > 0) yield { bulk: true, items: run }
    run = []
    yield { bulk: false, items: [item] }
  }
  if (run.length > 0) yield { bulk: true, items: run }
}

/**
 * Inserts rows in bulk, `STAGE_ROWS_PER_STATEMENT` a statement (ONE JSON parameter each — `bulkInsertJson`), in
 * the order given (serial ids follow it); returns what `returning` names, in that order per statement.
 */
export async function stageRows<T extends PgTable, Returning extends string & keyof T['$inferSelect'] = never>(
  db: Db | Tx,
  table: T,
  rows: readonly T['$inferInsert'][],
  options: BulkInsertOptions<Returning> = {},
): Promise<Pick<T['$inferSelect'], Returning>[]> {
  const out: Pick<T['$inferSelect'], Returning>[] = []
  for (let i = 0; i < rows.length; i += STAGE_ROWS_PER_STATEMENT)
    out.push(...(await bulkInsertJson(db, table, rows.slice(i, i + STAGE_ROWS_PER_STATEMENT), options)))
  return out
}

/**
 * Updates rows in bulk by their `id` column: every row names the same properties (the new values), one statement
 * per `STAGE_ROWS_PER_STATEMENT` rows (`update … from json_populate_recordset`). Same SQL on PGlite and PostgreSQL.
 */
export async function bulkUpdateRows<T extends PgTable>(
  db: Db | Tx,
  table: T,
  rows: readonly ({ id: number } & Partial<T['$inferInsert']>)[],
): Promise<void> {
  if (rows.length === 0) return
  const columns = getTableColumns(table) as Record<string, { name: string }>
  const properties = Object.keys(rows[0]!).filter((p) => p !== 'id')
  for (const property of properties)
    if (!columns[property]) throw new Error(`bulkUpdateRows: ${getTableName(table)} has no column ${property}`)
  if (properties.length === 0) return
  const assignments = sql.join(
    properties.map((p) => sql`${sql.identifier(columns[p]!.name)} = v.${sql.identifier(columns[p]!.name)}`),
    sql.raw(', '),
  )
  for (let i = 0; i < rows.length; i += STAGE_ROWS_PER_STATEMENT) {
    const json = JSON.stringify(
      rows.slice(i, i + STAGE_ROWS_PER_STATEMENT).map((row) => {
        const record: Record<string, unknown> = { [columns.id!.name]: row.id }
        for (const p of properties) {
          const value = (row as Record<string, unknown>)[p]
          if (value === undefined) throw new Error(`bulkUpdateRows: ${getTableName(table)}.${p} missing in a row`)
          record[columns[p]!.name] = value
        }
        return record
      }),
    )
    await db.execute(
      sql`update ${table} set ${assignments} from json_populate_recordset(null::${table}, ${json}::json) as v where ${table}.${sql.identifier(columns.id!.name)} = v.${sql.identifier(columns.id!.name)}`,
    )
  }
}

/** The database's `now()`: the transaction's start, the `recorded_at` / `applied_at` every row of it gets. */
export async function transactionNow(db: Db | Tx): Promise<string> {
  const result = (await db.execute(sql`select now() as now`)) as unknown as { rows: { now: string | Date }[] }
  return new Date(result.rows[0]!.now).toISOString()
}
