import https from 'node:https'
import type { TLSSocket } from 'node:tls'
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createCertificateAuthority } from '../../server/src/pki/dev-pki'
import { startTestServer, type TestServer } from './support/test-server'

/** A raw GET /api/v1/meta with the given client credentials; resolves to the status or rejects on a refused handshake. */
function rawGet(t: TestServer, client: { cert?: string; key?: string }): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = https.request(
      new URL('/api/v1/meta', t.server.origin),
      { ca: readFileSync(t.pki.caCert), ...client, agent: false, minVersion: 'TLSv1.2' },
      (res) => {
        res.resume()
        res.on('end', () => resolve(res.statusCode ?? 0))
      },
    )
    req.on('error', reject)
    req.end()
  })
}

// control C-02: only terminals holding a certificate of the ward CA may connect.
describe('mutual TLS at the server', () => {
  let t: TestServer
  beforeAll(async () => {
    t = await startTestServer('pglite', 100)
  })
  afterAll(() => t.close())

  it('accepts a terminal certificate issued by the ward CA', async () => {
    const status = await rawGet(t, {
      cert: readFileSync(t.pki.terminalCert, 'utf8'),
      key: readFileSync(t.pki.terminalKey, 'utf8'),
    })
    expect(status).toBe(200)
  })

  it('refuses a handshake without a client certificate', async () => {
    await expect(rawGet(t, {})).rejects.toThrow()
  })

  it('refuses a client certificate issued by another CA', async () => {
    const otherCa = await createCertificateAuthority('some other CA')
    const foreign = await otherCa.issue('client', 'KD-FOREIGN-0001')
    await expect(rawGet(t, { cert: foreign.certPem, key: foreign.keyPem })).rejects.toThrow()
  })

  it('negotiates TLS 1.2 or later', async () => {
    const protocol = await new Promise<string | null>((resolve, reject) => {
      const req = https.request(
        new URL('/api/v1/meta', t.server.origin),
        {
          ca: readFileSync(t.pki.caCert),
          cert: readFileSync(t.pki.terminalCert),
          key: readFileSync(t.pki.terminalKey),
          agent: false,
        },
        (res) => {
          resolve((res.socket as TLSSocket).getProtocol())
          res.resume()
        },
      )
      req.on('error', reject)
      req.end()
    })
    expect(['TLSv1.2', 'TLSv1.3']).toContain(protocol)
  })
})
