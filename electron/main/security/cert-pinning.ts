// Change only with a security review.
// SPKI pinning of the backend on the Chromium stack (docs/sources/electron-security.md §7.1; control C-03).
// Install on the dedicated backend session at 'ready', BEFORE the first request: results are cached by the network
// service and connections made before the proc is set stay cached (https://github.com/electron/electron/issues/41448).
import { X509Certificate, createHash } from 'node:crypto'
import type { Session } from 'electron'
import type { SecurityAuditSink } from './audit'

/** base64 SHA-256 of the DER SubjectPublicKeyInfo: the same value as sha256(peer.pubkey) on the Node stack. */
export function spkiSha256(pem: string): string {
  const spki = new X509Certificate(pem).publicKey.export({ type: 'spki', format: 'der' })
  return createHash('sha256').update(spki).digest('base64')
}

/** The parts of Electron's certificate-verify Request that the decision needs. */
export type PinVerifyRequest = {
  hostname: string
  verificationResult: string
  certificate: PinCertificate
}
type PinCertificate = { data: string; issuerCert?: PinCertificate | null }

export type PinDecision = { result: -2 | -3; reason?: 'host' | 'verification' | 'pin' }

const MAX_CHAIN = 10

/** Pure decision. -2 reject; -3 defer to Chromium's own verdict, so chain validation and CT still apply. */
export function decideBackendCert(req: PinVerifyRequest, backendHost: string, pins: readonly string[]): PinDecision {
  if (req.hostname.toLowerCase() !== backendHost.toLowerCase()) return { result: -2, reason: 'host' } // one host only
  if (req.verificationResult !== 'OK') return { result: -2, reason: 'verification' }
  const seen = new Set<string>()
  let c: PinCertificate | null | undefined = req.certificate
  for (let depth = 0; c && depth < MAX_CHAIN && !seen.has(c.data); depth++, c = c.issuerCert) {
    seen.add(c.data)
    let pin: string
    try {
      pin = spkiSha256(c.data)
    } catch {
      continue // unparsable certificate in the chain: cannot match a pin
    }
    if (pins.includes(pin)) return { result: -3 } // pin on the leaf, an intermediate or our CA
  }
  return { result: -2, reason: 'pin' }
}

export function verifyBackendCert(req: PinVerifyRequest, backendHost: string, pins: readonly string[]): -2 | -3 {
  return decideBackendCert(req, backendHost, pins).result
}

export function installPinning(
  ses: Pick<Session, 'setCertificateVerifyProc'>,
  backend: { host: string; pins: readonly string[] },
  audit: SecurityAuditSink,
): void {
  if (backend.pins.length === 0) throw new Error('at least one SPKI pin is required')
  ses.setCertificateVerifyProc((req, callback) => {
    const d = decideBackendCert(req, backend.host, backend.pins)
    if (d.reason) audit.record({ kind: 'certificate-rejected', hostname: req.hostname, reason: d.reason })
    callback(d.result)
  })
}
