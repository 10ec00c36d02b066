/**
 * Development / test PKI (never used in production, never committed): a ward CA, a server certificate
 * for localhost/127.0.0.1 and terminal (client) certificates, plus a CRL. Production uses the ward's own CA.
 * control C-02 (mutual TLS), C-03 (TLS + pinning).
 */
import { createHash, randomBytes, webcrypto, X509Certificate } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import 'reflect-metadata'
import * as x509 from '@peculiar/x509'

type CryptoKey = webcrypto.CryptoKey
type CryptoKeyPair = webcrypto.CryptoKeyPair

x509.cryptoProvider.set(webcrypto as never)

const ALG = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const
const DAY_MS = 86_400_000

export interface KeyPairPem {
  certPem: string
  keyPem: string
}

export interface IssuedCertificate extends KeyPairPem {
  serialNumber: string
  /** SHA-256 of the DER certificate, hex (what a terminal policy pins a client certificate by). */
  sha256: string
}

export interface CertificateAuthority extends KeyPairPem {
  name: string
  issue(
    kind: 'server' | 'client',
    commonName: string,
    options?: { validDays?: number; hosts?: string[]; notBefore?: Date; notAfter?: Date },
  ): Promise<IssuedCertificate>
  /** A PEM CRL revoking `revokedSerials`; by default issued a minute ago and valid for 7 days. */
  crl(revokedSerials: readonly string[], validity?: { thisUpdate?: Date; nextUpdate?: Date }): Promise<string>
}

async function toPkcs8Pem(key: CryptoKey): Promise<string> {
  const der = await webcrypto.subtle.exportKey('pkcs8', key)
  return x509.PemConverter.encode(der, 'PRIVATE KEY')
}

const serial = () => '01' + randomBytes(15).toString('hex')

/** SPKI SHA-256 (base64) of a PEM certificate: the pin format shared by the Chromium and Node stacks. */
export function spkiPinOf(certPem: string): string {
  const spki = new X509Certificate(certPem).publicKey.export({ type: 'spki', format: 'der' })
  return createHash('sha256').update(spki).digest('base64')
}

export function derSha256Of(certPem: string): string {
  return createHash('sha256').update(new X509Certificate(certPem).raw).digest('hex')
}

export async function createCertificateAuthority(name: string, validDays = 3650): Promise<CertificateAuthority> {
  const keys = (await webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify'])) as CryptoKeyPair
  const now = new Date()
  const caCert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(),
    name: `CN=${name}, O=kaigo-desk development`,
    notBefore: new Date(now.getTime() - DAY_MS),
    notAfter: new Date(now.getTime() + validDays * DAY_MS),
    keys: keys as never,
    signingAlgorithm: ALG,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey as never),
    ],
  })
  return authority(name, caCert, keys.privateKey, await toPkcs8Pem(keys.privateKey))
}

/** The CA of an existing development PKI (its certificate and PKCS#8 key), to issue and revoke more. */
export async function loadCertificateAuthority(certPem: string, keyPem: string): Promise<CertificateAuthority> {
  const caCert = new x509.X509Certificate(certPem)
  const der = x509.PemConverter.decode(keyPem)[0]!
  const privateKey = await webcrypto.subtle.importKey('pkcs8', der, { name: 'ECDSA', namedCurve: 'P-256' }, true, [
    'sign',
  ])
  return authority(caCert.subjectName.getField('CN')[0] ?? 'CA', caCert, privateKey, keyPem)
}

function authority(
  name: string,
  caCert: x509.X509Certificate,
  privateKey: CryptoKey,
  caKeyPem: string,
): CertificateAuthority {
  return {
    name,
    certPem: caCert.toString('pem'),
    keyPem: caKeyPem,
    async issue(kind, commonName, options = {}) {
      const leafKeys = (await webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify'])) as CryptoKeyPair
      const serialNumber = serial()
      const hosts = options.hosts ?? ['localhost', '127.0.0.1']
      const cert = await x509.X509CertificateGenerator.create({
        serialNumber,
        subject: `CN=${commonName}, OU=${kind === 'server' ? 'backend' : 'terminal'}, O=kaigo-desk development`,
        issuer: caCert.subject,
        notBefore: new Date(Date.now() - DAY_MS),
        notAfter: new Date(Date.now() + (options.validDays ?? 825) * DAY_MS),
        signingKey: privateKey as never,
        publicKey: leafKeys.publicKey as never,
        signingAlgorithm: ALG,
        extensions: [
          new x509.BasicConstraintsExtension(false, undefined, true),
          new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyAgreement, true),
          new x509.ExtendedKeyUsageExtension([
            kind === 'server' ? x509.ExtendedKeyUsage.serverAuth : x509.ExtendedKeyUsage.clientAuth,
          ]),
          await x509.AuthorityKeyIdentifierExtension.create(caCert),
          ...(kind === 'server'
            ? [
                new x509.SubjectAlternativeNameExtension(
                  hosts.map((h) =>
                    /^[\d.]+$/.test(h) ? { type: 'ip' as const, value: h } : { type: 'dns' as const, value: h },
                  ),
                ),
              ]
            : []),
        ],
      })
      const certPem = cert.toString('pem')
      return { certPem, keyPem: await toPkcs8Pem(leafKeys.privateKey), serialNumber, sha256: derSha256Of(certPem) }
    },
    async crl(revokedSerials, validity = {}) {
      const crl = await x509.X509CrlGenerator.create({
        issuer: caCert.subject,
        thisUpdate: validity.thisUpdate ?? new Date(Date.now() - 60_000),
        nextUpdate: validity.nextUpdate ?? new Date(Date.now() + 7 * DAY_MS),
        entries: revokedSerials.map((serialNumber) => ({
          serialNumber,
          revocationDate: new Date(Date.now() - 60_000),
        })),
        signingKey: privateKey as never,
        signingAlgorithm: ALG,
        extensions: [await x509.AuthorityKeyIdentifierExtension.create(caCert)],
      })
      // OpenSSL (and so Node's tls) expects the 'X509 CRL' PEM label.
      return x509.PemConverter.encode(crl.rawData, 'X509 CRL')
    },
  }
}

