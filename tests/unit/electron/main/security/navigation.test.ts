import type { App, WebContents } from 'electron'
import { beforeEach, describe, expect, it } from 'vitest'
import { guardWebContents, installNavigationGuards } from '../../../../../electron/main/security/navigation'
import { FakeEmitter, RecordingAudit, asElectron, fakeEvent } from '../../fixtures/fakes'

class FakeWebContents extends FakeEmitter {
  openHandler?: (d: { url: string }) => { action: string }
  devToolsClosed = 0
  setWindowOpenHandler(h: (d: { url: string }) => { action: string }) {
    this.openHandler = h
  }
  closeDevTools() {
    this.devToolsClosed++
  }
}

function created(opts: { isPackaged: boolean }) {
  const app = new FakeEmitter()
  const audit = new RecordingAudit()
  installNavigationGuards(asElectron<Pick<App, 'on'>>(app), opts, audit)
  const wc = new FakeWebContents()
  app.emit('web-contents-created', fakeEvent(), wc) // every new webContents, whatever created it
  return { wc, audit }
}

describe('web-contents-created guards (checklist 11–15)', () => {
  let wc: FakeWebContents
  let audit: RecordingAudit
  beforeEach(() => {
    ;({ wc, audit } = created({ isPackaged: true }))
  })

  it('denies every window.open and audits it (checklist 14)', () => {
    expect(wc.openHandler!({ url: 'https://example.com/' })).toEqual({ action: 'deny' })
    expect(wc.openHandler!({ url: 'app://ui/index.html' })).toEqual({ action: 'deny' })
    expect(audit.kinds()).toEqual(['window-open-blocked', 'window-open-blocked'])
  })

  it.each(['will-navigate', 'will-frame-navigate', 'will-redirect'])(
    'prevents %s away from app://ui (checklist 13)',
    (event) => {
      for (const url of ['https://example.com/', 'file:///etc/passwd', 'app://evil/', 'javascript:alert(1)', 'x']) {
        const e = fakeEvent({ url, isMainFrame: true })
        wc.emit(event, e)
        expect(e.defaultPrevented, url).toBe(true)
      }
      expect(audit.events.every((a) => a.kind === 'navigation-blocked')).toBe(true)
    },
  )

  it.each(['will-navigate', 'will-frame-navigate', 'will-redirect'])('lets %s within app://ui proceed', (event) => {
    const e = fakeEvent({ url: 'app://ui/index.html#/login', isMainFrame: true })
    wc.emit(event, e)
    expect(e.defaultPrevented).toBe(false)
  })

  it('prevents attaching any <webview> (checklist 11, 12)', () => {
    const e = fakeEvent()
    wc.emit('will-attach-webview', e, { nodeIntegration: true }, { src: 'https://example.com' })
    expect(e.defaultPrevented).toBe(true)
    expect(audit.kinds()).toContain('webview-blocked')
  })

  it('cancels Bluetooth device selection (otherwise Electron picks the first device)', () => {
    const e = fakeEvent()
    let chosen: string | undefined
    wc.emit('select-bluetooth-device', e, [{ deviceId: 'bt1', deviceName: 'x' }], (id: string) => (chosen = id))
    expect(e.defaultPrevented).toBe(true)
    expect(chosen).toBe('')
  })

  it('closes devtools if they are opened in a packaged build', () => {
    wc.emit('devtools-opened')
    expect(wc.devToolsClosed).toBe(1)
  })

  it('does not close devtools in an unpackaged development build', () => {
    const dev = created({ isPackaged: false })
    expect(dev.wc.count('devtools-opened')).toBe(0)
  })

  it('guardWebContents can be applied directly to an existing webContents', () => {
    const other = new FakeWebContents()
    guardWebContents(asElectron<WebContents>(other), { isPackaged: true }, audit)
    expect(other.openHandler!({ url: 'https://x.example' })).toEqual({ action: 'deny' })
  })
})
