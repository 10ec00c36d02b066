/**
 * Databases created before the one migration journal: they were migrated by six streams, each with its own tracking
 * table (`__drizzle_migrations` for the core, `__drizzle_migrations_<stream>` for masters, export, eligibility,
 * forms and search). The journal's baseline creates exactly the catalog those six streams left behind
 * (tests/integration/core/db/migration-journal.test.ts proves it), so such a database is not migrated again: the
 * server refuses to open it (`PreviousMigrationLayoutError`), and `npm run db:migrate -w server -- --adopt-previous-layout`
 * rewrites its journal once (docs/operations.md, docs/decisions/0005-one-migration-journal.md).
 */
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { sql } from 'drizzle-orm'
import type { Db } from './connect'

/** Where drizzle kept the tracking tables (its default schema; `public` is checked too). */
const TRACKING_SCHEMAS = ['drizzle', 'public'] as const

/**
 * The previous streams at their final state: the tracking table, how many migrations it held and the hash of the
 * last one (drizzle's SHA-256 of the migration file). The core stream's table is the journal's table today.
 */
export const previousStreams: readonly { table: string; migrations: number; lastHash: string }[] = [
  {
    table: '__drizzle_migrations',
    migrations: 5,
    lastHash: 'a01a5a505fcf7cff15f100fe87c77010201c17ea834f7ea6484cc6f59d16baf2',
  },
  {
    table: '__drizzle_migrations_masters',
    migrations: 2,
    lastHash: '0f80397dba6c31cae7ee77e3b4662b76f5603a3e371bf21f601905840e2677bc',
  },
  {
    table: '__drizzle_migrations_export',
    migrations: 2,
    lastHash: '7d29a17b8dde1ea6bac4367993cac085e9705ca963afc6d1534d76356e45542c',
  },
  {
    table: '__drizzle_migrations_eligibility',
    migrations: 6,
    lastHash: 'f71f2e2eb9df9f60b80d883944f81858033e38a595d81a840f4d67532e43a158',
  },
  {
    table: '__drizzle_migrations_forms',
    migrations: 1,
    lastHash: '3c4b40d8e7a767f34afebfcbfb97c4a8329e11d74e0c9c438b08bf386a23666d',
  },
  {
    table: '__drizzle_migrations_search',
    migrations: 1,
    lastHash: '1308d0c867da842abef4bdbae9aad109412d6e9d55e1d2dadf4c653e13710e93',
  },
]

/** The stream tracking tables that only the previous layout had. */
export const previousTrackingTables = previousStreams.map((s) => s.table).filter((t) => t !== '__drizzle_migrations')

/** The journal's entries that together equal the previous six streams (the squashed baseline). */
export const baselineTags = ['0000_baseline', '0001_append_only_and_search_sql'] as const

const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows

/** The previous layout's stream tracking tables found in the database ('schema.table'); empty for any other. */
export async function findPreviousLayout(db: Db): Promise<string[]> {
  const result = await db.execute(sql`
    SELECT table_schema || '.' || table_name AS name FROM information_schema.tables
    WHERE table_schema IN (${sql.join(
      TRACKING_SCHEMAS.map((s) => sql`${s}`),
      sql`, `,
    )}) AND table_name IN (${sql.join(
      previousTrackingTables.map((t) => sql`${t}`),
      sql`, `,
    )})
    ORDER BY 1`)
  return rowsOf<{ name: string }>(result).map((r) => r.name)
}

const ADOPT_COMMAND = 'npm run db:migrate -w server -- --adopt-previous-layout'

