import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { UI_CSP } from '../../../../../electron/main/security/csp'

const html = readFileSync(fileURLToPath(new URL('../../../../../renderer/index.html', import.meta.url)), 'utf8')

// Checklist 7: the CSP travels as a header (app://, loopback bridge) and, as defence in depth, in a <meta>.
describe('the CSP <meta> of renderer/index.html', () => {
  it('is the header policy without frame-ancestors (which browsers ignore in a <meta>)', () => {
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1]
    const header = UI_CSP.split(';')
      .map((d) => d.trim())
      .filter((d) => !d.startsWith('frame-ancestors'))
      .join('; ')
    expect(meta).toBe(header)
  })
})
