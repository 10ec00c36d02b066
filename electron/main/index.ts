/**
 * The composition root of the Electron main process: the only place (with platform/ and the preload) that
 * value-imports 'electron'. It wires the real Electron objects into the security guards and services, which
 * are otherwise plain modules tested in Node. Change only with a security review.
 */
import { readFile } from 'node:fs/promises'
import * as fs from 'node:fs/promises'
import path from 'node:path'
import {
  app,
  BrowserWindow,
  clipboard,
  dialog,
  ipcMain,
  Menu,
  powerMonitor,
  protocol,
  safeStorage,
  session,
} from 'electron'
import { createAppServices } from './app-services'
import { ElectronSessionTransport } from './backend/electron-session-transport'
import type { HttpTransport } from './backend/http-transport'
import { NodeHttpsTransport } from './backend/node-https-transport'
import { isTrustedSender } from './ipc/sender'
import { registerIpcChannels } from './platform/electron-ipc'
import { createSecurityLog } from './platform/security-log'
import { securityLogWriter } from './platform/security-log-file'
import { safeStorageSecretStore } from './platform/safe-storage'
import { loadDataKey, type DataKey } from './services/at-rest/data-key'
import { destinationClassifierFor, writeNewFile } from './platform/export-destination'
import { saveDialogChooser } from './platform/save-dialog'
import { extractFolderSource } from './platform/open-folder-dialog'
import { pensionFileDialogSource, updateResultFileSource } from './platform/open-file-dialog'
import { electronPrinterAdapter } from './platform/electron-print'
import { appSchemePrivileges, createAppProtocolHandler } from './security/app-protocol'
import { installPinning } from './security/cert-pinning'
import { installClientCertSelection } from './security/client-cert'
import { installContentProtection, protectWindow } from './security/content-protection'
import { applyKioskMode, installCrashRecovery, installKioskAutoLogout } from './security/kiosk'
import { installNavigationGuards } from './security/navigation'
import { createPinnedAgent, readClientCredentials } from './security/node-tls-agent'
import { UI_ENTRY_URL } from './security/origins'
import { hardenSession } from './security/session-hardening'
import { enforceSingleInstance } from './security/single-instance'
import { createMainWindowOptions } from './security/window-options'
import { IdleLock } from './services/idle-lock'
import { SecurityEventForwarder, teeSecurityAudit } from './services/security-events/security-event-forwarder'
import { loadTerminalPolicy } from './services/terminal-policy-loader'
import type { TerminalPolicy } from '../../shared/policy/terminal-policy'

const isPackaged = app.isPackaged
// C-01 audit: the security events go to a local security log file (and stderr for the OS log collection) at once,
// and to the server's audit log whenever someone is signed in (buffered in memory until then).
// C-07: the file's lines are sealed with the data key, which the OS key store unwraps after 'ready' (lines wait).
const securityEvents = new SecurityEventForwarder()
let resolveDataKey: (key: DataKey | null) => void = () => undefined
const dataKeyReady = new Promise<DataKey | null>((resolve) => (resolveDataKey = resolve))
const audit = teeSecurityAudit(
  createSecurityLog(securityLogWriter(() => path.join(app.getPath('logs'), 'security.log'), dataKeyReady)),
  securityEvents,
)
const trustedWebContents = new Set<number>()
let mainWindow: BrowserWindow | null = null
let quitting = false

// Before 'ready': privileged app:// scheme, sandbox everywhere, one instance, guards for every webContents.
protocol.registerSchemesAsPrivileged(appSchemePrivileges())
app.enableSandbox()
if (enforceSingleInstance(app, () => mainWindow)) {
  installNavigationGuards(app, { isPackaged }, audit)
  installContentProtection(app)
  app.on('before-quit', () => {
    quitting = true
  })
  app.on('window-all-closed', () => app.quit())
  app.whenReady().then(start, (error: unknown) => fatal(error))
}

function fatal(error: unknown): void {
  dialog.showErrorBox('kaigo-desk', error instanceof Error ? error.message : '起動できませんでした')
  app.quit()
}

/** The backend transport named by the policy: OS certificate store (Chromium stack) or a certificate file (Node stack). */
async function backendTransport(policy: TerminalPolicy): Promise<HttpTransport> {
  if ('sha256' in policy.clientCertificate) {
    const backend = session.fromPartition('backend', { cache: false })
    backend.setSSLConfig({ minVersion: 'tls1.2' })
    // Pinning must be installed before the first request (https://github.com/electron/electron/issues/41448).
    installPinning(backend, { host: new URL(policy.backendOrigin).hostname, pins: policy.serverPins }, audit)
    installClientCertSelection(
      app,
      { backendOrigin: policy.backendOrigin, sha256: policy.clientCertificate.sha256 },
      audit,
    )
    hardenSession(backend, { backendOrigin: policy.backendOrigin, isPackaged }, audit)
    return new ElectronSessionTransport(backend)
  }
  const credentials = await readClientCredentials(policy.clientCertificate, (p) => readFile(p))
  const agent = createPinnedAgent({
    ...credentials,
    pins: policy.serverPins,
    ...(policy.serverCaPath ? { ca: await readFile(policy.serverCaPath, 'utf8') } : {}),
  })
  return new NodeHttpsTransport(agent)
}

/** C-07: the data key of local state at rest, wrapped by safeStorage in the user profile; null without a key store. */
async function openDataKey(): Promise<DataKey | null> {
  try {
    return await loadDataKey({
      dir: app.getPath('userData'),
      store: safeStorageSecretStore(safeStorage),
      audit,
    })
  } catch {
    audit.record({ kind: 'storage-unprotected', reason: 'data key could not be stored', effect: 'memory-only' })
    return null
  }
}

