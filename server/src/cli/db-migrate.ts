/** `npm run db:migrate -w server`: applies the migrations as the owner role (when the server runs with KAIGO_DB_MIGRATE=off). */
import { loadServerConfig } from '../core/config'
import { openDatabase } from '../core/db/connect'

const config = loadServerConfig()
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, migrate: true })
await database.close()
console.log(`マイグレーションを適用しました（${database.kind}）`)
