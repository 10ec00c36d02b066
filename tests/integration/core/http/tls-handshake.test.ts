import https from 'node:https'
import tls, { type TLSSocket } from 'node:tls'
import { readFileSync } from 'node:fs'
import { desc, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { auditLog } from '../../../../server/src/core/db/schema'
import {
  createCertificateAuthority,
  issueTerminalCertificate,
  writeRevocationList,
  type IssuedCertificate,
} from '../../../../server/src/demo/dev-pki'
import { signIn } from '../../support/accounts'
import { terminalClient } from '../../support/clients'
import { startTestServer, type TestServer } from '../../support/test-server'

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

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

// control C-02: only terminals holding a valid, unrevoked certificate of the ward CA may connect.
describe('mutual TLS at the server', () => {
  let t: TestServer
  beforeAll(async () => {
    t = await startTestServer('pglite', 100, { env: { KAIGO_TLS_RELOAD_SECONDS: '1' } })
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

  it('records the terminal (certificate CN) with every audited request and every log line', async () => {
    const second = await issueTerminalCertificate(t.pki, 'KD-TEST-0042')
    const credentials = { cert: second.certPem, key: second.keyPem }
    const token = await signIn(t, 'shikaku01', { credentials })
    await terminalClient(t, credentials).call('person.search', { kana: 'ア' }, token)
    const [row] = await t.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'person.search'))
      .orderBy(desc(auditLog.seq))
      .limit(1)
    expect(row!.terminalId).toBe('KD-TEST-0042')
    expect(t.logs.some((l) => l.includes('"terminal":"KD-TEST-0042"') && l.includes('/api/v1/persons/search'))).toBe(
      true,
    )
  })
})

/**
 * One handshake offering exactly `version` (the client's floor and ceiling), with the client's own security level
 * at 0 so that it is willing to speak TLS 1.0/1.1 — any refusal then comes from the server. Resolves to the
 * negotiated protocol, or rejects with the TLS error.
 */
function handshakeOffering(t: TestServer, version: tls.SecureVersion): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const req = https.request(
      new URL('/api/v1/meta', t.server.origin),
      {
        ca: readFileSync(t.pki.caCert),
        cert: readFileSync(t.pki.terminalCert),
        key: readFileSync(t.pki.terminalKey),
        agent: false,
        minVersion: version,
        maxVersion: version,
        ciphers: 'DEFAULT@SECLEVEL=0',
      },
      (res) => {
        resolve((res.socket as TLSSocket).getProtocol())
        res.resume()
      },
    )
    req.on('error', reject)
    req.end()
  })
}

// control C-03: the server itself sets the floor at TLS 1.2 (core/http/tls-options.ts). The runtime's default floor
// is lowered to TLS 1.0 here (as `node --tls-min-v1.0` or NODE_OPTIONS would), so the refusal below can only come
// from the server's own `minVersion`: the server answers an old protocol with a `protocol_version` alert.
describe('TLS protocol floor (C-03)', () => {
  let t: TestServer
  const runtimeDefault = tls.DEFAULT_MIN_VERSION
  beforeAll(async () => {
    tls.DEFAULT_MIN_VERSION = 'TLSv1'
    t = await startTestServer('pglite', 100)
  })
  afterAll(async () => {
    await t.close()
    tls.DEFAULT_MIN_VERSION = runtimeDefault
  })

  it.each(['TLSv1', 'TLSv1.1'] as const)(
    'refuses a client offering only %s with a protocol_version alert',
    async (v) => {
      await expect(handshakeOffering(t, v)).rejects.toThrow(/alert protocol version/)
    },
  )

  it.each(['TLSv1.2', 'TLSv1.3'] as const)('accepts a client offering only %s', async (v) => {
    expect(await handshakeOffering(t, v)).toBe(v)
  })

  it('negotiates TLS 1.3 when the client offers everything from TLS 1.0 up', async () => {
    const protocol = await new Promise<string | null>((resolve, reject) => {
      const req = https.request(
        new URL('/api/v1/meta', t.server.origin),
        {
          ca: readFileSync(t.pki.caCert),
          cert: readFileSync(t.pki.terminalCert),
          key: readFileSync(t.pki.terminalKey),
          agent: false,
          minVersion: 'TLSv1',
          ciphers: 'DEFAULT@SECLEVEL=0',
        },
        (res) => {
          resolve((res.socket as TLSSocket).getProtocol())
          res.resume()
        },
      )
      req.on('error', reject)
      req.end()
    })
    expect(protocol).toBe('TLSv1.3')
  })
})

