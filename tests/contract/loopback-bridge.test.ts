import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { startLoopbackBridge, type LoopbackBridge } from '../../electron/main/bridge/loopback-bridge'
import { assertLoopbackBackend } from '../../electron/main/headless-main'

interface Reply {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

/** A raw HTTP request, so Host and Origin can be anything (fetch would not let us forge them). */
function raw(
  bridge: LoopbackBridge,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string,
): Promise<Reply> {
  const url = new URL(bridge.origin)
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: url.port, method, path, headers }, (res) => {
      let text = ''
      res.on('data', (c: Buffer) => (text += c.toString('utf8')))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }))
    })
    req.on('error', reject)
    if (body) req.write(body)
    req.end()
  })
}

// docs/decisions/0002: the bridge exposes exactly the IPC contract, to its own page only.
describe('the loopback bridge', () => {
  let bridge: LoopbackBridge
  const dispatch = vi.fn(async (channel: string) => ({ ok: true as const, value: { channel } }))
  let host: string
  const ipc = (headers: Record<string, string>, channel = 'auth.currentUser') =>
    raw(bridge, 'POST', `/__bridge/ipc/${channel}`, { 'content-type': 'application/json', ...headers }, '{}')

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kaigo-bridge-'))
    mkdirSync(join(dir, 'assets'))
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>kaigo</title>')
    writeFileSync(join(dir, 'assets', 'app.js'), 'console.log(1)')
    writeFileSync(join(tmpdir(), 'kaigo-bridge-secret.txt'), 'secret')
    bridge = await startLoopbackBridge({
      router: { dispatch },
      rendererDir: dir,
      contentSecurityPolicy: "default-src 'self'",
    })
    host = new URL(bridge.origin).host
  })
  afterAll(() => bridge.close())

  it('listens on 127.0.0.1 only and puts the token in the URL fragment', () => {
    expect(bridge.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(bridge.launchUrl).toBe(`${bridge.origin}/#bridge=${bridge.token}`)
  })

  it('serves the renderer with the CSP and no-store, and falls back to index.html for app routes', async () => {
    const index = await raw(bridge, 'GET', '/', { host })
    expect(index.status).toBe(200)
    expect(index.headers['content-security-policy']).toBe("default-src 'self'")
    expect(index.headers['cache-control']).toBe('no-store')
    expect((await raw(bridge, 'GET', '/assets/app.js', { host })).headers['content-type']).toContain('text/javascript')
    expect((await raw(bridge, 'GET', '/persons/12', { host })).body).toContain('<title>kaigo</title>')
  })

  it('refuses path traversal out of the renderer directory', async () => {
    for (const path of [
      '/../kaigo-bridge-secret.txt',
      '/%2e%2e/kaigo-bridge-secret.txt',
      '/assets/..%2f..%2fkaigo-bridge-secret.txt',
    ]) {
      const res = await raw(bridge, 'GET', path, { host })
      expect(res.body).not.toContain('secret')
    }
  })

  it('dispatches a call with the right token, origin and host to the router as the bridge sender', async () => {
    const res = await ipc({ host, origin: bridge.origin, 'x-kaigo-bridge-token': bridge.token })
    expect(res.status).toBe(200)
    expect(JSON.parse(res.body)).toEqual({ ok: true, value: { channel: 'auth.currentUser' } })
    expect(dispatch).toHaveBeenLastCalledWith('auth.currentUser', {}, { kind: 'bridge' })
  })

  it.each<[string, Record<string, string>, number]>([
    ['without the token', { origin: 'SELF' }, 403],
    ['with a wrong token', { origin: 'SELF', 'x-kaigo-bridge-token': 'wrong' }, 403],
    [
      'from another origin (cross-site request)',
      { origin: 'https://example.com', 'x-kaigo-bridge-token': 'TOKEN' },
      403,
    ],
    ['without an Origin header', { 'x-kaigo-bridge-token': 'TOKEN' }, 403],
    [
      'with a foreign Host header (DNS rebinding)',
      { host: 'attacker.example:80', origin: 'SELF', 'x-kaigo-bridge-token': 'TOKEN' },
      421,
    ],
  ])('refuses a call %s', async (_name, headers, status) => {
    dispatch.mockClear()
    const filled = Object.fromEntries(
      Object.entries({ host, ...headers }).map(([k, v]) => [
        k,
        v.replace('SELF', bridge.origin).replace('TOKEN', bridge.token),
      ]),
    )
    expect((await ipc(filled)).status).toBe(status)
    expect(dispatch).not.toHaveBeenCalled()
  })

  it('refuses GET on the IPC path and non-JSON bodies', async () => {
    expect((await raw(bridge, 'GET', '/__bridge/ipc/auth.currentUser', { host })).status).toBe(405)
    const res = await raw(
      bridge,
      'POST',
      '/__bridge/ipc/auth.currentUser',
      { host, origin: bridge.origin, 'x-kaigo-bridge-token': bridge.token, 'content-type': 'text/plain' },
      '{}',
    )
    expect(res.status).toBe(415)
  })
})

describe('browser mode talks only to a loopback backend', () => {
  it.each(['https://127.0.0.1:8443', 'https://localhost:8443', 'https://[::1]:8443'])('accepts %s', (origin) => {
    expect(() => assertLoopbackBackend(origin)).not.toThrow()
  })
  it.each([
    'https://kaigo.example.lg.jp',
    'https://10.0.0.5:8443',
    'http://127.0.0.1:8443',
    'https://127.0.0.1.example.com',
  ])('refuses %s', (origin) => {
    expect(() => assertLoopbackBackend(origin)).toThrow(/ループバック/)
  })
})
