import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import { loadServerConfig, type ServerConfig } from '../../../server/src/core/config'
import type { DatabaseHandle, Db } from '../../../server/src/core/db/connect'
import { ensureDevPki, readDevPkiInfo, type DevPkiFiles, type DevPkiInfo } from '../../../server/src/demo/dev-pki'
import { demoTotpSecret, demoUsers } from '../../../server/src/demo/seed-database'
import { seedDemoIfEmpty } from '../../../server/src/demo/seed-if-empty'
import { startServer, type RunningServer } from '../../../server/src/server'
import { releaseAgents } from './clients'
import { freshDatabase, type DatabaseKind } from './databases'
import { assertAuditCounts } from './audit-count'
import { assertNoPersonalData, personalValues, personalValuesInDatabase } from './log-scan'

/** The server's clock in a test: real time plus an offset the test can move forward. */
export interface TestClock {
  now(): Date
  advance(seconds: number): void
}

export interface TestServer {
  kind: DatabaseKind
  scale: number
  server: RunningServer
  database: DatabaseHandle
  config: ServerConfig
  clock: TestClock
  pki: DevPkiFiles
  pkiInfo: DevPkiInfo
  /** Every line the server logged, for the no-personal-data scan. */
  logs: string[]
  /** TOTP secrets of the accounts the test knows (demo accounts and provisioned ones). */
  totpSecrets: Map<string, string>
  /** The last TOTP step used per account, so that a test never replays a code. */
  totpSteps: Map<string, number>
  /** Stops the server, drops the database, and scans the whole log of the server for seeded personal data. */
  close(): Promise<void>
}

export interface TestServerOptions {
  /** Extra environment for loadServerConfig (lockout, rate limits, health port …). */
  env?: Record<string, string>
  /** The server clock's instant at the start (it then runs on from there): a test can set "today". */
  startAt?: Date
}

/** The real server (mutual TLS on 127.0.0.1, random port) on a fresh database seeded at `scale`. */
export async function startTestServer(
  kind: DatabaseKind,
  scale = 1_000,
  options: TestServerOptions = {},
): Promise<TestServer> {
  const pki = await ensureDevPki(mkdtempSync(join(tmpdir(), 'kaigo-it-pki-')), 'KD-TEST-0001')
  const database = await freshDatabase(kind)
  await seedDemoIfEmpty(database.db, 'demo', scale)
  const config = loadServerConfig({
    KAIGO_MODE: 'demo',
    KAIGO_PORT: '0',
    KAIGO_DATA_DIR: 'memory',
    KAIGO_TLS_CERT: pki.serverCert,
    KAIGO_TLS_KEY: pki.serverKey,
    KAIGO_TLS_CLIENT_CA: pki.caCert,
    KAIGO_TLS_CRL: pki.crl,
    KAIGO_TLS_RELOAD_SECONDS: '0',
    // The server's own database is the one given below; the URL names the server on which 仮移行 stores are created.
    ...(kind === 'postgres' ? { DATABASE_URL: process.env.DATABASE_URL! } : {}),
    ...options.env,
  })
  const logs: string[] = []
  const logStream = new Writable({
    write(chunk, _enc, done) {
      logs.push(String(chunk))
      done()
    },
  })
  let offsetMs = options.startAt ? options.startAt.getTime() - Date.now() : 0
  const clock: TestClock = {
    now: () => new Date(Date.now() + offsetMs),
    advance: (seconds) => void (offsetMs += seconds * 1000),
  }
  const server = await startServer(config, { database, logStream, clock: clock.now })
  let closed = false
  const testServer: TestServer = {
    kind,
    scale,
    server,
    database,
    config,
    clock,
    pki,
    pkiInfo: readDevPkiInfo(pki),
    logs,
    totpSecrets: new Map(demoUsers.map((u) => [u.loginId, demoTotpSecret(u.loginId)])),
    totpSteps: new Map(),
    async close() {
      if (closed) return
      closed = true
      releaseAgents(testServer)
      await server.close()
      // Every integration run scans every server's log (C-27): a leak fails the file that caused it. The values
      // are those of every person in the database at the end (the seeded ward and whoever the tests added) and of
      // the generated ward itself, in every form a name, number, birth date or address takes.
      const values = [...new Set([...(await personalValuesInDatabase(database.db as Db)), ...personalValues(scale)])]
      await database.close()
      assertNoPersonalData(logs, values)
      // …and checks that every personal-data request it answered or refused committed exactly one audit row (C-08).
      assertAuditCounts(logs)
    },
  }
  return testServer
}
