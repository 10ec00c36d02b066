import { statSync } from 'node:fs'
import type { TLSSocket } from 'node:tls'
import type { FastifyInstance } from 'fastify'
import pino from 'pino'
import { AuditLog } from './core/audit/audit-log'
import { systemClock, type Clock } from './core/clock'
import type { ServerConfig } from './core/config'
import { openDatabase, type DatabaseHandle } from './core/db/connect'
import { buildApp } from './core/http/app'
import { startProbeListener, type ProbeState } from './core/http/health'
import type { RouteDefinition } from './core/http/route'
import { normalSerial, revokedSerials, serverTlsOptions } from './core/http/tls-options'
import { deriveServerKeys, type ServerKeys } from './core/secrets'
import { authRoutes, userRoutes } from './areas/accounts'
import { auditRoutes } from './areas/audit'
import { eligibilityRoutes, intakeRoutes } from './areas/eligibility'
import { exportRoutes, printRoutes } from './areas/export'
import { cardRoutes } from './areas/forms'
import { ensureShippedMasters, masterRoutes } from './areas/masters'
import { opsRoutes } from './areas/ops'
import { personRoutes } from './areas/persons'
import { securityEventRoutes } from './areas/security-events'
import { demoUsers } from './demo/seed-database'
import { demoShippedSources } from './demo/shipped-sources'
import type { ApiRouteName } from '../../shared/api/routes'

export interface RunningServer {
  app: FastifyInstance
  database: DatabaseHandle
  origin: string
  /** The plaintext loopback probe listener, when configured (KAIGO_HEALTH_PORT). */
  probeOrigin: string | null
  /** Re-reads the TLS files (new CRL) and drops open connections of terminals the CRL now revokes. */
  reloadTls(): { revoked: number; dropped: number }
  /** Stops accepting, finishes in-flight requests (bounded by the shutdown timeout), then closes. */
  close(): Promise<void>
}

export interface RouteContext {
  auditLog: AuditLog
  keys: ServerKeys
  databaseKind: 'pglite' | 'postgres'
  startedAt: Date
}

const demoLoginIds = new Set(demoUsers.map((u) => u.loginId))

/** Every route of the server (each declares its access, audit and effect: server/src/core/http/route.ts). */
export function allRoutes(config: ServerConfig, ctx: RouteContext): RouteDefinition<ApiRouteName>[] {
  let personalDataActions = new Set<string>()
  const routes: RouteDefinition<ApiRouteName>[] = [
    ...authRoutes({
      config,
      keys: ctx.keys,
      auditLog: ctx.auditLog,
      replayExempt: (loginId) => config.mode === 'demo' && demoLoginIds.has(loginId),
    }),
    ...personRoutes(),
    ...cardRoutes(),
    ...eligibilityRoutes(),
    ...intakeRoutes(),
    ...auditRoutes(() => personalDataActions),
    ...userRoutes(),
    ...masterRoutes(),
    ...exportRoutes(),
    ...printRoutes(),
    ...securityEventRoutes(),
    ...opsRoutes({ mode: config.mode, database: ctx.databaseKind, startedAt: ctx.startedAt }),
  ] as RouteDefinition<ApiRouteName>[]
  personalDataActions = new Set(routes.flatMap((r) => (r.personalData && r.audit ? [r.audit.action] : [])))
  return routes
}

/** Opens the database, builds the app with mutual TLS and listens. */
export async function startServer(
  config: ServerConfig,
  options: { database?: DatabaseHandle; logStream?: NodeJS.WritableStream; clock?: Clock } = {},
): Promise<RunningServer> {
  const database =
    options.database ??
    (await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, migrate: config.migrate }))
  const clock = options.clock ?? systemClock
  // The masters shipped with this release: published once, a restart writes nothing.
  await ensureShippedMasters(database.db, demoShippedSources(), clock())
  const logger = pino(
    { level: process.env.KAIGO_LOG_LEVEL ?? 'info', base: { service: 'kaigo-desk-server' } },
    options.logStream ?? process.stdout,
  )
  const keys = deriveServerKeys(config.serverSecret)
  const auditLog = new AuditLog(keys.auditKey)
  const probeState: ProbeState = { closing: false }
  const app = buildApp({
    db: database.db,
    config,
    routes: allRoutes(config, { auditLog, keys, databaseKind: database.kind, startedAt: clock() }),
    auditLog,
    clock,
    https: serverTlsOptions(config.tls),
    logger,
    probeState,
  })

  // control C-02: open connections are tracked by certificate serial so a new CRL also ends live sessions.
  const sockets = new Map<TLSSocket, string>()
  app.server.on('secureConnection', (socket: TLSSocket) => {
    const serial = socket.getPeerCertificate()?.serialNumber
    if (!serial) return
    sockets.set(socket, normalSerial(serial))
    socket.once('close', () => sockets.delete(socket))
  })
  const reloadTls = () => {
    const options = serverTlsOptions(config.tls)
    ;(app.server as unknown as { setSecureContext(o: object): void }).setSecureContext(options)
    const revoked = options.crl ? revokedSerials(options.crl.toString('utf8')) : new Set<string>()
    let dropped = 0
    for (const [socket, serial] of sockets) {
      if (revoked.has(serial)) {
        socket.destroy()
        dropped++
      }
    }
    logger.info({ event: 'tlsReloaded', revoked: revoked.size, dropped }, 'TLS context reloaded')
    return { revoked: revoked.size, dropped }
  }
  const crlStamp = () => {
    try {
      const s = statSync(config.tls.crlPath)
      return `${s.mtimeMs}:${s.size}`
    } catch {
      return 'absent'
    }
  }
  let lastStamp = crlStamp()
  const watcher =
    config.tls.reloadSeconds > 0
      ? setInterval(() => {
          const stamp = crlStamp()
          if (stamp === lastStamp) return
          lastStamp = stamp
          try {
            reloadTls()
          } catch {
            logger.error({ event: 'tlsReloadFailed' }, 'TLS reload failed; the previous context stays in force')
          }
        }, config.tls.reloadSeconds * 1000)
      : null
  watcher?.unref()

  await app.listen({ host: config.host, port: config.port })
  const probes = config.health ? await startProbeListener(database.db, probeState, config.health) : null
  const address = app.server.address()
  const port = typeof address === 'object' && address ? address.port : config.port
  const host = config.host.includes(':') ? `[${config.host}]` : config.host
  let closed: Promise<void> | null = null
  return {
    app,
    database,
    origin: `https://${host}:${port}`,
    probeOrigin: probes?.origin ?? null,
    reloadTls,
    close() {
      closed ??= (async () => {
        probeState.closing = true
        if (watcher) clearInterval(watcher)
        // Fastify stops accepting, answers new requests on kept-alive connections with 503, closes idle
        // connections and waits for in-flight requests; after the timeout the rest are cut.
        const timer = setTimeout(() => app.server.closeAllConnections(), config.shutdownTimeoutSeconds * 1000)
        // A kept-alive connection whose request finished after the close began is idle now: close it too.
        const sweeper = setInterval(() => app.server.closeIdleConnections(), 100)
        try {
          await app.close()
        } finally {
          clearTimeout(timer)
          clearInterval(sweeper)
        }
        await probes?.app.close()
        if (!options.database) await database.close()
        logger.info({ event: 'stopped' }, 'server stopped')
      })()
      return closed
    },
  }
}
