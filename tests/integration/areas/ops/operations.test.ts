import { randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import http from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { count, sql } from 'drizzle-orm'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BackendClient, BackendError } from '../../../../electron/main/backend/backend-client'
import { NodeHttpsTransport } from '../../../../electron/main/backend/node-https-transport'
import { createPinnedAgent } from '../../../../electron/main/security/node-tls-agent'
import { AuthService } from '../../../../electron/main/services/auth-service'
import { LoginSession } from '../../../../electron/main/services/login-session'
import { verifyAuditChain } from '../../../../server/src/core/audit/audit-log'
import { loadServerConfig } from '../../../../server/src/core/config'
import { openDatabase, type Db } from '../../../../server/src/core/db/connect'
import { persons } from '../../../../server/src/areas/persons/schema'
import {
  backupPglite,
  backupPostgres,
  compareDigests,
  restorePglite,
  restorePostgres,
  tableDigests,
} from '../../../../server/src/areas/ops/backup'
import { ensureDevPki, issueTerminalCertificate, readDevPkiInfo } from '../../../../server/src/demo/dev-pki'
import { generateDummyWardChunks } from '../../../../server/src/demo/generator'
import { DEMO_PASSWORD, seedWard } from '../../../../server/src/demo/seed-database'
import { seedDemoIfEmpty } from '../../../../server/src/demo/seed-if-empty'
import { deriveServerKeys } from '../../../../server/src/core/secrets'
import { startServer } from '../../../../server/src/server'
import { newKey, provisionUser, signIn } from '../../support/accounts'
import { cliDatabaseEnv, runCli } from '../../support/cli'
import { callRoute, rawRequest } from '../../support/clients'
import { databaseKinds, freshDatabase, postgresUrlOf } from '../../support/databases'
import { startTestServer, type TestServer } from '../../support/test-server'

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

function plainGet(origin: string, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(new URL(path, origin), (res) => {
        let body = ''
        res.on('data', (c: Buffer) => void (body += c.toString('utf8')))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
      })
      .on('error', reject)
  })
}

/** An empty PostgreSQL database next to the test databases (for restores), dropped by `drop`. */
async function emptyPostgres(): Promise<{ url: string; drop(): Promise<void> }> {
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL })
  await admin.connect()
  const name = `kaigo_restore_${randomBytes(5).toString('hex')}`
  await admin.query(`CREATE DATABASE ${name}`)
  await admin.end()
  const url = new URL(process.env.DATABASE_URL!)
  url.pathname = `/${name}`
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: process.env.DATABASE_URL })
      await c.connect()
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      await c.end()
    },
  }
}

