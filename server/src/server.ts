import type { FastifyInstance } from 'fastify'
import pino from 'pino'
import { authRoutes } from './auth/auth-routes'
import type { ServerConfig } from './config'
import { openDatabase, type DatabaseHandle } from './db/connect'
import { buildApp } from './http/app'
import { serverTlsOptions } from './http/tls-options'
import { personRoutes } from './persons/person-routes'

export interface RunningServer {
  app: FastifyInstance
  database: DatabaseHandle
  origin: string
  close(): Promise<void>
}

export function allRoutes(config: ServerConfig) {
  return [...authRoutes(config), ...personRoutes()]
}

/** Opens the database, builds the app with mutual TLS and listens. `close()` drains in-flight requests first. */
export async function startServer(
  config: ServerConfig,
  options: { database?: DatabaseHandle; logStream?: NodeJS.WritableStream } = {},
): Promise<RunningServer> {
  const database =
    options.database ?? (await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }))
  const logger = pino(
    { level: process.env.KAIGO_LOG_LEVEL ?? 'info', base: { service: 'kaigo-desk-server' } },
    options.logStream ?? process.stdout,
  )
  const app = buildApp({
    db: database.db,
    config,
    routes: allRoutes(config),
    https: serverTlsOptions(config.tls),
    logger,
  })
  await app.listen({ host: config.host, port: config.port })
  const address = app.server.address()
  const port = typeof address === 'object' && address ? address.port : config.port
  const host = config.host.includes(':') ? `[${config.host}]` : config.host
  return {
    app,
    database,
    origin: `https://${host}:${port}`,
    async close() {
      await app.close()
      if (!options.database) await database.close()
    },
  }
}
