/**
 * The whole product on one machine, in one process: dev PKI, the server on the embedded database (or
 * PostgreSQL) in demo mode, and the headless main process behind the loopback bridge. Used by `npm start`
 * (browser mode) and by the Playwright E2E setup.
 */
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'
import { resolve } from 'node:path'
import { startHeadlessMain, type HeadlessMain } from '../../electron/main/headless-main'
import { loadServerConfig } from '../../server/src/core/config'
import { openDatabase, type DatabaseHandle, type OpenOptions } from '../../server/src/core/db/connect'
import { isPreviousMigrationLayoutError } from '../../server/src/core/db/previous-layout'
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
   * The client's data directory in browser mode: exports are written to its exports/ folder (the save
   * dialog's stand-in), the sealed master cache and data key to profile/, the sealed security log to logs/ (C-07).
   * Absent: export refused, the master cache in memory, the security log on stderr.
   */
  clientDataDir?: string
  /** Browser mode's stand-in for the データ移行 folder dialog (its newest extract folder). Absent: loading refused. */
  importDir?: string
  logStream?: NodeJS.WritableStream
  onSeeded?(result: { persons: number; households: number; ms: number }): void
  /** The embedded demo data was of the previous migration layout and is created anew (the reason, to show). */
  onRecreated?(reason: string): void
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
  const database = await openDemoDatabase(
    { databaseUrl: config.databaseUrl, dataDir: config.dataDir },
    options.onRecreated,
  )
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
    ...(options.clientDataDir
      ? { exportDir: ensureDir(resolve(options.clientDataDir, 'exports')), dataDir: options.clientDataDir }
      : {}),
    ...(options.importDir ? { importDir: options.importDir } : {}),
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

/**
 * Opens the demo database. An embedded demo data directory of the previous migration layout (refused by
 * openDatabase) holds dummy data only: it is deleted and opened anew (the seed fills it), and the caller is told
 * why. A PostgreSQL database is never dropped here: its refusal says what to do.
 */
export async function openDemoDatabase(
  options: Pick<OpenOptions, 'databaseUrl' | 'dataDir'>,
  onRecreated: (reason: string) => void = () => undefined,
): Promise<DatabaseHandle> {
  try {
    return await openDatabase(options)
  } catch (error) {
    const embedded = !options.databaseUrl && options.dataDir !== 'memory'
    if (!isPreviousMigrationLayoutError(error) || !embedded || !existsSync(resolve(options.dataDir, 'PG_VERSION')))
      throw error
    onRecreated(
      `デモのデータ（${options.dataDir}）は以前のマイグレーション構成のため、削除してダミーデータで作り直します` +
        `（見つかった管理表: ${error.found.join(', ')}）`,
    )
    rmSync(options.dataDir, { recursive: true, force: true })
    return openDatabase(options)
  }
}

function ensureDir(dir: string): string {
  mkdirSync(dir, { recursive: true, mode: 0o700 })
  return dir
}
