import { resolve } from 'node:path'
import { z } from 'zod'
import { DEMO_SERVER_SECRET } from './secrets'

/**
 * Server configuration from the environment. Production refuses to start without a declared domestic
 * data-residency region (control C-11), without PostgreSQL, or without its own server secret, and never runs
 * the dummy-data seed (control C-23).
 */
const seconds = (min: number, fallback: number) => z.coerce.number().int().min(min).default(fallback)

const Env$ = z.object({
  KAIGO_MODE: z.enum(['demo', 'production']).default('demo'),
  KAIGO_HOST: z.string().default('127.0.0.1'),
  KAIGO_PORT: z.coerce.number().int().min(0).max(65535).default(8443),
  KAIGO_DATA_DIR: z.string().default('var/data/pglite'),
  DATABASE_URL: z.string().url().optional(),
  /** 'off' when the runtime role may not run DDL: migrations then run separately as the owner role. */
  KAIGO_DB_MIGRATE: z.enum(['on', 'off']).default('on'),
  KAIGO_TLS_CERT: z.string().default('.dev-pki/server.pem'),
  KAIGO_TLS_KEY: z.string().default('.dev-pki/server.key'),
  KAIGO_TLS_CLIENT_CA: z.string().default('.dev-pki/ca.pem'),
  KAIGO_TLS_CRL: z.string().default('.dev-pki/ca.crl.pem'),
  /** How often the CRL file is checked for a new version (0: only on SIGHUP). */
  KAIGO_TLS_RELOAD_SECONDS: seconds(0, 60),
  KAIGO_DATA_REGION: z.string().optional(),
  KAIGO_INSURER_NAME: z.string().default('新宿区（ダミー）'),
  KAIGO_SERVER_SECRET: z.string().optional(),
  KAIGO_SESSION_IDLE_SECONDS: seconds(60, 900),
  KAIGO_SESSION_MAX_SECONDS: seconds(300, 8 * 3600),
  KAIGO_STEP_UP_SECONDS: seconds(30, 300),
  KAIGO_LOCKOUT_MAX_FAILURES: z.coerce.number().int().min(1).max(20).default(5),
  KAIGO_LOCKOUT_COOLDOWN_SECONDS: seconds(1, 15 * 60),
  KAIGO_RATE_TERMINAL_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  KAIGO_RATE_USER_PER_MINUTE: z.coerce.number().int().min(1).default(300),
  /** Plaintext health probe: loopback only (control C-03); unset = no plaintext listener. */
  KAIGO_HEALTH_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  KAIGO_HEALTH_HOST: z.string().default('127.0.0.1'),
  KAIGO_SHUTDOWN_TIMEOUT_SECONDS: seconds(1, 30),
  /** Where `npm run db:backup` files are kept: the retention run lists those to destroy (control C-20). */
  KAIGO_BACKUP_DIR: z.string().optional(),
  /**
   * clamd (control C-05): a Unix socket, or a TCP host and port instead. Production defaults to Debian's socket;
   * demo mode scans only when one is given (otherwise every import carries the "not scanned" warning).
   */
  KAIGO_CLAMD_SOCKET: z.string().optional(),
  KAIGO_CLAMD_HOST: z.string().optional(),
  KAIGO_CLAMD_PORT: z.coerce.number().int().min(1).max(65535).default(3310),
  KAIGO_CLAMD_TIMEOUT_SECONDS: seconds(1, 30),
  /** Must not exceed clamd's StreamMaxLength (Debian: 25M). */
  KAIGO_CLAMD_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1)
    .default(25 * 1024 * 1024),
})

