import { readFileSync } from 'node:fs'
import { BackendClient } from '../../../electron/main/backend/backend-client'
import { NodeHttpsTransport } from '../../../electron/main/backend/node-https-transport'
import { createPinnedAgent } from '../../../electron/main/security/node-tls-agent'
import type { TestServer } from './test-server'

function terminalAgent(t: TestServer) {
  return createPinnedAgent({
    ca: readFileSync(t.pki.caCert, 'utf8'),
    cert: readFileSync(t.pki.terminalCert, 'utf8'),
    key: readFileSync(t.pki.terminalKey, 'utf8'),
    pins: t.pkiInfo.serverSpkiPins,
    keepAlive: false,
  })
}

/** A POST that bypasses the client's own validation, to see what the server itself accepts. */
export function rawPost(t: TestServer, path: string, body: unknown, token?: string) {
  return new NodeHttpsTransport(terminalAgent(t)).request({
    method: 'POST',
    url: new URL(path, t.server.origin).toString(),
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  })
}

/** The client main uses in browser mode: pinned mutual TLS with the terminal certificate. */
export function terminalClient(t: TestServer, credentials?: { cert: string; key: string }): BackendClient {
  const agent = createPinnedAgent({
    ca: readFileSync(t.pki.caCert, 'utf8'),
    cert: credentials?.cert ?? readFileSync(t.pki.terminalCert, 'utf8'),
    key: credentials?.key ?? readFileSync(t.pki.terminalKey, 'utf8'),
    pins: t.pkiInfo.serverSpkiPins,
    keepAlive: false,
  })
  return new BackendClient(new NodeHttpsTransport(agent), t.server.origin)
}
