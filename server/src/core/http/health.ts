/**
 * Liveness and readiness probes (controls C-09, C-27). On the API listener they are behind mutual TLS like
 * everything else; the optional plaintext probe listener (KAIGO_HEALTH_PORT) binds to loopback only and serves
 * nothing but these two paths (control C-03), for a local supervisor such as systemd or a sidecar. Liveness also
 * reports a revocation list that is kept after a refused reload or past its nextUpdate (core/http/revocation-guard.ts).
 */
import Fastify, { type FastifyInstance } from 'fastify'
import { sql } from 'drizzle-orm'
import type { Db } from '../db/connect'
import type { CrlHealth } from './revocation-guard'

export const probePaths = ['/healthz', '/readyz'] as const

const READY_TIMEOUT_MS = 2_000

/** Whether the database answers a trivial query within the timeout. */
export async function databaseReady(db: Db): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), READY_TIMEOUT_MS)
  })
  try {
    return await Promise.race([
      db.execute(sql`SELECT 1`).then(
        () => true,
        () => false,
      ),
      timeout,
    ])
  } finally {
    clearTimeout(timer)
  }
}

export interface ProbeState {
  /** True once shutdown has begun: readiness fails so a load balancer stops sending requests. */
  closing: boolean
  /** The revocation list in force (control C-02); a degraded list makes liveness answer `degraded` with it. */
  crl?: () => CrlHealth
  /**
   * Whether the malware scanner of imports answers (control C-05). Reported by readiness without failing it: the
   * rest of the system works; imports are refused in production (or taken with a warning in demo mode) meanwhile.
   */
  malwareScan?: () => Promise<'ok' | 'unavailable'>
}

export function registerProbes(app: FastifyInstance, db: Db, state: ProbeState): void {
  app.get('/healthz', async (_req, reply) => {
    void reply.header('cache-control', 'no-store').type('application/json')
    // Still 200: the process is alive and enforces the list it kept; a restart would not help (and in production
    // would not start without a valid CRL). Monitors alert on `status` (docs/operations.md).
    const crl = state.crl?.()
    return crl && crl.state !== 'current' ? { status: 'degraded', crl } : { status: 'ok' }
  })
  app.get('/readyz', async (_req, reply) => {
    void reply.header('cache-control', 'no-store')
    const ready = !state.closing && (await databaseReady(db))
    void reply.status(ready ? 200 : 503).type(ready ? 'application/json' : 'application/problem+json')
    const malwareScan = ready && state.malwareScan ? await state.malwareScan() : undefined
    return ready
      ? { status: 'ready', ...(malwareScan ? { malwareScan } : {}) }
      : { type: 'about:blank', title: 'システムを利用できません', status: 503, code: 'notReady' }
  })
}

/** The plaintext probe listener: loopback only (checked in config.ts), probes only. */
export async function startProbeListener(
  db: Db,
  state: ProbeState,
  listen: { host: string; port: number },
): Promise<{ app: FastifyInstance; origin: string }> {
  const app = Fastify({ logger: false })
  registerProbes(app, db, state)
  app.setNotFoundHandler((_req, reply) => {
    void reply
      .status(404)
      .type('application/problem+json')
      .send({ title: '該当する機能がありません', status: 404, code: 'notFound' })
  })
  await app.listen(listen)
  const address = app.server.address()
  const port = typeof address === 'object' && address ? address.port : listen.port
  const host = listen.host.includes(':') ? `[${listen.host}]` : listen.host
  return { app, origin: `http://${host}:${port}` }
}
