/**
 * Bulk inserts for seeding and batch loads: a batch of rows travels as ONE JSON parameter and is expanded by
 * `json_populate_recordset` in the database, instead of one bound parameter per value (a 1,000-row batch of persons
 * is 25,000 parameters the driver must serialise and the server must parse). Same SQL on PGlite and PostgreSQL.
 * The rows are typed by the drizzle table; the JSON keys are the table's column names.
 */
import { getTableColumns, getTableName, sql, type SQL } from 'drizzle-orm'
import type { PgTable } from 'drizzle-orm/pg-core'
import type { Db } from './connect'

export interface BulkInsertOptions<Returning extends string> {
  /** Column properties to return, e.g. ['id', 'householdCode'] (in no particular order: match them by a key). */
  returning?: readonly Returning[]
  onConflictDoNothing?: boolean
}

export async function bulkInsertJson<T extends PgTable, Returning extends string & keyof T['$inferSelect'] = never>(
  db: Pick<Db, 'execute'>,
  table: T,
  rows: readonly T['$inferInsert'][],
  options: BulkInsertOptions<Returning> = {},
): Promise<Pick<T['$inferSelect'], Returning>[]> {
  if (rows.length === 0) return []
  const columns = getTableColumns(table) as Record<string, { name: string; hasDefault: boolean }>
  const properties = [...new Set(rows.flatMap((row) => Object.keys(row)))]
  for (const property of properties)
    if (!columns[property]) throw new Error(`bulkInsertJson: ${getTableName(table)} has no column ${property}`)
  const json = JSON.stringify(
    rows.map((row) => {
      const record: Record<string, unknown> = {}
      for (const property of properties) {
        const value = (row as Record<string, unknown>)[property]
        // A column named by some rows is NULL where a row leaves it out — not its default: refuse that ambiguity.
        if (value === undefined && columns[property]!.hasDefault)
          throw new Error(`bulkInsertJson: ${getTableName(table)}.${property} is missing in a row but has a default`)
        if (value !== undefined) record[columns[property]!.name] = value
      }
      return record
    }),
  )
  const list = sql.join(
    properties.map((p) => sql.identifier(columns[p]!.name)),
    sql.raw(', '),
  )
  const returning = options.returning ?? []
  const statement: SQL[] = [
    sql`insert into ${table} (${list}) select ${list} from json_populate_recordset(null::${table}, ${json}::json)`,
  ]
  if (options.onConflictDoNothing) statement.push(sql` on conflict do nothing`)
  if (returning.length > 0)
    statement.push(
      sql` returning ${sql.join(
        returning.map((p) => sql`${sql.identifier(columns[p]!.name)} as ${sql.identifier(p)}`),
        sql.raw(', '),
      )}`,
    )
  const result = (await db.execute(sql.join(statement))) as unknown as { rows: Pick<T['$inferSelect'], Returning>[] }
  return result.rows
}
