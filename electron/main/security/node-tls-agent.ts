// Change only with a security review.
// The Node-stack transport: pinned mutual-TLS https.Agent (docs/sources/electron-security.md §7.2; controls C-02, C-03).
// Used by the browser-mode harness and by tests. The shipped Electron client uses the Chromium stack instead
// (cert-pinning.ts + client-cert.ts); the pin values are the same for both stacks.
import { X509Certificate, createHash } from 'node:crypto'
import https from 'node:https'
import tls, { type PeerCertificate } from 'node:tls'
import type { ClientCertificateConfig } from '../../../shared/policy/terminal-policy'

export type NodeClientCredentials = { pfx: Uint8Array; passphrase?: string } | { cert: string; key: string }

/** Pins, optional extra CA, and the client credentials (flat, as in docs/sources/electron-security.md §7.2). */
export type PinnedAgentOptions = {
  /** base64 SHA-256 SPKI pins (TerminalPolicy.serverPins). */
  pins: readonly string[]
  /** Extra trust anchors (the ward's CA) when it is not in Node's bundled store. */
  ca?: string | readonly string[]
  keepAlive?: boolean
} & NodeClientCredentials

/**
 * The SHA-256 (base64) of a peer certificate's DER SubjectPublicKeyInfo — equal to spkiSha256() of its PEM.
 * Computed from `peer.raw`, NOT from `peer.pubkey`: for EC keys Node's `pubkey` is the bare curve point, not the SPKI
 * (it only equals the SPKI for RSA), so hashing it would never match a pin computed on the Chromium stack.
 */
export function peerSpkiSha256(peer: Pick<PeerCertificate, 'raw'>): string | null {
  if (!peer.raw || peer.raw.length === 0) return null
  try {
    const spki = new X509Certificate(peer.raw).publicKey.export({ type: 'spki', format: 'der' })
    return createHash('sha256').update(spki).digest('base64')
  } catch {
    return null
  }
}

/**
 * checkServerIdentity that runs the standard host check, then requires a pin on the leaf or any certificate of the
 * presented chain. Node calls it only after the chain has been verified against `ca` (rejectUnauthorized stays on).
 * Usable with undici too: `new Agent({ connect: { ..., checkServerIdentity } })`.
 */
export function pinnedCheckServerIdentity(pins: readonly string[]) {
  if (pins.length === 0) throw new Error('at least one SPKI pin is required')
  return (host: string, peer: PeerCertificate): Error | undefined => {
    const err = tls.checkServerIdentity(host, peer)
    if (err) return err
    const seen = new Set<PeerCertificate>()
    for (
      let c: PeerCertificate | undefined = peer;
      c && !seen.has(c);
      c = (c as tls.DetailedPeerCertificate).issuerCertificate
    ) {
      seen.add(c)
      const pin = peerSpkiSha256(c)
      if (pin !== null && pins.includes(pin)) return undefined
    }
    return new Error(`SPKI pin mismatch for ${host}`)
  }
}

export function createPinnedAgent(o: PinnedAgentOptions): https.Agent {
  return new https.Agent({
    ...('pfx' in o
      ? { pfx: Buffer.from(o.pfx), ...(o.passphrase !== undefined ? { passphrase: o.passphrase } : {}) }
      : { cert: o.cert, key: o.key }),
    ...(o.ca !== undefined ? { ca: typeof o.ca === 'string' ? o.ca : [...o.ca] } : {}),
    minVersion: 'TLSv1.2',
    rejectUnauthorized: true,
    keepAlive: o.keepAlive ?? true,
    checkServerIdentity: pinnedCheckServerIdentity(o.pins),
  })
}

/**
 * Reads the client credentials named by the terminal policy (Linux terminals / Node transport). A `{ sha256 }`
 * configuration refers to the OS store, which only the Chromium stack can use.
 */
export async function readClientCredentials(
  cfg: ClientCertificateConfig,
  readFile: (path: string) => Promise<Uint8Array>,
  passphrase?: string,
): Promise<NodeClientCredentials> {
  if ('pkcs12Path' in cfg) return { pfx: await readFile(cfg.pkcs12Path), ...(passphrase ? { passphrase } : {}) }
  if ('certPath' in cfg) {
    const [cert, key] = await Promise.all([readFile(cfg.certPath), readFile(cfg.keyPath)])
    return { cert: Buffer.from(cert).toString('utf8'), key: Buffer.from(key).toString('utf8') }
  }
  throw new Error('the client certificate is in the OS store ({ sha256 }); the Node transport needs a file')
}
