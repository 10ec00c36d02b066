import { resolve } from 'node:path'
import { z } from 'zod'

/**
 * Server configuration from the environment. Production refuses to start without a declared domestic
 * data-residency region (control C-11) and never runs the dummy-data seed (control C-23).
 */
const Env$ = z.object({
  KAIGO_MODE: z.enum(['demo', 'production']).default('demo'),
  KAIGO_HOST: z.string().default('127.0.0.1'),
  KAIGO_PORT: z.coerce.number().int().min(0).max(65535).default(8443),
  KAIGO_DATA_DIR: z.string().default('var/data/pglite'),
  DATABASE_URL: z.string().url().optional(),
  KAIGO_TLS_CERT: z.string().default('.dev-pki/server.pem'),
  KAIGO_TLS_KEY: z.string().default('.dev-pki/server.key'),
  KAIGO_TLS_CLIENT_CA: z.string().default('.dev-pki/ca.pem'),
  KAIGO_TLS_CRL: z.string().default('.dev-pki/ca.crl.pem'),
  KAIGO_DATA_REGION: z.string().optional(),
  KAIGO_INSURER_NAME: z.string().default('新宿区（ダミー）'),
  KAIGO_SESSION_IDLE_SECONDS: z.coerce.number().int().min(60).default(900),
  KAIGO_SESSION_MAX_SECONDS: z.coerce
    .number()
    .int()
    .min(300)
    .default(8 * 3600),
})

export interface ServerConfig {
  mode: 'demo' | 'production'
  host: string
  port: number
  dataDir: string
  databaseUrl: string | undefined
  tls: { certPath: string; keyPath: string; clientCaPath: string; crlPath: string }
  dataRegion: string | undefined
  insurerName: string
  sessionIdleSeconds: number
  sessionMaxSeconds: number
}

/** Regions under Japanese law (control C-11). */
export const DOMESTIC_REGIONS = [
  'jp-east',
  'jp-west',
  'ap-northeast-1',
  'ap-northeast-3',
  'japaneast',
  'japanwest',
  'on-premises-jp',
] as const

export function loadServerConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): ServerConfig {
  const parsed = Env$.parse(env)
  const config: ServerConfig = {
    mode: parsed.KAIGO_MODE,
    host: parsed.KAIGO_HOST,
    port: parsed.KAIGO_PORT,
    dataDir: parsed.KAIGO_DATA_DIR === 'memory' ? 'memory' : resolve(cwd, parsed.KAIGO_DATA_DIR),
    databaseUrl: parsed.DATABASE_URL,
    tls: {
      certPath: resolve(cwd, parsed.KAIGO_TLS_CERT),
      keyPath: resolve(cwd, parsed.KAIGO_TLS_KEY),
      clientCaPath: resolve(cwd, parsed.KAIGO_TLS_CLIENT_CA),
      crlPath: resolve(cwd, parsed.KAIGO_TLS_CRL),
    },
    dataRegion: parsed.KAIGO_DATA_REGION,
    insurerName: parsed.KAIGO_INSURER_NAME,
    sessionIdleSeconds: parsed.KAIGO_SESSION_IDLE_SECONDS,
    sessionMaxSeconds: parsed.KAIGO_SESSION_MAX_SECONDS,
  }
  assertStartable(config)
  return config
}

export function assertStartable(config: ServerConfig): void {
  if (config.mode !== 'production') return
  if (!config.dataRegion || !(DOMESTIC_REGIONS as readonly string[]).includes(config.dataRegion)) {
    throw new Error(
      `本番モードでは国内のデータ所在リージョン（KAIGO_DATA_REGION: ${DOMESTIC_REGIONS.join(', ')}）の宣言が必要です (C-11)`,
    )
  }
  if (!config.databaseUrl) throw new Error('本番モードでは DATABASE_URL（PostgreSQL）が必要です')
}
