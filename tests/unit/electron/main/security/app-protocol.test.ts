import nodePath from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  appSchemePrivileges,
  contentTypeOf,
  createAppProtocolHandler,
  resolveUiPath,
} from '../../../../../electron/main/security/app-protocol'
import { UI_CSP } from '../../../../../electron/main/security/csp'

const ROOT = '/opt/kaigo-desk/resources/app.asar/out/renderer'

function fakeReader(files: Record<string, string>) {
  const reads: string[] = []
  return {
    reads,
    readFile: async (file: string) => {
      reads.push(file)
      const body = files[file]
      if (body === undefined) throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' })
      return new TextEncoder().encode(body)
    },
  }
}

describe('app:// scheme (checklist 1, 18)', () => {
  it('registers app as a standard, secure scheme without CSP bypass or service workers', () => {
    const [scheme] = appSchemePrivileges()
    expect(scheme!.scheme).toBe('app')
    expect(scheme!.privileges).toMatchObject({ standard: true, secure: true, supportFetchAPI: true })
    expect(scheme!.privileges!.bypassCSP).toBeFalsy()
    expect(scheme!.privileges!.allowServiceWorkers).toBeFalsy()
    expect(scheme!.privileges!.corsEnabled).toBeFalsy()
  })

  it('serves index.html for app://ui/ with the CSP header and nosniff', async () => {
    const fs = fakeReader({ [`${ROOT}/index.html`]: '<!doctype html>' })
    const handle = createAppProtocolHandler({ rootDir: ROOT, readFile: fs.readFile, pathApi: nodePath.posix })
    const res = await handle(new Request('app://ui/'))
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(res.headers.get('content-security-policy')).toBe(UI_CSP)
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(await res.text()).toBe('<!doctype html>')
  })

  it('serves assets with the right MIME types', async () => {
    const fs = fakeReader({
      [`${ROOT}/assets/index-abc.js`]: 'export {}',
      [`${ROOT}/assets/index-abc.css`]: 'body{}',
      [`${ROOT}/assets/roboto.woff2`]: 'x',
    })
    const handle = createAppProtocolHandler({ rootDir: ROOT, readFile: fs.readFile, pathApi: nodePath.posix })
    expect((await handle(new Request('app://ui/assets/index-abc.js'))).headers.get('content-type')).toBe(
      'text/javascript; charset=utf-8',
    )
    expect((await handle(new Request('app://ui/assets/index-abc.css'))).headers.get('content-type')).toBe(
      'text/css; charset=utf-8',
    )
    expect((await handle(new Request('app://ui/assets/roboto.woff2'))).headers.get('content-type')).toBe('font/woff2')
    expect(contentTypeOf('x.SVG')).toBe('image/svg+xml')
    expect(contentTypeOf('x.unknown')).toBe('application/octet-stream')
  })

  it.each([
    'app://ui/..%2f..%2f..%2fetc%2fpasswd',
    'app://ui/%2e%2e%2f%2e%2e%2fsecret',
    'app://ui/assets/..%2F..%2F..%2F..%2Fetc%2Fshadow',
    'app://ui/..%5c..%5cwindows%5csystem32',
    'app://ui/index.html%00.png',
    'app://ui/%E0%A4%A',
  ])('refuses path traversal and malformed paths: %s', async (url) => {
    const fs = fakeReader({})
    const handle = createAppProtocolHandler({ rootDir: ROOT, readFile: fs.readFile, pathApi: nodePath.posix })
    const res = await handle(new Request(url))
    expect(res.status).toBe(404)
    for (const read of fs.reads) expect(read.startsWith(ROOT + '/')).toBe(true)
  })

  it('never reads outside the root, also with Windows paths', () => {
    const root = 'C:\\Program Files\\kaigo-desk\\resources\\app.asar\\out\\renderer'
    expect(resolveUiPath('app://ui/assets/a.js', root, nodePath.win32)).toBe(`${root}\\assets\\a.js`)
    expect(resolveUiPath('app://ui/..%2f..%2f..%2fwindows%2fwin.ini', root, nodePath.win32)).toBeNull()
    expect(resolveUiPath('app://ui/..%5cwin.ini', root, nodePath.win32)).toBeNull()
    expect(resolveUiPath('app://ui/C:%2fwindows%2fwin.ini', root, nodePath.win32)).toBeNull()
    expect(resolveUiPath('app://ui/index.html::$DATA', root, nodePath.win32)).toBeNull()
  })

  it('serves other hosts and other schemes nothing', async () => {
    const fs = fakeReader({ [`${ROOT}/index.html`]: 'x' })
    const handle = createAppProtocolHandler({ rootDir: ROOT, readFile: fs.readFile, pathApi: nodePath.posix })
    expect((await handle(new Request('app://evil/index.html'))).status).toBe(404)
    expect(resolveUiPath('file:///etc/passwd', ROOT, nodePath.posix)).toBeNull()
    expect(resolveUiPath('app://user@ui/index.html', ROOT, nodePath.posix)).toBeNull()
    expect(fs.reads).toEqual([])
  })

  it('answers 404 for a missing file without revealing the path, and 405 for writes', async () => {
    const fs = fakeReader({})
    const handle = createAppProtocolHandler({ rootDir: ROOT, readFile: fs.readFile, pathApi: nodePath.posix })
    const missing = await handle(new Request('app://ui/nope.js'))
    expect(missing.status).toBe(404)
    expect(await missing.text()).toBe('')
    expect((await handle(new Request('app://ui/index.html', { method: 'POST', body: 'x' }))).status).toBe(405)
  })
})
