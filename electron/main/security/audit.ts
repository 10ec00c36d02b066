// Change only with a security review.
// Security audit events raised by the guards in this folder.
//
// The sink is injected by the composition root (it writes the hash-chained audit log, docs/sources/electron-security.md §12).
// URLs are reduced with redactUrl() before they reach the sink: origin and path only, never query or fragment, so
// that a blocked exfiltration attempt does not copy personal data into the log.

export type DeviceKind = 'hid' | 'serial' | 'usb' | 'bluetooth'

export type SecurityEvent =
  | { kind: 'permission-denied'; permission: string; origin: string; phase: 'request' | 'check' }
  | { kind: 'device-denied'; device: DeviceKind }
  | { kind: 'download-cancelled'; url: string }
  | { kind: 'file-system-access-denied' }
  | { kind: 'request-blocked'; url: string; resourceType: string; webContentsId: number | null } // control C-01
  | { kind: 'navigation-blocked'; via: 'will-navigate' | 'will-frame-navigate' | 'will-redirect'; url: string }
  | { kind: 'window-open-blocked'; url: string }
  | { kind: 'webview-blocked' }
  | { kind: 'devtools-closed' }
  | { kind: 'certificate-rejected'; hostname: string; reason: 'host' | 'verification' | 'pin' } // control C-03
  | { kind: 'client-certificate-not-found'; origin: string } // control C-02
  | { kind: 'render-process-gone'; reason: string; action: 'reload-login' | 'gave-up' }
  | { kind: 'ipc-refused'; channel: string; reason: 'untrustedSender' | 'unknownChannel' | 'invalidRequest' } // checklist item 17
  | { kind: 'export-refused'; requestId: number; reason: string } // controls C-21, C-22 (reason: policy, removable, network, server code)
  | { kind: 'print-refused'; printer: string; reason: 'virtual' | 'notAllowlisted' | 'unknownPrinter' } // control C-28
  | { kind: 'storage-unprotected'; reason: string; effect: 'memory-only' | 'new-key' } // control C-07: no OS key store, or a data key that does not unwrap

export type SecurityAuditSink = { record(event: SecurityEvent): void }

/** Origin and path of a URL (path capped at 128 characters); never the query or the fragment. */
export function redactUrl(raw: string): string {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return '(invalid url)'
  }
  if (url.protocol === 'data:' || url.protocol === 'blob:' || url.protocol === 'javascript:') return url.protocol
  const origin = url.origin !== 'null' ? url.origin : `${url.protocol}//${url.host}`
  const path = url.pathname.length > 128 ? url.pathname.slice(0, 128) + '…' : url.pathname
  return origin + path
}
