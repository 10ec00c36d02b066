import { and, asc, count, eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { auditLog, designations, idempotencyKeys, recordVersions, users } from '../../../../server/src/core/db/schema'
import { newKey, provisionUser, signIn } from '../../support/accounts'
import { callRoute } from '../../support/clients'
import { sqlError } from '../../support/sql-error'
import { databaseKinds } from '../../support/databases'
import { startTestServer, type TestServer } from '../../support/test-server'

describe.each(databaseKinds)('records on %s', (kind) => {
  let t: TestServer
  let adminLogin: string
  const asAdmin = () => signIn(t, adminLogin)
  beforeAll(async () => {
    t = await startTestServer(kind, 100)
    adminLogin = (await provisionUser(t, { roles: ['systemAdmin'] })).loginId
  })
  afterAll(() => t.close())

  const db = () => t.database.db
  const versionsOf = (entity: 'user' | 'designation', id: number) =>
    db()
      .select()
      .from(recordVersions)
      .where(and(eq(recordVersions.entity, entity), eq(recordVersions.entityId, id)))
      .orderBy(asc(recordVersions.version))
  const auditCount = async (action: string) =>
    Number((await db().select({ n: count() }).from(auditLog).where(eq(auditLog.action, action)))[0]!.n)

  // Every mutable record carries a row version; a stale update gets 409 and changes nothing.
  describe('row versions', () => {
    it('applies an update that names the current version, and refuses one that names an older version', async () => {
      const { id } = await provisionUser(t, { roles: [] })
      const admin = await asAdmin()
      const update = (rowVersion: number, department: string) =>
        callRoute(t, 'user.update', { userId: id, rowVersion, department, reason: '所属の変更' }, admin)
      const first = await update(1, '介護保険課 認定係')
      expect(first.body).toMatchObject({ department: '介護保険課 認定係', rowVersion: 2 })
      const before = await db().select().from(users).where(eq(users.id, id))
      const stale = await update(1, '介護保険課 給付係')
      expect(stale).toMatchObject({
        status: 409,
        code: 'conflict',
        body: { title: '他の利用者が先に更新しました。画面を開き直してください' },
      })
      expect(await db().select().from(users).where(eq(users.id, id))).toEqual(before)
      expect((await versionsOf('user', id)).map((v) => v.version)).toEqual([1, 2])
      expect((await update(3, '介護保険課 給付係')).status).toBe(409)
    })

    it('answers 404 for a record that does not exist, whatever the version', async () => {
      const res = await callRoute(
        t,
        'user.update',
        { userId: 999_999, rowVersion: 1, department: 'x', reason: '確認' },
        await asAdmin(),
      )
      expect(res).toMatchObject({ status: 404, code: 'notFound' })
    })

    it('audits a refused stale update as failed and writes nothing else', async () => {
      const { id } = await provisionUser(t, { roles: [] })
      const before = await auditCount('user.update')
      await callRoute(t, 'user.update', { userId: id, rowVersion: 7, department: 'x', reason: '確認' }, await asAdmin())
      const rows = await db().select().from(auditLog).where(eq(auditLog.action, 'user.update'))
      expect(rows.length).toBe(before + 1)
      expect(rows.at(-1)).toMatchObject({ outcome: 'failed', targetIds: [id] })
      expect(await versionsOf('user', id)).toHaveLength(1)
    })
  })

  // History is never overwritten — a correction is a new version with who, when and why.
  describe('history', () => {
    it('keeps every version of a designation with who, when, which terminal and why', async () => {
      const { id: userId } = await provisionUser(t, { roles: [] })
      const admin = await asAdmin()
      const adminId = (await db().select().from(users).where(eq(users.loginId, adminLogin)))[0]!.id
      const created = await callRoute(
        t,
        'designation.create',
        {
          idempotencyKey: newKey(),
          userId,
          role: 'premiumClerk',
          validFrom: '2026-04-01',
          validTo: '2027-03-31',
          reason: '保険料係の取扱者に指定',
        },
        admin,
      )
      const designationId = created.body.id as number
      await callRoute(
        t,
        'designation.correct',
        { designationId, rowVersion: 1, validTo: '2026-09-30', reason: '異動により終了日を訂正' },
        admin,
      )
      const versions = await versionsOf('designation', designationId)
      expect(versions.map((v) => [v.version, v.data.validTo, v.reason, v.changedBy, v.terminalId])).toEqual([
        [1, '2027-03-31', '保険料係の取扱者に指定', adminId, 'KD-TEST-0001'],
        [2, '2026-09-30', '異動により終了日を訂正', adminId, 'KD-TEST-0001'],
      ])
      expect(versions[1]!.changedAt.getTime()).toBeGreaterThanOrEqual(versions[0]!.changedAt.getTime())
      const history = await callRoute(t, 'user.history', { userId }, admin)
      expect((history.body.items as unknown[]).length).toBe(1)
    })

    it('refuses to change or delete a recorded version, even with direct SQL', async () => {
      for (const statement of [sql`UPDATE record_versions SET reason = 'x'`, sql`DELETE FROM record_versions`])
        expect(await sqlError(db().execute(statement))).toMatch(/record_versions is append-only/)
      expect(await sqlError(db().execute(sql`TRUNCATE record_versions`))).toMatch(/append-only/)
    })

    it('never lets an administrator change their own account or designations (separation of duties)', async () => {
      const admin = await asAdmin()
      const self = (await db().select().from(users).where(eq(users.loginId, adminLogin)))[0]!
      const res = await callRoute(
        t,
        'designation.create',
        {
          idempotencyKey: newKey(),
          userId: self.id,
          role: 'eligibilityClerk',
          validFrom: '2026-04-01',
          reason: '自分に個人情報の権限を付与',
        },
        admin,
      )
      expect(res).toMatchObject({ status: 403, code: 'forbidden' })
      expect(await db().select().from(designations).where(eq(designations.userId, self.id))).toHaveLength(1)
    })
  })

  // A POST that changes a status or creates a record takes an idempotency key; a retry writes nothing twice.
  describe('idempotency keys', () => {
    it('answers a retried status change with the first result and writes it once', async () => {
      const { id, loginId } = await provisionUser(t, { roles: ['eligibilityClerk'] })
      for (let i = 0; i < 5; i++) await callRoute(t, 'auth.login', { loginId, password: 'Wrong#Password1' })
      const admin = await asAdmin()
      const request = { idempotencyKey: newKey(), userId: id, reason: '窓口で本人確認' }
      const auditsBefore = await auditCount('user.unlock')
      const first = await callRoute(t, 'user.unlock', request, admin)
      const retry = await callRoute(t, 'user.unlock', request, admin)
      expect(first.status).toBe(200)
      expect(retry.body).toEqual(first.body)
      expect((await versionsOf('user', id)).map((v) => v.version)).toEqual([1, 2])
      expect(await auditCount('user.unlock')).toBe(auditsBefore + 1)
    })

    it('refuses the same key with a different request and changes nothing', async () => {
      const a = await provisionUser(t, { roles: [] })
      const b = await provisionUser(t, { roles: [] })
      const admin = await asAdmin()
      const key = newKey()
      expect(
        (await callRoute(t, 'user.deactivate', { idempotencyKey: key, userId: a.id, reason: '退職' }, admin)).status,
      ).toBe(200)
      const reused = await callRoute(t, 'user.deactivate', { idempotencyKey: key, userId: b.id, reason: '退職' }, admin)
      expect(reused).toMatchObject({ status: 422, code: 'idempotencyKeyReused' })
      expect((await db().select().from(users).where(eq(users.id, b.id)))[0]!.deactivatedAt).toBeNull()
    })

    it('writes a deactivation once when the same request arrives twice at the same time', async () => {
      const { id } = await provisionUser(t, { roles: [] })
      const admin = await asAdmin()
      const request = { idempotencyKey: newKey(), userId: id, reason: '退職' }
      const [one, two] = await Promise.all([
        callRoute(t, 'user.deactivate', request, admin),
        callRoute(t, 'user.deactivate', request, admin),
      ])
      expect([one.status, two.status]).toEqual([200, 200])
      expect(one.body).toEqual(two.body)
      expect((await versionsOf('user', id)).map((v) => v.version)).toEqual([1, 2])
    })

    it('creates one account for a retried creation, and a new key is a new request', async () => {
      const admin = await asAdmin()
      const request = {
        idempotencyKey: newKey(),
        loginId: `n${newKey().slice(0, 8)}`,
        displayName: '新規 職員',
        department: '介護保険課 資格係',
        initialPassword: 'Initial#Pass2026',
        reason: '4月採用',
      }
      const first = await callRoute(t, 'user.create', request, admin)
      const retry = await callRoute(t, 'user.create', request, admin)
      expect(retry.body).toEqual(first.body)
      expect(await db().select().from(users).where(eq(users.loginId, request.loginId))).toHaveLength(1)
      const again = await callRoute(t, 'user.create', { ...request, idempotencyKey: newKey() }, admin)
      expect(again).toMatchObject({ status: 409, code: 'duplicate' })
    })

    it('keeps a key only for its user: another administrator with the same key makes a new request', async () => {
      const other = await provisionUser(t, { roles: ['systemAdmin'] })
      const { id } = await provisionUser(t, { roles: [] })
      const key = newKey()
      const request = { idempotencyKey: key, userId: id, reason: '確認' }
      expect((await callRoute(t, 'user.unlock', request, await asAdmin())).status).toBe(200)
      expect((await callRoute(t, 'user.unlock', request, await signIn(t, other.loginId))).status).toBe(200)
      expect(await db().select().from(idempotencyKeys).where(eq(idempotencyKeys.key, key))).toHaveLength(2)
      expect((await versionsOf('user', id)).map((v) => v.version)).toEqual([1, 2, 3])
    })

    it('refuses a status change without a key', async () => {
      const { id } = await provisionUser(t, { roles: [] })
      const res = await callRoute(t, 'user.unlock', { userId: id, reason: '確認' }, await asAdmin())
      expect(res).toMatchObject({ status: 400, code: 'invalidRequest' })
    })
  })
})
