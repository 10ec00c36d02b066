import type { App } from 'electron'
import { describe, expect, it } from 'vitest'
import { installContentProtection, protectWindow } from '../../../../../electron/main/security/content-protection'
import { FakeEmitter, asElectron, fakeEvent } from '../../fixtures/fakes'

const fakeWindow = () => {
  const w = { protectedWith: [] as boolean[], setContentProtection: (on: boolean) => w.protectedWith.push(on) }
  return w
}

describe('content protection (C-28)', () => {
  it('protectWindow turns content protection on', () => {
    const w = fakeWindow()
    expect(protectWindow(w)).toBe(w)
    expect(w.protectedWith).toEqual([true])
  })

  it('protects every BrowserWindow the app creates (main, lock screen, print preview, …)', () => {
    const app = new FakeEmitter()
    installContentProtection(asElectron<Pick<App, 'on'>>(app))
    const windows = [fakeWindow(), fakeWindow(), fakeWindow()]
    for (const w of windows) app.emit('browser-window-created', fakeEvent(), w)
    expect(windows.map((w) => w.protectedWith)).toEqual([[true], [true], [true]])
  })
})
