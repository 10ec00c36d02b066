/**
 * Browser mode (検証モード): the real main-process services in plain Node, without the Electron binary,
 * behind the loopback bridge. Used by `npm start` when Electron is not installed and by the E2E tests.
 * It refuses any backend that is not on the loopback interface and any backend not running in demo mode.
 */
import { readFileSync } from 'node:fs'
import { UI_CSP } from './security/csp'
import { createPinnedAgent } from './security/node-tls-agent'
import { createAppServices, type AppServices } from './app-services'
import { NodeHttpsTransport } from './backend/node-https-transport'
import { startLoopbackBridge, type LoopbackBridge } from './bridge/loopback-bridge'

export interface HeadlessMainOptions {
  backendOrigin: string
  rendererDir: string
  /** PEM files of the terminal certificate and the CA that issued the server certificate. */
  tls: { caPath: string; certPath: string; keyPath: string; serverSpkiPins: readonly string[] }
  version: string
  port?: number
  onSecurityEvent?(event: { channel: string; reason: string }): void
}

export interface HeadlessMain {
  bridge: LoopbackBridge
  services: AppServices
  close(): Promise<void>
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]'])

export function assertLoopbackBackend(origin: string): void {
  const url = new URL(origin)
  if (url.protocol !== 'https:' || !LOOPBACK_HOSTS.has(url.hostname)) {
    throw new Error(
      `検証モードではループバック上の https バックエンドにのみ接続できます（指定: ${url.protocol}//${url.hostname}）`,
    )
  }
}

export async function startHeadlessMain(options: HeadlessMainOptions): Promise<HeadlessMain> {
  assertLoopbackBackend(options.backendOrigin)
  const agent = createPinnedAgent({
    ca: readFileSync(options.tls.caPath, 'utf8'),
    cert: readFileSync(options.tls.certPath, 'utf8'),
    key: readFileSync(options.tls.keyPath, 'utf8'),
    pins: options.tls.serverSpkiPins,
  })
  const services = createAppServices({
    transport: new NodeHttpsTransport(agent),
    backendOrigin: options.backendOrigin,
    allowedServerModes: ['demo'],
    appInfo: { shell: 'browser', verificationMode: true, version: options.version },
    // The bridge has already checked origin, host and token; it is the only sender in browser mode.
    isTrustedSender: (sender) => sender.kind === 'bridge',
    ...(options.onSecurityEvent ? { onRefused: options.onSecurityEvent } : {}),
  })
  const bridge = await startLoopbackBridge({
    router: services.router,
    rendererDir: options.rendererDir,
    contentSecurityPolicy: UI_CSP,
    ...(options.port !== undefined ? { port: options.port } : {}),
  })
  return {
    bridge,
    services,
    async close() {
      await services.auth.logout().catch(() => undefined)
      await bridge.close()
      agent.destroy()
    },
  }
}
