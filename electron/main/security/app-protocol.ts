// Change only with a security review.
// The app:// scheme that serves the built renderer (docs/sources/electron-security.md §2, checklist items 1, 7, 18):
// no file://, no remote content.
//
// index.ts (composition root):
//   before 'ready':  protocol.registerSchemesAsPrivileged(appSchemePrivileges())
//   after 'ready':   protocol.handle(APP_SCHEME, createAppProtocolHandler({ rootDir, readFile }))
//                    win.loadURL(UI_ENTRY_URL)
import nodePath from 'node:path'
import type { CustomScheme } from 'electron'
import { UI_CSP } from './csp'
import { APP_SCHEME, UI_HOST } from './origins'

/**
 * Privileges of app://. standard + secure give it a real origin (app://ui) for CSP 'self' and a secure context;
 * supportFetchAPI lets the bundle fetch its own chunks. No bypassCSP, no service workers, no CORS, no streaming.
 */
export function appSchemePrivileges(): CustomScheme[] {
  return [{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]
}

const MIME: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
}

export function contentTypeOf(file: string): string {
  return MIME[nodePath.extname(file).toLowerCase()] ?? 'application/octet-stream'
}

/** Headers on every app:// response. nosniff makes the Content-Type authoritative. */
export function securityHeaders(contentType: string, csp: string = UI_CSP): Record<string, string> {
  return {
    'content-type': contentType,
    'content-security-policy': csp,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
    'cache-control': 'no-store',
  }
}

type PathApi = Pick<typeof nodePath.posix, 'resolve' | 'relative' | 'isAbsolute' | 'sep'>

/**
 * Maps an app:// URL to a file under rootDir, or null when the URL is not ours or would leave rootDir.
 * Rejects: other hosts, encoded or literal `..` escapes, backslashes, colons, NUL, malformed escapes.
 */
export function resolveUiPath(rawUrl: string, rootDir: string, pathApi: PathApi = nodePath): string | null {
  let url: URL
  try {
    url = new URL(rawUrl)
  } catch {
    return null
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== UI_HOST || url.username || url.password) return null
  let rel: string
  try {
    rel = decodeURIComponent(url.pathname)
  } catch {
    return null // malformed %-escape
  }
  // NUL; backslash (a separator on Windows); colon (drive letters, NTFS alternate data streams)
  if (rel.includes('\0') || rel.includes('\\') || rel.includes(':')) return null
  if (rel === '/' || rel === '') rel = '/index.html'
  const root = pathApi.resolve(rootDir)
  const file = pathApi.resolve(root, '.' + rel)
  const inside = pathApi.relative(root, file)
  if (inside === '' || inside === '..' || inside.startsWith('..' + pathApi.sep) || pathApi.isAbsolute(inside)) {
    return null
  }
  return file
}

export type AppProtocolHandlerDeps = {
  /** Absolute path of the built renderer (out/renderer inside the asar). */
  rootDir: string
  /** Injected file reader (node:fs/promises readFile in production). */
  readFile(file: string): Promise<Uint8Array>
  /** Defaults to UI_CSP. */
  csp?: string
  /** path.posix or path.win32; defaults to the platform's. */
  pathApi?: PathApi
}

/** The handler for protocol.handle('app', …). */
export function createAppProtocolHandler(deps: AppProtocolHandlerDeps): (request: Request) => Promise<Response> {
  const csp = deps.csp ?? UI_CSP
  const plain = (status: number) =>
    new Response(null, { status, headers: securityHeaders('text/plain; charset=utf-8', csp) })
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405)
    const file = resolveUiPath(request.url, deps.rootDir, deps.pathApi)
    if (file === null) return plain(404)
    let body: Uint8Array
    try {
      body = await deps.readFile(file)
    } catch {
      return plain(404) // missing file or a directory; never reveal the path
    }
    const headers = securityHeaders(contentTypeOf(file), csp)
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers })
  }
}
