/**
 * The whole product on one machine, in one process: dev PKI, the server on the embedded database (or
 * PostgreSQL) in demo mode, and the headless main process behind the loopback bridge. Used by `npm start`
 * (browser mode) and by the Playwright E2E setup.
 */
import { mkdirSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { startHeadlessMain, type HeadlessMain } from '../../electron/main/headless-main'
import { loadServerConfig } from '../../server/src/core/config'
import { openDatabase, type DatabaseHandle } from '../../server/src/core/db/connect'
import { devPkiFiles, ensureDevPki, readDevPkiInfo } from '../../server/src/demo/dev-pki'
import { seedDemoIfEmpty } from '../../server/src/demo/seed-if-empty'
import { startServer, type RunningServer } from '../../server/src/server'

export const repoRoot = resolve(import.meta.dirname, '../..')

export interface DemoStackOptions {
  /** PGlite directory, or 'memory'. Ignored when databaseUrl is set. */
  dataDir: string
  databaseUrl?: string
  scale: number
  pkiDir?: string
  serverPort?: number
  bridgePort?: number
  rendererDir?: string
  /**
   * The client's data directory in browser mode (issue 5): exports are written to its exports/ folder (the save
   * dialog's stand-in). Absent: export refused.
   */
  clientDataDir?: string
  logStream?: NodeJS.WritableStream
  onSeeded?(result: { persons: number; households: number; ms: number }): void
}

export interface DemoStack {
  server: RunningServer
  database: DatabaseHandle
  headless: HeadlessMain
  pkiDir: string
  close(): Promise<void>
}

export async function startDemoStack(options: DemoStackOptions): Promise<DemoStack> {
  const pkiDir = options.pkiDir ?? resolve(repoRoot, '.dev-pki')
  const files = await ensureDevPki(pkiDir)
  const pki = readDevPkiInfo(files)
  const config = loadServerConfig(
    {
      KAIGO_MODE: 'demo',
      KAIGO_HOST: '127.0.0.1',
      KAIGO_PORT: String(options.serverPort ?? 0),
      KAIGO_DATA_DIR: options.dataDir,
      ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
      KAIGO_TLS_CERT: files.serverCert,
      KAIGO_TLS_KEY: files.serverKey,
      KAIGO_TLS_CLIENT_CA: files.caCert,
      KAIGO_TLS_CRL: files.crl,
    },
    repoRoot,
  )
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir })
  const seeded = await seedDemoIfEmpty(database.db, config.mode, options.scale)
  if (seeded) options.onSeeded?.(seeded)
  const server = await startServer(config, { database, ...(options.logStream ? { logStream: options.logStream } : {}) })
  const version = (JSON.parse(readFileSync(resolve(repoRoot, 'package.json'), 'utf8')) as { version: string }).version
  const headless = await startHeadlessMain({
    backendOrigin: server.origin,
    rendererDir: options.rendererDir ?? resolve(repoRoot, 'out/renderer'),
    tls: {
      caPath: files.caCert,
      certPath: files.terminalCert,
      keyPath: files.terminalKey,
      serverSpkiPins: pki.serverSpkiPins,
    },
    version,
    ...(options.clientDataDir ? { exportDir: ensureDir(resolve(options.clientDataDir, 'exports')) } : {}),
    ...(options.bridgePort !== undefined ? { port: options.bridgePort } : {}),
  })
  return {
    server,
    database,
    headless,
    pkiDir,
    async close() {
      await headless.close()
      await server.close()
      await database.close()
    },
  }
}

export { devPkiFiles }

function ensureDir(dir: string): string {
  mkdirSync(dir, { recursive: true, mode: 0o700 })
  return dir
}
