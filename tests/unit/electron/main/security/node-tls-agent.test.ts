import https from 'node:https'
import type { AddressInfo } from 'node:net'
import type { TLSSocket } from 'node:tls'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { spkiSha256 } from '../../../../../electron/main/security/cert-pinning'
import {
  createPinnedAgent,
  peerSpkiSha256,
  pinnedCheckServerIdentity,
  readClientCredentials,
} from '../../../../../electron/main/security/node-tls-agent'
import { createTestPki, type TestPki } from '../../fixtures/pki'

let pki: TestPki
let server: https.Server
let port: number
const seenClients: string[] = []

beforeAll(async () => {
  pki = await createTestPki()
  server = https.createServer(
    {
      key: pki.server.keyPem,
      cert: pki.server.certPem,
      ca: pki.ca.certPem, // trusts client certificates issued by the ward CA only
      requestCert: true,
      rejectUnauthorized: true,
      minVersion: 'TLSv1.2',
    },
    (req, res) => {
      const peer = (req.socket as TLSSocket).getPeerCertificate()
      seenClients.push(String(peer.subject?.CN ?? ''))
      res.end('ok')
    },
  )
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  port = (server.address() as AddressInfo).port
})

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()))
})

function get(agent: https.Agent, host = '127.0.0.1'): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = https.get({ host, port, path: '/health', agent, servername: 'localhost' }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (c: string) => (body += c))
      res.on('end', () => resolve(body))
      res.on('error', reject)
    })
    req.on('error', reject)
    req.setTimeout(5_000, () => req.destroy(new Error('timeout')))
  })
}

describe('pinned mutual-TLS agent on the Node stack (C-02, C-03) — real loopback server', () => {
  it('succeeds with the right pin and the terminal certificate', async () => {
    const agent = createPinnedAgent({
      ca: pki.ca.certPem,
      cert: pki.client.certPem,
      key: pki.client.keyPem,
      pins: [spkiSha256(pki.server.certPem)],
    })
    try {
      expect(await get(agent)).toBe('ok')
      expect(seenClients).toContain('terminal-0001')
    } finally {
      agent.destroy()
    }
  })

  it('succeeds with a pin on the CA key (the same pin value as the Chromium stack)', async () => {
    const agent = createPinnedAgent({
      ca: pki.ca.certPem,
      cert: pki.client.certPem,
      key: pki.client.keyPem,
      pins: [spkiSha256(pki.ca.certPem)],
    })
    try {
      expect(await get(agent)).toBe('ok')
    } finally {
      agent.destroy()
    }
  })

  it('fails with a wrong pin although the chain is valid', async () => {
    const agent = createPinnedAgent({
      ca: pki.ca.certPem,
      cert: pki.client.certPem,
      key: pki.client.keyPem,
      pins: [spkiSha256(pki.otherCa.certPem)],
    })
    try {
      await expect(get(agent)).rejects.toThrow(/SPKI pin mismatch/)
    } finally {
      agent.destroy()
    }
  })

  it('is refused by the server without a client certificate', async () => {
    const agent = new https.Agent({
      ca: pki.ca.certPem,
      minVersion: 'TLSv1.2',
      checkServerIdentity: pinnedCheckServerIdentity([spkiSha256(pki.server.certPem)]),
    })
    try {
      const err = await get(agent).then(
        () => null,
        (e: Error) => e,
      )
      expect(err).toBeInstanceOf(Error)
      expect(err!.message).toMatch(/certificate required|handshake failure|ECONNRESET|socket hang up/i)
    } finally {
      agent.destroy()
    }
  })

  it('is refused by the server with a certificate from another CA', async () => {
    const agent = createPinnedAgent({
      ca: pki.ca.certPem,
      cert: pki.strangerClient.certPem,
      key: pki.strangerClient.keyPem,
      pins: [spkiSha256(pki.server.certPem)],
    })
    try {
      const err = await get(agent).then(
        () => null,
        (e: Error) => e,
      )
      expect(err).toBeInstanceOf(Error)
      expect(err!.message).not.toMatch(/pin mismatch/) // refused by the server, not by our own pin check
    } finally {
      agent.destroy()
    }
  })

  it('hashes the peer SPKI exactly like the Chromium-stack spkiSha256 (EC keys included)', () => {
    const raw = Buffer.from(pki.server.cert.rawData)
    expect(peerSpkiSha256({ raw })).toBe(spkiSha256(pki.server.certPem))
    expect(peerSpkiSha256({ raw: Buffer.alloc(0) })).toBeNull()
  })

  it('still checks the host name before the pin', () => {
    const check = pinnedCheckServerIdentity([spkiSha256(pki.server.certPem)])
    const peer = {
      subject: { CN: 'localhost' },
      subjectaltname: 'DNS:localhost',
      raw: Buffer.from(pki.server.cert.rawData),
    }
    expect(check('evil.example', peer as never)).toBeInstanceOf(Error)
    expect(() => pinnedCheckServerIdentity([])).toThrow()
  })

  it('readClientCredentials reads PEM pairs and PKCS#12 from the policy, and refuses an OS-store fingerprint', async () => {
    const files: Record<string, string> = { '/etc/kaigo-desk/t.crt': 'CERT', '/etc/kaigo-desk/t.key': 'KEY' }
    const readFile = async (p: string) => new TextEncoder().encode(files[p] ?? 'P12')
    expect(
      await readClientCredentials({ certPath: '/etc/kaigo-desk/t.crt', keyPath: '/etc/kaigo-desk/t.key' }, readFile),
    ).toEqual({ cert: 'CERT', key: 'KEY' })
    const p12 = await readClientCredentials({ pkcs12Path: '/etc/kaigo-desk/t.p12' }, readFile, 'pin')
    expect('pfx' in p12 && p12.passphrase).toBe('pin')
    await expect(readClientCredentials({ sha256: 'a'.repeat(64) }, readFile)).rejects.toThrow(/OS store/)
  })
})
