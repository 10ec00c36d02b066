// Kiosk mode (C-33) through the real composition root with a mocked 'electron': the terminal policy alone turns it
// on; then the window is a fullscreen kiosk window without frame, menu or devtools, the user cannot close it, idle
// (and an OS lock) means LOGOUT back to the login screen, and a crashed renderer reloads to the login screen.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import {
  app,
  clipboard,
  type FakeWindow,
  Menu,
  powerMonitor,
  state,
  windows,
  writeDevPolicy,
} from '../fixtures/electron-mock'

vi.mock('electron', async () => (await import('../fixtures/electron-mock')).electronModule)

describe('the composition root on a kiosk terminal (C-33)', () => {
  beforeAll(async () => {
    // Only the interval timer is faked, so the idle poll can be driven; file reads and promises run for real.
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] })
    process.env.KAIGO_DEV_POLICY = writeDevPolicy({ kiosk: true, idleLockMinutes: 3 })
    await import('../../../../electron/main/index')
    state.resolveReady()
    await vi.waitFor(() => expect(state.calls).toContain('loadURL app://ui/index.html'))
  })
  afterAll(() => {
    vi.useRealTimers()
    delete process.env.KAIGO_DEV_POLICY
  })

  it('fullscreen kiosk window, no frame, not closable, no devtools; no application menu', () => {
    const options = windows[0]!.options
    expect(options).toMatchObject({ kiosk: true, fullscreen: true, frame: false, closable: false })
    expect((options.webPreferences as Record<string, unknown>).devTools).toBe(false)
    expect(Menu.setApplicationMenu).toHaveBeenCalledWith(null)
    expect(windows[0]!.setContentProtection).toHaveBeenCalledWith(true)
  })

  it('the user cannot close the window; only a quit decided by main can', () => {
    const event = { defaultPrevented: false, preventDefault: () => (event.defaultPrevented = true) }
    windows[0]!.emit('close', event)
    expect(event.defaultPrevented).toBe(true)
  })

  it('devtools, reload and print shortcuts are swallowed before they reach Chromium', () => {
    const wc = windows[0]!.webContents
    for (const input of [
      { type: 'keyDown', key: 'F12' },
      { type: 'keyDown', key: 'I', control: true, shift: true },
      { type: 'keyDown', key: 'r', control: true },
      { type: 'keyDown', key: 'p', control: true },
      { type: 'keyDown', key: 'F11' },
    ]) {
      const event = { preventDefault: vi.fn() }
      wc.emit('before-input-event', event, { control: false, meta: false, alt: false, shift: false, ...input })
      expect(event.preventDefault, input.key).toHaveBeenCalled()
    }
  })

  it('single window: a second start only focuses the existing window', () => {
    const win = windows[0]! as FakeWindow & { isMinimized?: () => boolean; restore?: () => void; focus?: () => void }
    Object.assign(win, { isMinimized: () => false, restore: vi.fn(), focus: vi.fn() })
    const before = windows.length
    app.emit('second-instance', {}, ['kaigo-desk', '--kiosk=false'], '/tmp')
    expect(windows.length).toBe(before)
    expect(win.focus).toHaveBeenCalled()
  })

  it('idle at the policy limit (3 minutes) logs out and reloads the login screen; clipboard cleared', async () => {
    const wc = windows[0]!.webContents
    wc.loadURL.mockClear()
    clipboard.clear.mockClear()
    powerMonitor.getSystemIdleTime.mockReturnValue(179)
    vi.advanceTimersByTime(5_000)
    expect(wc.loadURL).not.toHaveBeenCalled()
    powerMonitor.getSystemIdleTime.mockReturnValue(180)
    vi.advanceTimersByTime(5_000)
    await vi.waitFor(() => expect(wc.loadURL).toHaveBeenCalledWith('app://ui/index.html'))
    expect(clipboard.clear).toHaveBeenCalledTimes(1)
    // After the logout the lock is released: the next idle period logs out again (nobody stays signed in).
    powerMonitor.getSystemIdleTime.mockReturnValue(0)
  })

  it('an OS lock-screen on a kiosk terminal also logs out to the login screen', async () => {
    const wc = windows[0]!.webContents
    await vi.waitFor(() => expect(wc.loadURL).toHaveBeenCalled())
    wc.loadURL.mockClear()
    powerMonitor.emit('lock-screen')
    await vi.waitFor(() => expect(wc.loadURL).toHaveBeenCalledWith('app://ui/index.html'))
  })

  it('a crashed renderer reloads to login; after three crashes in a minute the app gives up instead of looping', async () => {
    const wc = windows[0]!.webContents
    wc.loadURL.mockClear()
    for (let i = 0; i < 3; i++) wc.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 1 })
    await vi.waitFor(() => expect(wc.loadURL).toHaveBeenCalledTimes(3))
    wc.emit('render-process-gone', {}, { reason: 'oom', exitCode: 1 })
    expect(state.calls).toContain('quit')
  })
})
