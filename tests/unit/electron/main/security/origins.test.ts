import { describe, expect, it } from 'vitest'
import { redactUrl } from '../../../../../electron/main/security/audit'
import {
  devServerOriginFor,
  httpsOrigin,
  isAppUiUrl,
  isSameOrigin,
} from '../../../../../electron/main/security/origins'

describe('origin helpers (parse, never startsWith)', () => {
  it('recognises app://ui only', () => {
    expect(isAppUiUrl('app://ui/index.html')).toBe(true)
    expect(isAppUiUrl('app://ui')).toBe(true)
    expect(isAppUiUrl('app://ui.evil/index.html')).toBe(false)
    expect(isAppUiUrl('app://uix/')).toBe(false)
    expect(isAppUiUrl('app://evil@ui/')).toBe(false)
    expect(isAppUiUrl('https://ui/')).toBe(false)
    expect(isAppUiUrl('not a url')).toBe(false)
  })

  it('compares https origins exactly', () => {
    const o = 'https://api.example.lg.jp'
    expect(isSameOrigin('https://api.example.lg.jp/x', o)).toBe(true)
    expect(isSameOrigin('https://api.example.lg.jp:443/x', o)).toBe(true)
    expect(isSameOrigin('https://api.example.lg.jp.evil.example/x', o)).toBe(false)
    expect(isSameOrigin('http://api.example.lg.jp/x', o)).toBe(false)
  })

  it('normalises the backend origin and refuses anything but a bare https origin', () => {
    expect(httpsOrigin('https://API.example.lg.jp/')).toBe('https://api.example.lg.jp')
    expect(() => httpsOrigin('http://api.example.lg.jp')).toThrow()
    expect(() => httpsOrigin('https://api.example.lg.jp/v1')).toThrow()
    expect(() => httpsOrigin('https://u:p@api.example.lg.jp')).toThrow()
  })

  it('accepts a dev server only on loopback and only unpackaged', () => {
    expect(devServerOriginFor(false, 'http://localhost:5173/')).toBe('http://localhost:5173')
    expect(devServerOriginFor(true, undefined)).toBeUndefined()
    expect(() => devServerOriginFor(true, 'http://localhost:5173')).toThrow()
    expect(() => devServerOriginFor(false, 'http://10.0.0.1:5173')).toThrow()
  })

  it('redactUrl keeps origin and path, drops query and fragment (no personal data in the audit log)', () => {
    expect(redactUrl('https://evil.example/c?name=山田太郎&no=123#x')).toBe('https://evil.example/c')
    expect(redactUrl('data:text/plain,山田')).toBe('data:')
    expect(redactUrl('app://ui/index.html?x=1')).toBe('app://ui/index.html')
    expect(redactUrl('nonsense')).toBe('(invalid url)')
    expect(redactUrl('https://e.example/' + 'a'.repeat(500)).length).toBeLessThan(200)
  })
})
