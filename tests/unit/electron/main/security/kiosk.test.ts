import type { WebContents } from 'electron'
import { describe, expect, it } from 'vitest'
import {
  applyKioskMode,
  installCrashRecovery,
  installKioskAutoLogout,
  kioskSettings,
  shouldBlockInput,
} from '../../../../../electron/main/security/kiosk'
import type { LockEvent, LockReason } from '../../../../../electron/main/services/idle-lock'
import { FakeEmitter, RecordingAudit, asElectron, fakeEvent } from '../../fixtures/fakes'

const key = (k: string, mods: Partial<{ control: boolean; meta: boolean; alt: boolean; shift: boolean }> = {}) => ({
  type: 'keyDown' as const,
  key: k,
  control: false,
  meta: false,
  alt: false,
  shift: false,
  ...mods,
})

describe('kiosk policy (C-33)', () => {
  it('comes from the terminal policy only', () => {
    const on = kioskSettings({ kiosk: true }, false)
    expect(on).toEqual({
      kiosk: true,
      applicationMenu: false,
      devTools: false, // even in an unpackaged build
      idleAction: 'logout',
      userMayCloseWindow: false,
      allowOpenExternal: false,
    })
    const off = kioskSettings({ kiosk: false }, true)
    expect(off).toMatchObject({ kiosk: false, idleAction: 'lock', devTools: false, userMayCloseWindow: true })
  })

  it('cannot be switched by the user: command line and environment are not inputs', () => {
    const argv = process.argv
    const env = process.env.KAIGO_KIOSK
    try {
      process.argv = [...argv, '--kiosk', '--no-kiosk']
      process.env.KAIGO_KIOSK = '0'
      expect(kioskSettings({ kiosk: true }, true).kiosk).toBe(true)
      process.env.KAIGO_KIOSK = '1'
      expect(kioskSettings({ kiosk: false }, true).kiosk).toBe(false)
    } finally {
      process.argv = argv
      if (env === undefined) delete process.env.KAIGO_KIOSK
      else process.env.KAIGO_KIOSK = env
    }
  })

  it('swallows print shortcuts always, reload/devtools/zoom when packaged, F11/Alt+F4 in kiosk', () => {
    const dev = { kiosk: false, isPackaged: false }
    const prod = { kiosk: false, isPackaged: true }
    const kiosk = { kiosk: true, isPackaged: true }
    expect(shouldBlockInput(key('p', { control: true }), dev)).toBe(true)
    expect(shouldBlockInput(key('P', { meta: true }), prod)).toBe(true)
    expect(shouldBlockInput(key('r', { control: true }), dev)).toBe(false)
    for (const k of [
      key('r', { control: true }),
      key('F5'),
      key('F12'),
      key('I', { control: true, shift: true }),
      key('+', { control: true }),
      key('0', { meta: true }),
    ]) {
      expect(shouldBlockInput(k, prod), JSON.stringify(k)).toBe(true)
    }
    expect(shouldBlockInput(key('F11'), prod)).toBe(false)
    expect(shouldBlockInput(key('F11'), kiosk)).toBe(true)
    expect(shouldBlockInput(key('F4', { alt: true }), kiosk)).toBe(true)
    expect(shouldBlockInput(key('a'), kiosk)).toBe(false)
    expect(shouldBlockInput(key('c', { control: true }), kiosk)).toBe(false)
    expect(shouldBlockInput({ ...key('F5'), type: 'keyUp' as const }, kiosk)).toBe(false)
  })

  it('applyKioskMode removes the menu, keeps the window open and installs the input guard', () => {
    const win = new FakeEmitter()
    const wc = Object.assign(new FakeEmitter(), { zoom: 0, setZoomFactor: (z: number) => (wc.zoom = z) })
    const menus: unknown[] = []
    let quitting = false
    const applied = applyKioskMode(
      { kiosk: true },
      {
        window: Object.assign(win, { webContents: wc }) as never,
        setApplicationMenu: (m) => menus.push(m),
        isQuitting: () => quitting,
        isPackaged: true,
      },
    )
    expect(applied).toBe(true)
    expect(menus).toEqual([null])
    const close = fakeEvent()
    win.emit('close', close)
    expect(close.defaultPrevented).toBe(true)
    quitting = true
    const close2 = fakeEvent()
    win.emit('close', close2)
    expect(close2.defaultPrevented).toBe(false)
    const reload = fakeEvent()
    wc.emit('before-input-event', reload, key('F5'))
    expect(reload.defaultPrevented).toBe(true)
  })

  it('applyKioskMode does nothing on a non-kiosk terminal', () => {
    const menus: unknown[] = []
    const win = new FakeEmitter()
    expect(
      applyKioskMode(
        { kiosk: false },
        { window: win as never, setApplicationMenu: (m) => menus.push(m), isQuitting: () => false, isPackaged: true },
      ),
    ).toBe(false)
    expect(menus).toEqual([])
    expect(win.count('close')).toBe(0)
  })

  it('logs out automatically at idle, OS lock and suspend on kiosk terminals', () => {
    const listeners: ((e: LockEvent) => void)[] = []
    const idleLock = { onLock: (l: (e: LockEvent) => void) => (listeners.push(l), () => {}) }
    const logouts: LockReason[] = []
    expect(installKioskAutoLogout({ kiosk: true }, idleLock, (r) => void logouts.push(r))).toBeTypeOf('function')
    for (const reason of ['idle', 'os-lock', 'suspend', 'manual'] as const) listeners[0]!({ reason })
    expect(logouts).toEqual(['idle', 'os-lock', 'suspend'])
    expect(installKioskAutoLogout({ kiosk: false }, idleLock, () => {})).toBeNull()
  })
})

