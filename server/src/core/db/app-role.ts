/**
 * The runtime role on PostgreSQL (control C-08, docs/operations.md): the server runs as a role that may read and
 * write the business tables but may only INSERT and SELECT on append-only tables (audit_log, record_versions and
 * every other table guarded by a `<table>_no_update` trigger). Migrations run as the owner role; the trigger
 * stays as the second line of defence, and the embedded database (single user) relies on the trigger alone.
 */
import { sql } from 'drizzle-orm'
import type { Db } from './connect'

/** Tables whose history must never change: those with a `<table>_no_update` trigger. */
export async function appendOnlyTables(db: Db): Promise<string[]> {
  const result = (await db.execute(sql`
    SELECT DISTINCT c.relname AS name
    FROM pg_trigger t
    JOIN pg_class c ON c.oid = t.tgrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE NOT t.tgisinternal AND n.nspname = 'public' AND t.tgname = c.relname || '_no_update'
    ORDER BY 1`)) as unknown as { rows: { name: string }[] }
  return result.rows.map((r) => r.name)
}

const ident = (name: string) => {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain SQL identifier: ${name}`)
  return sql.raw(`"${name}"`)
}

/**
 * Grants the runtime role what the server needs and no more. Run as the owner after every migration
 * (`npm run db:grant -w server -- <role>`); idempotent.
 */
export async function grantApplicationRole(db: Db, role: string): Promise<{ appendOnly: string[] }> {
  const r = ident(role)
  await db.execute(sql`GRANT USAGE ON SCHEMA public TO ${r}`)
  await db.execute(sql`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${r}`)
  await db.execute(sql`GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO ${r}`)
  await db.execute(sql`REVOKE TRUNCATE, REFERENCES, TRIGGER ON ALL TABLES IN SCHEMA public FROM ${r}`)
  const appendOnly = await appendOnlyTables(db)
  for (const table of appendOnly) await db.execute(sql`REVOKE UPDATE, DELETE, TRUNCATE ON ${ident(table)} FROM ${r}`)
  // The migration journal: readable (the server checks it at start-up), never writable.
  await db.execute(sql`GRANT USAGE ON SCHEMA drizzle TO ${r}`)
  await db.execute(sql`GRANT SELECT ON ALL TABLES IN SCHEMA drizzle TO ${r}`)
  return { appendOnly }
}
