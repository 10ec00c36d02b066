/**
 * The HTTP app: the routes it is given, each behind the request pipeline (pipeline/handle-request.ts), the
 * liveness and readiness probes, and the answers for refusals and unknown paths.
 */
import type { ServerOptions as HttpsServerOptions } from 'node:https'
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify'
import { z } from 'zod'
import { apiRoutes, type ApiRouteName } from '../../../../shared/api/routes'
import type { AuditLog } from '../audit/audit-log'
import { permissionCatalog } from '../access/roles'
import { systemClock, type Clock } from '../clock'
import type { ServerConfig } from '../config'
import type { Db } from '../db/connect'
import { registerProbes, type ProbeState } from './health'
import { answerNotFound, answerProblem, logRequest, withSecurityHeaders } from './pipeline/answers'
import { requestHandler, type PipelineEnv } from './pipeline/handle-request'
import { RequestRateLimits } from './pipeline/rate-limits'
import type { RouteDefinition } from './route'

export type AppConfig = Pick<
  ServerConfig,
  'mode' | 'insurerName' | 'sessionIdleSeconds' | 'sessionMaxSeconds' | 'stepUpSeconds' | 'rateLimits'
>

export interface AppDependencies {
  db: Db
  config: AppConfig
  routes: readonly RouteDefinition<ApiRouteName>[]
  auditLog: AuditLog
  clock?: Clock
  /** TLS options (key, cert, client CA, CRL); omitted only by in-process tests that use `inject`. */
  https?: HttpsServerOptions
  /** A pino logger instance; none in tests that do not look at logs. */
  logger?: FastifyBaseLogger
  /** Terminal id for requests without a TLS socket (fastify.inject in tests). */
  injectedTerminalId?: string
  probeState?: ProbeState
}

const shapeOf = (schema: z.ZodType): Record<string, unknown> =>
  schema instanceof z.ZodObject ? (schema.shape as Record<string, unknown>) : {}

/**
 * The declaration rules every route must follow; `buildApp` refuses to start when one is broken, and
 * tests/unit/server/cli/permission-matrix.test.ts shows each rule. Returns the problems found.
 */
export function routeDeclarationProblems(routes: readonly RouteDefinition<ApiRouteName>[]): string[] {
  const found: string[] = []
  const names = routes.map((r) => r.name)
  for (const name of Object.keys(apiRoutes) as ApiRouteName[]) {
    const count = names.filter((n) => n === name).length
    if (count === 0) found.push(`route ${name} has no definition (every route declares its access)`)
    if (count > 1) found.push(`route ${name} is defined ${count} times`)
  }
  for (const route of routes) {
    const spec = apiRoutes[route.name] as (typeof apiRoutes)[ApiRouteName] | undefined
    if (!spec) {
      found.push(`route ${route.name} is not in the HTTP contract`)
      continue
    }
    const shape = shapeOf(spec.input)
    const permission = route.access.kind === 'permission' ? permissionCatalog[route.access.permission] : null
    if (route.personalData && !route.audit) found.push(`${route.name}: a personal-data route must be audited (C-08)`)
    if (route.personalData && !permission?.personalData)
      found.push(`${route.name}: a personal-data route needs a personal-data permission`)
    if (permission?.personalData && !route.personalData)
      found.push(`${route.name}: a personal-data permission guards a route not declared as personal data`)
    if ((route.effect === 'create' || route.effect === 'statusChange') && !('idempotencyKey' in shape))
      found.push(`${route.name}: a ${route.effect} route must accept an idempotency key`)
    if (route.effect === 'update' && !('rowVersion' in shape && 'reason' in shape))
      found.push(`${route.name}: an update names the row version it read and a reason`)
    if (route.effect !== 'read' && spec.method !== 'POST') found.push(`${route.name}: writes are POSTs`)
    if (route.stepUp && route.access.kind === 'public') found.push(`${route.name}: step-up needs a session`)
  }
  return found
}

/** Every route the app registered (method + url), for the route × role walk. */
const registered = new WeakMap<FastifyInstance, { method: string; url: string }[]>()
export const registeredRoutes = (app: FastifyInstance) => registered.get(app) ?? []

export function buildApp(deps: AppDependencies): FastifyInstance {
  const declarationProblems = routeDeclarationProblems(deps.routes)
  if (declarationProblems.length > 0) throw new Error(declarationProblems.join('\n'))

  const app = Fastify({
    ...(deps.https ? { https: deps.https } : {}),
    ...(deps.logger ? { loggerInstance: deps.logger } : { logger: false }),
    // Request logging is our own onResponse line: method, route pattern, status — never bodies or queries.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: 256 * 1024,
    return503OnClosing: true,
  }) as unknown as FastifyInstance

  const routeList: { method: string; url: string }[] = []
  registered.set(app, routeList)
  app.addHook('onRoute', (options) => {
    for (const method of [options.method].flat()) routeList.push({ method, url: options.url })
  })
  app.decorateRequest('terminalId', '')
  // The audit rows the request committed (pipeline/request-audit.ts), logged with it.
  app.decorateRequest('auditRows', -1)
  app.addHook('onSend', withSecurityHeaders)
  app.addHook('onResponse', logRequest)
  app.setErrorHandler(answerProblem)
  app.setNotFoundHandler(answerNotFound)

  registerProbes(app, deps.db, deps.probeState ?? { closing: false })

  const env: PipelineEnv = {
    db: deps.db,
    auditLog: deps.auditLog,
    clock: deps.clock ?? systemClock,
    policy: { idleSeconds: deps.config.sessionIdleSeconds, maxSeconds: deps.config.sessionMaxSeconds },
    stepUpSeconds: deps.config.stepUpSeconds,
    limits: new RequestRateLimits(deps.config.rateLimits),
    injectedTerminalId: deps.injectedTerminalId,
  }
  for (const route of deps.routes) {
    const spec = apiRoutes[route.name]
    app.route({ method: spec.method, url: spec.path, handler: requestHandler(route, env) })
  }
  return app
}
