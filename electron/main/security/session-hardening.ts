// Change only with a security review.
// Session hardening: permissions, devices, downloads, the request filter and TLS floor
// (docs/sources/electron-security.md §2 and §4, checklist items 1, 5; controls C-01, C-03, C-21, C-32).
//
// "By default, Electron will automatically approve all permission requests" — so both the request AND the check
// handler are installed, deny-by-default, with an explicit allowlist. Apply to the UI session (session.defaultSession)
// and to the backend partition alike.
import type { Session, WebContents } from 'electron'
import { redactUrl, type SecurityAuditSink } from './audit'
import { devServerOriginFor, httpsOrigin, isAppUiUrl, isDevServerUrl, isSameOrigin } from './origins'

type PermissionName = Parameters<Parameters<Session['setPermissionCheckHandler']>[0] & {}>[1]

/**
 * The only permission the UI may get: writing sanitized text to the clipboard (navigator.clipboard.writeText for a
 * "copy" button). Clipboard READ stays denied; the clipboard is cleared on lock, logout and quit (C-35).
 * Everything else — media, display-capture, geolocation, notifications, openExternal, fileSystem, hid/serial/usb,
 * fullscreen, pointerLock, … and any name a future Electron adds — is denied.
 */
export const PERMISSION_ALLOWLIST: ReadonlySet<PermissionName> = new Set<PermissionName>(['clipboard-sanitized-write'])

export type SessionHardeningOptions = {
  /** The one backend origin of the terminal policy (https://host[:port]). */
  backendOrigin: string
  isPackaged: boolean
  /** Dev only (refused when packaged): the Vite dev server origin the renderer loads from. */
  devServerOrigin?: string
  /** Override for tests/special windows; defaults to PERMISSION_ALLOWLIST. */
  permissionAllowlist?: ReadonlySet<string>
}

type HardenableSession = Pick<
  Session,
  | 'setPermissionRequestHandler'
  | 'setPermissionCheckHandler'
  | 'setDevicePermissionHandler'
  | 'setSSLConfig'
  | 'on'
  | 'webRequest'
>

/** Decides whether a permission may be granted: on the allowlist AND asked by the app's own UI. */
export function isPermissionAllowed(
  permission: string,
  requestingUrl: string | undefined,
  allowlist: ReadonlySet<string> = PERMISSION_ALLOWLIST,
  devOrigin?: string,
): boolean {
  if (!allowlist.has(permission)) return false
  if (requestingUrl === undefined) return false
  return isAppUiUrl(requestingUrl) || isDevServerUrl(requestingUrl, devOrigin)
}

/** C-01: the only destinations any request of this session may reach. data: and app-origin blob: never leave. */
export function isRequestAllowed(url: string, backendOrigin: string, devOrigin?: string): boolean {
  if (isAppUiUrl(url)) return true
  if (isSameOrigin(url, backendOrigin)) return true
  if (isDevServerUrl(url, devOrigin)) return true
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return false
  }
  if (parsed.protocol === 'data:') return true
  if (parsed.protocol === 'blob:') return isAppUiUrl(parsed.pathname) || isDevServerUrl(parsed.pathname, devOrigin)
  return devOrigin !== undefined && parsed.protocol === 'devtools:' // dev builds only
}

/** Installs the request filter alone (also used for the backend partition). */
export function installRequestFilter(
  ses: Pick<Session, 'webRequest'>,
  opts: Pick<SessionHardeningOptions, 'backendOrigin' | 'isPackaged' | 'devServerOrigin'>,
  audit: SecurityAuditSink,
): void {
  const backend = httpsOrigin(opts.backendOrigin)
  const dev = devServerOriginFor(opts.isPackaged, opts.devServerOrigin)
  ses.webRequest.onBeforeRequest((details, callback) => {
    if (isRequestAllowed(details.url, backend, dev)) {
      callback({})
      return
    }
    audit.record({
      kind: 'request-blocked',
      url: redactUrl(details.url),
      resourceType: details.resourceType,
      webContentsId: details.webContentsId ?? null,
    })
    callback({ cancel: true })
  })
}

export function hardenSession(ses: HardenableSession, opts: SessionHardeningOptions, audit: SecurityAuditSink): void {
  const allowlist = opts.permissionAllowlist ?? PERMISSION_ALLOWLIST
  const dev = devServerOriginFor(opts.isPackaged, opts.devServerOrigin)

  // 1. TLS floor for everything this session fetches (C-03).
  ses.setSSLConfig({ minVersion: 'tls1.2' })

  // 2. Permissions: request AND check handlers, deny by default, every denied request audited.
  ses.setPermissionRequestHandler((_wc, permission, callback, details) => {
    const ok = isPermissionAllowed(permission, details.requestingUrl, allowlist, dev)
    if (!ok) {
      audit.record({
        kind: 'permission-denied',
        permission,
        origin: redactUrl(details.requestingUrl),
        phase: 'request',
      })
    }
    callback(ok)
  })
  // Checks are frequent (every API probes first): not audited, just answered.
  ses.setPermissionCheckHandler((_wc, permission, requestingOrigin) =>
    isPermissionAllowed(permission, requestingOrigin, allowlist, dev),
  )

  // 3. Devices: WebHID / WebSerial / WebUSB never get a device (Bluetooth is per webContents: denyBluetooth()).
  ses.setDevicePermissionHandler(() => false)
  ses.on('select-hid-device', (event, _details, callback) => {
    event.preventDefault()
    audit.record({ kind: 'device-denied', device: 'hid' })
    callback()
  })
  ses.on('select-serial-port', (event, _ports, _wc, callback) => {
    event.preventDefault()
    audit.record({ kind: 'device-denied', device: 'serial' })
    callback('')
  })
  ses.on('select-usb-device', (event, _details, callback) => {
    event.preventDefault()
    audit.record({ kind: 'device-denied', device: 'usb' })
    callback()
  })

  // 4. No downloads, ever (C-21): exports go through the main-process ExportService only.
  ses.on('will-download', (event, item) => {
    event.preventDefault()
    let url = ''
    try {
      url = item.getURL()
      item.cancel()
    } catch {
      // the item may already be gone; the download is prevented either way
    }
    audit.record({ kind: 'download-cancelled', url: redactUrl(url) })
  })
  ses.on('file-system-access-restricted', (_event, _details, callback) => {
    audit.record({ kind: 'file-system-access-denied' })
    callback('deny')
  })

  // 5. Only app://ui and the backend origin (C-01).
  installRequestFilter(ses, opts, audit)
}

/**
 * A `select-bluetooth-device` handler must call preventDefault, otherwise Electron "selects the first available
 * device". Called for every webContents from navigation.ts.
 */
export function denyBluetooth(wc: Pick<WebContents, 'on'>, audit: SecurityAuditSink): void {
  wc.on('select-bluetooth-device', (event, _devices, callback) => {
    event.preventDefault()
    audit.record({ kind: 'device-denied', device: 'bluetooth' })
    callback('')
  })
}
