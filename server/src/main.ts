/**
 * Server entry point: `npm run start -w server`. In demo mode an empty database is seeded with a generated
 * dummy ward (KAIGO_SEED_SCALE persons, default Shinjuku scale) and the demo staff accounts; production never
 * seeds (control C-23) and refuses to start without a declared domestic region (control C-11, config.ts).
 * SIGHUP re-reads the TLS files (a new CRL); SIGINT/SIGTERM finish in-flight requests, then exit.
 */
import { loadServerConfig } from './core/config'
import { openDatabase } from './core/db/connect'
import { isPreviousMigrationLayoutError } from './core/db/previous-layout'
import { DEMO_SEED, seedDemoIfEmpty } from './demo/seed-if-empty'
import { startServer } from './server'

const config = loadServerConfig()
const database = await openDatabase({
  databaseUrl: config.databaseUrl,
  dataDir: config.dataDir,
  migrate: config.migrate,
}).catch((error: unknown) => {
  // A database of the earlier migration layout: the message says what was found and what to do; no stack trace.
  if (!isPreviousMigrationLayoutError(error)) throw error
  process.stderr.write(`${error.message}\n`)
  process.exit(2)
})
if (process.env.KAIGO_SEED !== '0') {
  const scale = Number(process.env.KAIGO_SEED_SCALE ?? 84_410)
  const seeded = await seedDemoIfEmpty(database.db, config.mode, scale, DEMO_SEED, config.serverSecret)
  if (seeded) process.stdout.write(JSON.stringify({ event: 'seeded', ...seeded }) + '\n')
}
const server = await startServer(config, { database })
process.stdout.write(
  JSON.stringify({ event: 'ready', origin: server.origin, mode: config.mode, database: database.kind }) + '\n',
)

process.on('SIGHUP', () => {
  try {
    server.reloadTls()
  } catch {
    process.stderr.write(JSON.stringify({ event: 'tlsReloadFailed' }) + '\n')
  }
})
let closing = false
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (closing) return
    closing = true
    void server
      .close()
      .then(() => database.close())
      .then(
        () => process.exit(0),
        () => process.exit(1),
      )
  })
}
