// The composition root (electron/main/index.ts) wired with a mocked 'electron' module: proves that the real
// guards are installed, in the right order, on the real code path (docs/sources/electron-security.md §15.2 pattern 2), and
// drives the recorded listeners to check what the wiring DOES: content protection on every window, the C-35
// clean-up on OS lock, logout and quit, the crash reload to login, and the request filter's security log line.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { ipcChannelNames } from '../../../../shared/ipc/channels'
import { readSecurityLog } from '../../../../electron/main/platform/security-log-file'
import { DATA_KEY_FILE, DataKey } from '../../../../electron/main/services/at-rest/data-key'
import {
  app,
  backendSession,
  clipboard,
  defaultSession,
  FakeWindow,
  invokeFromMainWindow,
  Menu,
  osKeyStore,
  safeStorage,
  powerMonitor,
  state,
  windows,
  writeDevPolicy,
} from '../fixtures/electron-mock'

vi.mock('electron', async () => (await import('../fixtures/electron-mock')).electronModule)

/** security.log as its lines open with the data key in the profile, unwrapped by the mock's OS key store (C-07). */
async function securityLog(): Promise<string> {
  const stored = JSON.parse(readFileSync(join(state.userDataDir, DATA_KEY_FILE), 'utf8')) as {
    id: string
    wrapped: string
  }
  const raw = Buffer.from(await osKeyStore.unwrap(Buffer.from(stored.wrapped, 'base64')), 'base64')
  const key = DataKey.fromBytes(Buffer.from(stored.id, 'hex'), raw)
  return readSecurityLog(readFileSync(join(state.logsDir, 'security.log'), 'utf8'), key).join('\n')
}

const { calls } = state

