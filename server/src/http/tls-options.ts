import { readFileSync, existsSync } from 'node:fs'
import type { ServerConfig } from '../config'

/**
 * HTTPS options: TLS 1.2 minimum (1.3 negotiated when both sides can), mutual TLS with the ward CA,
 * and the CA's revocation list checked on every handshake (controls C-02, C-03).
 */
export function serverTlsOptions(tls: ServerConfig['tls']) {
  return {
    key: readFileSync(tls.keyPath),
    cert: readFileSync(tls.certPath),
    ca: readFileSync(tls.clientCaPath),
    ...(existsSync(tls.crlPath) ? { crl: readFileSync(tls.crlPath) } : {}),
    requestCert: true,
    rejectUnauthorized: true,
    minVersion: 'TLSv1.2' as const,
  }
}