async function start(): Promise<void> {
  const dataKey = await openDataKey()
  resolveDataKey(dataKey)
  const loaded = await loadTerminalPolicy({
    fs,
    platform: process.platform,
    isPackaged,
    ...(!isPackaged && process.env.KAIGO_DEV_POLICY ? { devPathOverride: process.env.KAIGO_DEV_POLICY } : {}),
  })
  if (!loaded.ok) {
    fatal(new Error(loaded.message))
    return
  }
  const policy = loaded.policy

  hardenSession(session.defaultSession, { backendOrigin: policy.backendOrigin, isPackaged }, audit)
  protocol.handle('app', createAppProtocolHandler({ rootDir: path.join(import.meta.dirname, '../renderer'), readFile }))

  const services = createAppServices({
    transport: await backendTransport(policy),
    backendOrigin: policy.backendOrigin,
    // A development build never talks to production, a packaged build never to a demo server (C-23).
    allowedServerModes: isPackaged ? ['production'] : ['demo'],
    appInfo: { shell: 'electron', verificationMode: !isPackaged, version: app.getVersion() },
    isTrustedSender: (sender) => isTrustedSender(sender, trustedWebContents),
    onRefused: (event) => audit.record({ kind: 'ipc-refused', channel: event.channel, reason: event.reason }),
    // Refused exports and prints (C-21, C-28) and every guard's event reach the server audit too.
    securityAudit: audit,
    securityEvents,
    requireTotpOnUnlock: policy.requireTotpOnUnlock,
    // C-35: a logout through IPC runs the same clean-up as a lock (clipboard, child windows).
    onLogout: () => idleLockRef.current?.lock('logout'),
    // The master cache file in the user profile (opened on first use, sealed with the data key; in memory without
    // one), synced every policy interval.
    masterCache: { dir: () => app.getPath('userData'), dataKey, syncIntervalMinutes: policy.syncIntervalMinutes },
    // C-21: the one export path — save dialog in main, OS volume check, encrypted file, ledger on the server.
    exports: {
      policy,
      chooseDestination: saveDialogChooser(() => mainWindow),
      classify: destinationClassifierFor(process.platform),
      writeFile: writeNewFile,
    },
    // データ移行: the extract's folder from the OS dialog in main; main reads and sends the files.
    migrationSource: extractFolderSource(() => mainWindow),
    // 年金特別徴収: the 対象者情報・結果 file from the OS dialog in main; main reads and sends it.
    pensionFileSource: pensionFileDialogSource(() => mainWindow),
    // 国保連連携: the 更新結果 file from the OS file dialog in main; main reads and sends it.
    updateResultSource: updateResultFileSource(() => mainWindow),
    // C-28: printing only through main, to the policy's printers.
    printing: {
      printersAllowlist: policy.printersAllowlist,
      printers: electronPrinterAdapter(() => mainWindow?.webContents ?? null),
    },
  })
  registerIpcChannels(ipcMain, services.router)
  const idleLockRef: { current: IdleLock | null } = { current: null }

  const window = new BrowserWindow(
    createMainWindowOptions({
      preloadPath: path.join(import.meta.dirname, '../preload/index.cjs'),
      isPackaged,
      kiosk: policy.kiosk,
    }),
  )
  // C-28: protected explicitly (browser-window-created protects every other window, see installContentProtection).
  protectWindow(window)
  mainWindow = window
  trustedWebContents.add(window.webContents.id)
  window.on('closed', () => {
    trustedWebContents.delete(window.webContents.id)
    mainWindow = null
  })
  if (isPackaged || policy.kiosk) Menu.setApplicationMenu(null)
  applyKioskMode(policy, {
    window,
    setApplicationMenu: (m) => Menu.setApplicationMenu(m),
    isQuitting: () => quitting,
    isPackaged,
  })

  const backToLogin = async () => {
    await services.auth.logout()
    await window.webContents.loadURL(UI_ENTRY_URL)
  }
  installCrashRecovery(window.webContents, {
    logout: () => services.auth.logout(),
    loadLogin: () => window.webContents.loadURL(UI_ENTRY_URL),
    giveUp: () => app.quit(),
    audit,
  })

  // C-31: main → renderer events go to the app's own top frame only.
  services.events.subscribe((record) => {
    if (!window.isDestroyed() && trustedWebContents.has(window.webContents.id))
      window.webContents.send(record.event, record.payload)
  })

  // C-31 / C-35: lock on idle, OS lock and suspend; the clipboard is cleared and child windows closed.
  // The lock screen (LockService) ends the server session and asks the same user's password; kiosk logs out.
  const lock = new IdleLock({
    idle: powerMonitor,
    timer: { setInterval: (fn, ms) => setInterval(fn, ms), clearInterval: (h) => clearInterval(h as NodeJS.Timeout) },
    idleLockMinutes: policy.idleLockMinutes,
    clearClipboard: () => clipboard.clear(),
    closeChildWindows: () =>
      BrowserWindow.getAllWindows()
        .filter((w) => w !== window)
        .forEach((w) => w.close()),
  })
  idleLockRef.current = lock
  services.lock.onUnlocked(() => lock.unlock())
  const kioskLogout = async () => {
    await backToLogin()
    lock.unlock()
  }
  if (!installKioskAutoLogout(policy, lock, kioskLogout)) lock.onLock((e) => void services.lock.handleLock(e.reason))
  lock.start()
  app.on('before-quit', () => {
    lock.lock('quit')
    void services.auth.logout()
  })

  window.once('ready-to-show', () => window.show())
  await window.loadURL(UI_ENTRY_URL)
}
