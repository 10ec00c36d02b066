import { apiRoutes, type ApiRouteName } from '../../../shared/api/routes'
import { declaredRoutes } from '../../../server/src/cli/permission-matrix'
import type { RouteDefinition } from '../../../server/src/core/http/route'

const byEndpoint = new Map<string, RouteDefinition<ApiRouteName>>(
  declaredRoutes().map((r) => [`${apiRoutes[r.name].method} ${apiRoutes[r.name].path}`, r]),
)

export interface AuditCountViolation {
  route: ApiRouteName
  status: number
  auditRows: number
}

/**
 * Control C-08, checked on every request of the integration suite: the server logs, with each request
 * of an audited route, how many audit rows the request committed (server/src/core/http/app.ts). Every answered (2xx) or
 * refused (403) request of a personal-data route committed exactly one; no request of any audited route committed
 * more than one; a request that never reached the access decision (401, 429, unparsable) committed none or one.
 */
export function auditCountViolations(logs: readonly string[]): AuditCountViolation[] {
  const found: AuditCountViolation[] = []
  for (const chunk of logs) {
    for (const text of chunk.split('\n')) {
      if (!text.startsWith('{')) continue
      const line = JSON.parse(text) as {
        msg?: string
        method?: string
        route?: string
        status?: number
        audit?: number
      }
      if (line.msg !== 'request' || !line.route || line.status === undefined) continue
      const route = byEndpoint.get(`${line.method} ${line.route}`)
      if (!route?.audit) continue
      // No count: the request never reached the route's handler (unparsable body, body too large).
      const rows = line.audit ?? 0
      const mustBeOne = route.personalData && ((line.status >= 200 && line.status < 300) || line.status === 403)
      if (rows > 1 || (mustBeOne && rows !== 1)) found.push({ route: route.name, status: line.status, auditRows: rows })
    }
  }
  return found
}

/** The audited routes the log shows requests of (to see what a run covered). */
export function auditedRoutesSeen(logs: readonly string[]): Set<ApiRouteName> {
  const seen = new Set<ApiRouteName>()
  for (const chunk of logs)
    for (const text of chunk.split('\n')) {
      if (!text.startsWith('{')) continue
      const line = JSON.parse(text) as { msg?: string; method?: string; route?: string }
      const route = line.msg === 'request' ? byEndpoint.get(`${line.method} ${line.route}`) : undefined
      if (route?.audit) seen.add(route.name)
    }
  return seen
}

export function assertAuditCounts(logs: readonly string[]): void {
  const violations = auditCountViolations(logs)
  if (violations.length > 0)
    throw new Error(
      `requests that did not commit exactly one audit row (C-08): ${violations
        .slice(0, 10)
        .map((v) => `${v.route} ${v.status} → ${v.auditRows}`)
        .join(', ')}`,
    )
}
