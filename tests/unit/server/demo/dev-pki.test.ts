import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import 'reflect-metadata'
import * as x509 from '@peculiar/x509'
import { beforeAll, describe, expect, it } from 'vitest'
import { ensureDevPki, revocationListOf, type DevPkiFiles } from '../../../../server/src/demo/dev-pki'

const HOUR_MS = 3_600_000
const DAY_MS = 24 * HOUR_MS

// control C-02: past its nextUpdate a CRL makes the server refuse every terminal (docs/operations.md), so the
// development PKI renews a CRL that is less than a day from it — keeping what it revokes — and leaves a damaged one
// for the server to refuse.
describe('the development PKI keeps its CRL current without forgetting a revocation', () => {
  let files: DevPkiFiles
  let caCert: string
  beforeAll(async () => {
    files = await ensureDevPki(mkdtempSync(join(tmpdir(), 'kaigo-unit-pki-')), 'KD-UNIT-0001')
    caCert = readFileSync(files.caCert, 'utf8')
  })

  const crlWith = async (nextUpdateInMs: number) => {
    writeFileSync(
      files.crl,
      await revocationListOf(files, ['01AB'], { nextUpdate: new Date(Date.now() + nextUpdateInMs) }),
    )
    return readFileSync(files.crl, 'utf8')
  }

  it('renews a CRL 23 hours from its nextUpdate: 7 days again, the same serials, the same CA', async () => {
    await crlWith(23 * HOUR_MS)
    await ensureDevPki(files.dir)
    const renewed = new x509.X509Crl(readFileSync(files.crl, 'utf8'))
    expect(renewed.entries.map((e) => e.serialNumber.toUpperCase())).toEqual(['01AB'])
    expect(renewed.nextUpdate!.getTime() - Date.now()).toBeGreaterThan(7 * DAY_MS - HOUR_MS)
    expect(await renewed.verify({ publicKey: new x509.X509Certificate(caCert) })).toBe(true)
    expect(readFileSync(files.caCert, 'utf8')).toBe(caCert)
  })

  it('renews a CRL already past its nextUpdate', async () => {
    await crlWith(-HOUR_MS)
    await ensureDevPki(files.dir)
    expect(new x509.X509Crl(readFileSync(files.crl, 'utf8')).nextUpdate!.getTime()).toBeGreaterThan(Date.now())
  })

  it('leaves a CRL 25 hours from its nextUpdate as it is', async () => {
    const before = await crlWith(25 * HOUR_MS)
    await ensureDevPki(files.dir)
    expect(readFileSync(files.crl, 'utf8')).toBe(before)
  })

  it('leaves a CRL that does not parse as it is (never replaced by one revoking nothing)', async () => {
    writeFileSync(files.crl, 'garbage')
    await ensureDevPki(files.dir)
    expect(readFileSync(files.crl, 'utf8')).toBe('garbage')
  })
})
