/**
 * Liveness and readiness probes (controls C-09, C-27). On the API listener they are behind mutual TLS like
 * everything else; the optional plaintext probe listener (KAIGO_HEALTH_PORT) binds to loopback only and serves
 * nothing but these two paths (control C-03), for a local supervisor such as systemd or a sidecar.
 */
import Fastify, { type FastifyInstance } from 'fastify'
import { sql } from 'drizzle-orm'
import type { Db } from '../db/connect'

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
}

export function registerProbes(app: FastifyInstance, db: Db, state: ProbeState): void {
  app.get('/healthz', async (_req, reply) => {
    void reply.header('cache-control', 'no-store').type('application/json')
    return { status: 'ok' }
  })
  app.get('/readyz', async (_req, reply) => {
    void reply.header('cache-control', 'no-store')
    const ready = !state.closing && (await databaseReady(db))
    void reply.status(ready ? 200 : 503).type(ready ? 'application/json' : 'application/problem+json')
    return ready
      ? { status: 'ready' }
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
