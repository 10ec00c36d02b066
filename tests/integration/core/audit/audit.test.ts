import { createHash, randomBytes } from 'node:crypto'
import { asc, desc, eq, gt, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  AUDIT_HASH_ALG,
  AuditLog,
  legacyAuditHash,
  verifyAuditChain,
} from '../../../../server/src/core/audit/audit-log'
import { grantApplicationRole } from '../../../../server/src/core/db/app-role'
import type { Db } from '../../../../server/src/core/db/connect'
import { auditLog, users } from '../../../../server/src/core/db/schema'
import { persons } from '../../../../server/src/areas/persons/schema'
import { deriveServerKeys } from '../../../../server/src/core/secrets'
import { provisionUser, signIn } from '../../support/accounts'
import { cliDatabaseEnv, runCli } from '../../support/cli'
import { callRoute } from '../../support/clients'
import { databaseKinds } from '../../support/databases'
import { sqlError } from '../../support/sql-error'
import { startTestServer, type TestServer } from '../../support/test-server'

const JST = 9 * 3_600_000

/** Seconds from `now` to the next weekday 10:00 in Japan (office hours). */
function secondsToWeekdayMorning(now: Date): number {
  const jst = new Date(now.getTime() + JST)
  const target = new Date(Date.UTC(jst.getUTCFullYear(), jst.getUTCMonth(), jst.getUTCDate(), 10))
  if (target <= jst) target.setUTCDate(target.getUTCDate() + 1)
  while (target.getUTCDay() === 0 || target.getUTCDay() === 6) target.setUTCDate(target.getUTCDate() + 1)
  return Math.ceil((target.getTime() - jst.getTime()) / 1000)
}