describe('the Electron composition root', () => {
  beforeAll(async () => {
    // The idle poll runs on the real setInterval of the composition root; faking only the interval timers lets the
    // test move the clock of the poll while everything else (promises, I/O, setTimeout) stays real.
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] })
    process.env.KAIGO_DEV_POLICY = writeDevPolicy({})
    await import('../../../../electron/main/index')
    state.resolveReady()
    await vi.waitFor(() => expect(calls).toContain('loadURL app://ui/index.html'))
  })
  afterAll(() => {
    vi.useRealTimers()
    delete process.env.KAIGO_DEV_POLICY
  })

  it('registers app:// and enables the sandbox for every renderer before ready (checklist 4, 18)', () => {
    expect(calls.indexOf('registerSchemes app')).toBeGreaterThanOrEqual(0)
    expect(calls).toContain('enableSandbox')
    expect(calls.indexOf('enableSandbox')).toBeLessThan(calls.indexOf('new BrowserWindow'))
  })

  it('installs web-contents guards, content protection and the single-instance handler', () => {
    expect(app.has('web-contents-created')).toBe(true)
    expect(app.has('browser-window-created')).toBe(true)
    expect(app.has('second-instance')).toBe(true)
    expect(app.has('select-client-certificate')).toBe(true)
  })

  it('pins the backend session and sets TLS 1.2 before any backend request (C-03)', async () => {
    expect(calls).toContain('backend.setCertificateVerifyProc')
    expect(calls).toContain('backend.setSSLConfig {"minVersion":"tls1.2"}')
    // Start-up makes no backend request; a sign-in attempt makes the first one (the fake session has no network).
    expect(calls).not.toContain('backend.fetch')
    await invokeFromMainWindow('auth.login', { loginId: 'shikaku01', password: 'x'.repeat(12) })
    const firstFetch = calls.indexOf('backend.fetch')
    expect(firstFetch).toBeGreaterThanOrEqual(0)
    expect(calls.indexOf('backend.setCertificateVerifyProc')).toBeLessThan(firstFetch)
    expect(calls.indexOf('backend.setSSLConfig {"minVersion":"tls1.2"}')).toBeLessThan(firstFetch)
  })

  it('hardens both sessions with permission, device and request filters', () => {
    for (const s of [defaultSession, backendSession]) {
      expect(s.setPermissionRequestHandler).toHaveBeenCalled()
      expect(s.setPermissionCheckHandler).toHaveBeenCalled()
      expect(s.setDevicePermissionHandler).toHaveBeenCalled()
      expect(s.webRequest.onBeforeRequest).toHaveBeenCalled()
    }
  })

  it('registers exactly one ipcMain handler per channel of the contract (checklist 17)', () => {
    expect([...state.handlers.keys()].sort()).toEqual([...ipcChannelNames].sort())
  })

  it('creates the window with sandbox, context isolation, no Node, and loads app://ui', () => {
    const prefs = windows[0]!.options.webPreferences as Record<string, unknown>
    expect(prefs).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, webviewTag: false })
    expect(String(prefs.preload)).toMatch(/preload[/\\]index\.cjs$/)
    expect(calls).toContain('protocol.handle app')
  })

  it('not a kiosk terminal: a normal window with the default menu and devtools in this unpackaged build', () => {
    expect(windows[0]!.options.kiosk).toBeFalsy()
    expect(Menu.setApplicationMenu).not.toHaveBeenCalled()
    expect(windows[0]!.has('close')).toBe(false)
  })

  it('protects the main window and every later window against screen capture (C-28)', () => {
    expect(windows[0]!.setContentProtection).toHaveBeenCalledWith(true)
    const child = new FakeWindow({ show: false })
    expect(child.setContentProtection).toHaveBeenCalledWith(true)
    child.close()
  })

  it('the data key of local state is in the user profile only wrapped by safeStorage (C-07)', () => {
    expect(safeStorage.encryptStringAsync).toHaveBeenCalledTimes(1)
    const raw = osKeyStore.wrapped[0]!
    expect(Buffer.from(raw, 'base64')).toHaveLength(32)
    expect(readFileSync(join(state.userDataDir, DATA_KEY_FILE), 'utf8')).not.toContain(raw)
  })

  it('a request of the renderer to a foreign origin is cancelled and written to security.log without its query (C-01)', async () => {
    const filter = defaultSession.webRequest.onBeforeRequest.mock.calls[0]![0] as (
      d: { url: string; resourceType: string; webContentsId?: number },
      cb: (r: { cancel?: boolean }) => void,
    ) => void
    const verdict = vi.fn()
    filter({ url: 'https://evil.example.com/x?name=山田太郎', resourceType: 'xhr', webContentsId: 41 }, verdict)
    expect(verdict).toHaveBeenCalledWith({ cancel: true })
    const file = join(state.logsDir, 'security.log')
    expect(existsSync(file)).toBe(true)
    // Sealed at rest (C-07): the raw file shows nothing, the data key opens the line.
    expect(readFileSync(file, 'utf8')).not.toContain('request-blocked')
    const log = await securityLog()
    expect(log).toContain('"kind":"request-blocked","url":"https://evil.example.com/x"')
    expect(log).not.toContain('山田')
  })

  it('polls the OS idle time every 5 s and locks at the policy limit (default 5 minutes), not a second before (C-31)', () => {
    const child = new FakeWindow({ show: false })
    clipboard.clear.mockClear()
    powerMonitor.getSystemIdleTime.mockClear()
    // One second short of the limit: polled, not locked.
    powerMonitor.getSystemIdleTime.mockReturnValue(5 * 60 - 1)
    vi.advanceTimersByTime(5_000)
    expect(powerMonitor.getSystemIdleTime).toHaveBeenCalledTimes(1)
    vi.advanceTimersByTime(5_000)
    expect(powerMonitor.getSystemIdleTime).toHaveBeenCalledTimes(2)
    expect(clipboard.clear).not.toHaveBeenCalled()
    expect(child.isDestroyed()).toBe(false)

    // At the limit the next poll locks: at most one poll period (5 s) later.
    powerMonitor.getSystemIdleTime.mockReturnValue(5 * 60)
    vi.advanceTimersByTime(5_000)
    expect(clipboard.clear).toHaveBeenCalledTimes(1)
    expect(child.isDestroyed()).toBe(true)
    expect(windows[0]!.isDestroyed()).toBe(false)

    powerMonitor.getSystemIdleTime.mockReturnValue(0)
  })

  it('an OS lock-screen locks: clipboard cleared, child windows closed, the main window kept (C-31, C-35)', () => {
    // (Nobody is signed in here, so the lock screen event itself is covered by tests/contract/lock-events.test.ts.)
    const child = new FakeWindow({ show: false })
    clipboard.clear.mockClear()
    powerMonitor.emit('lock-screen')
    expect(clipboard.clear).toHaveBeenCalledTimes(1)
    expect(child.isDestroyed()).toBe(true)
    expect(windows[0]!.isDestroyed()).toBe(false)
  })

  it('logout through IPC from the main window clears the clipboard and closes child windows (C-35)', async () => {
    const child = new FakeWindow({ show: false })
    clipboard.clear.mockClear()
    await invokeFromMainWindow('auth.logout', {})
    expect(clipboard.clear).toHaveBeenCalled()
    expect(child.isDestroyed()).toBe(true)
  })

  it('a crashed renderer is reloaded to the login screen (C-33)', async () => {
    const wc = windows[0]!.webContents
    wc.loadURL.mockClear()
    wc.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 1 })
    await vi.waitFor(() => expect(wc.loadURL).toHaveBeenCalledWith('app://ui/index.html'))
    expect(await securityLog()).toContain('"action":"reload-login"')
  })

  it('quit clears the clipboard and closes child windows (C-35)', () => {
    const child = new FakeWindow({ show: false })
    clipboard.clear.mockClear()
    app.emit('before-quit', {})
    expect(clipboard.clear).toHaveBeenCalled()
    expect(child.isDestroyed()).toBe(true)
  })
})
