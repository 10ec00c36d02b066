/**
 * `npm run db:backup -- --out <file>` (controls C-09, C-27): backs up the configured database — PostgreSQL
 * (DATABASE_URL) with pg_dump from a snapshot while the server runs, or the embedded PGlite directory
 * (KAIGO_DATA_DIR; stop the server first) — and writes `<file>.manifest.json` with every table's row count and
 * digest. See docs/operations.md.
 */
import { backupPglite, backupPostgres } from '../areas/ops'
import { openConfiguredDatabase, option } from './open-from-env'

const out = option('out')
if (!out) {
  console.error('使い方: npm run db:backup -- --out <ファイル>')
  process.exit(2)
}
try {
  const { config, database } = await openConfiguredDatabase()
  const manifest = config.databaseUrl
    ? await backupPostgres(config.databaseUrl, out)
    : await backupPglite(database, out)
  await database.close()
  const rows = Object.values(manifest.tables).reduce((n, t) => n + t.rows, 0)
  console.log(
    `バックアップを作成しました: ${out}（${manifest.kind}、${Object.keys(manifest.tables).length} 表、${rows} 行）`,
  )
} catch (error) {
  console.error(`バックアップに失敗しました: ${error instanceof Error ? error.message : String(error)}`)
  process.exit(1)
}
