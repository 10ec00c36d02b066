import { readFileSync } from 'node:fs'
import https from 'node:https'
import { BackendClient } from '../../../electron/main/backend/backend-client'
import { NodeHttpsTransport } from '../../../electron/main/backend/node-https-transport'
import { createPinnedAgent } from '../../../electron/main/security/node-tls-agent'
import { apiRoutes, type ApiRouteName } from '../../../shared/api/routes'
import type { TestServer } from './test-server'

export interface TerminalCredentials {
  cert: string
  key: string
}

const agents = new WeakMap<TestServer, Map<string, ReturnType<typeof createPinnedAgent>>>()

/** The terminal's pinned mutual-TLS agent, kept alive per server and certificate (fewer handshakes). */
function terminalAgent(t: TestServer, credentials?: TerminalCredentials) {
  const cert = credentials?.cert ?? readFileSync(t.pki.terminalCert, 'utf8')
  let byCert = agents.get(t)
  if (!byCert) agents.set(t, (byCert = new Map()))
  let agent = byCert.get(cert)
  if (!agent) {
    agent = createPinnedAgent({
      ca: readFileSync(t.pki.caCert, 'utf8'),
      cert,
      key: credentials?.key ?? readFileSync(t.pki.terminalKey, 'utf8'),
      pins: t.pkiInfo.serverSpkiPins,
      keepAlive: true,
    })
    byCert.set(cert, agent)
  }
  return agent
}

/** Ends the kept-alive connections of a test server's clients (before the server stops). */
export function releaseAgents(t: TestServer): void {
  for (const agent of agents.get(t)?.values() ?? []) agent.destroy()
  agents.delete(t)
}

/** A POST that bypasses the client's own validation, to see what the server itself accepts. */
export function rawPost(t: TestServer, path: string, body: unknown, token?: string, credentials?: TerminalCredentials) {
  return new NodeHttpsTransport(terminalAgent(t, credentials)).request({
    method: 'POST',
    url: new URL(path, t.server.origin).toString(),
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
}

/** A raw request with full control over method, headers and body (for probes and odd inputs). */
export function rawRequest(
  t: TestServer,
  options: { method: 'GET' | 'POST'; path: string; token?: string; body?: string; headers?: Record<string, string> },
): Promise<{ status: number; body: string; headers: Record<string, string | string[] | undefined> }> {
  return new Promise((resolve, reject) => {
    const req = https.request(
      new URL(options.path, t.server.origin),
      {
        method: options.method,
        ca: readFileSync(t.pki.caCert),
        cert: readFileSync(t.pki.terminalCert),
        key: readFileSync(t.pki.terminalKey),
        agent: false,
        headers: {
          ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
          ...options.headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers }),
        )
      },
    )
    req.on('error', reject)
    req.end(options.body)
  })
}

/** The client main uses in browser mode: pinned mutual TLS with the terminal certificate. */
export function terminalClient(t: TestServer, credentials?: TerminalCredentials): BackendClient {
  return new BackendClient(new NodeHttpsTransport(terminalAgent(t, credentials)), t.server.origin)
}

/** One route of the contract, sent as is (no client-side validation): status, problem code and parsed body. */
export async function callRoute(
  t: TestServer,
  name: ApiRouteName,
  input: unknown,
  token?: string,
  credentials?: TerminalCredentials,
): Promise<{ status: number; code: string | undefined; body: Record<string, unknown> & { title?: string } }> {
  const spec = apiRoutes[name]
  const res =
    spec.method === 'POST'
      ? await rawPost(t, spec.path, input, token, credentials)
      : await new NodeHttpsTransport(terminalAgent(t, credentials)).request({
          method: 'GET',
          url: (() => {
            const url = new URL(spec.path, t.server.origin)
            for (const [k, v] of Object.entries((input ?? {}) as Record<string, unknown>))
              url.searchParams.set(k, String(v))
            return url.toString()
          })(),
          headers: token ? { authorization: `Bearer ${token}` } : {},
        })
  const body = JSON.parse(res.body) as Record<string, unknown> & { title?: string; code?: string }
  return { status: res.status, code: res.status >= 400 ? body.code : undefined, body }
}
