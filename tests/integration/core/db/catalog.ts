import { sql } from 'drizzle-orm'
import type { Db } from '../../../../server/src/core/db/connect'

/**
 * What a migration leaves in the database, in a form two databases can be compared by: tables, columns (type,
 * nullability, default, collation; by name, not by position), constraints, indexes, triggers, functions (their full
 * definition, volatility included) and sequences — of every schema but the system ones and drizzle's own.
 */
export interface Catalog {
  tables: string[]
  columns: string[]
  constraints: string[]
  indexes: string[]
  triggers: string[]
  functions: string[]
  sequences: string[]
}

const USER_SCHEMAS = `n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast', 'drizzle')`

const QUERIES: Record<keyof Catalog, string> = {
  tables: `SELECT n.nspname || '.' || c.relname AS x FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('r', 'p', 'v', 'm') AND ${USER_SCHEMAS}`,
  columns: `SELECT c.relname || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod)
      || CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE '' END
      || coalesce(' DEFAULT ' || pg_get_expr(d.adbin, d.adrelid), '')
      || coalesce(' COLLATE ' || NULLIF(co.collname, 'default'), '') AS x
    FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
    LEFT JOIN pg_collation co ON co.oid = a.attcollation
    WHERE c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped AND ${USER_SCHEMAS}`,
  constraints: `SELECT c.relname || ' ' || k.conname || ' ' || pg_get_constraintdef(k.oid) AS x
    FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE ${USER_SCHEMAS}`,
  indexes: `SELECT pg_get_indexdef(i.indexrelid) AS x FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace WHERE ${USER_SCHEMAS}`,
  triggers: `SELECT pg_get_triggerdef(t.oid) AS x FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace WHERE NOT t.tgisinternal AND ${USER_SCHEMAS}`,
  functions: `SELECT pg_get_functiondef(p.oid) AS x FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
    WHERE p.prokind = 'f' AND ${USER_SCHEMAS}`,
  sequences: `SELECT n.nspname || '.' || c.relname || ' ' || format_type(s.seqtypid, NULL) || ' start ' || s.seqstart
      || ' min ' || s.seqmin || ' max ' || s.seqmax || ' by ' || s.seqincrement
      || CASE WHEN s.seqcycle THEN ' cycle' ELSE '' END AS x
    FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE ${USER_SCHEMAS}`,
}

export async function catalogOf(db: Db): Promise<Catalog> {
  const out = {} as Catalog
  for (const [part, query] of Object.entries(QUERIES) as [keyof Catalog, string][]) {
    const result = (await db.execute(sql.raw(`${query} ORDER BY 1`))) as unknown as { rows: { x: string }[] }
    out[part] = result.rows.map((r) => r.x)
  }
  return out
}

/** The tracking tables of drizzle (schema `drizzle`) and any table named like one elsewhere. */
export async function trackingTables(db: Db): Promise<string[]> {
  const result = (await db.execute(
    sql.raw(`SELECT table_schema || '.' || table_name AS x FROM information_schema.tables
      WHERE table_schema = 'drizzle' OR table_name LIKE '\\_\\_drizzle%' ORDER BY 1`),
  )) as unknown as { rows: { x: string }[] }
  return result.rows.map((r) => r.x)
}
