import type { TLSSocket } from 'node:tls'
import { problems } from '../problem'

/**
 * Step 1 — identify the terminal: the CN of its verified client certificate (control C-02). A request without a
 * TLS socket (`fastify.inject` in tests) takes the configured fallback; without one it is not authenticated.
 */
export function identifyTerminal(socket: unknown, fallback: string | undefined): string {
  const tls = socket as Partial<TLSSocket>
  if (typeof tls.getPeerCertificate === 'function' && tls.authorized) {
    const cn = tls.getPeerCertificate().subject?.CN
    if (typeof cn === 'string' && cn) return cn
  }
  if (fallback) return fallback
  throw problems.notAuthenticated()
}
