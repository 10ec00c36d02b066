import { readFileSync } from 'node:fs'
import type { ServerConfig } from '../config'
import { readVerifiedCrl, type VerifiedCrl } from './crl'

export { normalSerial } from './crl'

export interface ServerTlsOptions {
  key: Buffer
  cert: Buffer
  ca: Buffer
  crl: Buffer
  requestCert: true
  rejectUnauthorized: true
  minVersion: 'TLSv1.2'
}

/**
 * HTTPS options: TLS 1.2 minimum (1.3 negotiated when both sides can), mutual TLS with the ward CA, and the
 * CA's revocation list checked on every handshake (controls C-02, C-03). There are no options without a CRL: a
 * CRL that is missing or does not verify against the client CA throws `CrlRefusedError` (core/http/crl.ts), so
 * the server does not start, and a reload (`reloadTls`) keeps the context in force. `notOlderThan`: the
 * thisUpdate of the list in force.
 */
export async function serverTlsOptions(
  tls: ServerConfig['tls'],
  notOlderThan?: Date,
): Promise<{ options: ServerTlsOptions; crl: VerifiedCrl }> {
  const ca = readFileSync(tls.clientCaPath)
  const crl = await readVerifiedCrl(tls.crlPath, ca, notOlderThan)
  return {
    options: {
      key: readFileSync(tls.keyPath),
      cert: readFileSync(tls.certPath),
      ca,
      crl: crl.pem,
      requestCert: true,
      rejectUnauthorized: true,
      minVersion: 'TLSv1.2',
    },
    crl,
  }
}
