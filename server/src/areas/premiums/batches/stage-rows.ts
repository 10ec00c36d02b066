/**
 * The bulk write of a run's staged results: one INSERT per block of persons whose every column travels as ONE array
 * parameter (a PostgreSQL array literal, e.g. `{1,2,NULL}` or `{"…","…"}`) expanded by `unnest` in the database —
 * 33 parameters for 5,000 rows, and no per-row JSON document to parse (the JSON of json_populate_recordset cost the
 * database more than the write itself). Same SQL on PGlite and PostgreSQL.
 */
import { getTableColumns, sql } from 'drizzle-orm'
import type { Db, Tx } from '../../../core/db/connect'
import { premiumBatchResults } from './schema'

type StagedRow = typeof premiumBatchResults.$inferInsert

/** An element of an array literal: NULL, or the text in double quotes with `"` and `\` escaped. */
function element(value: unknown): string {
  if (value === null || value === undefined) return 'NULL'
  const text =
    typeof value === 'string'
      ? value
      : typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean'
        ? String(value)
        : JSON.stringify(value)
  return `"${text.replace(/[\\"]/g, '\\$&')}"`
}

export async function insertStagedRows(db: Db | Tx, rows: readonly StagedRow[]): Promise<void> {
  if (rows.length === 0) return
  const columns = Object.entries(getTableColumns(premiumBatchResults)) as [
    keyof StagedRow,
    { name: string; getSQLType(): string },
  ][]
  const names = sql.join(
    columns.map(([, c]) => sql.identifier(c.name)),
    sql.raw(', '),
  )
  const arrays = sql.join(
    columns.map(
      ([property, c]) =>
        sql`${`{${rows.map((row) => element(row[property])).join(',')}}`}::${sql.raw(c.getSQLType())}[]`,
    ),
    sql.raw(', '),
  )
  await db.execute(sql`insert into ${premiumBatchResults} (${names}) select * from unnest(${arrays})`)
}
