// Change only with a security review.
// Client certificate selection for mutual TLS on the Chromium stack (docs/sources/electron-security.md §7.1; control C-02).
// Without preventDefault() Electron uses the FIRST certificate of the store; we always pick ourselves, by the SHA-256
// fingerprint from the terminal policy, and answer nothing for any origin other than the backend.
import { createHash } from 'node:crypto'
import type { App, Certificate } from 'electron'
import type { SecurityAuditSink } from './audit'
import { httpsOrigin } from './origins'

export type ClientCertSelectionConfig = {
  /** https://host[:port] of the backend. */
  backendOrigin: string
  /** Lower-case hex SHA-256 of the certificate's DER encoding (TerminalPolicy.clientCertificate.sha256). */
  sha256: string
}

type OfferedCertificate = Pick<Certificate, 'data' | 'validStart' | 'validExpiry'>

/** Lower-case hex SHA-256 of a PEM certificate's DER bytes. */
export function derSha256Hex(pem: string): string {
  const b64 = pem.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, '')
  return createHash('sha256').update(Buffer.from(b64, 'base64')).digest('hex')
}

/** The offered certificate with the configured fingerprint that is valid now; never "the first one". */
export function pickClientCert<C extends OfferedCertificate>(
  list: readonly C[],
  sha256: string,
  nowSeconds: number = Date.now() / 1000,
): C | undefined {
  const want = sha256.replace(/[\s:]/g, '').toLowerCase()
  return list.find((c) => derSha256Hex(c.data) === want && c.validStart <= nowSeconds && nowSeconds <= c.validExpiry)
}

function originOf(url: string): string | null {
  try {
    return new URL(url).origin
  } catch {
    return null
  }
}

export function installClientCertSelection(
  app: Pick<App, 'on'>,
  cfg: ClientCertSelectionConfig,
  audit: SecurityAuditSink,
  now: () => number = () => Date.now() / 1000,
): void {
  const backend = httpsOrigin(cfg.backendOrigin)
  app.on('select-client-certificate', (event, _wc, url, list, callback) => {
    event.preventDefault()
    const origin = originOf(url)
    const cert = origin === backend ? pickClientCert(list, cfg.sha256, now()) : undefined
    if (!cert) audit.record({ kind: 'client-certificate-not-found', origin: origin ?? '(invalid url)' })
    callback(cert)
  })
}
