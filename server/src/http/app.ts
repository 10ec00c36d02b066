import type { ServerOptions as HttpsServerOptions } from 'node:https'
import type { TLSSocket } from 'node:tls'
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify'
import { apiRoutes, type ApiRouteName } from '../../../shared/api/routes'
import { appendAudit } from '../audit/audit-log'
import { permissionsOf } from '../auth/roles'
import { resolveSession, type AuthenticatedUser } from '../auth/sessions'
import type { ServerConfig } from '../config'
import type { Db } from '../db/connect'
import { HttpProblem, problems } from './problem'
import type { HandlerContext, RouteDefinition } from './route'

export interface AppDependencies {
  db: Db
  config: Pick<ServerConfig, 'mode' | 'insurerName' | 'sessionIdleSeconds' | 'sessionMaxSeconds'>
  routes: readonly RouteDefinition<ApiRouteName>[]
  /** TLS options (key, cert, client CA, CRL); omitted only by in-process tests that use `inject`. */
  https?: HttpsServerOptions
  /** A pino logger instance; none in tests that do not look at logs. */
  logger?: FastifyBaseLogger
  /** Terminal id for requests without a TLS socket (fastify.inject in tests). */
  injectedTerminalId?: string
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

function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer ([A-Za-z0-9_-]{20,200})$/.exec(header ?? '')
  return match?.[1] ?? null
}

export function buildApp(deps: AppDependencies): FastifyInstance {
  const declared = new Set(deps.routes.map((r) => r.name))
  for (const name of Object.keys(apiRoutes) as ApiRouteName[]) {
    if (!declared.has(name)) throw new Error(`route ${name} has no definition (every route declares its access)`)
  }

  const app = Fastify({
    ...(deps.https ? { https: deps.https } : {}),
    ...(deps.logger ? { loggerInstance: deps.logger } : { logger: false }),
    // Request logging is our own onResponse line: method, route pattern, status — never bodies or queries.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: 256 * 1024,
    return503OnClosing: true,
  }) as unknown as FastifyInstance

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
      },
      'request',
    )
  })

  app.setErrorHandler((error, req, reply) => {
    const problem =
      error instanceof HttpProblem
        ? error
        : (error as { statusCode?: number }).statusCode === 413
          ? problems.tooLarge()
          : (error as { statusCode?: number }).statusCode === 400 ||
              (error as { code?: string }).code === 'FST_ERR_CTP_INVALID_JSON_BODY'
            ? problems.invalidRequest()
            : problems.internal()
    if (problem.status >= 500)
      req.log.error({ err: { name: error instanceof Error ? error.name : 'unknown' } }, 'unhandled error')
    void reply
      .status(problem.status)
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

  const policy = { idleSeconds: deps.config.sessionIdleSeconds, maxSeconds: deps.config.sessionMaxSeconds }

  for (const route of deps.routes) {
    const spec = apiRoutes[route.name]
    app.route({
      method: spec.method,
      url: spec.path,
      handler: async (req, reply) => {
        const terminalId = terminalIdOf(req.raw.socket, deps.injectedTerminalId)
        const token = bearerToken(req.headers.authorization)
        let user: AuthenticatedUser | null = null
        if (route.access.kind !== 'public') {
          user = token ? await resolveSession(deps.db, token, terminalId, policy) : null
          if (!user) throw problems.notAuthenticated()
        }
        const granted = permissionsOf(user?.roles ?? [])
        const rawInput = spec.method === 'GET' ? (req.query ?? {}) : (req.body ?? {})
        const parsed = spec.input.safeParse(rawInput)
        if (!parsed.success) throw problems.invalidRequest(parsed.error.issues.map((i) => i.message).join(' / '))

        if (route.access.kind === 'permission' && !granted.has(route.access.permission)) {
          if (route.personalData) {
            await appendAudit(deps.db, {
              userId: user?.id ?? null,
              loginId: user?.loginId ?? null,
              terminalId,
              action: route.personalData.auditAction,
              targetIds: [],
              purpose: null,
              outcome: 'denied',
            })
          }
          throw problems.forbidden()
        }

        const targets: number[] = []
        let purpose: string | null = null
        const makeContext = (db: HandlerContext<typeof route.name>['db']): HandlerContext<typeof route.name> => ({
          input: parsed.data as never,
          user,
          permissions: granted,
          terminalId,
          token,
          db,
          audit: {
            targets: (ids) => void targets.push(...ids),
            purpose: (text) => void (purpose = text),
          },
        })

        const personal = route.personalData
        const result = personal
          ? await deps.db.transaction(async (tx) => {
              const value = await route.handle(makeContext(tx))
              await appendAudit(tx, {
                userId: user?.id ?? null,
                loginId: user?.loginId ?? null,
                terminalId,
                action: personal.auditAction,
                targetIds: [...new Set(targets)],
                purpose,
                outcome: 'ok',
              })
              return value
            })
          : await route.handle(makeContext(deps.db))
        void reply.type('application/json')
        return spec.output.parse(result)
      },
    })
  }
  return app
}
