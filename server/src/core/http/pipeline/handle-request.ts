import type { FastifyReply, FastifyRequest } from 'fastify'
import { apiRoutes, type ApiRouteName } from '../../../../../shared/api/routes'
import type { AuditLog } from '../../audit/audit-log'
import type { Clock } from '../../clock'
import type { Db } from '../../db/connect'
import type { SessionPolicy } from '../../sessions/sessions'
import type { RouteDefinition } from '../route'
import { checkAccess } from './access'
import { parseInput } from './input'
import { grantPermissions } from './permissions'
import type { RequestRateLimits } from './rate-limits'
import { RequestAudit, startAuditCount } from './request-audit'
import { runRoute } from './run'
import { bearerToken, resolveCaller } from './session'
import { identifyTerminal } from './terminal'

/** What every request of one app shares. */
export interface PipelineEnv {
  db: Db
  auditLog: AuditLog
  clock: Clock
  policy: SessionPolicy
  stepUpSeconds: number
  limits: RequestRateLimits
  /** Terminal id for requests without a TLS socket (fastify.inject in tests). */
  injectedTerminalId?: string
}

/**
 * The request pipeline of one route, step by step: identify the terminal → rate limit → resolve the session →
 * grant permissions → check access and step-up → parse the input → run in a transaction with idempotency and
 * audit → answer. Any step may refuse by throwing an HttpProblem; the app's error handler answers it.
 */
export function requestHandler(route: RouteDefinition<ApiRouteName>, env: PipelineEnv) {
  const spec = apiRoutes[route.name]
  return async (req: FastifyRequest, reply: FastifyReply): Promise<unknown> => {
    const count = startAuditCount(req, route)
    const now = env.clock()
    const terminalId = identifyTerminal(req.raw.socket, env.injectedTerminalId)
    ;(req as unknown as { terminalId: string }).terminalId = terminalId
    env.limits.terminal(terminalId, now, req.log)

    const token = bearerToken(req.headers.authorization)
    const user = await resolveCaller(route.access, { token, terminalId, now, log: req.log }, env)
    const permissions = grantPermissions(user)
    const audit = new RequestAudit(route, { user, terminalId }, env.auditLog, count, now)
    await checkAccess(route, { user, permissions, now }, env, audit)

    const input = parseInput(spec, req)
    void reply.type('application/json')
    return runRoute(route, spec.output, { input: input as never, user, permissions, terminalId, token, now }, audit, {
      db: env.db,
      reply,
      log: req.log,
    })
  }
}
