/**
 * `npm run db:restore -- --in <file>` (controls C-09, C-27): restores a backup into an EMPTY target — the
 * PostgreSQL database of DATABASE_URL, or a new PGlite directory (KAIGO_DATA_DIR, must not exist or be empty) —
 * and checks every table against the backup's manifest. Never overwrites existing data. Exit 0 when every
 * committed record came back.
 */
import { loadServerConfig } from '../core/config'
import { readManifest, restorePglite, restorePostgres } from '../areas/ops'
import { option } from './open-from-env'

const file = option('in')
if (!file) {
  console.error('使い方: npm run db:restore -- --in <ファイル>')
  process.exit(2)
}
try {
  const config = loadServerConfig()
  const manifest = readManifest(file)
  let differences: string[]
  if (config.databaseUrl) {
    differences = (await restorePostgres(file, config.databaseUrl)).differences
  } else {
    const restored = await restorePglite(file, config.dataDir)
    differences = restored.differences
    await restored.handle.close()
  }
  if (differences.length > 0) {
    console.error(`復元後の内容がバックアップと一致しません: ${differences.join(', ')}`)
    process.exit(1)
  }
  const rows = Object.values(manifest.tables).reduce((n, t) => n + t.rows, 0)
  console.log(
    `復元し、全 ${Object.keys(manifest.tables).length} 表 ${rows} 行がバックアップと一致することを確認しました`,
  )
} catch (error) {
  console.error(`復元に失敗しました: ${error instanceof Error ? error.message : String(error)}`)
  process.exit(1)
}
