/**
 * Browser mode (検証モード): the real main-process services in plain Node, without the Electron binary,
 * behind the loopback bridge. Used by `npm start` when Electron is not installed and by the E2E tests.
 * It refuses any backend that is not on the loopback interface and any backend not running in demo mode.
 */
import { readFileSync } from 'node:fs'
import { readdir, readFile, stat } from 'node:fs/promises'
import { UI_CSP } from './security/csp'
import { createPinnedAgent } from './security/node-tls-agent'
import { createAppServices, type AppServices } from './app-services'
import type { HttpTransport } from './backend/http-transport'
import { NodeHttpsTransport } from './backend/node-https-transport'
import { startLoopbackBridge, type LoopbackBridge } from './bridge/loopback-bridge'
import { IdleLock } from './services/idle-lock'
import type { MigrationExtractSource } from './services/migration-service'
import type { PensionFileSource } from './services/pension-exchange-service'
import type { UpdateResultSource } from './services/kokuhoren-service'
import { RecordingPrinter } from './services/print/recording-printer'
import { ActivityIdleSource } from './services/lock/activity-idle-source'
import { join } from 'node:path'
import { destinationClassifierFor, writeNewFile } from './platform/export-destination'
import { createSecurityLog } from './platform/security-log'
import { securityLogWriter } from './platform/security-log-file'
import { loadDataKey, processMemorySecretStore, type DataKey, type SecretStore } from './services/at-rest/data-key'
import { SecurityEventForwarder, teeSecurityAudit } from './services/security-events/security-event-forwarder'

export interface HeadlessMainOptions {
  backendOrigin: string
  rendererDir: string
  /** PEM files of the terminal certificate and the CA that issued the server certificate. */
  tls: { caPath: string; certPath: string; keyPath: string; serverSpkiPins: readonly string[] }
  version: string
  port?: number
  /** Terminal policy idleLockMinutes for browser mode (default 5). */
  idleLockMinutes?: number
  /**
   * E2E test hooks on the bridge (POST /__bridge/test/idle drives the fake idle source). Defaults to
   * process.env.KAIGO_E2E === '1'; the Electron build never contains this module.
   */
  e2eHooks?: boolean
  /**
   * Browser mode's export directory (C-21), chosen by the harness under its data directory: it stands in for
   * the save dialog. Absent: export refused. Removable and network destinations are refused as in Electron.
   */
  exportDir?: string
  /**
   * Browser mode's stand-in for the folder dialog of データ移行: the newest folder in this directory that holds a
   * manifest.json is the one "chosen"; the newest file of its `pension-withholding/` folder stands in for the file
   * dialog of 年金特別徴収, and its newest .csv file for the file dialog of the 国保連 更新結果. Absent: no extract, no
   * 特別徴収 file and no 更新結果 can be loaded.
   */
  importDir?: string
  onSecurityEvent?(event: { channel: string; reason: string }): void
  /** Lines of the local security log (default: stderr, as in Electron without the file). */
  securityLog?(line: string): void
  /**
   * The client's data directory (C-07), as Electron's user-data and logs directories: the data key file and the
   * master cache in its `profile/`, the security log in `logs/security.log`, all sealed with the data key. Absent:
   * the master cache in memory and the security log on stderr only.
   */
  dataDir?: string
  /** Wraps the data key (default: a wrapping key in this process's memory only — browser mode has no OS key store). */
  secretStore?: SecretStore
}

export interface HeadlessMain {
  bridge: LoopbackBridge
  services: AppServices
  idleLock: IdleLock
  /** Security events on their way to the server audit log (C-01, C-21, C-28). */
  securityEvents: SecurityEventForwarder
  /** The stand-in printers (C-28): what was printed, in memory. */
  printer: RecordingPrinter
  close(): Promise<void>
}

/** Browser mode's stand-in printer: printing in Chromium itself stays the browser's business. */
export const BROWSER_MODE_PRINTER = '事務室プリンタ（検証モード）'
/** A virtual printer browser mode lists so that the refusal can be seen (and tested): never printed to. */
export const BROWSER_MODE_VIRTUAL_PRINTER = 'Microsoft Print to PDF'

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]'])