describe.each(databaseKinds)('operations on %s', (kind) => {
  // controls C-09, C-27: liveness, readiness, and no plaintext except a loopback probe (C-03).
  describe('health and readiness', () => {
    let t: TestServer
    beforeAll(async () => {
      t = await startTestServer(kind, 100, { env: { KAIGO_HEALTH_PORT: '0' } })
    })
    afterAll(() => t.close())

    it('answers /healthz and /readyz on the mutual-TLS listener', async () => {
      expect(await rawRequest(t, { method: 'GET', path: '/healthz' })).toMatchObject({
        status: 200,
        body: '{"status":"ok"}',
      })
      expect(await rawRequest(t, { method: 'GET', path: '/readyz' })).toMatchObject({
        status: 200,
        body: '{"status":"ready","malwareScan":"unavailable"}',
      })
    })

    it('answers the same probes in plaintext on loopback, and nothing else there', async () => {
      expect(t.server.probeOrigin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
      expect(await plainGet(t.server.probeOrigin!, '/healthz')).toMatchObject({ status: 200 })
      expect(await plainGet(t.server.probeOrigin!, '/readyz')).toMatchObject({ status: 200 })
      expect((await plainGet(t.server.probeOrigin!, '/api/v1/meta')).status).toBe(404)
    })
  })

  // control C-09: shutdown finishes what is in flight; readiness fails at once so no new work arrives.
  describe('graceful shutdown', () => {
    it('finishes an in-flight request, refuses new connections and reports not ready meanwhile', async () => {
      const t = await startTestServer(kind, 100, { env: { KAIGO_HEALTH_PORT: '0' } })
      try {
        const token = await signIn(t, 'shikaku01')
        let release!: () => void
        const gate = new Promise<void>((r) => (release = r))
        let locked!: () => void
        const isLocked = new Promise<void>((r) => (locked = r))
        const holder = t.database.db.transaction(async (tx) => {
          await tx.execute(sql`LOCK TABLE sessions IN ACCESS EXCLUSIVE MODE`)
          locked()
          await gate
        })
        await isLocked
        const inFlight = callRoute(t, 'auth.session', {}, token)
        await sleep(300)
        let closed = false
        const closing = t.server.close().then(() => void (closed = true))
        await sleep(300)
        expect(closed).toBe(false)
        expect((await plainGet(t.server.probeOrigin!, '/readyz')).status).toBe(503)
        await expect(rawRequest(t, { method: 'GET', path: '/healthz' })).rejects.toThrow()
        release()
        await holder
        expect(await inFlight).toMatchObject({ status: 200, body: { loginId: 'shikaku01' } })
        await closing
        expect(closed).toBe(true)
      } finally {
        await t.close()
      }
    })
  })

  // control C-04: rate limits per user and per terminal; C-06: the lockout threshold is configurable.
  describe('rate limits and a configured lockout', () => {
    let t: TestServer
    beforeAll(async () => {
      t = await startTestServer(kind, 100, {
        env: { KAIGO_RATE_USER_PER_MINUTE: '3', KAIGO_RATE_TERMINAL_PER_MINUTE: '9', KAIGO_LOCKOUT_MAX_FAILURES: '2' },
      })
    })
    afterAll(() => t.close())

    it('limits a user, then the terminal, each with 429, Retry-After and a Japanese title; another terminal is unaffected', async () => {
      const a = await signIn(t, (await provisionUser(t, { roles: ['eligibilityClerk'] })).loginId) // 2 terminal requests
      const b = await signIn(t, (await provisionUser(t, { roles: ['eligibilityClerk'] })).loginId) // 4
      for (let i = 0; i < 3; i++) expect((await callRoute(t, 'auth.session', {}, a)).status).toBe(200) // 7
      const limited = await rawRequest(t, { method: 'GET', path: '/api/v1/auth/session', token: a }) // 8
      expect(limited.status).toBe(429)
      expect(limited.headers['retry-after']).toMatch(/^\d+$/)
      expect(limited.headers['content-type']).toContain('application/problem+json')
      expect(JSON.parse(limited.body)).toMatchObject({
        code: 'rateLimited',
        title: '要求が多すぎます。しばらく待ってから操作してください',
      })
      expect((await callRoute(t, 'auth.session', {}, b)).status).toBe(200) // 9: b has its own user budget
      expect((await callRoute(t, 'auth.session', {}, b)).code).toBe('rateLimited') // the terminal's budget is spent
      const other = await issueTerminalCertificate(t.pki, 'KD-TEST-0400')
      const elsewhere = await callRoute(t, 'meta.get', {}, undefined, { cert: other.certPem, key: other.keyPem })
      expect(elsewhere.status).toBe(200)
      expect(t.logs.some((l) => l.includes('"event":"rateLimited"'))).toBe(true)
      t.clock.advance(60)
    })

    it('locks an account after the configured 2 failures (1 is not enough)', async () => {
      t.clock.advance(60)
      const one = await provisionUser(t, { roles: ['eligibilityClerk'] })
      await callRoute(t, 'auth.login', { loginId: one.loginId, password: 'Wrong#Password1' })
      expect((await callRoute(t, 'auth.login', { loginId: one.loginId, password: 'Test#Account2026' })).status).toBe(
        200,
      )
      t.clock.advance(60)
      const two = await provisionUser(t, { roles: ['eligibilityClerk'] })
      await callRoute(t, 'auth.login', { loginId: two.loginId, password: 'Wrong#Password1' })
      expect((await callRoute(t, 'auth.login', { loginId: two.loginId, password: 'Wrong#Password1' })).status).toBe(423)
    })
  })

  // control C-23: production refuses the dummy data, and a non-production client refuses a production server.
  describe('production mode', () => {
    it('never seeds dummy data', async () => {
      const database = await freshDatabase(kind)
      try {
        expect(await seedDemoIfEmpty(database.db, 'production', 100)).toBeNull()
        await expect(
          seedWard(database.db, generateDummyWardChunks({ seed: 1, scale: 100 }, 100), 'production'),
        ).rejects.toThrow('本番モードではダミーデータを投入できません (C-23)')
        expect(Number((await database.db.select({ n: count() }).from(persons))[0]!.n)).toBe(0)
      } finally {
        await database.close()
      }
    })

    it('is refused by a verification (non-production) client, and accepted by a production one', async () => {
      const pki = await ensureDevPki(mkdtempSync(join(tmpdir(), 'kaigo-it-pki-')), 'KD-TEST-0001')
      const pins = readDevPkiInfo(pki).serverSpkiPins
      const database = await freshDatabase(kind)
      const config = loadServerConfig({
        KAIGO_MODE: 'production',
        KAIGO_PORT: '0',
        DATABASE_URL: 'postgres://unused@127.0.0.1:1/unused',
        KAIGO_DATA_REGION: 'jp-east',
        KAIGO_SERVER_SECRET: randomBytes(32).toString('base64'),
        KAIGO_TLS_CERT: pki.serverCert,
        KAIGO_TLS_KEY: pki.serverKey,
        KAIGO_TLS_CLIENT_CA: pki.caCert,
        KAIGO_TLS_CRL: pki.crl,
      })
      const production = await startServer(config, { database, logStream: { write: () => true } as never })
      const agent = createPinnedAgent({
        ca: readFileSync(pki.caCert, 'utf8'),
        cert: readFileSync(pki.terminalCert, 'utf8'),
        key: readFileSync(pki.terminalKey, 'utf8'),
        pins,
        keepAlive: false,
      })
      try {
        const client = (modes: ('demo' | 'production')[]) =>
          new AuthService(new BackendClient(new NodeHttpsTransport(agent), production.origin), new LoginSession(), {
            allowedServerModes: modes,
          })
        const refused = await client(['demo'])
          .login({ loginId: 'shikaku01', password: DEMO_PASSWORD })
          .catch((e: unknown) => e)
        expect(refused).toBeInstanceOf(BackendError)
        expect(refused).toMatchObject({
          code: 'backendRejected',
          message: '検証用クライアントは本番サーバーに接続できません',
        })
        expect((await client(['production']).serverMeta()).mode).toBe('production')
      } finally {
        agent.destroy()
        await production.close()
        await database.close()
      }
    })
  })

  // controls C-09, C-27: backup and restore; the drill proves every committed record comes back.
  describe('backup and restore', () => {
    let t: TestServer
    let dir: string
    beforeAll(async () => {
      t = await startTestServer(kind, 300)
      dir = mkdtempSync(join(tmpdir(), 'kaigo-backup-'))
      const clerk = await signIn(t, 'shikaku01')
      for (const kana of ['ア', 'イ', 'ウ']) await callRoute(t, 'person.search', { kana }, clerk)
      const admin = await signIn(t, (await provisionUser(t, { roles: ['systemAdmin'] })).loginId)
      const created = await callRoute(
        t,
        'user.create',
        {
          idempotencyKey: newKey(),
          loginId: `b${randomBytes(3).toString('hex')}`,
          displayName: '復元 確認',
          department: '介護保険課',
          initialPassword: 'Restore#Drill2026',
          reason: '復元訓練',
        },
        admin,
      )
      await callRoute(
        t,
        'user.update',
        { userId: created.body.id, rowVersion: 1, department: '介護保険課 管理係', reason: '復元訓練' },
        admin,
      )
    })
    afterAll(async () => {
      await t.close()
      rmSync(dir, { recursive: true, force: true })
    })

    it('restores every committed record of every table into an empty database (restore drill)', async () => {
      const file = join(dir, `drill.${kind}`)
      const expected = await tableDigests(t.database.db as Db)
      expect(Object.keys(expected).length).toBeGreaterThan(10)
      expect(expected['public.persons']!.rows).toBe(300)
      if (kind === 'pglite') {
        const manifest = await backupPglite(t.database, file)
        expect(manifest.tables).toEqual(expected)
        const restored = await restorePglite(file, join(dir, 'restored'))
        try {
          expect(restored.differences).toEqual([])
          expect(await tableDigests(restored.handle.db)).toEqual(expected)
          const key = deriveServerKeys(t.config.serverSecret).auditKey
          expect((await verifyAuditChain(restored.handle.db, key)).ok).toBe(true)
          // The check has teeth: one record missing from the restored copy is reported by table.
          await restored.handle.db.execute(sql`DELETE FROM sessions WHERE ctid IN (SELECT ctid FROM sessions LIMIT 1)`)
          expect(compareDigests(manifest.tables, await tableDigests(restored.handle.db))).toEqual(['public.sessions'])
        } finally {
          await restored.handle.close()
        }
        await expect(restorePglite(file, join(dir, 'restored'))).rejects.toThrow(/空ではありません/)
      } else {
        const manifest = await backupPostgres(postgresUrlOf(t.database), file)
        expect(manifest.tables).toEqual(expected)
        const target = await emptyPostgres()
        try {
          expect((await restorePostgres(file, target.url)).differences).toEqual([])
          const restored = await openDatabase({ databaseUrl: target.url, dataDir: 'memory', migrate: false })
          try {
            expect(await tableDigests(restored.db)).toEqual(expected)
            const key = deriveServerKeys(t.config.serverSecret).auditKey
            expect((await verifyAuditChain(restored.db, key)).ok).toBe(true)
            await restored.db.execute(sql`DELETE FROM sessions WHERE ctid IN (SELECT ctid FROM sessions LIMIT 1)`)
            expect(compareDigests(manifest.tables, await tableDigests(restored.db))).toEqual(['public.sessions'])
          } finally {
            await restored.close()
          }
          await expect(restorePostgres(file, target.url)).rejects.toThrow(/空ではありません/)
        } finally {
          await target.drop()
        }
      }
    })

    it('does the same through `npm run db:backup` and `npm run db:restore`', async () => {
      const source = await cliDatabaseEnv(t)
      const target = kind === 'postgres' ? await emptyPostgres() : null
      try {
        const file = join(dir, `cli.${kind}`)
        const backup = await runCli('db-backup.ts', ['--out', file], source.env)
        expect(backup.code, backup.stderr).toBe(0)
        expect(backup.stdout).toContain('バックアップを作成しました')
        const restoreEnv: Record<string, string> = target
          ? { KAIGO_MODE: 'demo', DATABASE_URL: target.url }
          : { KAIGO_MODE: 'demo', KAIGO_DATA_DIR: join(dir, 'cli-restored') }
        const restore = await runCli('db-restore.ts', ['--in', file], restoreEnv)
        expect(restore.code, restore.stderr).toBe(0)
        expect(restore.stdout).toContain('バックアップと一致することを確認しました')
      } finally {
        source.cleanup()
        await target?.drop()
      }
    })
  })
})
