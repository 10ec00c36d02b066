/**
 * `npm run db:grant -w server -- <role>`: as the owner role, grants the runtime role of PostgreSQL what the
 * server needs and no UPDATE/DELETE on append-only tables (control C-08; docs/operations.md). Run after every
 * migration (`npm run db:migrate -w server`).
 */
import { grantApplicationRole } from '../core/db/app-role'
import { openConfiguredDatabase } from './open-from-env'

const role = process.argv[2]
const { config, database } = await openConfiguredDatabase()
if (!role || !config.databaseUrl) {
  console.error('使い方: DATABASE_URL=<所有者ロールの接続> npm run db:grant -w server -- <実行時ロール>')
  process.exit(2)
}
const { appendOnly } = await grantApplicationRole(database.db, role)
await database.close()
console.log(`${role} に権限を付与しました（追記のみの表: ${appendOnly.join(', ')}）`)
