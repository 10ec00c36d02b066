import { X509Certificate, createHash } from 'node:crypto'
import type { Session } from 'electron'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  decideBackendCert,
  installPinning,
  spkiSha256,
  verifyBackendCert,
} from '../../../../../electron/main/security/cert-pinning'
import { createTestPki, type TestPki } from '../../fixtures/pki'
import { RecordingAudit, asElectron } from '../../fixtures/fakes'

let pki: TestPki
beforeAll(async () => {
  pki = await createTestPki()
})

function chain(...pems: string[]) {
  type C = { data: string; issuerCert?: C }
  let cert: C | undefined
  for (const pem of [...pems].reverse()) cert = { data: pem, ...(cert ? { issuerCert: cert } : {}) }
  return cert!
}

describe('SPKI pinning on the Chromium stack (C-03)', () => {
  it('spkiSha256 is the base64 SHA-256 of the DER SubjectPublicKeyInfo', () => {
    const der = new X509Certificate(pki.server.certPem).publicKey.export({ type: 'spki', format: 'der' })
    expect(spkiSha256(pki.server.certPem)).toBe(createHash('sha256').update(der).digest('base64'))
    expect(spkiSha256(pki.server.certPem)).toMatch(/^[A-Za-z0-9+/]{43}=$/)
  })

  it('defers to Chromium (-3) when the leaf key is pinned', () => {
    const req = {
      hostname: 'localhost',
      verificationResult: 'OK',
      certificate: chain(pki.server.certPem, pki.ca.certPem),
    }
    expect(verifyBackendCert(req, 'localhost', [spkiSha256(pki.server.certPem)])).toBe(-3)
  })

  it('accepts a pin on the CA of the chain (pin our CA, rotate leaves freely)', () => {
    const req = {
      hostname: 'localhost',
      verificationResult: 'OK',
      certificate: chain(pki.server.certPem, pki.ca.certPem),
    }
    expect(
      verifyBackendCert(req, 'localhost', ['AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=', spkiSha256(pki.ca.certPem)]),
    ).toBe(-3)
  })

  it('rejects (-2) a valid certificate whose key is not pinned', () => {
    const req = {
      hostname: 'localhost',
      verificationResult: 'OK',
      certificate: chain(pki.server.certPem, pki.ca.certPem),
    }
    expect(decideBackendCert(req, 'localhost', [spkiSha256(pki.otherCa.certPem)])).toEqual({
      result: -2,
      reason: 'pin',
    })
  })

  it('rejects when Chromium did not verify the chain, even with a pin match', () => {
    const req = {
      hostname: 'localhost',
      verificationResult: 'net::ERR_CERT_AUTHORITY_INVALID',
      certificate: chain(pki.server.certPem),
    }
    expect(decideBackendCert(req, 'localhost', [spkiSha256(pki.server.certPem)])).toEqual({
      result: -2,
      reason: 'verification',
    })
  })

  it('rejects any host other than the backend', () => {
    const req = { hostname: 'evil.example', verificationResult: 'OK', certificate: chain(pki.server.certPem) }
    expect(decideBackendCert(req, 'localhost', [spkiSha256(pki.server.certPem)])).toEqual({
      result: -2,
      reason: 'host',
    })
  })

  it('survives garbage and self-referencing chains', () => {
    type C = { data: string; issuerCert?: C }
    const loop: C = { data: pki.ca.certPem }
    loop.issuerCert = loop
    const req = { hostname: 'localhost', verificationResult: 'OK', certificate: { data: 'garbage', issuerCert: loop } }
    expect(verifyBackendCert(req, 'localhost', [spkiSha256(pki.server.certPem)])).toBe(-2)
  })

  it('installPinning sets the verify proc on the session and audits rejections', () => {
    let proc: ((req: unknown, cb: (r: number) => void) => void) | undefined
    const ses = { setCertificateVerifyProc: (p: typeof proc) => (proc = p) }
    const audit = new RecordingAudit()
    installPinning(asElectron<Session>(ses), { host: 'localhost', pins: [spkiSha256(pki.server.certPem)] }, audit)
    const results: number[] = []
    proc!({ hostname: 'localhost', verificationResult: 'OK', certificate: chain(pki.server.certPem) }, (r) =>
      results.push(r),
    )
    proc!({ hostname: 'localhost', verificationResult: 'OK', certificate: chain(pki.otherCa.certPem) }, (r) =>
      results.push(r),
    )
    expect(results).toEqual([-3, -2])
    expect(audit.events).toEqual([{ kind: 'certificate-rejected', hostname: 'localhost', reason: 'pin' }])
    expect(() => installPinning(asElectron<Session>(ses), { host: 'localhost', pins: [] }, audit)).toThrow()
  })
})
