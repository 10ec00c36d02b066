// Change only with a security review.
// Guards installed on EVERY webContents, from app.on('web-contents-created') (docs/sources/electron-security.md §5.3,
// checklist items 11–15; control C-01).
// No navigation away from app://ui, no new windows, no <webview>, no Bluetooth, devtools closed in packaged builds.
// shell.openExternal is never called from here (item 15): kiosk terminals have no external browser at all.
import type { App, WebContents } from 'electron'
import { redactUrl, type SecurityAuditSink } from './audit'
import { devServerOriginFor, isAppUiUrl, isDevServerUrl } from './origins'
import { denyBluetooth } from './session-hardening'

export type NavigationGuardOptions = {
  isPackaged: boolean
  /** Dev only (refused when packaged). */
  devServerOrigin?: string
}

/** Navigation targets the UI may move to: its own origin (and the dev server in development). */
export function isAllowedNavigation(url: string, devOrigin?: string): boolean {
  return isAppUiUrl(url) || isDevServerUrl(url, devOrigin)
}

type GuardedContents = Pick<WebContents, 'on' | 'setWindowOpenHandler' | 'closeDevTools'>

/** Installs the guards on one webContents. Exported for windows created before the app-level hook. */
export function guardWebContents(wc: GuardedContents, opts: NavigationGuardOptions, audit: SecurityAuditSink): void {
  const dev = devServerOriginFor(opts.isPackaged, opts.devServerOrigin)

  wc.setWindowOpenHandler(({ url }) => {
    audit.record({ kind: 'window-open-blocked', url: redactUrl(url) })
    return { action: 'deny' }
  })
  wc.on('will-navigate', (event) => {
    if (isAllowedNavigation(event.url, dev)) return
    event.preventDefault()
    audit.record({ kind: 'navigation-blocked', via: 'will-navigate', url: redactUrl(event.url) })
  })
  wc.on('will-frame-navigate', (event) => {
    if (isAllowedNavigation(event.url, dev)) return
    event.preventDefault()
    audit.record({ kind: 'navigation-blocked', via: 'will-frame-navigate', url: redactUrl(event.url) })
  })
  wc.on('will-redirect', (event) => {
    if (isAllowedNavigation(event.url, dev)) return
    event.preventDefault()
    audit.record({ kind: 'navigation-blocked', via: 'will-redirect', url: redactUrl(event.url) })
  })
  // Defence in depth: webviewTag is false in every window, and any attach attempt is refused as well.
  wc.on('will-attach-webview', (event) => {
    event.preventDefault()
    audit.record({ kind: 'webview-blocked' })
  })
  denyBluetooth(wc, audit)
  if (opts.isPackaged) {
    wc.on('devtools-opened', () => {
      wc.closeDevTools()
      audit.record({ kind: 'devtools-closed' })
    })
  }
}

/** Call once, before any window is created. */
export function installNavigationGuards(
  app: Pick<App, 'on'>,
  opts: NavigationGuardOptions,
  audit: SecurityAuditSink,
): void {
  app.on('web-contents-created', (_event, wc) => guardWebContents(wc, opts, audit))
}