export function assertLoopbackBackend(origin: string): void {
  const url = new URL(origin)
  if (url.protocol !== 'https:' || !LOOPBACK_HOSTS.has(url.hostname)) {
    throw new Error(
      `検証モードではループバック上の https バックエンドにのみ接続できます（指定: ${url.protocol}//${url.hostname}）`,
    )
  }
}

export async function startHeadlessMain(options: HeadlessMainOptions): Promise<HeadlessMain> {
  assertLoopbackBackend(options.backendOrigin)
  const agent = createPinnedAgent({
    ca: readFileSync(options.tls.caPath, 'utf8'),
    cert: readFileSync(options.tls.certPath, 'utf8'),
    key: readFileSync(options.tls.keyPath, 'utf8'),
    pins: options.tls.serverSpkiPins,
  })
  // Refused exports and prints, refused IPC: to the local log and, with a session, to the server audit log.
  const securityEvents = new SecurityEventForwarder()
  let resolveDataKey: (key: DataKey | null) => void = () => undefined
  const dataKeyReady = new Promise<DataKey | null>((resolve) => (resolveDataKey = resolve))
  const logLine = options.dataDir
    ? securityLogWriter(join(options.dataDir, 'logs', 'security.log'), dataKeyReady, undefined, options.securityLog)
    : options.securityLog
  const securityAudit = teeSecurityAudit(createSecurityLog(logLine), securityEvents)
  const profileDir = options.dataDir ? join(options.dataDir, 'profile') : null
  const dataKey =
    profileDir === null
      ? null
      : await loadDataKey({
          dir: profileDir,
          store: options.secretStore ?? processMemorySecretStore(),
          audit: securityAudit,
        })
  resolveDataKey(dataKey)
  const printer = new RecordingPrinter([BROWSER_MODE_PRINTER, BROWSER_MODE_VIRTUAL_PRINTER])
  const e2eHooks = options.e2eHooks ?? process.env.KAIGO_E2E === '1'
  // E2E only: the 'offline' hook cuts the terminal off the backend (as a pulled network cable would), to show the
  // master cache working offline. Without the hooks the transport is the pinned agent, untouched.
  const network = { offline: false }
  const pinned = new NodeHttpsTransport(agent)
  const transport: HttpTransport = e2eHooks
    ? {
        request: (req) =>
          network.offline ? Promise.reject(new Error('offline (E2E test hook)')) : pinned.request(req),
      }
    : pinned
  const services = createAppServices({
    securityAudit,
    securityEvents,
    transport,
    backendOrigin: options.backendOrigin,
    allowedServerModes: ['demo'],
    appInfo: { shell: 'browser', verificationMode: true, version: options.version },
    // The bridge has already checked origin, host and token; it is the only sender in browser mode.
    isTrustedSender: (sender) => sender.kind === 'bridge',
    masterCache: { dir: profileDir, dataKey },
    onRefused: (event) => {
      securityAudit.record({ kind: 'ipc-refused', channel: event.channel, reason: event.reason })
      options.onSecurityEvent?.(event)
    },
    // C-28 in browser mode: a stand-in office printer (allowlisted) and a virtual PDF printer (always refused).
    printing: {
      printersAllowlist: [BROWSER_MODE_PRINTER],
      printers: printer.adapter,
    },
    ...(options.importDir
      ? {
          migrationSource: newestExtractIn(options.importDir),
          pensionFileSource: newestPensionFileIn(join(options.importDir, PENSION_IMPORT_FOLDER)),
          updateResultSource: newestCsvIn(options.importDir),
        }
      : {}),
    ...(options.exportDir
      ? {
          exports: {
            policy: { exportAllowed: true, allowRemovableExport: false, allowNetworkExport: false },
            chooseDestination: async (name: string) => join(options.exportDir!, name),
            classify: destinationClassifierFor(process.platform),
            writeFile: writeNewFile,
          },
        }
      : {}),
  })
  // C-31: idle lock on renderer inactivity (no powerMonitor here); no clipboard or child windows in main here.
  const idleSource = new ActivityIdleSource()
  const idleLock = new IdleLock({
    idle: idleSource,
    timer: { setInterval: (fn, ms) => setInterval(fn, ms), clearInterval: (h) => clearInterval(h as NodeJS.Timeout) },
    idleLockMinutes: options.idleLockMinutes ?? 5,
    clearClipboard: () => undefined,
    closeChildWindows: () => undefined,
  })
  idleLock.onLock((e) => void services.lock.handleLock(e.reason))
  services.lock.onUnlocked(() => idleLock.unlock())
  idleLock.start()
  const testHooks = {
    /** E2E: { offline: true } makes every backend request fail until { offline: false }. */
    offline: async (payload: unknown) => {
      network.offline = (payload as { offline?: unknown } | null)?.offline === true
      return { offline: network.offline }
    },
    /** E2E: the jobs the stand-in printer received since the last call (the PDFs, to check their text). */
    printed: async () => ({ jobs: printer.printed(true) }),
    /** E2E: pretend `seconds` of inactivity and check once (the idle lock fires when over the limit). */
    idle: async (payload: unknown) => {
      const seconds = Number((payload as { seconds?: unknown } | null)?.seconds ?? 0)
      idleSource.force(Number.isFinite(seconds) ? seconds : 0)
      idleLock.poll()
      idleSource.force(null)
      idleSource.touch()
      return { locked: services.lock.isLocked() }
    },
  }
  const bridge = await startLoopbackBridge({
    router: services.router,
    rendererDir: options.rendererDir,
    contentSecurityPolicy: UI_CSP,
    events: services.events,
    onIpc: () => idleSource.touch(),
    ...(e2eHooks ? { testHooks } : {}),
    ...(options.port !== undefined ? { port: options.port } : {}),
  })
  return {
    bridge,
    services,
    idleLock,
    printer,
    securityEvents,
    async close() {
      idleLock.stop()
      await services.auth.logout().catch(() => undefined)
      await bridge.close()
      services.masters.close()
      agent.destroy()
    },
  }
}