describe.each(databaseKinds)('the audit log on %s (C-08)', (kind) => {
  let t: TestServer
  let db: Db
  let key: Buffer
  let clerkLogin: string
  let personId: number
  beforeAll(async () => {
    t = await startTestServer(kind, 300)
    db = t.database.db as Db
    key = deriveServerKeys(t.config.serverSecret).auditKey
    clerkLogin = (await provisionUser(t, { roles: ['eligibilityClerk'] })).loginId
    personId = (await db.select({ id: persons.id }).from(persons).limit(1))[0]!.id
  })
  afterAll(() => t.close())

  const lastSeq = async () =>
    (await db.select({ seq: auditLog.seq }).from(auditLog).orderBy(desc(auditLog.seq)).limit(1))[0]?.seq ?? 0
  const rowsSince = (seq: number) => db.select().from(auditLog).where(gt(auditLog.seq, seq)).orderBy(asc(auditLog.seq))

  describe('one row per personal-data request, in the request’s transaction', () => {
    it('writes exactly one row for an answered, a refused and a failed request', async () => {
      const clerk = await signIn(t, clerkLogin)
      const operator = await signIn(t, (await provisionUser(t, { roles: ['operator'] })).loginId)
      const since = await lastSeq()
      const found = await callRoute(t, 'person.search', { kana: 'ア' }, clerk)
      await callRoute(t, 'person.search', { kana: 'ア' }, operator)
      await callRoute(t, 'person.summary', { personId: 999_999 }, clerk)
      const rows = (await rowsSince(since)).filter((r) => r.action.startsWith('person.'))
      expect(rows.map((r) => [r.action, r.outcome])).toEqual([
        ['person.search', 'ok'],
        ['person.search', 'denied'],
        ['person.summary', 'failed'],
      ])
      expect(rows[0]!.targetIds).toEqual((found.body.items as { id: number }[]).map((i) => i.id))
      expect(rows[2]!.targetIds).toEqual([999_999])
    })

    it('rolls the change back when its audit row cannot be written, and answers no personal data', async () => {
      const admin = await signIn(t, (await provisionUser(t, { roles: ['systemAdmin'] })).loginId)
      const clerk = await signIn(t, clerkLogin)
      const { id } = await provisionUser(t, { roles: [] })
      await db.execute(
        sql.raw(`CREATE FUNCTION test_audit_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN IF NEW.action IN ('user.update', 'person.summary') THEN RAISE EXCEPTION 'audit store down'; END IF;
        RETURN NEW; END; $$`),
      )
      await db.execute(
        sql.raw(
          'CREATE TRIGGER test_audit_refuse BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION test_audit_refuse()',
        ),
      )
      try {
        const before = (await db.select().from(users).where(eq(users.id, id)))[0]!
        const update = await callRoute(
          t,
          'user.update',
          { userId: id, rowVersion: 1, department: '変更', reason: '試験' },
          admin,
        )
        expect(update).toMatchObject({ status: 500, code: 'internal' })
        expect((await db.select().from(users).where(eq(users.id, id)))[0]).toEqual(before)
        const summary = await callRoute(t, 'person.summary', { personId }, clerk)
        expect(summary).toMatchObject({ status: 500, code: 'internal' })
        expect(summary.body).not.toHaveProperty('name')
      } finally {
        await db.execute(sql.raw('DROP TRIGGER test_audit_refuse ON audit_log'))
        await db.execute(sql.raw('DROP FUNCTION test_audit_refuse()'))
      }
    })
  })

  // control C-08: append-only on every database — the trigger refuses UPDATE, DELETE and TRUNCATE on PGlite as on
  // PostgreSQL (where the runtime role additionally has no UPDATE/DELETE privilege at all, below).
  describe('append-only', () => {
    it.each([
      ['UPDATE', sql`UPDATE audit_log SET purpose = '書き換え'`],
      ['DELETE', sql`DELETE FROM audit_log`],
      ['TRUNCATE', sql`TRUNCATE audit_log`],
    ])('refuses %s with the trigger and leaves every row as it was', async (op, statement) => {
      const before = await db.select().from(auditLog).orderBy(asc(auditLog.seq))
      expect(before.length).toBeGreaterThan(0)
      expect(await sqlError(db.execute(statement))).toMatch(new RegExp(`audit_log is append-only \\(${op} refused\\)`))
      expect(await db.select().from(auditLog).orderBy(asc(auditLog.seq))).toEqual(before)
    })
  })

  // control C-04, C-08: the supervisor's analysis, with anomalies seeded through the real API.
  describe('the analysis report', () => {
    let report: Record<string, unknown>
    let normal: string
    let night: string
    let bulk: string
    let protectedId: number
    let from: string

    beforeAll(async () => {
      t.clock.advance(secondsToWeekdayMorning(t.clock.now()))
      from = new Date(t.clock.now().getTime() - 60_000).toISOString()
      normal = (await provisionUser(t, { roles: ['eligibilityClerk'] })).loginId
      night = (await provisionUser(t, { roles: ['eligibilityClerk'] })).loginId
      bulk = (await provisionUser(t, { roles: ['premiumClerk'] })).loginId
      const supervisor = (await provisionUser(t, { roles: ['supervisor'] })).loginId
      protectedId = (await db.select({ id: persons.id }).from(persons).orderBy(desc(persons.id)).limit(1))[0]!.id
      await db.update(persons).set({ isProtected: true }).where(eq(persons.id, protectedId))

      const n = await signIn(t, normal)
      await callRoute(t, 'person.search', { kana: 'ア', pageSize: 5 }, n)
      await callRoute(t, 'person.summary', { personId: protectedId }, n)
      const b = await signIn(t, bulk)
      for (const kana of ['ア', 'イ', 'ウ', 'エ', 'オ', 'カ', 'キ', 'ク', 'ケ', 'コ', 'サ', 'シ', 'タ', 'ナ'])
        await callRoute(t, 'person.search', { kana, pageSize: 100 }, b)
      for (let i = 0; i < 3; i++) await callRoute(t, 'auth.login', { loginId: normal, password: 'Wrong#Password1' })

      t.clock.advance(13 * 3600) // 23:00 in Japan
      const o = await signIn(t, night)
      await callRoute(t, 'person.search', { kana: 'イ', pageSize: 5 }, o)

      const s = await signIn(t, supervisor)
      const res = await callRoute(
        t,
        'audit.report',
        { from, to: new Date(t.clock.now().getTime() + 3_600_000).toISOString(), bulkThresholdPerHour: 30 },
        s,
      )
      expect(res.status).toBe(200)
      report = res.body
    })

    type Row = Record<string, unknown>
    const list = (name: string) => report[name] as Row[]

    it('counts requests per user', () => {
      const n = list('perUser').find((u) => u.loginId === normal)!
      expect(n).toMatchObject({ personalDataRequests: 2, offHours: 0 })
      expect(list('perUser').find((u) => u.loginId === bulk)).toMatchObject({ personalDataRequests: 14 })
    })

    it('lists off-hours access (23:00) and not office-hours access (10:00)', () => {
      const who = new Set(list('offHours').map((r) => r.loginId))
      expect(who.has(night)).toBe(true)
      expect(who.has(normal)).toBe(false)
      expect(who.has(bulk)).toBe(false)
    })

    it('lists bulk lookups above the threshold per hour, and only those', () => {
      const flagged = list('bulkLookups')
      expect(flagged.map((b) => b.loginId)).toEqual([bulk])
      expect(Number(flagged[0]!.persons)).toBeGreaterThan(30)
    })

    it('lists every access to a protected person, with who and which', () => {
      const access = list('protectedAccess').filter((p) => (p.personIds as number[]).includes(protectedId))
      expect(access.map((a) => [a.loginId, a.action])).toContainEqual([normal, 'person.summary'])
    })

    it('lists login failures per account', () => {
      expect(list('loginFailures').find((f) => f.loginId === normal)).toMatchObject({ failures: 3 })
    })

    it('is printed by `npm run audit:report` as well', async () => {
      const { env, cleanup } = await cliDatabaseEnv(t)
      try {
        const to = new Date(t.clock.now().getTime() + 3_600_000).toISOString()
        const out = await runCli('audit-report.ts', ['--from', from, '--to', to, '--threshold', '30', '--json'], env)
        expect(out.code).toBe(0)
        const printed = JSON.parse(out.stdout) as { bulkLookups: Row[]; offHours: Row[] }
        expect(printed.bulkLookups.map((b) => b.loginId)).toEqual([bulk])
        expect(printed.offHours.some((r) => r.loginId === night)).toBe(true)
      } finally {
        cleanup()
      }
    })
  })

  // control C-08: tampering through a superuser path (the trigger switched off) is found and named.
  describe('tamper detection', () => {
    const asSuperuser = async (statement: string) => {
      await db.execute(sql.raw('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update'))
      try {
        await db.execute(sql.raw(statement))
      } finally {
        await db.execute(sql.raw('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update'))
      }
    }
    const busy = async () => {
      const clerk = await signIn(t, clerkLogin)
      for (const kana of ['ア', 'イ', 'ウ']) await callRoute(t, 'person.search', { kana }, clerk)
    }
    const verify = (anchor?: { seq: number; hash: string }) => verifyAuditChain(db, key, anchor)
    /** Inserting needs no superuser at all (the table is append-only, not insert-proof): only the MAC tells. */
    const insert = (row: typeof auditLog.$inferInsert) => db.insert(auditLog).values(row)

    beforeAll(busy)

    it('finds an intact chain intact', async () => {
      const result = await verify()
      expect(result).toMatchObject({ ok: true, problems: [] })
      expect(result.rows).toBe((await db.select({ seq: auditLog.seq }).from(auditLog)).length)
      expect(result.head?.seq).toBe(await lastSeq())
    })

    it('names a modified row, and the chain is whole again once the content is put back', async () => {
      const [row] = await db.select().from(auditLog).where(eq(auditLog.action, 'person.search')).limit(1)
      await asSuperuser(`UPDATE audit_log SET purpose = '書き換え' WHERE seq = ${row!.seq}`)
      expect((await verify()).problems).toEqual([
        { kind: 'modified', seq: row!.seq, detail: `seq ${row!.seq} の内容が書き換えられています` },
      ])
      await asSuperuser(`UPDATE audit_log SET purpose = NULL WHERE seq = ${row!.seq}`)
      expect((await verify()).ok).toBe(true)
    })

    it('names a deleted row by the rows around the gap', async () => {
      const rows = await db.select().from(auditLog).orderBy(asc(auditLog.seq))
      const victim = rows[Math.floor(rows.length / 2)]!
      await asSuperuser(`DELETE FROM audit_log WHERE seq = ${victim.seq}`)
      const before = rows[rows.indexOf(victim) - 1]!.seq
      const after = rows[rows.indexOf(victim) + 1]!.seq
      expect((await verify()).problems).toEqual([
        {
          kind: 'deleted',
          seq: after,
          afterSeq: before,
          detail: `seq ${before} と seq ${after} の間の行が削除されています`,
        },
      ])
      await insert(victim)
      expect((await verify()).ok).toBe(true)
    })

    it('names a row inserted into the chain, even one that copies the link and claims the old hash scheme', async () => {
      // A rolled-back request leaves a gap in the sequence; a forger fills it.
      await db.execute(sql`SELECT nextval(pg_get_serial_sequence('audit_log', 'seq'))`)
      const gap = Number(
        (
          (await db.execute(sql`SELECT currval(pg_get_serial_sequence('audit_log', 'seq')) AS s`)) as unknown as {
            rows: { s: string }[]
          }
        ).rows[0]!.s,
      )
      await busy()
      const [before] = await db
        .select()
        .from(auditLog)
        .where(sql`${auditLog.seq} < ${gap}`)
        .orderBy(desc(auditLog.seq))
        .limit(1)
      const forged = {
        seq: gap,
        occurredAt: new Date(),
        userId: null,
        loginId: 'intruder',
        terminalId: 'KD-TEST-0001',
        action: 'person.search',
        targetType: 'person' as const,
        targetIds: [],
        purpose: null,
        outcome: 'ok',
        prevHash: before!.hash,
        hashAlg: 'sha256-v1',
        hash: '',
      }
      forged.hash = legacyAuditHash(forged)
      await insert(forged)
      expect((await verify()).problems).toEqual([
        { kind: 'inserted', seq: gap, detail: `seq ${gap} はアプリケーションが書いた行ではありません（挿入）` },
      ])
      await asSuperuser(`DELETE FROM audit_log WHERE seq = ${gap}`)
      expect((await verify()).ok).toBe(true)
    })

    it('names a forged row appended at the end; a recorded anchor also catches a deleted tail', async () => {
      const head = (await verify()).head!
      const last = head.seq + 1
      const forgedHash = createHash('sha256').update(randomBytes(8)).digest('hex')
      await db.execute(sql`SELECT setval(pg_get_serial_sequence('audit_log', 'seq'), ${last})`)
      await insert({
        seq: last,
        occurredAt: new Date(),
        terminalId: 'KD-TEST-0001',
        action: 'person.search',
        targetIds: [],
        outcome: 'ok',
        prevHash: head.hash,
        hash: forgedHash,
        hashAlg: AUDIT_HASH_ALG,
      })
      expect((await verify()).problems.map((p) => [p.kind, p.seq])).toEqual([['inserted', last]])
      await asSuperuser(`DELETE FROM audit_log WHERE seq >= ${head.seq}`)
      expect((await verify()).ok).toBe(true) // the chain alone cannot see a cut tail …
      expect((await verify(head)).problems.map((p) => [p.kind, p.seq])).toEqual([['deleted', head.seq]]) // … the anchor can
    })

    it('makes `npm run audit:verify` exit 1 and say which rows, and exit 0 on an intact chain', async () => {
      await busy()
      const intact = await cliDatabaseEnv(t)
      try {
        const ok = await runCli('audit-verify.ts', [], intact.env)
        expect(ok.code).toBe(0)
        expect(ok.stdout).toContain('結果: 改ざんは検出されませんでした')
      } finally {
        intact.cleanup()
      }
      const [row] = await db.select().from(auditLog).orderBy(desc(auditLog.seq)).limit(1).offset(2)
      await asSuperuser(`UPDATE audit_log SET login_id = 'someone-else' WHERE seq = ${row!.seq}`)
      const tampered = await cliDatabaseEnv(t)
      try {
        const out = await runCli('audit-verify.ts', [], tampered.env)
        expect(out.code).toBe(1)
        expect(out.stdout).toContain(`[改ざん] seq ${row!.seq} の内容が書き換えられています`)
      } finally {
        tampered.cleanup()
        await asSuperuser(`UPDATE audit_log SET login_id = '${row!.loginId}' WHERE seq = ${row!.seq}`)
      }
    })
  })

  // control C-08 on PostgreSQL: the runtime role has no UPDATE/DELETE on append-only tables at all.
  describe.runIf(kind === 'postgres')('the application role', () => {
    it('may insert and read audit rows but not update or delete them, even with the trigger off', async () => {
      const role = `kaigo_app_${randomBytes(4).toString('hex')}`
      await db.execute(sql.raw(`CREATE ROLE ${role} NOLOGIN`))
      try {
        const { appendOnly } = await grantApplicationRole(db, role)
        expect(appendOnly).toEqual(expect.arrayContaining(['audit_log', 'record_versions']))
        await db.execute(sql.raw('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update'))
        const asRole = async (statement: (tx: Db) => Promise<unknown>) =>
          sqlError(
            db.transaction(async (tx) => {
              await tx.execute(sql.raw(`SET LOCAL ROLE ${role}`))
              await statement(tx as unknown as Db)
              throw new Error('rolled back on purpose')
            }),
          )
        expect(await asRole((tx) => tx.execute(sql`UPDATE audit_log SET purpose = 'x'`))).toMatch(/permission denied/)
        expect(await asRole((tx) => tx.execute(sql`DELETE FROM audit_log`))).toMatch(/permission denied/)
        expect(await asRole((tx) => tx.execute(sql`UPDATE record_versions SET reason = 'x'`))).toMatch(
          /permission denied/,
        )
        expect(
          await asRole((tx) =>
            new AuditLog(key).append(
              tx,
              {
                userId: null,
                loginId: null,
                terminalId: 'KD-TEST-0001',
                action: 'role.check',
                targetIds: [],
                purpose: null,
                outcome: 'ok',
              },
              new Date(),
            ),
          ),
        ).toMatch(/rolled back on purpose/)
        expect(
          await asRole((tx) => tx.execute(sql`UPDATE persons SET row_version = row_version WHERE id = ${personId}`)),
        ).toMatch(/rolled back on purpose/)
      } finally {
        await db.execute(sql.raw('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update'))
        await db.execute(sql.raw(`DROP OWNED BY ${role}`))
        await db.execute(sql.raw(`DROP ROLE ${role}`))
      }
    })
  })

  it('keeps a whole chain through everything above', async () => {
    expect((await verifyAuditChain(db, key)).ok).toBe(true)
  })
})