export interface ServerConfig {
  mode: 'demo' | 'production'
  host: string
  port: number
  dataDir: string
  databaseUrl: string | undefined
  migrate: boolean
  tls: { certPath: string; keyPath: string; clientCaPath: string; crlPath: string; reloadSeconds: number }
  dataRegion: string | undefined
  insurerName: string
  serverSecret: string
  sessionIdleSeconds: number
  sessionMaxSeconds: number
  stepUpSeconds: number
  lockout: { maxFailures: number; coolDownSeconds: number }
  rateLimits: { terminalPerMinute: number; userPerMinute: number }
  health: { host: string; port: number } | undefined
  shutdownTimeoutSeconds: number
  /** The backup folder the retention run checks for backups past their retention (C-20); unset = none reported. */
  backupDir: string | undefined
  /**
   * The malware scan of imported files (control C-05, server/src/core/files/). Production refuses an import the
   * scanner cannot check; demo mode takes it with a warning.
   */
  clamd: { socket: string | undefined; host: string | undefined; port: number; timeoutMs: number; maxBytes: number }
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

/** Where Debian's clamav-daemon listens (/etc/clamav/clamd.conf, LocalSocket). */
export const DEBIAN_CLAMD_SOCKET = '/run/clamav/clamd.ctl'

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost'])

export function loadServerConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): ServerConfig {
  const parsed = Env$.parse(env)
  const config: ServerConfig = {
    mode: parsed.KAIGO_MODE,
    host: parsed.KAIGO_HOST,
    port: parsed.KAIGO_PORT,
    dataDir: parsed.KAIGO_DATA_DIR === 'memory' ? 'memory' : resolve(cwd, parsed.KAIGO_DATA_DIR),
    databaseUrl: parsed.DATABASE_URL,
    migrate: parsed.KAIGO_DB_MIGRATE === 'on',
    tls: {
      certPath: resolve(cwd, parsed.KAIGO_TLS_CERT),
      keyPath: resolve(cwd, parsed.KAIGO_TLS_KEY),
      clientCaPath: resolve(cwd, parsed.KAIGO_TLS_CLIENT_CA),
      crlPath: resolve(cwd, parsed.KAIGO_TLS_CRL),
      reloadSeconds: parsed.KAIGO_TLS_RELOAD_SECONDS,
    },
    dataRegion: parsed.KAIGO_DATA_REGION,
    insurerName: parsed.KAIGO_INSURER_NAME,
    serverSecret: parsed.KAIGO_SERVER_SECRET ?? (parsed.KAIGO_MODE === 'demo' ? DEMO_SERVER_SECRET : ''),
    sessionIdleSeconds: parsed.KAIGO_SESSION_IDLE_SECONDS,
    sessionMaxSeconds: parsed.KAIGO_SESSION_MAX_SECONDS,
    stepUpSeconds: parsed.KAIGO_STEP_UP_SECONDS,
    lockout: { maxFailures: parsed.KAIGO_LOCKOUT_MAX_FAILURES, coolDownSeconds: parsed.KAIGO_LOCKOUT_COOLDOWN_SECONDS },
    rateLimits: {
      terminalPerMinute: parsed.KAIGO_RATE_TERMINAL_PER_MINUTE,
      userPerMinute: parsed.KAIGO_RATE_USER_PER_MINUTE,
    },
    health:
      parsed.KAIGO_HEALTH_PORT === undefined
        ? undefined
        : { host: parsed.KAIGO_HEALTH_HOST, port: parsed.KAIGO_HEALTH_PORT },
    shutdownTimeoutSeconds: parsed.KAIGO_SHUTDOWN_TIMEOUT_SECONDS,
    backupDir: parsed.KAIGO_BACKUP_DIR === undefined ? undefined : resolve(cwd, parsed.KAIGO_BACKUP_DIR),
    clamd: {
      socket: parsed.KAIGO_CLAMD_HOST
        ? undefined
        : parsed.KAIGO_CLAMD_SOCKET !== undefined
          ? resolve(cwd, parsed.KAIGO_CLAMD_SOCKET)
          : parsed.KAIGO_MODE === 'production'
            ? DEBIAN_CLAMD_SOCKET
            : undefined,
      host: parsed.KAIGO_CLAMD_HOST,
      port: parsed.KAIGO_CLAMD_PORT,
      timeoutMs: parsed.KAIGO_CLAMD_TIMEOUT_SECONDS * 1000,
      maxBytes: parsed.KAIGO_CLAMD_MAX_BYTES,
    },
  }
  assertStartable(config)
  return config
}

export function assertStartable(config: ServerConfig): void {
  // control C-03: the only plaintext listener is a health probe on the loopback interface.
  if (config.health && !LOOPBACK.has(config.health.host)) {
    throw new Error(
      `平文のヘルスチェックはループバック（127.0.0.1 / ::1）でのみ待ち受けできます (C-03): ${config.health.host}`,
    )
  }
  if (config.mode !== 'production') return
  if (!config.dataRegion || !(DOMESTIC_REGIONS as readonly string[]).includes(config.dataRegion)) {
    throw new Error(
      `本番モードでは国内のデータ所在リージョン（KAIGO_DATA_REGION: ${DOMESTIC_REGIONS.join(', ')}）の宣言が必要です (C-11)`,
    )
  }
  if (!config.databaseUrl) throw new Error('本番モードでは DATABASE_URL（PostgreSQL）が必要です')
  if (config.serverSecret.length < 32 || config.serverSecret === DEMO_SERVER_SECRET) {
    throw new Error('本番モードでは32文字以上の固有の KAIGO_SERVER_SECRET が必要です (C-06, C-08)')
  }
}
