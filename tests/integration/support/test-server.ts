import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import { loadServerConfig } from '../../../server/src/config'
import type { DatabaseHandle } from '../../../server/src/db/connect'
import { ensureDevPki, readDevPkiInfo, type DevPkiFiles, type DevPkiInfo } from '../../../server/src/pki/dev-pki'
import { seedDemoIfEmpty } from '../../../server/src/seed/seed-if-empty'
import { startServer, type RunningServer } from '../../../server/src/server'
import { freshDatabase, type DatabaseKind } from './databases'

export interface TestServer {
  server: RunningServer
  database: DatabaseHandle
  pki: DevPkiFiles
  pkiInfo: DevPkiInfo
  /** Every line the server logged, for the no-personal-data scan. */
  logs: string[]
  close(): Promise<void>
}

/** The real server (mutual TLS on 127.0.0.1, random port) on a fresh database seeded at `scale`. */
export async function startTestServer(kind: DatabaseKind, scale = 1_000): Promise<TestServer> {
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
  })
  const logs: string[] = []
  const logStream = new Writable({
    write(chunk, _enc, done) {
      logs.push(String(chunk))
      done()
    },
  })
  const server = await startServer(config, { database, logStream })
  return {
    server,
    database,
    pki,
    pkiInfo: readDevPkiInfo(pki),
    logs,
    async close() {
      await server.close()
      await database.close()
    },
  }
}
