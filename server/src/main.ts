/**
 * Server entry point: `npm run start -w server`. In demo mode an empty database is seeded with a generated
 * dummy ward (KAIGO_SEED_SCALE persons, default Shinjuku scale) and the demo staff accounts.
 */
import { loadServerConfig } from './config'
import { openDatabase } from './db/connect'
import { seedDemoIfEmpty } from './seed/seed-if-empty'
import { startServer } from './server'

const config = loadServerConfig()
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir })
if (process.env.KAIGO_SEED !== '0') {
  const seeded = await seedDemoIfEmpty(database.db, config.mode, Number(process.env.KAIGO_SEED_SCALE ?? 84_410))
  if (seeded) process.stdout.write(JSON.stringify({ event: 'seeded', ...seeded }) + '\n')
}
const server = await startServer(config, { database })
process.stdout.write(
  JSON.stringify({ event: 'ready', origin: server.origin, mode: config.mode, database: database.kind }) + '\n',
)

let closing = false
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (closing) return
    closing = true
    void server.close().finally(async () => {
      await database.close()
      process.exit(0)
    })
  })
}
