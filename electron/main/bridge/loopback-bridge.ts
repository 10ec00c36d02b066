/**
 * The loopback bridge: exposes exactly the IPC contract over HTTP on 127.0.0.1 so the renderer can run in a
 * plain Chromium (browser mode / 検証モード, and the E2E tests) against the real main-process services.
 * It serves the built renderer and answers POST /__bridge/ipc/<channel>, only
 *  - on the loopback interface, with a Host header naming it (no DNS rebinding),
 *  - from its own origin (no cross-site requests), and
 *  - with the per-launch token that the launcher passes in the URL fragment (never in a request URL).
 * Main → renderer events (C-31) are served by long-poll on POST /__bridge/events under the same checks.
 * Test hooks (POST /__bridge/test/<name>) exist only when the headless main passes them (KAIGO_E2E=1).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { readFile } from 'node:fs/promises'
import { extname, join, normalize, sep } from 'node:path'
import type { IpcRouter } from '../ipc/router'
import type { RendererEventRecord } from '../services/lock/renderer-events'

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
}

const MAX_BODY = 64 * 1024

export interface LoopbackBridgeOptions {
  router: IpcRouter
  rendererDir: string
  contentSecurityPolicy: string
  port?: number
  token?: string
  /** Main → renderer events (long-poll). */
  events?: {
    readonly cursor: number
    wait(after: number, timeoutMs: number): Promise<RendererEventRecord[]>
    release(): void
  }
  /** Long-poll timeout; default 25 s. */
  eventWaitMs?: number
  /** E2E only (KAIGO_E2E=1): named hooks the test drives, e.g. the fake idle source. Never set in production. */
  testHooks?: Readonly<Record<string, (payload: unknown) => Promise<unknown>>>
  /** Told about every accepted IPC call (browser mode's idle source counts them as activity). */
  onIpc?(channel: string): void
}

export interface LoopbackBridge {
  server: Server
  origin: string
  token: string
  /** The URL to open: the token travels in the fragment, which browsers never send. */
  launchUrl: string
  close(): Promise<void>
}

const sameToken = (a: string, b: string) => {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer, csp?: string) {
  res.statusCode = status
  res.setHeader('content-type', type)
  res.setHeader('cache-control', 'no-store')
  res.setHeader('x-content-type-options', 'nosniff')
  res.setHeader('referrer-policy', 'no-referrer')
  res.setHeader('cross-origin-opener-policy', 'same-origin')
  res.setHeader('x-frame-options', 'DENY')
  if (csp) res.setHeader('content-security-policy', csp)
  res.end(body)
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    size += (chunk as Buffer).length
    if (size > MAX_BODY) throw new Error('too large')
    chunks.push(chunk as Buffer)
  }
  return Buffer.concat(chunks).toString('utf8')
}

export async function startLoopbackBridge(options: LoopbackBridgeOptions): Promise<LoopbackBridge> {
  const token = options.token ?? randomBytes(24).toString('base64url')
  const root = normalize(options.rendererDir)
  let origin = ''

  const server = createServer((req, res) => {
    void (async () => {
      const host = req.headers.host ?? ''
      if (`http://${host}` !== origin) return send(res, 421, 'text/plain', 'misdirected')
      const url = new URL(req.url ?? '/', origin)

      if (url.pathname.startsWith('/__bridge/')) {
        if (req.method !== 'POST') return send(res, 405, 'text/plain', 'method not allowed')
        if (req.headers.origin !== origin) return send(res, 403, 'text/plain', 'forbidden origin')
        const presented = String(req.headers['x-kaigo-bridge-token'] ?? '')
        if (!sameToken(presented, token)) return send(res, 403, 'text/plain', 'forbidden')
        if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) {
          return send(res, 415, 'text/plain', 'unsupported media type')
        }
        let payload: unknown
        try {
          payload = JSON.parse((await readBody(req)) || '{}')
        } catch {
          return send(
            res,
            400,
            'application/json',
            JSON.stringify({ ok: false, code: 'invalidRequest', message: '不正な要求です' }),
          )
        }
        if (url.pathname.startsWith('/__bridge/ipc/')) {
          const channel = decodeURIComponent(url.pathname.slice('/__bridge/ipc/'.length))
          options.onIpc?.(channel)
          const result = await options.router.dispatch(channel, payload, { kind: 'bridge' })
          return send(res, 200, 'application/json', JSON.stringify(result))
        }
        if (url.pathname === '/__bridge/events' && options.events) {
          // control C-31: {after: null} answers the current cursor at once; {after: n} waits for events after n.
          const after = (payload as { after?: unknown } | null)?.after
          const events = options.events
          if (typeof after !== 'number' || !Number.isInteger(after) || after < 0 || after > events.cursor) {
            return send(res, 200, 'application/json', JSON.stringify({ cursor: events.cursor, events: [] }))
          }
          const found = await events.wait(after, options.eventWaitMs ?? 25_000)
          const cursor = found.length > 0 ? found[found.length - 1]!.seq : Math.max(after, 0)
          return send(res, 200, 'application/json', JSON.stringify({ cursor, events: found }))
        }
        const hookName = url.pathname.startsWith('/__bridge/test/') ? url.pathname.slice('/__bridge/test/'.length) : ''
        const hook = hookName && options.testHooks && Object.hasOwn(options.testHooks, hookName)
        if (hook) {
          const result = await options.testHooks![hookName]!(payload)
          return send(res, 200, 'application/json', JSON.stringify(result ?? {}))
        }
        return send(res, 404, 'text/plain', 'not found')
      }

      if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain', 'method not allowed')
      const relative = url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname).replace(/^\/+/, '')
      const file = normalize(join(root, relative))
      if (!file.startsWith(root + sep)) return send(res, 404, 'text/plain', 'not found')
      try {
        const body = await readFile(file)
        return send(res, 200, MIME[extname(file)] ?? 'application/octet-stream', body, options.contentSecurityPolicy)
      } catch {
        // Client-side routes fall back to the app shell.
        if (!extname(file)) {
          const body = await readFile(join(root, 'index.html'))
          return send(res, 200, MIME['.html']!, body, options.contentSecurityPolicy)
        }
        return send(res, 404, 'text/plain', 'not found')
      }
    })().catch(() => send(res, 500, 'text/plain', 'internal error'))
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve())
  })
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  origin = `http://127.0.0.1:${port}`
  return {
    server,
    origin,
    token,
    launchUrl: `${origin}/#bridge=${token}`,
    close: () =>
      new Promise((resolve) => {
        options.events?.release()
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
