import type { Session } from 'electron'
import { beforeEach, describe, expect, it } from 'vitest'
import {
  PERMISSION_ALLOWLIST,
  hardenSession,
  isRequestAllowed,
} from '../../../../../electron/main/security/session-hardening'
import { FakeEmitter, RecordingAudit, asElectron, fakeEvent } from '../../fixtures/fakes'

const BACKEND = 'https://kaigo-api.city.example.lg.jp'

type RequestHandler = (
  wc: unknown,
  permission: string,
  cb: (ok: boolean) => void,
  details: { requestingUrl: string },
) => void
type CheckHandler = (wc: unknown, permission: string, origin: string, details: object) => boolean
type BeforeRequest = (
  details: { url: string; resourceType: string; webContentsId?: number },
  cb: (r: { cancel?: boolean }) => void,
) => void

class FakeSession extends FakeEmitter {
  requestHandler?: RequestHandler
  checkHandler?: CheckHandler
  deviceHandler?: (d: object) => boolean
  sslConfig?: object
  beforeRequest?: BeforeRequest
  setPermissionRequestHandler(h: RequestHandler) {
    this.requestHandler = h
  }
  setPermissionCheckHandler(h: CheckHandler) {
    this.checkHandler = h
  }
  setDevicePermissionHandler(h: (d: object) => boolean) {
    this.deviceHandler = h
  }
  setSSLConfig(c: object) {
    this.sslConfig = c
  }
  webRequest = {
    onBeforeRequest: (l: BeforeRequest) => {
      this.beforeRequest = l
    },
  }
  /** Runs the request filter and returns its verdict. */
  request(url: string, resourceType = 'xhr'): { cancel?: boolean } {
    let verdict: { cancel?: boolean } | undefined
    this.beforeRequest!({ url, resourceType, webContentsId: 7 }, (r) => (verdict = r))
    return verdict!
  }
  ask(permission: string, requestingUrl = 'app://ui/index.html'): boolean {
    let granted: boolean | undefined
    this.requestHandler!(null, permission, (ok) => (granted = ok), { requestingUrl })
    return granted!
  }
}

