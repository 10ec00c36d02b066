import type { ServerOptions as HttpsServerOptions } from 'node:https'
import type { TLSSocket } from 'node:tls'
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify'
import { z } from 'zod'
import { apiRoutes, type ApiRouteName } from '../../../../shared/api/routes'
import type { AuditEntry, AuditLog } from '../audit/audit-log'
import { permissionCatalog, permissionsOf, type Permission, type Scope } from '../access/roles'
import { resolveSession, type AuthenticatedUser } from '../sessions/sessions'
import { systemClock, type Clock } from '../clock'
import type { ServerConfig } from '../config'
import type { Db, Tx } from '../db/connect'
import { claimIdempotencyKey, requestHashOf, storeIdempotentResponse } from '../records/idempotency'
import { registerProbes, type ProbeState } from './health'
import { HttpProblem, problems } from './problem'
import { RateLimiter } from './rate-limit'
import type { HandlerContext, RouteDefinition } from './route'

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

/** The identity of the connecting terminal: the CN of its verified client certificate (control C-02). */
function terminalIdOf(socket: unknown, fallback: string | undefined): string {
  const tls = socket as Partial<TLSSocket>
  if (typeof tls.getPeerCertificate === 'function' && tls.authorized) {
    const cn = tls.getPeerCertificate().subject?.CN
    if (typeof cn === 'string' && cn) return cn
  }
  if (fallback) return fallback
  throw problems.notAuthenticated()
}

/** How a first result is kept for its retries: the answer and the audit targets of the first request. */
const REPLAY_MARK = 'kaigoReplay'
function storedReplay(stored: unknown): { value: unknown; targets: number[] } {
  const record = stored as { [REPLAY_MARK]?: number; value?: unknown; targets?: number[] } | null
  // Keys stored before the targets were kept hold the bare answer.
  if (record?.[REPLAY_MARK] !== 1) return { value: stored, targets: [] }
  return { value: record.value, targets: record.targets ?? [] }
}

const auditRowsOf = (req: unknown) => (req as { auditRows?: number }).auditRows ?? -1

function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer ([A-Za-z0-9_-]{20,200})$/.exec(header ?? '')
  return match?.[1] ?? null
}

const shapeOf = (schema: z.ZodType): Record<string, unknown> =>
  schema instanceof z.ZodObject ? (schema.shape as Record<string, unknown>) : {}