/** Thrown by openDatabase for a database of the previous layout: what was found, why, what to do. */
export class PreviousMigrationLayoutError extends Error {
  readonly code = 'previous-migration-layout'
  constructor(readonly found: readonly string[]) {
    super(
      [
        `このデータベースは以前のマイグレーション構成（領域ごとの 6 系統）で作成されています（見つかった管理表: ${found.join(', ')}）。`,
        '現在は 1 本のマイグレーション履歴だけを使うため、このままでは開けません。',
        'デモのデータ（var/data）なら削除してください。npm start がダミーデータで作り直します。',
        `本番のデータベースなら、所有者ロールで一度だけ ${ADOPT_COMMAND} を実行してください（docs/operations.md の「Migrations」）。`,
        '',
        `This database was created by the previous migration layout (six streams; tracking tables found: ${found.join(', ')}).`,
        'The server now keeps one migration journal and does not open it as it is.',
        'Demo data (var/data): delete it; npm start seeds it anew with dummy data.',
        `A production database: run ${ADOPT_COMMAND} once as the owner role (docs/operations.md, "Migrations").`,
      ].join('\n'),
    )
    this.name = 'PreviousMigrationLayoutError'
  }
}

export const isPreviousMigrationLayoutError = (error: unknown): error is PreviousMigrationLayoutError =>
  error instanceof Error && (error as { code?: unknown }).code === 'previous-migration-layout'

interface JournalEntry {
  tag: string
  when: number
}

/** The baseline's journal rows as drizzle writes them: SHA-256 of the migration file and the journal's `when`. */
export function baselineJournalRows(migrationsFolder: string): { hash: string; createdAt: number }[] {
  const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as {
    entries: JournalEntry[]
  }
  return baselineTags.map((tag) => {
    const entry = journal.entries.find((e) => e.tag === tag)
    if (!entry) throw new Error(`the migration journal has no baseline entry ${tag}`)
    const text = readFileSync(join(migrationsFolder, `${tag}.sql`), 'utf8')
    return { hash: createHash('sha256').update(text).digest('hex'), createdAt: entry.when }
  })
}

/**
 * The one-time step for a database of the previous layout: checks that every previous stream is at its final
 * migration (so its catalog is the baseline's), then, in one transaction, replaces the core stream's rows of
 * `drizzle.__drizzle_migrations` by the baseline's and drops the other streams' tracking tables. The migrations
 * after the baseline then run as on any database. Refuses (and changes nothing) when a stream is missing or behind.
 */
export async function adoptPreviousLayout(db: Db, migrationsFolder: string): Promise<{ dropped: string[] }> {
  const found = await findPreviousLayout(db)
  if (found.length === 0) return { dropped: [] }
  const baseline = baselineJournalRows(migrationsFolder)
  const problems: string[] = []
  for (const stream of previousStreams) {
    const rows = rowsOf<{ hash: string }>(
      await db
        .execute(
          sql`SELECT hash FROM ${sql.identifier('drizzle')}.${sql.identifier(stream.table)} ORDER BY created_at, id`,
        )
        .catch(() => ({ rows: [] })),
    )
    if (rows.length !== stream.migrations || rows.at(-1)?.hash !== stream.lastHash)
      problems.push(`${stream.table}: ${rows.length}/${stream.migrations}`)
  }
  if (problems.length > 0)
    throw new Error(
      `以前の構成のマイグレーションが最後まで適用されていないため、移行できません（${problems.join(', ')}）。` +
        '以前の版のサーバーで一度起動してマイグレーションを済ませてから、もう一度実行してください。' +
        ` / The previous streams are not at their final migration (${problems.join(', ')}): start the previous` +
        ' version once to finish them, then run this step again.',
    )
  await db.transaction(async (tx) => {
    await tx.execute(sql`DELETE FROM drizzle.__drizzle_migrations`)
    for (const row of baseline)
      await tx.execute(
        sql`INSERT INTO drizzle.__drizzle_migrations (hash, created_at) VALUES (${row.hash}, ${row.createdAt})`,
      )
    for (const name of found) {
      const [schema, table] = name.split('.') as [string, string]
      await tx.execute(sql`DROP TABLE ${sql.identifier(schema)}.${sql.identifier(table)}`)
    }
  })
  return { dropped: found }
}
