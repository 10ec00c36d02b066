// Change only with a security review.
// The origins the app trusts.
//
// URLs are always parsed with `new URL`, never compared with startsWith (docs/sources/electron-security.md §5.3).

export const APP_SCHEME = 'app'
export const UI_HOST = 'ui'
/** Where the renderer is served from (app-protocol.ts). */
export const UI_ORIGIN = `${APP_SCHEME}://${UI_HOST}`
export const UI_ENTRY_URL = `${UI_ORIGIN}/index.html`

function parse(raw: string): URL | null {
  try {
    return new URL(raw)
  } catch {
    return null
  }
}

/** True for `app://ui/...` only. (`new URL('app://ui').origin` is "null" in Node, so compare scheme and host.) */
export function isAppUiUrl(raw: string): boolean {
  const url = parse(raw)
  return url !== null && url.protocol === `${APP_SCHEME}:` && url.host === UI_HOST && url.username === ''
}

/** Normalises an https origin; throws on anything else (including paths, credentials, http). */
export function httpsOrigin(raw: string): string {
  const url = parse(raw)
  if (!url || url.protocol !== 'https:' || url.username || url.password) throw new Error(`not an https origin: ${raw}`)
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash)
    throw new Error(`origin has a path: ${raw}`)
  return url.origin
}

/** True when `raw` is an http(s)/ws(s) URL on exactly `origin` (https) — wss on the same host and port counts too. */
export function isSameOrigin(raw: string, origin: string): boolean {
  const url = parse(raw)
  if (!url) return false
  if (url.protocol === 'https:') return url.origin === origin
  if (url.protocol === 'wss:') return `https://${url.host}` === origin
  return false
}

/** Dev-only origin of the Vite dev server; refused in packaged builds. */
export function devServerOriginFor(isPackaged: boolean, devServerOrigin: string | undefined): string | undefined {
  if (devServerOrigin === undefined) return undefined
  if (isPackaged) throw new Error('a dev server origin must not be configured in a packaged build')
  const url = parse(devServerOrigin)
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) throw new Error('bad dev server origin')
  if (url.hostname !== 'localhost' && url.hostname !== '127.0.0.1') throw new Error('dev server must be on loopback')
  return url.origin
}

/** Whether `raw` is on the dev server origin (http, https, ws for HMR). */
export function isDevServerUrl(raw: string, devOrigin: string | undefined): boolean {
  if (!devOrigin) return false
  const url = parse(raw)
  if (!url) return false
  const dev = new URL(devOrigin)
  const sameHost = url.host === dev.host
  if (url.protocol === dev.protocol) return sameHost
  return sameHost && url.protocol === (dev.protocol === 'https:' ? 'wss:' : 'ws:')
}
