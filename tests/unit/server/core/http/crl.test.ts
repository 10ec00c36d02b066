import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { CrlRefusedError, readVerifiedCrl, type CrlProblem } from '../../../../../server/src/core/http/crl'
import { createCertificateAuthority, type CertificateAuthority } from '../../../../../server/src/demo/dev-pki'

const DAY_MS = 86_400_000

/** The problem readVerifiedCrl reports for `text` written as the CRL file, or null when it is accepted. */
async function problemOf(text: string | null, ca: CertificateAuthority, notOlderThan?: Date) {
  const path = join(mkdtempSync(join(tmpdir(), 'kaigo-crl-')), 'ca.crl.pem')
  if (text !== null) writeFileSync(path, text)
  return readVerifiedCrl(path, ca.certPem, notOlderThan).then(
    () => null,
    (e: unknown) => (e instanceof CrlRefusedError ? e.problem : e),
  )
}

// control C-02: TLS is only ever given a revocation list of the client CA that verifies; anything else is refused
// with its reason (and the list in force stays: tests/integration/core/http/crl-fail-closed.test.ts).
describe('a CRL file is accepted only when it is complete, of the client CA and signed by it', () => {
  let ca: CertificateAuthority
  let valid: string
  beforeAll(async () => {
    ca = await createCertificateAuthority('kaigo-desk unit ward CA')
    valid = await ca.crl(['01AA'])
  })

  it('accepts the CA’s own CRL and reads its revoked serials, thisUpdate and nextUpdate', async () => {
    const thisUpdate = new Date('2026-12-01T00:00:00Z')
    const nextUpdate = new Date('2026-12-08T00:00:00Z')
    const path = join(mkdtempSync(join(tmpdir(), 'kaigo-crl-')), 'ca.crl.pem')
    writeFileSync(path, await ca.crl(['00ab12', '01CD'], { thisUpdate, nextUpdate }))
    const crl = await readVerifiedCrl(path, ca.certPem)
    expect([...crl.revoked].sort()).toEqual(['1CD', 'AB12'])
    expect(crl.thisUpdate).toEqual(thisUpdate)
    expect(crl.nextUpdate).toEqual(nextUpdate)
    expect(crl.pem.toString('utf8')).toBe(readFileSync(path, 'utf8'))
  })

  it('accepts surrounding white space and a CA bundle holding the issuer among other certificates', async () => {
    const other = await createCertificateAuthority('another CA')
    const path = join(mkdtempSync(join(tmpdir(), 'kaigo-crl-')), 'ca.crl.pem')
    writeFileSync(path, `\n\n${valid}\n\n`)
    await expect(readVerifiedCrl(path, `${other.certPem}\n${ca.certPem}`)).resolves.toMatchObject({})
  })

  const cases: [string, (crl: string, caCert: string) => string | null, CrlProblem][] = [
    ['no file', () => null, 'missing'],
    ['an empty file', () => '', 'empty'],
    ['only white space', () => ' \n\t\n', 'empty'],
    ['the first half of the file (a non-atomic write caught mid-way)', (v) => v.slice(0, v.length / 2), 'truncated'],
    ['the file without its last line', (v) => v.trimEnd().split('\n').slice(0, -1).join('\n'), 'truncated'],
    ['garbage', () => 'not a revocation list\n', 'not-a-crl'],
    ['the CA certificate instead of a CRL', (_crl, caCert) => caCert, 'not-a-crl'],
    ['a valid CRL followed by garbage', (v) => `${v}\ngarbage`, 'not-a-crl'],
    [
      'garbage inside the PEM armour',
      () => '-----BEGIN X509 CRL-----\nAAAAAAAAAAAAAAAA\n-----END X509 CRL-----\n',
      'malformed',
    ],
  ]
  it.each(cases)('refuses %s', async (_label, make, problem) => {
    expect(await problemOf(make(valid, ca.certPem), ca)).toBe(problem)
  })

  it('refuses a CRL of another CA (another issuer name)', async () => {
    const other = await createCertificateAuthority('some other CA')
    expect(await problemOf(await other.crl([]), ca)).toBe('wrong-issuer')
  })

  it('refuses a CRL bearing the CA’s name but signed by another key', async () => {
    const impostor = await createCertificateAuthority('kaigo-desk unit ward CA')
    expect(await problemOf(await impostor.crl([]), ca)).toBe('bad-signature')
  })

  it('refuses the CA’s CRL with one bit of its signature flipped', async () => {
    const der = Buffer.from(valid.replace(/-----[A-Z0-9 ]+-----|\s/g, ''), 'base64')
    // The last byte belongs to the signature's last integer: the DER stays well-formed, the signature does not verify.
    der[der.length - 1]! ^= 0x01
    const altered = `-----BEGIN X509 CRL-----\n${der.toString('base64')}\n-----END X509 CRL-----\n`
    expect(await problemOf(altered, ca)).toBe('bad-signature')
  })

  it('refuses a CRL older than the one in force (thisUpdate before it), accepts the same age or newer', async () => {
    const inForce = new Date('2026-12-01T00:00:00Z')
    const at = (ms: number) => ca.crl([], { thisUpdate: new Date(inForce.getTime() + ms) })
    expect(await problemOf(await at(-1000), ca, inForce)).toBe('older-than-installed')
    expect(await problemOf(await at(0), ca, inForce)).toBeNull()
    expect(await problemOf(await at(DAY_MS), ca, inForce)).toBeNull()
  })
})
