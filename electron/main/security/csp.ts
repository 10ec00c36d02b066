// Change only with a security review.
// Content-Security-Policy of the renderer served from app://ui (docs/sources/electron-security.md §5.2, checklist
// item 7; control C-01).
//
// - script-src 'self': only the bundled scripts; no inline script, no eval, no remote script.
// - connect-src 'self': the renderer never talks to the network. 'self' is app://ui, i.e. the bundle itself (Vite's
//   modulepreload polyfill fetches chunks with fetch()); every backend call goes through main over typed IPC.
//   The session webRequest filter (session-hardening.ts) cancels anything else independently of the CSP.
// - style-src 'unsafe-inline': MUI's emotion injects <style> elements at runtime. Removing it needs an emotion cache
//   with a nonce, which is not in place; the risk is limited because script-src stays strict (no script injection).
// - img-src data: blob: for MUI icons and generated previews; no remote images.
// - Everything else ('none'): objects, frames, workers, manifests, media, base URI, form targets, embedding.

export const CSP_DIRECTIVES: Readonly<Record<string, readonly string[]>> = {
  'default-src': ["'none'"],
  'script-src': ["'self'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'frame-src': ["'none'"],
  'worker-src': ["'none'"],
  'media-src': ["'none'"],
  'manifest-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-ancestors': ["'none'"],
}

export function buildCsp(directives: Readonly<Record<string, readonly string[]>> = CSP_DIRECTIVES): string {
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${values.join(' ')}`)
    .join('; ')
}

/** The CSP header value sent by the app:// handler. A <meta> copy belongs in renderer/index.html. */
export const UI_CSP = buildCsp()
