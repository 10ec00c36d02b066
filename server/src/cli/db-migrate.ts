/**
 * `npm run db:migrate -w server`: applies the migrations as the owner role (when the server runs with
 * KAIGO_DB_MIGRATE=off). `-- --adopt-previous-layout`: the one-time step for a database created by the previous
 * migration layout (six streams): its journal is rewritten to the one baseline, then the migrations run
 * (server/src/core/db/previous-layout.ts, docs/operations.md).
 */
import { loadServerConfig } from '../core/config'
import { openDatabase } from '../core/db/connect'

const adopt = process.argv.includes('--adopt-previous-layout')
const config = loadServerConfig()
try {
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    migrate: true,
    previousLayout: adopt ? 'adopt' : 'refuse',
  })
  await database.close()
  console.log(`マイグレーションを適用しました（${database.kind}）`)
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error))
  process.exit(1)
}
