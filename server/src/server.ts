import { statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import type { TLSSocket } from 'node:tls'
import type { FastifyInstance } from 'fastify'
import pino from 'pino'
import { AuditLog } from './core/audit/audit-log'
import { systemClock, type Clock } from './core/clock'
import type { ServerConfig } from './core/config'
import { openDatabase, type DatabaseHandle } from './core/db/connect'
import { configuredScanner, type FileScanner } from './core/files/malware-scan'
import { ImportFiles } from './core/files/import-files'
import { buildApp } from './core/http/app'
import { startProbeListener, type ProbeState } from './core/http/health'
import type { RouteDefinition } from './core/http/route'
import type { CrlProblem } from './core/http/crl'
import { isCrlRefusedError } from './core/http/crl'
import { RevocationGuard, type CrlHealth } from './core/http/revocation-guard'
import { normalSerial, serverTlsOptions } from './core/http/tls-options'
import { deriveServerKeys, type ServerKeys } from './core/secrets'
import { authRoutes, userRoutes } from './areas/accounts'
import { auditRoutes } from './areas/audit'
import { benefitRecordRoutes, highCostRoutes, reimbursementRoutes } from './areas/benefits'
import { kokuhorenExchangeRoutes } from './areas/kokuhoren'
import { boardRoutes, certificationIntakeRoutes, firstDecisionRoutes, resultRoutes } from './areas/certification'
import { recipientRoutes } from './areas/recipients'
import {
  arrearsRoutes,
  collectionLedgerRoutes,
  collectionReportRoutes,
  dunningRoutes,
  installmentLimitations,
  paymentIntakeRoutes,
  timeBarredLookup,
} from './areas/collection'
import { eligibilityRoutes, intakeRoutes } from './areas/eligibility'
import {
  directDebitRoutes,
  noticeRoutes,
  pensionExchangeRoutes,
  premiumBatchRoutes,
  premiumRoutes,
  reductionRoutes,
} from './areas/premiums'
import { exportRoutes, printRoutes } from './areas/export'
import { statisticsRoutes } from './areas/statistics'
import {
  FileKeyVault,
  MemoryKeyVault,
  migrationRehearsalRoutes,
  migrationRoutes,
  pgliteTrialStores,
  postgresTrialStores,
  type TrialEnvironment,
} from './areas/migration'
import { cardRoutes } from './areas/forms'
import { ensureShippedMasters, masterRoutes } from './areas/masters'
import { opsRoutes } from './areas/ops'
import { mailingAddressRoutes, personRoutes } from './areas/persons'
import { retentionRoutes } from './areas/retention'
import { securityEventRoutes, serverSecurityEventSink } from './areas/security-events'
import { demoUsers } from './demo/seed-database'
import { demoShippedSources } from './demo/shipped-sources'
import type { ApiRouteName } from '../../shared/api/routes'

export interface RunningServer {
  app: FastifyInstance
  database: DatabaseHandle
  origin: string
  /** The plaintext loopback probe listener, when configured (KAIGO_HEALTH_PORT). */
  probeOrigin: string | null
  /**
   * Re-reads the TLS files and, when the CRL verifies, installs them and drops open connections of terminals the
   * new CRL revokes. A refused CRL installs nothing (`installed: false`, the reason in `problem`): the previous
   * context and CRL stay in force (control C-02). Rejects only when the key or certificate cannot be read.
   */
  reloadTls(): Promise<TlsReload>
  /** The revocation list in force (what /healthz reports when it is degraded). */
  crlHealth(): CrlHealth
  /** Stops accepting, finishes in-flight requests (bounded by the shutdown timeout), then closes. */
  close(): Promise<void>
}

export interface TlsReload {
  installed: boolean
  problem: CrlProblem | null
  /** Terminals the list in force revokes. */
  revoked: number
  dropped: number
}

export interface RouteContext {
  auditLog: AuditLog
  /** The malware scan every imported file goes through (control C-05); from the config when not given. */
  importFiles?: ImportFiles
  keys: ServerKeys
  databaseKind: 'pglite' | 'postgres'
  startedAt: Date
  /** Where 仮移行 stores live and their keys; from the config when not given. */
  trialStores?: TrialEnvironment
}

/**
 * The 仮移行 stores beside the production database (docs/migration.md): a database of their own on the same
 * PostgreSQL server, or PGlite data directories beside the production one (in-memory instances for an in-memory
 * database); keys in KAIGO_MIGRATION_KEY_DIR, outside every database and backup, or in memory only without it.
 */
function configuredTrialStores(config: ServerConfig, kind: 'pglite' | 'postgres'): TrialEnvironment {
  const prepare = (db: Parameters<typeof ensureShippedMasters>[0]) =>
    ensureShippedMasters(db, demoShippedSources()).then(() => undefined)
  const keyDir = process.env.KAIGO_MIGRATION_KEY_DIR
  return {
    provider:
      kind === 'postgres' && config.databaseUrl
        ? postgresTrialStores(config.databaseUrl, prepare)
        : pgliteTrialStores(
            config.dataDir === 'memory' ? 'memory' : join(dirname(config.dataDir), 'trial-stores'),
            prepare,
          ),
    vault: keyDir ? new FileKeyVault(keyDir) : new MemoryKeyVault(),
  }
}

const demoLoginIds = new Set(demoUsers.map((u) => u.loginId))

/** Every route of the server (each declares its access, audit and effect: server/src/core/http/route.ts). */
export function allRoutes(config: ServerConfig, ctx: RouteContext): RouteDefinition<ApiRouteName>[] {
  let personalDataActions = new Set<string>()
  const importFiles =
    ctx.importFiles ??
    new ImportFiles({ scanner: configuredScanner(config.clamd), auditLog: ctx.auditLog, mode: config.mode })
  const routes: RouteDefinition<ApiRouteName>[] = [
    ...authRoutes({
      config,
      keys: ctx.keys,
      auditLog: ctx.auditLog,
      replayExempt: (loginId) => config.mode === 'demo' && demoLoginIds.has(loginId),
    }),
    ...personRoutes(),
    ...mailingAddressRoutes(),
    ...cardRoutes(),
    ...eligibilityRoutes(),
    ...intakeRoutes({ importFiles }),
    ...premiumRoutes({ importFiles }),
    ...directDebitRoutes(),
    ...noticeRoutes(),
    ...pensionExchangeRoutes({ importFiles }),
    ...premiumBatchRoutes(),
    ...reductionRoutes(),
    ...certificationIntakeRoutes(),
    ...firstDecisionRoutes({ importFiles }),
    ...boardRoutes(),
    ...resultRoutes(),
    ...recipientRoutes(),
    ...paymentIntakeRoutes({ importFiles }),
    ...benefitRecordRoutes({ importFiles }),
    ...highCostRoutes(),
    ...kokuhorenExchangeRoutes({ importFiles }),
    ...reimbursementRoutes(),
    ...dunningRoutes(),
    // 収納台帳: the payments refuse what the dunning sub-area's limitation (with its renewals) has time-barred.
    ...collectionLedgerRoutes({ timeBarred: timeBarredLookup, limitations: installmentLimitations }),
    ...collectionReportRoutes(),
    ...arrearsRoutes(),
    ...statisticsRoutes(),
    ...migrationRoutes({ importFiles }),
    ...migrationRehearsalRoutes({ trialStores: ctx.trialStores ?? configuredTrialStores(config, ctx.databaseKind) }),
    ...auditRoutes(() => personalDataActions),
    ...userRoutes(),
    ...masterRoutes(),
    ...exportRoutes(),
    ...printRoutes(),
    ...securityEventRoutes(),
    ...retentionRoutes({ backupDir: config.backupDir ?? null, insurerName: config.insurerName }),
    ...opsRoutes({ mode: config.mode, database: ctx.databaseKind, startedAt: ctx.startedAt }),
  ] as RouteDefinition<ApiRouteName>[]
  personalDataActions = new Set(routes.flatMap((r) => (r.personalData && r.audit ? [r.audit.action] : [])))
  return routes
}

/** Opens the database, builds the app with mutual TLS and listens. */
export async function startServer(
  config: ServerConfig,
  options: { database?: DatabaseHandle; logStream?: NodeJS.WritableStream; clock?: Clock; scanner?: FileScanner } = {},
): Promise<RunningServer> {
  const clock = options.clock ?? systemClock
  // No TLS context without a verified CRL (control C-02): a refused CRL throws CrlRefusedError before anything opens.
  const tls = await serverTlsOptions(config.tls)
  const database =
    options.database ??
    (await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, migrate: config.migrate }))
  // The masters shipped with this release: published once, a restart writes nothing.
  await ensureShippedMasters(database.db, demoShippedSources(), clock())
  const logger = pino(
    { level: process.env.KAIGO_LOG_LEVEL ?? 'info', base: { service: 'kaigo-desk-server' } },
    options.logStream ?? process.stdout,
  )
  const keys = deriveServerKeys(config.serverSecret)
  const auditLog = new AuditLog(keys.auditKey)
  const guard = new RevocationGuard(tls.crl, {
    path: config.tls.crlPath,
    clock,
    sink: serverSecurityEventSink(database.db, auditLog),
    logger,
  })
  const importFiles = new ImportFiles({
    scanner: options.scanner ?? configuredScanner(config.clamd),
    auditLog,
    mode: config.mode,
    log: logger,
  })
  const probeState: ProbeState = {
    closing: false,
    crl: () => guard.evaluate(),
    malwareScan: () => importFiles.status(),
  }
  const app = buildApp({
    db: database.db,
    config,
    routes: allRoutes(config, { auditLog, keys, databaseKind: database.kind, startedAt: clock(), importFiles }),
    auditLog,
    clock,
    https: tls.options,
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
  const reloadOnce = async (): Promise<TlsReload> => {
    let next: Awaited<ReturnType<typeof serverTlsOptions>>
    try {
      next = await serverTlsOptions(config.tls, guard.inForce.thisUpdate)
    } catch (error) {
      if (!isCrlRefusedError(error)) throw error
      guard.refusedFile(error)
      return { installed: false, problem: error.problem, revoked: guard.inForce.revoked.size, dropped: 0 }
    }
    ;(app.server as unknown as { setSecureContext(o: object): void }).setSecureContext(next.options)
    guard.installed(next.crl)
    const revoked = next.crl.revoked
    let dropped = 0
    for (const [socket, serial] of sockets) {
      if (revoked.has(serial)) {
        socket.destroy()
        dropped++
      }
    }
    logger.info({ event: 'tlsReloaded', revoked: revoked.size, dropped }, 'TLS context reloaded')
    return { installed: true, problem: null, revoked: revoked.size, dropped }
  }
  // One reload at a time (the watcher and SIGHUP may meet).
  let reloads: Promise<unknown> = Promise.resolve()
  const reloadTls = () => {
    const run = reloads.then(reloadOnce)
    reloads = run.catch(() => undefined)
    return run
  }
  const crlStamp = () => {
    try {
      const s = statSync(config.tls.crlPath)
      return `${s.ino}:${s.mtimeMs}:${s.size}`
    } catch {
      return 'absent'
    }
  }
  let lastStamp = crlStamp()
  // Every tick notices a list past its nextUpdate; with KAIGO_TLS_RELOAD_SECONDS > 0 it also reloads a changed file.
  const watcher = setInterval(
    () => {
      guard.evaluate()
      if (config.tls.reloadSeconds === 0) return
      const stamp = crlStamp()
      if (stamp === lastStamp) return
      lastStamp = stamp
      reloadTls().catch(() =>
        logger.error({ event: 'tlsReloadFailed' }, 'TLS reload failed; the previous context stays in force'),
      )
    },
    (config.tls.reloadSeconds || 60) * 1000,
  )
  watcher.unref()

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
    crlHealth: () => guard.evaluate(),
    close() {
      closed ??= (async () => {
        probeState.closing = true
        clearInterval(watcher)
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
        await reloads
        await guard.settled()
        if (!options.database) await database.close()
        logger.info({ event: 'stopped' }, 'server stopped')
      })()
      return closed
    },
  }
}