/** Files of the development PKI directory. */
export interface DevPkiFiles {
  dir: string
  caCert: string
  /** The CA's private key (development only, mode 0600): issues and revokes terminal certificates. */
  caKey: string
  crl: string
  serverCert: string
  serverKey: string
  terminalCert: string
  terminalKey: string
  /** JSON: { serverSpkiPins: string[], terminalId, terminalSha256 } */
  info: string
}

export function devPkiFiles(dir: string): DevPkiFiles {
  return {
    dir,
    caCert: join(dir, 'ca.pem'),
    caKey: join(dir, 'ca.key'),
    crl: join(dir, 'ca.crl.pem'),
    serverCert: join(dir, 'server.pem'),
    serverKey: join(dir, 'server.key'),
    terminalCert: join(dir, 'terminal.pem'),
    terminalKey: join(dir, 'terminal.key'),
    info: join(dir, 'pki.json'),
  }
}

export interface DevPkiInfo {
  terminalId: string
  terminalSha256: string
  serverSpkiPins: string[]
}

/**
 * Creates the development PKI in `dir` unless it is already complete. Keys are written with mode 0600. The CRL of a
 * complete PKI is renewed, with the same revoked serials, when it is less than a day from its nextUpdate: past it the
 * server refuses every terminal (docs/operations.md). A CRL that does not parse is left as it is, for the server to
 * refuse with its message — never replaced by one that revokes nothing.
 */
export async function ensureDevPki(dir: string, terminalId = 'KD-DEV-0001'): Promise<DevPkiFiles> {
  const files = devPkiFiles(dir)
  if (Object.values(files).every((f) => f === dir || existsSync(f))) {
    await renewDevCrl(files)
    return files
  }
  mkdirSync(dir, { recursive: true, mode: 0o700 })
  const ca = await createCertificateAuthority('kaigo-desk dev ward CA')
  const server = await ca.issue('server', 'localhost')
  const terminal = await ca.issue('client', terminalId)
  const write = (path: string, text: string, mode = 0o644) => writeFileSync(path, text, { mode })
  write(files.caCert, ca.certPem)
  write(files.caKey, ca.keyPem, 0o600)
  write(files.crl, await ca.crl([]))
  write(files.serverCert, server.certPem)
  write(files.serverKey, server.keyPem, 0o600)
  write(files.terminalCert, terminal.certPem)
  write(files.terminalKey, terminal.keyPem, 0o600)
  const info: DevPkiInfo = {
    terminalId,
    terminalSha256: terminal.sha256,
    serverSpkiPins: [spkiPinOf(server.certPem), spkiPinOf(ca.certPem)],
  }
  write(files.info, JSON.stringify(info, null, 2) + '\n')
  return files
}

async function renewDevCrl(files: DevPkiFiles, now = new Date()): Promise<void> {
  let crl: x509.X509Crl
  try {
    crl = new x509.X509Crl(readFileSync(files.crl, 'utf8'))
  } catch {
    return
  }
  if (crl.nextUpdate && crl.nextUpdate.getTime() - now.getTime() > DAY_MS) return
  const temporary = `${files.crl}.${process.pid}.tmp`
  writeFileSync(
    temporary,
    await revocationListOf(
      files,
      crl.entries.map((e) => e.serialNumber),
    ),
    { mode: 0o644 },
  )
  renameSync(temporary, files.crl)
}

export function readDevPkiInfo(files: DevPkiFiles): DevPkiInfo {
  return JSON.parse(readFileSync(files.info, 'utf8')) as DevPkiInfo
}

/** Issues another terminal certificate from the development CA (not written to disk). */
export async function issueTerminalCertificate(files: DevPkiFiles, terminalId: string): Promise<IssuedCertificate> {
  const ca = await loadCertificateAuthority(readFileSync(files.caCert, 'utf8'), readFileSync(files.caKey, 'utf8'))
  return ca.issue('client', terminalId)
}

/** A CRL of the development CA revoking exactly `serials` (not written to disk). */
export async function revocationListOf(
  files: DevPkiFiles,
  serials: readonly string[],
  validity?: { thisUpdate?: Date; nextUpdate?: Date },
): Promise<string> {
  const ca = await loadCertificateAuthority(readFileSync(files.caCert, 'utf8'), readFileSync(files.caKey, 'utf8'))
  return ca.crl(serials, validity)
}

/**
 * Replaces the CRL so that it revokes exactly `serials` (control C-02): written to a temporary file next to it and
 * renamed over it, so that a reader never sees half a file (docs/operations.md). A running server picks the new
 * file up without a restart (KAIGO_TLS_RELOAD_SECONDS, or SIGHUP).
 */
export async function writeRevocationList(files: DevPkiFiles, serials: readonly string[]): Promise<void> {
  const temporary = `${files.crl}.${process.pid}.tmp`
  writeFileSync(temporary, await revocationListOf(files, serials), { mode: 0o644 })
  renameSync(temporary, files.crl)
}
