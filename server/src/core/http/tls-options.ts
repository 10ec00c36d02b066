import { existsSync, readFileSync } from 'node:fs'
import 'reflect-metadata'
import * as x509 from '@peculiar/x509'
import type { ServerConfig } from '../config'

/**
 * HTTPS options: TLS 1.2 minimum (1.3 negotiated when both sides can), mutual TLS with the ward CA, and the
 * CA's revocation list checked on every handshake (controls C-02, C-03). Read again by `reloadTls` when the
 * CRL file changes, so a revoked terminal is refused without a restart.
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

/** Certificate serial numbers in one normal form (upper-case hex, no leading zeros) for comparisons. */
export const normalSerial = (serial: string) => serial.toUpperCase().replace(/^0+(?=.)/, '')

/** The serial numbers a PEM CRL revokes. */
export function revokedSerials(crlPem: string): Set<string> {
  const serials = new Set<string>()
  const blocks = crlPem.match(/-----BEGIN X509 CRL-----[\s\S]+?-----END X509 CRL-----/g) ?? []
  for (const block of blocks) {
    for (const entry of new x509.X509Crl(block).entries) serials.add(normalSerial(entry.serialNumber))
  }
  return serials
}
