import http from 'node:http'
import https from 'node:https'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { auditLog } from '../../../../server/src/core/db/schema'
import {
  createCertificateAuthority,
  ensureDevPki,
  issueTerminalCertificate,
  revocationListOf,
  writeRevocationList,
  type IssuedCertificate,
} from '../../../../server/src/demo/dev-pki'
import { runServerMain } from '../../support/cli'
import { startTestServer, type TestServer } from '../../support/test-server'

const DAY_MS = 86_400_000
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** GET /api/v1/meta over mutual TLS as `client`: true when the handshake (and request) succeeds, false when refused. */
function accepted(t: TestServer, client: IssuedCertificate): Promise<boolean> {
  return new Promise((resolve) => {
    const req = https.request(
      new URL('/api/v1/meta', t.server.origin),
      { ca: readFileSync(t.pki.caCert), cert: client.certPem, key: client.keyPem, agent: false },
      (res) => {
        res.resume()
        res.on('end', () => resolve(res.statusCode === 200))
      },
    )
    req.on('error', () => resolve(false))
    req.end()
  })
}

interface Health {
  status: string
  crl?: { state: string; since: string | null; reason: string | null; problem: string | null; expired: boolean }
}

/** /healthz on the loopback probe listener (reachable even when every handshake is refused). */
function health(t: TestServer): Promise<Health> {
  return new Promise((resolve, reject) => {
    http
      .get(new URL('/healthz', t.server.probeOrigin!), (res) => {
        let body = ''
        res.on('data', (c: Buffer) => void (body += c.toString('utf8')))
        res.on('end', () => resolve(JSON.parse(body) as Health))
      })
      .on('error', reject)
  })
}

/** Polls `probe` every 200 ms for up to 6 s (the reload interval is 1 s) until it returns true. */
async function eventually(probe: () => Promise<boolean>): Promise<boolean> {
  for (let i = 0; i < 30; i++) {
    if (await probe()) return true
    await sleep(200)
  }
  return false
}

/** The server's own security events of one kind: the purpose lines of its audit rows. */
async function serverEvents(t: TestServer, kind: string): Promise<string[]> {
  const rows = await t.database.db.select().from(auditLog).where(eq(auditLog.action, 'server-security-event'))
  return rows.flatMap((r) => (r.purpose ?? '').split('\n').filter((l) => l.split(' ')[1] === kind))
}

/** Writes `text` over the CRL the way a careless copy does: truncate, then write, in place (not atomic). */
const overwrite = (t: TestServer, text: string) => writeFileSync(t.pki.crl, text)