// control C-02: the revocation list is checked on every handshake and reloaded without a restart.
describe('certificate revocation', () => {
  let t: TestServer
  let revoked: IssuedCertificate
  let kept: IssuedCertificate
  beforeAll(async () => {
    t = await startTestServer('pglite', 100)
    revoked = await issueTerminalCertificate(t.pki, 'KD-TEST-0100')
    kept = await issueTerminalCertificate(t.pki, 'KD-TEST-0101')
  })
  afterAll(() => t.close())

  it('accepts a terminal before its revocation, refuses it after the CRL is reloaded, keeps the others', async () => {
    expect(await rawGet(t, { cert: revoked.certPem, key: revoked.keyPem })).toBe(200)
    await writeRevocationList(t.pki, [revoked.serialNumber])
    expect((await t.server.reloadTls()).revoked).toBe(1)
    await expect(rawGet(t, { cert: revoked.certPem, key: revoked.keyPem })).rejects.toThrow()
    expect(await rawGet(t, { cert: kept.certPem, key: kept.keyPem })).toBe(200)
  })

  it('drops an open keep-alive connection of a terminal the new CRL revokes', async () => {
    const victim = await issueTerminalCertificate(t.pki, 'KD-TEST-0102')
    const agent = new https.Agent({
      keepAlive: true,
      ca: readFileSync(t.pki.caCert),
      cert: victim.certPem,
      key: victim.keyPem,
    })
    const get = () =>
      new Promise<{ status: number; reused: boolean }>((resolve, reject) => {
        const req = https.request(new URL('/healthz', t.server.origin), { agent }, (res) => {
          res.resume()
          res.on('end', () => resolve({ status: res.statusCode ?? 0, reused: req.reusedSocket }))
        })
        req.on('error', reject)
        req.end()
      })
    expect((await get()).status).toBe(200)
    const socketClosed = new Promise<void>((resolve) => {
      for (const sockets of Object.values(agent.freeSockets)) sockets?.[0]?.once('close', () => resolve())
    })
    await writeRevocationList(t.pki, [revoked.serialNumber, victim.serialNumber])
    expect((await t.server.reloadTls()).dropped).toBe(1)
    await socketClosed
    await expect(get()).rejects.toThrow()
    agent.destroy()
  })

  it('picks up a new CRL file by itself (KAIGO_TLS_RELOAD_SECONDS), without a restart', async () => {
    const watched = await startTestServer('pglite', 100, { env: { KAIGO_TLS_RELOAD_SECONDS: '1' } })
    try {
      const late = await issueTerminalCertificate(watched.pki, 'KD-TEST-0200')
      expect(await rawGet(watched, { cert: late.certPem, key: late.keyPem })).toBe(200)
      await writeRevocationList(watched.pki, [late.serialNumber])
      let refused = false
      for (let i = 0; i < 30 && !refused; i++) {
        await sleep(200)
        refused = await rawGet(watched, { cert: late.certPem, key: late.keyPem }).then(
          () => false,
          () => true,
        )
      }
      expect(refused).toBe(true)
      expect(watched.logs.some((l) => l.includes('"event":"tlsReloaded"'))).toBe(true)
    } finally {
      await watched.close()
    }
  })
})
