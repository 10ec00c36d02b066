/**
 * Server entry point: `npm run start -w server`. In demo mode an empty database is seeded with a generated
 * dummy ward (KAIGO_SEED_SCALE persons, default Shinjuku scale) and the demo staff accounts; production never
 * seeds (control C-23) and refuses to start without a declared domestic region (control C-11, config.ts).
 * It refuses to start, in every mode, without a readable CRL of the client CA that verifies (control C-02): the
 * message names the file and the problem, exit code 2, no stack trace (demo mode has the development PKI's CRL).
 * SIGHUP re-reads the TLS files (a new CRL; a refused one leaves the previous in force); SIGINT/SIGTERM finish
 * in-flight requests, then exit.
 */
import { loadServerConfig } from './core/config'
import { openDatabase } from './core/db/connect'
import { isPreviousMigrationLayoutError } from './core/db/previous-layout'
import { isCrlRefusedError } from './core/http/crl'
import { serverTlsOptions } from './core/http/tls-options'
import { DEMO_SEED, seedDemoIfEmpty } from './demo/seed-if-empty'
import { startServer } from './server'

const config = loadServerConfig()
/** A CRL that is missing or does not verify: the message (Japanese and English, naming the file); no stack trace. */
const refuseWithoutCrl = (error: unknown): never => {
  if (!isCrlRefusedError(error)) throw error
  process.stderr.write(`${error.message}\n`)
  process.exit(2)
}
// Before the database is opened or migrated: no server without a verified CRL.
await serverTlsOptions(config.tls).catch(refuseWithoutCrl)
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
const server = await startServer(config, { database }).catch(refuseWithoutCrl)
process.stdout.write(
  JSON.stringify({ event: 'ready', origin: server.origin, mode: config.mode, database: database.kind }) + '\n',
)

process.on('SIGHUP', () => {
  // A refused CRL is logged and raised as a security event by the server; only unreadable key/cert files land here.
  server.reloadTls().catch(() => process.stderr.write(JSON.stringify({ event: 'tlsReloadFailed' }) + '\n'))
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
