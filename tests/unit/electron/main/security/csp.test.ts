import { describe, expect, it } from 'vitest'
import { UI_CSP, buildCsp } from '../../../../../electron/main/security/csp'

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .map(([name, ...values]) => [name!, values]),
  )
}

describe('UI content security policy (checklist 7, C-01)', () => {
  const d = directives(UI_CSP)

  it('denies by default', () => {
    expect(d.get('default-src')).toEqual(["'none'"])
  })

  it("allows only the bundle's own scripts: no inline, no eval, no remote", () => {
    expect(d.get('script-src')).toEqual(["'self'"])
    expect(UI_CSP).not.toMatch(/unsafe-eval|wasm-unsafe-eval|strict-dynamic|https?:/)
  })

  it("lets the renderer connect to its own origin only — never to the network (connect-src 'self')", () => {
    expect(d.get('connect-src')).toEqual(["'self'"])
  })

  it('allows inline styles only (MUI/emotion), never inline script', () => {
    expect(d.get('style-src')).toEqual(["'self'", "'unsafe-inline'"])
    expect(d.get('script-src')).not.toContain("'unsafe-inline'")
  })

  it('forbids objects, frames, workers, base-uri changes, form posts and being framed', () => {
    for (const name of ['object-src', 'frame-src', 'worker-src', 'base-uri', 'form-action', 'frame-ancestors']) {
      expect(d.get(name), name).toEqual(["'none'"])
    }
  })

  it('buildCsp serialises a directive map', () => {
    expect(buildCsp({ 'default-src': ["'none'"], 'img-src': ["'self'", 'data:'] })).toBe(
      "default-src 'none'; img-src 'self' data:",
    )
  })
})
