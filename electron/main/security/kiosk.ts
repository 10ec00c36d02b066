// Change only with a security review.
// What kiosk mode implies (control C-33). Kiosk mode comes from the administrator-owned terminal policy ONLY: no
// command-line switch, environment variable, user setting or IPC call can turn it on or off — the functions below take
// the policy and nothing else.
//
// In kiosk mode: fullscreen kiosk window without frame or menu (window-options.ts + setApplicationMenu(null)), no
// devtools, one window (single-instance.ts), the window cannot be closed by the user, reload/zoom/devtools/print
// shortcuts are swallowed, idle means LOGOUT (a shared terminal must not stay signed in to the last user), and a crashed
// renderer is reloaded to the login screen after the session is dropped.
// What Electron cannot do (Alt+Tab, Win key, Ctrl+Alt+Del) is OS configuration: see docs/security.md.
import type { BrowserWindow, Input, WebContents } from 'electron'
import type { TerminalPolicy } from '../../../shared/policy/terminal-policy'
import type { IdleLock, LockReason } from '../services/idle-lock'
import type { SecurityAuditSink } from './audit'

export type KioskSettings = {
  kiosk: boolean
  /** No application menu at all. */
  applicationMenu: false | 'default'
  devTools: boolean
  /** What reaching the idle limit (or an OS lock/suspend) does. */
  idleAction: 'logout' | 'lock'
  /** The user cannot close the window (kiosk) — only app.quit() from main can. */
  userMayCloseWindow: boolean
  /** Never true on kiosk terminals: no external browser. */
  allowOpenExternal: false
}

/** Derived from the policy alone. */
export function kioskSettings(policy: Pick<TerminalPolicy, 'kiosk'>, isPackaged: boolean): KioskSettings {
  const kiosk = policy.kiosk === true
  return {
    kiosk,
    applicationMenu: kiosk ? false : 'default',
    devTools: !kiosk && !isPackaged,
    idleAction: kiosk ? 'logout' : 'lock',
    userMayCloseWindow: !kiosk,
    allowOpenExternal: false,
  }
}

type KeyInput = Pick<Input, 'type' | 'key' | 'control' | 'meta' | 'alt' | 'shift'>

/**
 * Keyboard shortcuts swallowed in main (before-input-event), so they never reach Chromium:
 * - always: print (Ctrl/Cmd+P — printing goes through the print IPC and its printer allowlist only);
 * - packaged or kiosk: reload (F5, Ctrl/Cmd+R), devtools (F12, Ctrl/Cmd+Shift+I/J/C), zoom (Ctrl/Cmd +, -, =, 0);
 * - kiosk: also F11 (fullscreen toggle) and Alt+F4.
 */
export function shouldBlockInput(input: KeyInput, o: { kiosk: boolean; isPackaged: boolean }): boolean {
  if (input.type !== 'keyDown' && input.type !== 'rawKeyDown') return false
  const key = input.key.length === 1 ? input.key.toLowerCase() : input.key
  const mod = input.control || input.meta
  if (mod && key === 'p') return true
  if (!o.isPackaged && !o.kiosk) return false
  if (key === 'F5' || (mod && key === 'r')) return true
  if (key === 'F12' || (mod && input.shift && (key === 'i' || key === 'j' || key === 'c'))) return true
  if (mod && (key === '+' || key === '-' || key === '=' || key === '0' || key === ';')) return true
  if (o.kiosk && (key === 'F11' || (input.alt && key === 'F4'))) return true
  return false
}

export function installInputGuards(wc: Pick<WebContents, 'on'>, o: { kiosk: boolean; isPackaged: boolean }): void {
  wc.on('before-input-event', (event, input) => {
    if (shouldBlockInput(input, o)) event.preventDefault()
  })
}

export type KioskWindowDeps = {
  window: Pick<BrowserWindow, 'on'> & { webContents: Pick<WebContents, 'on' | 'setZoomFactor'> }
  /** Menu.setApplicationMenu. */
  setApplicationMenu(menu: null): void
  /** True once main has decided to quit (app 'before-quit'): only then may the kiosk window close. */
  isQuitting(): boolean
  isPackaged: boolean
}

/** Applies the kiosk rules to the main window. Does nothing unless the policy says kiosk. */
export function applyKioskMode(policy: Pick<TerminalPolicy, 'kiosk'>, deps: KioskWindowDeps): boolean {
  const s = kioskSettings(policy, deps.isPackaged)
  if (!s.kiosk) return false
  deps.setApplicationMenu(null)
  deps.window.on('close', (event) => {
    if (!deps.isQuitting()) event.preventDefault()
  })
  installInputGuards(deps.window.webContents, { kiosk: true, isPackaged: deps.isPackaged })
  deps.window.webContents.setZoomFactor(1)
  return true
}

const LOGOUT_ON: ReadonlySet<LockReason> = new Set<LockReason>(['idle', 'os-lock', 'suspend'])

/**
 * Kiosk: an idle lock becomes a logout (server session invalidated, back to the login screen). Returns the
 * unsubscribe function, or null when the policy is not kiosk (then the lock screen asks the same user to unlock).
 */
export function installKioskAutoLogout(
  policy: Pick<TerminalPolicy, 'kiosk'>,
  idleLock: Pick<IdleLock, 'onLock'>,
  logout: (reason: LockReason) => void | Promise<void>,
  onError: (error: unknown) => void = () => {},
): (() => void) | null {
  if (!policy.kiosk) return null
  return idleLock.onLock(({ reason }) => {
    if (!LOGOUT_ON.has(reason)) return
    try {
      const r = logout(reason)
      if (r instanceof Promise) r.catch(onError)
    } catch (error) {
      onError(error)
    }
  })
}

export type CrashRecoveryDeps = {
  /** Drops the main-process session (token) so the reloaded UI must log in again. */
  logout(): void | Promise<void>
  /** Loads the login screen (e.g. wc.loadURL(UI_ENTRY_URL)). */
  loadLogin(): void | Promise<void>
  /** Too many crashes in a row: show the fatal-error screen / quit instead of looping. */
  giveUp(): void
  audit: SecurityAuditSink
  now?: () => number
  /** At most this many reloads per window of windowMs (default 3 per 60 s). */
  maxReloads?: number
  windowMs?: number
}

/** Renderer crash → drop the session, reload to login (all modes; required for kiosk). */
export function installCrashRecovery(wc: Pick<WebContents, 'on'>, deps: CrashRecoveryDeps): void {
  const now = deps.now ?? Date.now
  const max = deps.maxReloads ?? 3
  const windowMs = deps.windowMs ?? 60_000
  let recent: number[] = []
  wc.on('render-process-gone', (_event, details) => {
    if (details.reason === 'clean-exit') return
    const t = now()
    recent = recent.filter((x) => t - x < windowMs)
    if (recent.length >= max) {
      deps.audit.record({ kind: 'render-process-gone', reason: details.reason, action: 'gave-up' })
      deps.giveUp()
      return
    }
    recent.push(t)
    deps.audit.record({ kind: 'render-process-gone', reason: details.reason, action: 'reload-login' })
    void (async () => {
      try {
        await deps.logout() // must drop the local token even when the server cannot be reached
      } catch {
        // the reload to the login screen below still happens
      }
      await deps.loadLogin()
    })().catch(() => deps.giveUp())
  })
}
