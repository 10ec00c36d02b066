/**
 * The certificate revocation list, read and verified before it is handed to TLS (control C-02). A file that is
 * missing, empty, half-written, not a CRL, issued or signed by another CA, or older than the list in force is
 * refused with the reason: the caller keeps the list it has (fail closed), and never installs a context without one.
 */
import { readFileSync } from 'node:fs'
import { webcrypto } from 'node:crypto'
import 'reflect-metadata'
import * as x509 from '@peculiar/x509'

x509.cryptoProvider.set(webcrypto as never)

/** Why a CRL file was refused. */
export type CrlProblem =
  | 'missing'
  | 'unreadable'
  | 'empty'
  | 'truncated'
  | 'not-a-crl'
  | 'malformed'
  | 'wrong-issuer'
  | 'bad-signature'
  | 'older-than-installed'

/** What each problem means, in Japanese and in English (for stderr, the log and the health answer). */
export const crlProblemText: Record<CrlProblem, { ja: string; en: string }> = {
  missing: { ja: 'ファイルがありません', en: 'the file does not exist' },
  unreadable: { ja: 'ファイルを読めません', en: 'the file cannot be read' },
  empty: { ja: 'ファイルが空です', en: 'the file is empty' },
  truncated: {
    ja: 'ファイルが途中で切れています（書き込み中の可能性）',
    en: 'the file is cut short (possibly still being written)',
  },
  'not-a-crl': {
    ja: 'PEM 形式の失効リスト（-----BEGIN X509 CRL-----）ではありません',
    en: 'it is not a PEM certificate revocation list (-----BEGIN X509 CRL-----)',
  },
  malformed: { ja: '失効リストとして解釈できません', en: 'it cannot be parsed as a CRL' },
  'wrong-issuer': {
    ja: '端末 CA（KAIGO_TLS_CLIENT_CA）以外が発行した失効リストです',
    en: 'it was issued by a CA other than the terminal CA (KAIGO_TLS_CLIENT_CA)',
  },
  'bad-signature': {
    ja: '端末 CA の署名が検証できません',
    en: 'its signature does not verify with the terminal CA key',
  },
  'older-than-installed': {
    ja: '使用中の失効リストより古い版です（thisUpdate が前）',
    en: 'it is older than the list in force (earlier thisUpdate)',
  },
}

export class CrlRefusedError extends Error {
  constructor(
    readonly path: string,
    readonly problem: CrlProblem,
  ) {
    const text = crlProblemText[problem]
    super(
      `失効リスト（CRL）${path} を使用できません: ${text.ja}。` +
        `\nThe certificate revocation list (CRL) ${path} cannot be used: ${text.en}.`,
    )
    this.name = 'CrlRefusedError'
  }
}

export const isCrlRefusedError = (error: unknown): error is CrlRefusedError => error instanceof CrlRefusedError

/** A CRL that parsed, was issued by the client CA and carries its valid signature. */
export interface VerifiedCrl {
  /** The PEM text exactly as read, for the TLS context. */
  pem: Buffer
  /** Revoked serial numbers in normal form (`normalSerial`). */
  revoked: ReadonlySet<string>
  /** The earliest thisUpdate and nextUpdate of the lists in the file (null: a list without nextUpdate). */
  thisUpdate: Date
  nextUpdate: Date | null
}

/** Certificate serial numbers in one normal form (upper-case hex, no leading zeros) for comparisons. */
export const normalSerial = (serial: string) => serial.toUpperCase().replace(/^0+(?=.)/, '')

const CRL_BLOCK = /-----BEGIN X509 CRL-----[\s\S]+?-----END X509 CRL-----/g
const CERT_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g

/**
 * Reads `crlPath` and verifies it against the CA certificate(s) in `caPem`. The file must consist of nothing but
 * complete `X509 CRL` PEM blocks, each issued by one of the CAs and signed with its key. `notOlderThan`: the
 * thisUpdate of the list in force, so that an older (still correctly signed) list cannot bring revoked
 * terminals back. Throws `CrlRefusedError`.
 */
export async function readVerifiedCrl(
  crlPath: string,
  caPem: string | Buffer,
  notOlderThan?: Date,
): Promise<VerifiedCrl> {
  const refuse = (problem: CrlProblem) => new CrlRefusedError(crlPath, problem)
  let pem: Buffer
  try {
    pem = readFileSync(crlPath)
  } catch (error) {
    throw refuse((error as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : 'unreadable')
  }
  const text = pem.toString('utf8')
  if (text.trim() === '') throw refuse('empty')
  const blocks = text.match(CRL_BLOCK) ?? []
  const rest = text.replace(CRL_BLOCK, '').trim()
  if (rest !== '') throw refuse(/-----BEGIN X509 CRL-----/.test(rest) ? 'truncated' : 'not-a-crl')
  if (blocks.length === 0) throw refuse('not-a-crl')

  const authorities = (caPem.toString().match(CERT_BLOCK) ?? []).map((b) => new x509.X509Certificate(b))
  const revoked = new Set<string>()
  let thisUpdate: Date | null = null
  let nextUpdate: Date | null = null
  for (const block of blocks) {
    let crl: x509.X509Crl
    try {
      crl = new x509.X509Crl(block)
      // Touch the fields TLS relies on: a damaged body fails here rather than in OpenSSL.
      void crl.thisUpdate
      void crl.entries
    } catch {
      throw refuse('malformed')
    }
    const issuer = authorities.find((ca) => ca.subject === crl.issuer)
    if (!issuer) throw refuse('wrong-issuer')
    const signed = await crl.verify({ publicKey: issuer }).catch(() => false)
    if (!signed) throw refuse('bad-signature')
    for (const entry of crl.entries) revoked.add(normalSerial(entry.serialNumber))
    if (!thisUpdate || crl.thisUpdate < thisUpdate) thisUpdate = crl.thisUpdate
    const next = crl.nextUpdate ?? null
    if (next && (!nextUpdate || next < nextUpdate)) nextUpdate = next
  }
  if (notOlderThan && thisUpdate! < notOlderThan) throw refuse('older-than-installed')
  return { pem, revoked, thisUpdate: thisUpdate!, nextUpdate }
}
