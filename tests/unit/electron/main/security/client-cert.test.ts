import { createHash } from 'node:crypto'
import type { App, Certificate } from 'electron'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  derSha256Hex,
  installClientCertSelection,
  pickClientCert,
} from '../../../../../electron/main/security/client-cert'
import { FakeEmitter, RecordingAudit, asElectron, fakeEvent } from '../../fixtures/fakes'
import { createTestPki, issue, type TestPki } from '../../fixtures/pki'

let pki: TestPki
let expired: string
beforeAll(async () => {
  pki = await createTestPki()
  expired = (
    await issue(pki.ca, {
      subject: 'CN=terminal-0001',
      usage: 'client',
      notBefore: new Date(Date.now() - 10 * 86_400_000),
      notAfter: new Date(Date.now() - 86_400_000),
    })
  ).certPem
})

const now = Date.now() / 1000
const offered = (pem: string, validStart = now - 3600, validExpiry = now + 3600) =>
  ({ data: pem, validStart, validExpiry, subjectName: 'x' }) as unknown as Certificate

describe('client certificate selection (C-02)', () => {
  it('derSha256Hex is the SHA-256 of the DER certificate (what certutil/openssl show)', () => {
    const der = Buffer.from(pki.client.cert.rawData)
    expect(derSha256Hex(pki.client.certPem)).toBe(createHash('sha256').update(der).digest('hex'))
  })

  it('picks the certificate with the configured fingerprint, not the first one', () => {
    const list = [offered(pki.strangerClient.certPem), offered(pki.client.certPem)]
    expect(pickClientCert(list, derSha256Hex(pki.client.certPem), now)).toBe(list[1])
  })

  it('accepts the fingerprint with colons and upper case', () => {
    const fp = derSha256Hex(pki.client.certPem).toUpperCase().match(/../g)!.join(':')
    expect(pickClientCert([offered(pki.client.certPem)], fp, now)).toBeDefined()
  })

  it('refuses a matching certificate outside its validity period', () => {
    expect(pickClientCert([offered(expired, now - 7200, now - 3600)], derSha256Hex(expired), now)).toBeUndefined()
    expect(
      pickClientCert([offered(pki.client.certPem, now + 60)], derSha256Hex(pki.client.certPem), now),
    ).toBeUndefined()
  })

  it('returns nothing when no certificate matches', () => {
    expect(pickClientCert([offered(pki.strangerClient.certPem)], derSha256Hex(pki.client.certPem), now)).toBeUndefined()
  })

  it('installs select-client-certificate with preventDefault; answers the backend only', () => {
    const app = new FakeEmitter()
    const audit = new RecordingAudit()
    const sha256 = derSha256Hex(pki.client.certPem)
    installClientCertSelection(
      asElectron<Pick<App, 'on'>>(app),
      { backendOrigin: 'https://kaigo-api.example.lg.jp', sha256 },
      audit,
      () => now,
    )
    const list = [offered(pki.strangerClient.certPem), offered(pki.client.certPem)]

    const e1 = fakeEvent()
    let chosen: Certificate | undefined | 'unset' = 'unset'
    app.emit(
      'select-client-certificate',
      e1,
      null,
      'https://kaigo-api.example.lg.jp/api/login',
      list,
      (c?: Certificate) => (chosen = c),
    )
    expect(e1.defaultPrevented).toBe(true)
    expect(chosen).toBe(list[1])

    const e2 = fakeEvent()
    app.emit('select-client-certificate', e2, null, 'https://evil.example/', list, (c?: Certificate) => (chosen = c))
    expect(e2.defaultPrevented).toBe(true) // never Electron's default "first certificate"
    expect(chosen).toBeUndefined()
    expect(audit.events).toEqual([{ kind: 'client-certificate-not-found', origin: 'https://evil.example' }])
  })
})