// control C-02: the watcher (KAIGO_TLS_RELOAD_SECONDS) never installs a TLS context without a verified CRL. A file it
// cannot use leaves the previous context and CRL in force — the revoked terminal stays refused — and is reported: a
// log line, one security event (audit row 'server-security-event') and /healthz `degraded`, `crl.state: 'stale-kept'`
// (docs/operations.md, "Terminal certificates and revocation").
describe('a CRL file the server cannot use leaves the previous CRL in force (fail closed)', () => {
  let t: TestServer
  let revoked: IssuedCertificate
  let second: IssuedCertificate
  let kept: IssuedCertificate
  beforeAll(async () => {
    t = await startTestServer('pglite', 100, { env: { KAIGO_TLS_RELOAD_SECONDS: '1', KAIGO_HEALTH_PORT: '0' } })
    revoked = await issueTerminalCertificate(t.pki, 'KD-TEST-0300')
    second = await issueTerminalCertificate(t.pki, 'KD-TEST-0301')
    kept = await issueTerminalCertificate(t.pki, 'KD-TEST-0302')
  })
  afterAll(() => t.close())

  // Every case starts from a valid CRL revoking `revoked`, installed.
  beforeEach(async () => {
    await writeRevocationList(t.pki, [revoked.serialNumber])
    expect(await t.server.reloadTls()).toMatchObject({ installed: true, revoked: 1 })
    expect(await health(t)).toEqual({ status: 'ok' })
  })

  it('refuses the revoked terminal and accepts the others while the CRL is valid', async () => {
    expect(await accepted(t, revoked)).toBe(false)
    expect(await accepted(t, kept)).toBe(true)
  })

  const refusals: [string, (t: TestServer) => Promise<void> | void, string][] = [
    ['deleted', (t) => rmSync(t.pki.crl), 'missing'],
    ['emptied', (t) => overwrite(t, ''), 'empty'],
    [
      'caught half-written (a non-atomic copy)',
      (t) => {
        const text = readFileSync(t.pki.crl, 'utf8')
        overwrite(t, text.slice(0, Math.floor(text.length / 2)))
      },
      'truncated',
    ],
    ['replaced by garbage', (t) => overwrite(t, 'これは失効リストではありません\n'), 'not-a-crl'],
    [
      'replaced by garbage inside the PEM armour',
      (t) => overwrite(t, '-----BEGIN X509 CRL-----\nZ2FyYmFnZQ==\n-----END X509 CRL-----\n'),
      'malformed',
    ],
    [
      'replaced by a CRL signed by another CA',
      async (t) => overwrite(t, await (await createCertificateAuthority('some other CA')).crl([])),
      'wrong-issuer',
    ],
    [
      'replaced by a CRL bearing the ward CA’s name but signed by another key',
      async (t) => overwrite(t, await (await createCertificateAuthority('kaigo-desk dev ward CA')).crl([])),
      'bad-signature',
    ],
    [
      'replaced by an older CRL of the ward CA that does not yet revoke the terminal',
      async (t) => overwrite(t, await revocationListOf(t.pki, [], { thisUpdate: new Date(Date.now() - DAY_MS) })),
      'older-than-installed',
    ],
  ]

  it.each(refusals)(
    'CRL file %s: after the reload interval the revoked terminal is still refused and health reports it',
    async (_label, replace, problem) => {
      const before = (await serverEvents(t, 'crl-refused')).length
      await replace(t)
      // Two reload intervals (KAIGO_TLS_RELOAD_SECONDS=1) and a half: the watcher has seen the file.
      await sleep(2_500)
      expect(await accepted(t, revoked)).toBe(false)
      expect(await accepted(t, kept)).toBe(true)
      const { status, crl } = await health(t)
      expect(status).toBe('degraded')
      expect(crl).toMatchObject({ state: 'stale-kept', problem, expired: false })
      expect(Date.parse(crl!.since!)).toBeLessThanOrEqual(t.clock.now().getTime())
      expect(crl!.reason).toContain('前回の失効リストを使い続けています')
      expect(t.logs.some((l) => l.includes('"event":"crlRefused"') && l.includes(`"problem":"${problem}"`))).toBe(true)
      expect(await eventually(async () => (await serverEvents(t, 'crl-refused')).length === before + 1)).toBe(true)
      expect((await serverEvents(t, 'crl-refused')).at(-1)).toContain(`problem=${problem} path=${t.pki.crl}`)
    },
  )

  it('keeps the first failure’s time while later files are refused too', async () => {
    rmSync(t.pki.crl)
    expect(await eventually(async () => (await health(t)).crl?.problem === 'missing')).toBe(true)
    const since = (await health(t)).crl!.since
    overwrite(t, 'garbage')
    expect(await eventually(async () => (await health(t)).crl?.problem === 'not-a-crl')).toBe(true)
    expect((await health(t)).crl!.since).toBe(since)
  })

  it('picks up a valid new CRL revoking a second terminal, and reports the list current again', async () => {
    rmSync(t.pki.crl)
    expect(await eventually(async () => (await health(t)).crl?.state === 'stale-kept')).toBe(true)
    const restoredBefore = (await serverEvents(t, 'crl-restored')).length
    expect(await accepted(t, second)).toBe(true)

    await writeRevocationList(t.pki, [revoked.serialNumber, second.serialNumber])
    expect(await eventually(async () => !(await accepted(t, second)))).toBe(true)
    expect(await accepted(t, revoked)).toBe(false)
    expect(await accepted(t, kept)).toBe(true)
    expect(await health(t)).toEqual({ status: 'ok' })
    expect(await eventually(async () => (await serverEvents(t, 'crl-restored')).length === restoredBefore + 1)).toBe(
      true,
    )
  })

  it('a reload on demand (what SIGHUP runs) of a refused file says so and installs nothing', async () => {
    overwrite(t, 'garbage')
    expect(await t.server.reloadTls()).toEqual({ installed: false, problem: 'not-a-crl', revoked: 1, dropped: 0 })
    expect(await accepted(t, revoked)).toBe(false)
  })
})