describe('hardenSession', () => {
  let ses: FakeSession
  let audit: RecordingAudit
  beforeEach(() => {
    ses = new FakeSession()
    audit = new RecordingAudit()
    hardenSession(asElectron<Session>(ses), { backendOrigin: BACKEND, isPackaged: true }, audit)
  })

  it('sets a TLS 1.2 floor (checklist 1, C-03)', () => {
    expect(ses.sslConfig).toEqual({ minVersion: 'tls1.2' })
  })

  describe('permissions (checklist 5)', () => {
    it('installs both the request and the check handler', () => {
      expect(ses.requestHandler).toBeTypeOf('function')
      expect(ses.checkHandler).toBeTypeOf('function')
    })

    it.each([
      'media',
      'display-capture',
      'geolocation',
      'notifications',
      'openExternal',
      'fileSystem',
      'clipboard-read',
      'hid',
      'serial',
      'usb',
      'fullscreen',
      'pointerLock',
      'unknown',
      'some-permission-electron-adds-next-year',
    ])('denies the request for %s and audits it', (permission) => {
      expect(ses.ask(permission)).toBe(false)
      expect(audit.events).toContainEqual({
        kind: 'permission-denied',
        permission,
        origin: 'app://ui/index.html',
        phase: 'request',
      })
    })

    it.each(['hid', 'serial', 'usb', 'media', 'fileSystem', 'clipboard-read', 'unknown'])(
      'denies the check for %s',
      (permission) => {
        expect(ses.checkHandler!(null, permission, 'app://ui', { isMainFrame: true })).toBe(false)
      },
    )

    it('grants only the allowlist (clipboard-sanitized-write), and only to app://ui', () => {
      expect([...PERMISSION_ALLOWLIST]).toEqual(['clipboard-sanitized-write'])
      expect(ses.ask('clipboard-sanitized-write')).toBe(true)
      expect(ses.checkHandler!(null, 'clipboard-sanitized-write', 'app://ui', { isMainFrame: true })).toBe(true)
      expect(ses.ask('clipboard-sanitized-write', 'https://evil.example/')).toBe(false)
      expect(ses.checkHandler!(null, 'clipboard-sanitized-write', 'https://evil.example', { isMainFrame: true })).toBe(
        false,
      )
    })
  })

  describe('devices (USB, HID, serial)', () => {
    it('denies every device permission', () => {
      expect(ses.deviceHandler!({ deviceType: 'usb', origin: 'app://ui' })).toBe(false)
      expect(ses.deviceHandler!({ deviceType: 'hid', origin: 'app://ui' })).toBe(false)
      expect(ses.deviceHandler!({ deviceType: 'serial', origin: 'app://ui' })).toBe(false)
    })

    it('cancels HID, serial and USB selection with preventDefault', () => {
      const calls: unknown[][] = []
      for (const [event, args] of [
        ['select-hid-device', [{ deviceList: [{ deviceId: 'd1' }] }]],
        ['select-usb-device', [{ deviceList: [{ deviceId: 'u1' }] }]],
        ['select-serial-port', [[{ portId: 'p1' }], {}]],
      ] as const) {
        const e = fakeEvent()
        ses.emit(event, e, ...args, (...a: unknown[]) => calls.push([event, ...a]))
        expect(e.defaultPrevented, event).toBe(true)
      }
      expect(calls).toEqual([['select-hid-device'], ['select-usb-device'], ['select-serial-port', '']])
      expect(audit.kinds().filter((k) => k === 'device-denied')).toHaveLength(3)
    })
  })

  describe('downloads (C-21)', () => {
    it('always cancels will-download and audits it without the query string', () => {
      const e = fakeEvent()
      let cancelled = false
      const item = { getURL: () => 'https://x.example/file.csv?name=山田', cancel: () => (cancelled = true) }
      ses.emit('will-download', e, item, {}, null)
      expect(e.defaultPrevented).toBe(true)
      expect(cancelled).toBe(true)
      expect(audit.events).toContainEqual({ kind: 'download-cancelled', url: 'https://x.example/file.csv' })
    })

    it('denies restricted file-system access', () => {
      let action = ''
      ses.emit('file-system-access-restricted', fakeEvent(), {}, (a: string) => (action = a))
      expect(action).toBe('deny')
    })
  })

  describe('request filter (C-01)', () => {
    it('allows app://ui and the backend origin', () => {
      expect(ses.request('app://ui/index.html', 'mainFrame')).toEqual({})
      expect(ses.request(`${BACKEND}/api/v1/persons`)).toEqual({})
      expect(ses.request('wss://kaigo-api.city.example.lg.jp/events', 'webSocket')).toEqual({})
      expect(audit.events).toEqual([])
    })

    it.each([
      'https://evil.example/collect?mynumber=123456789012',
      'http://kaigo-api.city.example.lg.jp/api', // plain http to the right host
      'https://kaigo-api.city.example.lg.jp:8443/api', // other port
      'https://kaigo-api.city.example.lg.jp.evil.example/',
      'https://user@evil.example/',
      'file:///etc/passwd',
      'ftp://files.example/',
      'ws://kaigo-api.city.example.lg.jp/events',
      'app://other/index.html',
      'devtools://devtools/bundled/inspector.html',
    ])('cancels %s and reports it to the audit sink', (url) => {
      expect(ses.request(url)).toEqual({ cancel: true })
      expect(audit.events).toHaveLength(1)
      expect(audit.events[0]).toMatchObject({ kind: 'request-blocked', resourceType: 'xhr', webContentsId: 7 })
      expect(JSON.stringify(audit.events[0])).not.toContain('123456789012')
    })

    it('lets local data: and app-origin blob: URLs through (they never leave the machine)', () => {
      expect(isRequestAllowed('data:image/png;base64,AAAA', BACKEND)).toBe(true)
      expect(isRequestAllowed('blob:app://ui/8c7e-11', BACKEND)).toBe(true)
      expect(isRequestAllowed('blob:https://evil.example/8c7e-11', BACKEND)).toBe(false)
    })

    it('admits a loopback dev server only in unpackaged builds', () => {
      const dev = new FakeSession()
      hardenSession(
        asElectron<Session>(dev),
        { backendOrigin: BACKEND, isPackaged: false, devServerOrigin: 'http://localhost:5173' },
        new RecordingAudit(),
      )
      expect(dev.request('http://localhost:5173/src/main.tsx')).toEqual({})
      expect(dev.request('ws://localhost:5173/')).toEqual({})
      expect(dev.request('http://localhost:5174/')).toEqual({ cancel: true })
      expect(() =>
        hardenSession(
          asElectron<Session>(new FakeSession()),
          { backendOrigin: BACKEND, isPackaged: true, devServerOrigin: 'http://localhost:5173' },
          new RecordingAudit(),
        ),
      ).toThrow(/packaged/)
    })

    it('refuses a backend origin that is not https', () => {
      expect(() =>
        hardenSession(
          asElectron<Session>(new FakeSession()),
          { backendOrigin: 'http://x.example', isPackaged: true },
          audit,
        ),
      ).toThrow()
    })
  })
})