/**
 * The declaration rules every route must follow; `buildApp` refuses to start when one is broken, and
 * tests/unit/server/permission-matrix.test.ts shows each rule. Returns the problems found.
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
  const clock = deps.clock ?? systemClock

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
  // The audit rows a request committed (audited routes only): logged with the request, so that the integration
  // suite can check "exactly one audit row per personal-data request" on every request it makes (C-08).
  app.decorateRequest('auditRows', -1)

  app.addHook('onSend', async (_req, reply, payload) => {
    reply.header('cache-control', 'no-store')
    reply.header('x-content-type-options', 'nosniff')
    reply.header('strict-transport-security', 'max-age=31536000')
    reply.header('content-security-policy', "default-src 'none'; frame-ancestors 'none'")
    reply.header('referrer-policy', 'no-referrer')
    return payload
  })
  app.addHook('onResponse', async (req, reply) => {
    req.log.info(
      {
        method: req.method,
        route: req.routeOptions.url ?? 'unmatched',
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
        terminal: (req as unknown as { terminalId: string }).terminalId || undefined,
        ...(auditRowsOf(req) >= 0 ? { audit: auditRowsOf(req) } : {}),
      },
      'request',
    )
  })

  app.setErrorHandler((error, req, reply) => {
    const status = (error as { statusCode?: number }).statusCode
    const problem =
      error instanceof HttpProblem
        ? error
        : status === 413
          ? problems.tooLarge()
          : status !== undefined && status >= 400 && status < 500
            ? problems.invalidRequest()
            : problems.internal()
    if (problem.status >= 500)
      req.log.error({ err: { name: error instanceof Error ? error.name : 'unknown' } }, 'unhandled error')
    void reply
      .status(problem.status)
      .headers(problem.headers)
      .type('application/problem+json')
      .send({
        type: 'about:blank',
        title: problem.title,
        status: problem.status,
        code: problem.code,
        ...(problem.detail ? { detail: problem.detail } : {}),
      })
  })
  app.setNotFoundHandler((_req, reply) => {
    void reply
      .status(404)
      .type('application/problem+json')
      .send({ type: 'about:blank', title: '該当する機能がありません', status: 404, code: 'notFound' })
  })

  registerProbes(app, deps.db, deps.probeState ?? { closing: false })

  const policy = { idleSeconds: deps.config.sessionIdleSeconds, maxSeconds: deps.config.sessionMaxSeconds }
  // control C-04: rate limits per terminal (every request) and per user (every authenticated request).
  const terminalLimiter = new RateLimiter({ limit: deps.config.rateLimits.terminalPerMinute, windowSeconds: 60 })
  const userLimiter = new RateLimiter({ limit: deps.config.rateLimits.userPerMinute, windowSeconds: 60 })
  const limit = (limiter: RateLimiter, key: string, now: Date, log: FastifyBaseLogger) => {
    const decision = limiter.take(key, now.getTime())
    if (!decision.allowed) {
      log.warn({ event: 'rateLimited', key }, 'rate limited')
      throw problems.rateLimited(decision.retryAfterSeconds)
    }
  }

  for (const route of deps.routes) {
    const spec = apiRoutes[route.name]
    app.route({
      method: spec.method,
      url: spec.path,
      handler: async (req, reply) => {
        const counted = req as unknown as { auditRows: number }
        if (route.audit) counted.auditRows = 0
        const now = clock()
        const terminalId = terminalIdOf(req.raw.socket, deps.injectedTerminalId)
        ;(req as unknown as { terminalId: string }).terminalId = terminalId
        limit(terminalLimiter, `terminal:${terminalId}`, now, req.log)
        const token = bearerToken(req.headers.authorization)
        let user: AuthenticatedUser | null = null
        if (route.access.kind !== 'public') {
          user = token ? await resolveSession(deps.db, token, terminalId, policy, now) : null
          if (!user) throw problems.notAuthenticated()
          limit(userLimiter, `user:${user.id}`, now, req.log)
        }
        // A permission that needs the second factor counts only in a session opened with it (C-06, C-30).
        const granted = new Map<Permission, Scope>()
        for (const [p, scope] of permissionsOf(user?.roles ?? []))
          if (!permissionCatalog[p].secondFactor || user?.secondFactor) granted.set(p, scope)

        const targets: number[] = []
        let purpose: string | null = null
        const auditEntry = (outcome: AuditEntry['outcome']): AuditEntry => ({
          userId: user?.id ?? null,
          loginId: user?.loginId ?? null,
          terminalId,
          action: route.audit ? route.audit.action : route.name,
          targetType: route.audit ? (route.audit.targetType ?? 'person') : 'person',
          targetIds: [...new Set(targets)],
          purpose,
          outcome,
        })
        const refuse = async (problem: HttpProblem) => {
          if (route.audit) {
            await deps.auditLog.append(deps.db, auditEntry('denied'), now)
            counted.auditRows++
          }
          throw problem
        }
        if (route.access.kind === 'permission' && !granted.has(route.access.permission))
          await refuse(problems.forbidden())
        if (route.stepUp) {
          const stepUpAt = user?.stepUpAt?.getTime() ?? -Infinity
          if (now.getTime() - stepUpAt > deps.config.stepUpSeconds * 1000) await refuse(problems.stepUpRequired())
        }

        // Deny by default: access is decided before the input is even parsed.
        const rawInput = spec.method === 'GET' ? (req.query ?? {}) : (req.body ?? {})
        const parsed = spec.input.safeParse(rawInput)
        if (!parsed.success) throw problems.invalidRequest(parsed.error.issues.map((i) => i.message).join(' / '))

        const makeContext = (db: Db | Tx): HandlerContext<typeof route.name> => ({
          input: parsed.data as never,
          user,
          permissions: granted,
          terminalId,
          token,
          db,
          now,
          audit: {
            targets: (ids) => void targets.push(...ids),
            purpose: (text) => void (purpose = text),
          },
        })

        void reply.type('application/json')
        if (route.effect === 'session') return spec.output.parse(await route.handle(makeContext(deps.db)))

        const idempotent = route.effect === 'create' || route.effect === 'statusChange'
        const input = parsed.data as Record<string, unknown>
        const claim = idempotent
          ? {
              userId: user?.id ?? 0,
              key: String(input.idempotencyKey),
              route: route.name,
              requestHash: requestHashOf(route.name, input),
              now,
            }
          : null
        try {
          const result = await deps.db.transaction(async (tx) => {
            if (claim) {
              const previous = await claimIdempotencyKey(tx, claim)
              if (previous.kind === 'replay') {
                // The first result is answered again: a personal-data answer is a disclosure again, so it is
                // audited (outcome 'replayed', with the persons of the first answer); nothing is written twice.
                const stored = storedReplay(previous.response)
                targets.push(...stored.targets)
                if (route.audit && route.personalData) await deps.auditLog.append(tx, auditEntry('replayed'), now)
                return { replayed: true, value: stored.value }
              }
            }
            const value = spec.output.parse(await route.handle(makeContext(tx)))
            if (route.audit) await deps.auditLog.append(tx, auditEntry('ok'), now)
            if (claim)
              await storeIdempotentResponse(tx, claim, { [REPLAY_MARK]: 1, value, targets: [...new Set(targets)] })
            return { replayed: false, value }
          })
          if (route.audit && (!result.replayed || route.personalData)) counted.auditRows++
          if (result.replayed) {
            void reply.header('idempotent-replayed', 'true')
            req.log.info({ event: 'idempotentReplay', route: route.name }, 'idempotent replay')
          }
          return result.value
        } catch (error) {
          // The request's transaction rolled back: its refusal or failure is still audited (C-08).
          if (route.audit) {
            const refused = error instanceof HttpProblem && (error.status === 401 || error.status === 403)
            await deps.auditLog
              .append(deps.db, auditEntry(refused ? 'denied' : 'failed'), now)
              .then(() => void counted.auditRows++)
              .catch(() => undefined)
          }
          throw error
        }
      },
    })
  }
  return app
}