// control C-02: past nextUpdate (by the server's injected clock) the list is reported once per transition. The choice,
// documented in docs/operations.md: the server does not keep accepting — the TLS stack (OpenSSL) refuses every
// handshake against an expired CRL — so the ward's CA must publish the next list before nextUpdate.
describe('a CRL past its nextUpdate is reported, and terminals are refused until a new one is installed', () => {
  let t: TestServer
  let terminal: IssuedCertificate
  beforeAll(async () => {
    t = await startTestServer('pglite', 100, { env: { KAIGO_HEALTH_PORT: '0' } })
    terminal = await issueTerminalCertificate(t.pki, 'KD-TEST-0310')
  })
  afterAll(() => t.close())

  it('reports the list current up to a day before its nextUpdate, then expiring, with one security event', async () => {
    // The development PKI's CRL is valid for 7 days from its creation (server/src/demo/dev-pki.ts); the warning
    // comes a day before (CRL_EXPIRY_WARNING_MS).
    expect(await health(t)).toEqual({ status: 'ok' })
    t.clock.advance(6 * 86_400 - 120)
    expect(await health(t)).toEqual({ status: 'ok' })
    t.clock.advance(240)
    const warned = await health(t)
    expect(warned).toMatchObject({ status: 'degraded', crl: { state: 'expiring', expired: false, problem: null } })
    expect(warned.crl!.reason).toContain('1日を切りました')
    expect(await accepted(t, terminal)).toBe(true)
    expect(await eventually(async () => (await serverEvents(t, 'crl-expiring')).length === 1)).toBe(true)
    t.clock.advance(86_400 - 360)
    expect((await health(t)).crl).toMatchObject({ state: 'expiring' })
    await sleep(300)
    expect(await serverEvents(t, 'crl-expiring')).toHaveLength(1)
  })

  it('reports the list expired after its nextUpdate, with one security event', async () => {
    t.clock.advance(240)
    const first = await health(t)
    expect(first).toMatchObject({ status: 'degraded', crl: { state: 'expired', expired: true, problem: null } })
    expect(first.crl!.reason).toContain('nextUpdate')
    expect(await health(t)).toEqual(first)
    expect(await eventually(async () => (await serverEvents(t, 'crl-expired')).length === 1)).toBe(true)
    await sleep(300)
    expect(await serverEvents(t, 'crl-expired')).toHaveLength(1)
    expect(t.logs.filter((l) => l.includes('"event":"crlExpired"'))).toHaveLength(1)
  })

  it('reports the list current again once a CRL with a later nextUpdate is installed', async () => {
    const fresh = await revocationListOf(t.pki, [], { nextUpdate: new Date(t.clock.now().getTime() + 7 * DAY_MS) })
    writeFileSync(`${t.pki.crl}.tmp`, fresh)
    renameSync(`${t.pki.crl}.tmp`, t.pki.crl)
    expect(await t.server.reloadTls()).toMatchObject({ installed: true })
    expect(await health(t)).toEqual({ status: 'ok' })
    expect(await eventually(async () => (await serverEvents(t, 'crl-restored')).length === 1)).toBe(true)
  })

  it('refuses every terminal while the list in force is past its nextUpdate (the TLS stack fails closed)', async () => {
    expect(await accepted(t, terminal)).toBe(true)
    const real = Date.now()
    const expired = await revocationListOf(t.pki, [], {
      thisUpdate: new Date(real - 30_000),
      nextUpdate: new Date(real - 10_000),
    })
    writeFileSync(`${t.pki.crl}.tmp`, expired)
    renameSync(`${t.pki.crl}.tmp`, t.pki.crl)
    expect(await t.server.reloadTls()).toMatchObject({ installed: true })
    expect(await accepted(t, terminal)).toBe(false)
    expect((await health(t)).crl).toMatchObject({ state: 'expired' })
  })
})

// control C-02: no server without a verified CRL. The real entry point (server/src/main.ts), as `npm run start`
// starts it: the message names the file, in Japanese and English, exit code 2, no stack trace; nothing else is opened
// (the DATABASE_URL below points nowhere, so getting past the check would end differently).
describe('the server does not start without a readable, valid CRL', () => {
  let env: Record<string, string>
  let dir: string
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kaigo-it-pki-'))
    const pki = await ensureDevPki(dir, 'KD-TEST-0001')
    env = {
      KAIGO_MODE: 'production',
      KAIGO_PORT: '0',
      DATABASE_URL: 'postgres://unused@127.0.0.1:1/unused',
      KAIGO_DATA_REGION: 'jp-east',
      KAIGO_SERVER_SECRET: randomBytes(32).toString('base64'),
      KAIGO_TLS_CERT: pki.serverCert,
      KAIGO_TLS_KEY: pki.serverKey,
      KAIGO_TLS_CLIENT_CA: pki.caCert,
      KAIGO_TLS_CRL: pki.crl,
      KAIGO_SEED: '0',
    }
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  const expectRefusal = (run: { code: number; stdout: string; stderr: string }, path: string, ja: string) => {
    expect(run.code).toBe(2)
    expect(run.stderr).toContain(`失効リスト（CRL）${path} を使用できません: ${ja}`)
    expect(run.stderr).toContain(`The certificate revocation list (CRL) ${path} cannot be used`)
    expect(run.stderr).not.toMatch(/^\s+at /m)
    expect(run.stdout).not.toContain('"event":"ready"')
  }

  it('production: refuses a missing CRL file', async () => {
    const path = join(dir, 'absent.crl.pem')
    expectRefusal(await runServerMain({ ...env, KAIGO_TLS_CRL: path }), path, 'ファイルがありません')
  })

  it('production: refuses a CRL signed by another CA', async () => {
    const path = join(dir, 'foreign.crl.pem')
    writeFileSync(path, await (await createCertificateAuthority('some other CA')).crl([]))
    expectRefusal(
      await runServerMain({ ...env, KAIGO_TLS_CRL: path }),
      path,
      '端末 CA（KAIGO_TLS_CLIENT_CA）以外が発行した失効リストです',
    )
  })

  it('demo mode fails closed as well', async () => {
    const path = join(dir, 'garbage.crl.pem')
    writeFileSync(path, 'garbage')
    const demo = { ...env, KAIGO_MODE: 'demo', KAIGO_DATA_DIR: 'memory', KAIGO_TLS_CRL: path }
    expectRefusal(await runServerMain(demo), path, 'PEM 形式の失効リスト')
  })
})
