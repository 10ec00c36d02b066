// The composition root (electron/main/index.ts) wired with a mocked 'electron' module: proves that the real
// guards are installed, in the right order, on the real code path (electron-security.md §15.2 pattern 2).
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { ipcChannelNames } from '../../../shared/ipc/channels'

const calls: string[] = []
const appListeners = new Map<string, ((...args: unknown[]) => unknown)[]>()
let resolveReady: () => void = () => {}

function fakeSession(name: string) {
  return {
    name,
    setPermissionRequestHandler: vi.fn(),
    setPermissionCheckHandler: vi.fn(),
    setDevicePermissionHandler: vi.fn(),
    setSSLConfig: vi.fn((c: unknown) => calls.push(`${name}.setSSLConfig ${JSON.stringify(c)}`)),
    setCertificateVerifyProc: vi.fn(() => calls.push(`${name}.setCertificateVerifyProc`)),
    on: vi.fn(),
    webRequest: { onBeforeRequest: vi.fn(), onHeadersReceived: vi.fn() },
    fetch: vi.fn(() => {
      calls.push(`${name}.fetch`)
      throw new Error('no network in this test')
    }),
  }
}
const defaultSession = fakeSession('default')
const backendSession = fakeSession('backend')
const windows: FakeWindow[] = []

class FakeWindow {
  static getAllWindows = () => windows
  readonly options: Record<string, unknown>
  readonly webContents = { id: 41, on: vi.fn(), setZoomFactor: vi.fn(), loadURL: vi.fn(async () => undefined) }
  readonly on = vi.fn()
  readonly once = vi.fn()
  readonly loadURL = vi.fn(async (url: string) => void calls.push(`loadURL ${url}`))
  readonly setContentProtection = vi.fn()
  constructor(options: Record<string, unknown>) {
    this.options = options
    windows.push(this)
    calls.push('new BrowserWindow')
  }
}

const handled: string[] = []
vi.mock('electron', () => ({
  app: {
    isPackaged: false,
    enableSandbox: vi.fn(() => calls.push('enableSandbox')),
    requestSingleInstanceLock: vi.fn(() => true),
    quit: vi.fn(() => calls.push('quit')),
    getVersion: () => '0.1.0',
    on: vi.fn((event: string, fn: (...a: unknown[]) => unknown) => {
      appListeners.set(event, [...(appListeners.get(event) ?? []), fn])
    }),
    whenReady: () => new Promise<void>((resolve) => (resolveReady = resolve)),
  },
  protocol: {
    registerSchemesAsPrivileged: vi.fn((schemes: { scheme: string }[]) =>
      calls.push(`registerSchemes ${schemes.map((s) => s.scheme)}`),
    ),
    handle: vi.fn((scheme: string) => calls.push(`protocol.handle ${scheme}`)),
  },
  session: { defaultSession, fromPartition: vi.fn(() => backendSession) },
  ipcMain: { handle: vi.fn((channel: string) => handled.push(channel)) },
  BrowserWindow: FakeWindow,
  Menu: { setApplicationMenu: vi.fn() },
  dialog: { showErrorBox: vi.fn((_t: string, message: string) => calls.push(`error ${message}`)) },
  clipboard: { clear: vi.fn() },
  powerMonitor: { getSystemIdleTime: () => 0, on: vi.fn(), removeListener: vi.fn() },
}))

describe('the Electron composition root', () => {
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kaigo-policy-'))
    const policy = join(dir, 'terminal-policy.json')
    writeFileSync(
      policy,
      JSON.stringify({
        backendOrigin: 'https://kaigo.example.lg.jp',
        serverPins: ['A'.repeat(43) + '='],
        clientCertificate: { sha256: 'ab'.repeat(32) },
      }),
    )
    process.env.KAIGO_DEV_POLICY = policy
    await import('../../../electron/main/index')
    resolveReady()
    await vi.waitFor(() => expect(calls).toContain('loadURL app://ui/index.html'))
  })
  afterAll(() => {
    delete process.env.KAIGO_DEV_POLICY
  })

  it('registers app:// and enables the sandbox for every renderer before ready (checklist 4, 18)', () => {
    expect(calls.indexOf('registerSchemes app')).toBeGreaterThanOrEqual(0)
    expect(calls).toContain('enableSandbox')
    expect(calls.indexOf('enableSandbox')).toBeLessThan(calls.indexOf('new BrowserWindow'))
  })

  it('installs web-contents guards, content protection and the single-instance handler', () => {
    expect(appListeners.has('web-contents-created')).toBe(true)
    expect(appListeners.has('browser-window-created')).toBe(true)
    expect(appListeners.has('second-instance')).toBe(true)
    expect(appListeners.has('select-client-certificate')).toBe(true)
  })

  it('pins the backend session and sets TLS 1.2 before any backend request (C-03)', () => {
    expect(calls).toContain('backend.setCertificateVerifyProc')
    expect(calls).toContain('backend.setSSLConfig {"minVersion":"tls1.2"}')
    expect(calls).not.toContain('backend.fetch')
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
    expect([...handled].sort()).toEqual([...ipcChannelNames].sort())
  })

  it('creates the window with sandbox, context isolation, no Node, and loads app://ui', () => {
    const prefs = windows[0]!.options.webPreferences as Record<string, unknown>
    expect(prefs).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, webviewTag: false })
    expect(String(prefs.preload)).toMatch(/preload[/\\]index\.cjs$/)
    expect(calls).toContain('protocol.handle app')
  })
})
