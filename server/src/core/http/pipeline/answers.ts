import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'
import { isDatabaseUnavailable } from '../../db/unavailable'
import { HttpProblem, problems } from '../problem'

/**
 * Step 8 — answer. Every answer carries the security headers; a refusal or failure is an
 * application/problem+json with a Japanese title and no stack trace; one log line per request names the method,
 * the route pattern, the status, the duration, the terminal and the audit rows — never bodies or queries.
 */
export async function withSecurityHeaders(_req: FastifyRequest, reply: FastifyReply, payload: unknown) {
  reply.header('cache-control', 'no-store')
  reply.header('x-content-type-options', 'nosniff')
  reply.header('strict-transport-security', 'max-age=31536000')
  reply.header('content-security-policy', "default-src 'none'; frame-ancestors 'none'")
  reply.header('referrer-policy', 'no-referrer')
  return payload
}

const auditRowsOf = (req: unknown) => (req as { auditRows?: number }).auditRows ?? -1

export async function logRequest(req: FastifyRequest, reply: FastifyReply) {
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
}

/**
 * An HttpProblem as thrown; Fastify's own 4xx (body too large, malformed JSON) as ours; a database that cannot be
 * reached or written (restart, full disk) 503 with Retry-After — the request was rolled back; anything else 500.
 */
export function answerProblem(error: FastifyError | Error, req: FastifyRequest, reply: FastifyReply): void {
  const status = (error as { statusCode?: number }).statusCode
  const problem =
    error instanceof HttpProblem
      ? error
      : status === 413
        ? problems.tooLarge()
        : status !== undefined && status >= 400 && status < 500
          ? problems.invalidRequest()
          : isDatabaseUnavailable(error)
            ? problems.databaseUnavailable()
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
}

export function answerNotFound(_req: FastifyRequest, reply: FastifyReply): void {
  void reply
    .status(404)
    .type('application/problem+json')
    .send({ type: 'about:blank', title: '該当する機能がありません', status: 404, code: 'notFound' })
}