describe('renderer crash recovery', () => {
  function setup(now: () => number) {
    const wc = new FakeEmitter()
    const audit = new RecordingAudit()
    const calls: string[] = []
    installCrashRecovery(asElectron<Pick<WebContents, 'on'>>(wc), {
      logout: () => void calls.push('logout'),
      loadLogin: () => void calls.push('login'),
      giveUp: () => void calls.push('give-up'),
      audit,
      now,
    })
    return { wc, audit, calls }
  }
  const flush = () => new Promise((r) => setTimeout(r, 0))

  it('drops the session and reloads to the login screen when the renderer dies', async () => {
    const { wc, audit, calls } = setup(() => 0)
    wc.emit('render-process-gone', fakeEvent(), { reason: 'crashed', exitCode: 1 })
    await flush()
    expect(calls).toEqual(['logout', 'login'])
    expect(audit.events).toEqual([{ kind: 'render-process-gone', reason: 'crashed', action: 'reload-login' }])
  })

  it('reloads even when the logout fails', async () => {
    const wc = new FakeEmitter()
    const calls: string[] = []
    installCrashRecovery(asElectron<Pick<WebContents, 'on'>>(wc), {
      logout: () => Promise.reject(new Error('offline')),
      loadLogin: () => void calls.push('login'),
      giveUp: () => void calls.push('give-up'),
      audit: new RecordingAudit(),
    })
    wc.emit('render-process-gone', fakeEvent(), { reason: 'oom', exitCode: 1 })
    await flush()
    expect(calls).toEqual(['login'])
  })

  it('gives up instead of looping after three crashes within a minute', async () => {
    let t = 0
    const { wc, calls } = setup(() => t)
    for (let i = 0; i < 4; i++) {
      wc.emit('render-process-gone', fakeEvent(), { reason: 'crashed', exitCode: 1 })
      t += 1000
    }
    await flush()
    expect(calls.filter((c) => c === 'login')).toHaveLength(3)
    expect(calls.filter((c) => c === 'give-up')).toHaveLength(1)
    t += 120_000
    wc.emit('render-process-gone', fakeEvent(), { reason: 'crashed', exitCode: 1 })
    await flush()
    expect(calls.filter((c) => c === 'login')).toHaveLength(4)
  })

  it('ignores a clean exit', () => {
    const { wc, calls } = setup(() => 0)
    wc.emit('render-process-gone', fakeEvent(), { reason: 'clean-exit', exitCode: 0 })
    expect(calls).toEqual([])
  })
})
