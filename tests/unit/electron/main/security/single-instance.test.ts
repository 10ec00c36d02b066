import type { App } from 'electron'
import { describe, expect, it } from 'vitest'
import { enforceSingleInstance } from '../../../../../electron/main/security/single-instance'
import { FakeEmitter, asElectron, fakeEvent } from '../../fixtures/fakes'

class FakeApp extends FakeEmitter {
  quits = 0
  constructor(private readonly gotLock: boolean) {
    super()
  }
  requestSingleInstanceLock() {
    return this.gotLock
  }
  quit() {
    this.quits++
  }
}

function fakeWindow(minimized: boolean) {
  const calls: string[] = []
  return {
    calls,
    isMinimized: () => minimized,
    restore: () => calls.push('restore'),
    show: () => calls.push('show'),
    focus: () => calls.push('focus'),
  }
}

describe('single-instance lock', () => {
  it('the second instance quits and creates nothing', () => {
    const app = new FakeApp(false)
    expect(enforceSingleInstance(asElectron<App>(app), () => null)).toBe(false)
    expect(app.quits).toBe(1)
    expect(app.count('second-instance')).toBe(0)
  })

  it('the first instance keeps running and focuses its window when a second one starts', () => {
    const app = new FakeApp(true)
    const win = fakeWindow(true)
    expect(enforceSingleInstance(asElectron<App>(app), () => win)).toBe(true)
    expect(app.quits).toBe(0)
    app.emit('second-instance', fakeEvent(), ['kaigo-desk', '--kiosk=false', 'file:///evil'], '/tmp', {})
    expect(win.calls).toEqual(['restore', 'show', 'focus'])
  })

  it('ignores a second instance before the window exists', () => {
    const app = new FakeApp(true)
    enforceSingleInstance(asElectron<App>(app), () => null)
    expect(() => app.emit('second-instance', fakeEvent(), [], '/', {})).not.toThrow()
  })
})