/** Browser mode's folder of 特別徴収 files under the import directory (the file dialog's stand-in). */
export const PENSION_IMPORT_FOLDER = 'pension-withholding'

/** The newest file directly in `dir` whose name passes `wanted` (null when there is none, or no such folder). */
async function newestFileIn(dir: string, wanted: (name: string) => boolean = () => true): Promise<string | null> {
  let newest: { path: string; at: number } | null = null
  for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
    if (!entry.isFile() || !wanted(entry.name)) continue
    const path = join(dir, entry.name)
    const at = (await stat(path)).mtimeMs
    if (!newest || at > newest.at) newest = { path, at }
  }
  return newest?.path ?? null
}

const readBytes = async (path: string) => new Uint8Array(await readFile(path))

/** The file dialog's stand-in in browser mode (年金特別徴収): the newest file in `dir`. */
const newestPensionFileIn = (dir: string): PensionFileSource => ({
  chooseFile: () => newestFileIn(dir),
  readFile: readBytes,
})

/** The folder dialog's stand-in in browser mode: the newest sub-folder of `dir` that holds a manifest.json. */
function newestExtractIn(dir: string): MigrationExtractSource {
  return {
    async chooseFolder() {
      let newest: { path: string; at: number } | null = null
      for (const entry of await readdir(dir, { withFileTypes: true })) {
        if (!entry.isDirectory()) continue
        const path = join(dir, entry.name)
        const manifest = await stat(join(path, 'manifest.json')).catch(() => null)
        if (manifest && (!newest || manifest.mtimeMs > newest.at)) newest = { path, at: manifest.mtimeMs }
      }
      return newest?.path ?? null
    },
    readFile: readBytes,
  }
}

/** The file dialog's stand-in in browser mode (国保連 更新結果): the newest .csv file directly in `dir`. */
const newestCsvIn = (dir: string): UpdateResultSource => ({
  chooseFile: () => newestFileIn(dir, (name) => /\.csv$/i.test(name)),
  readFile: readBytes,
})
