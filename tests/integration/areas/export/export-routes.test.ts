import { asc, count, eq, gt, inArray, max, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ApiRouteName } from '../../../../shared/api/routes'
import type { Role } from '../../../../server/src/core/access/roles'
import type { Db } from '../../../../server/src/core/db/connect'
import { auditLog } from '../../../../server/src/core/db/schema'
import { persons } from '../../../../server/src/areas/persons/schema'
import { exportRoutes } from '../../../../server/src/areas/export/export-routes'
import { exportLedger, exportRequests } from '../../../../server/src/areas/export/schema'
import { routeDeclarationProblems } from '../../../../server/src/core/http/app'
import { newKey, provisionUser, signIn, stepUp } from '../../support/accounts'
import { callRoute } from '../../support/clients'
import { databaseKinds } from '../../support/databases'
import { seededWard } from '../../support/log-scan'
import { startTestServer, type TestServer } from '../../support/test-server'

// The export routes (C-21, C-22) through the real server: mutual TLS with the terminal certificate, signed-in
// sessions of provisioned staff (password + TOTP), the request pipeline (permissions, step-up, one transaction with
// its audit row). Each answer is checked for its status and body, the audit row it committed, and the database.
const SCALE = 200
const ward = seededWard(SCALE)
const addressOf = new Map(ward.households.map((h) => [h.householdId, h.address]))
// Two insured residents of different households — neither sharing a household or an address with a 支援措置対象者 —
// and the 支援措置対象者 of the ward.
const protectedHouseholds = new Set(ward.persons.filter((p) => p.isProtected).map((p) => p.householdId))
const protectedAddresses = new Set([...protectedHouseholds].map((h) => addressOf.get(h)))
const insured = ward.persons.filter(
  (p) =>
    p.insuredNumber &&
    !p.isProtected &&
    !protectedHouseholds.has(p.householdId) &&
    !protectedAddresses.has(addressOf.get(p.householdId)),
)
const chosen = [insured[0]!, insured.find((p) => p.householdId !== insured[0]!.householdId)!]
const protectedOne = ward.persons.find((p) => p.isProtected)!

interface Caller {
  role: string
  id: number
  loginId: string
  token: string
  /** How the routes name a user: 表示名（ログインID）. Provisioned accounts are named 試験 <loginId>. */
  label: string
}

describe('the export routes’ declarations', () => {
  it('follow the app rules (personal data audited, writes carry idempotency keys)', () => {
    expect(routeDeclarationProblems(exportRoutes() as never).filter((p) => p.startsWith('export'))).toEqual([])
  })
})

describe.each(databaseKinds)('export routes through the server on %s (C-21, C-22)', (kind) => {
  let t: TestServer
  let db: Db
  let clerk: Caller
  let otherClerk: Caller
  let supervisor: Caller
  /** One account holding both 資格担当 and 監督者: the four-eyes rule is about persons, not permissions. */
  let both: Caller
  /** Database ids of chosen[0], chosen[1], protectedOne (in that order). */
  let personIds: number[]

  beforeAll(async () => {
    t = await startTestServer(kind, SCALE)
    db = t.database.db as Db
    const login = async (roles: Role[]): Promise<Caller> => {
      const { id, loginId } = await provisionUser(t, { roles })
      return {
        role: roles.join('+'),
        id,
        loginId,
        token: await signIn(t, loginId),
        label: `試験 ${loginId}（${loginId}）`,
      }
    }
    clerk = await login(['eligibilityClerk'])
    otherClerk = await login(['eligibilityClerk'])
    supervisor = await login(['supervisor'])
    both = await login(['eligibilityClerk', 'supervisor'])
    const codes = [...chosen, protectedOne].map((p) => p.personId)
    const rows = await db
      .select({ id: persons.id, code: persons.residentCode })
      .from(persons)
      .where(inArray(persons.residentCode, codes))
    personIds = codes.map((c) => rows.find((r) => r.code === c)!.id)
  })
  afterAll(() => t.close())

  const call = (name: ApiRouteName, input: unknown, who: Caller) => callRoute(t, name, input, who.token)
  const lastSeq = async () => Number((await db.select({ s: max(auditLog.seq) }).from(auditLog))[0]?.s ?? 0)
  /** The audit rows committed after `seq`, in order, with the columns a reviewer reads. */
  async function auditAfter(seq: number) {
    const rows = await db.select().from(auditLog).where(gt(auditLog.seq, seq)).orderBy(asc(auditLog.seq))
    return rows.map((r) => ({
      action: r.action,
      outcome: r.outcome,
      userId: r.userId,
      loginId: r.loginId,
      terminalId: r.terminalId,
      targetIds: [...r.targetIds].sort((a, b) => a - b),
      purpose: r.purpose,
    }))
  }
  const row = (
    who: Caller,
    action: string,
    outcome: 'ok' | 'denied' | 'failed' | 'replayed',
    targetIds: number[] = [],
    purpose: string | null = null,
  ) => ({
    action,
    outcome,
    userId: who.id,
    loginId: who.loginId,
    terminalId: 'KD-TEST-0001',
    targetIds: [...targetIds].sort((a, b) => a - b),
    purpose,
  })
  const statusOf = async (requestId: number) =>
    (await db.select({ s: exportRequests.status }).from(exportRequests).where(eq(exportRequests.id, requestId)))[0]!.s
  const requestCount = async () => Number((await db.select({ n: count() }).from(exportRequests))[0]!.n)
  const ledgerCount = async () => Number((await db.select({ n: count() }).from(exportLedger))[0]!.n)

  /** A pending request of `who` for the three persons. */
  async function pendingRequest(who: Caller, purpose: string): Promise<number> {
    const res = await call(
      'export.request',
      { idempotencyKey: newKey(), purpose, recordTypes: ['personBasic'], personIds },
      who,
    )
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    return res.body.id as number
  }
  /** …approved by the supervisor (after a step-up). */
  async function approvedRequest(purpose: string): Promise<number> {
    const requestId = await pendingRequest(clerk, purpose)
    await stepUp(t, supervisor.loginId, supervisor.token)
    const res = await call('export.approve', { requestId, idempotencyKey: newKey() }, supervisor)
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    return requestId
  }

  describe('a 持出申請 names its persons and its purpose and waits for approval', () => {
    it('answers the pending request and audits the persons and the purpose', async () => {
      const since = await lastSeq()
      const res = await call(
        'export.request',
        // The same person twice counts once.
        {
          idempotencyKey: newKey(),
          purpose: '介護認定審査会資料',
          recordTypes: ['personBasic'],
          personIds: [...personIds, personIds[0]],
        },
        clerk,
      )
      expect(res.status, JSON.stringify(res.body)).toBe(200)
      expect(res.body).toMatchObject({
        purpose: '介護認定審査会資料',
        recordTypes: ['personBasic'],
        personCount: 3,
        status: 'pending',
        requestedBy: clerk.label,
        approvedBy: null,
      })
      expect(await auditAfter(since)).toEqual([row(clerk, 'export.request', 'ok', personIds, '介護認定審査会資料')])
      const [stored] = await db
        .select()
        .from(exportRequests)
        .where(eq(exportRequests.id, res.body.id as number))
      expect(stored).toMatchObject({ requestedBy: clerk.id, status: 'pending', terminalId: 'KD-TEST-0001' })
      expect([...stored!.personIds].sort()).toEqual([...personIds].sort())
    })

    it('refuses a person who does not exist (404), writing no request; the attempt is audited as failed', async () => {
      const before = await requestCount()
      const since = await lastSeq()
      const res = await call(
        'export.request',
        { idempotencyKey: newKey(), purpose: '存在しない住民', recordTypes: ['personBasic'], personIds: [999_999_999] },
        clerk,
      )
      expect([res.status, res.code]).toEqual([404, 'notFound'])
      expect(await requestCount()).toBe(before)
      expect(await auditAfter(since)).toEqual([row(clerk, 'export.request', 'failed')])
    })

    it('refuses a 監督者 (no export.request) with 403, audited as denied; and anyone without a session with 401', async () => {
      const before = await requestCount()
      const since = await lastSeq()
      const input = { idempotencyKey: newKey(), purpose: '監督者の持出', recordTypes: ['personBasic'], personIds }
      const refused = await call('export.request', input, supervisor)
      expect([refused.status, refused.code, refused.body.title]).toEqual([
        403,
        'forbidden',
        'この操作を行う権限がありません',
      ])
      expect(await auditAfter(since)).toEqual([row(supervisor, 'export.request', 'denied')])
      const anonymous = await callRoute(t, 'export.request', { ...input, idempotencyKey: newKey() })
      expect([anonymous.status, anonymous.code]).toEqual([401, 'notAuthenticated'])
      expect(await requestCount()).toBe(before)
    })
  })

  describe('four eyes: another person holding export.approve approves, after a step-up (C-22, C-06)', () => {
    it('refuses the data before approval (403, the request stays pending)', async () => {
      const requestId = await pendingRequest(clerk, '承認前の書出し')
      const since = await lastSeq()
      const res = await call('export.data', { requestId }, clerk)
      expect([res.status, res.code, res.body.title]).toEqual([403, 'forbidden', '監督者の承認がないため持ち出せません'])
      expect(res.body).not.toHaveProperty('persons')
      expect(await auditAfter(since)).toEqual([row(clerk, 'export.data', 'denied')])
      expect(await statusOf(requestId)).toBe('pending')
    })

    it('refuses the requester’s own approval, even when he holds 監督者 too', async () => {
      const requestId = await pendingRequest(both, '自己承認の試み')
      await stepUp(t, both.loginId, both.token)
      const since = await lastSeq()
      const res = await call('export.approve', { requestId, idempotencyKey: newKey() }, both)
      expect([res.status, res.code, res.body.title]).toEqual([
        403,
        'forbidden',
        '自分の持出申請は承認できません。別の監督者に承認を依頼してください',
      ])
      expect(await auditAfter(since)).toEqual([row(both, 'export.approve', 'denied')])
      expect(await statusOf(requestId)).toBe('pending')
    })

    it('refuses a 資格担当 (no export.approve) and a 監督者 without a recent step-up', async () => {
      const requestId = await pendingRequest(clerk, '権限と本人確認')
      // A session of the 監督者 that has not re-authenticated since it was opened.
      const fresh = { ...supervisor, token: await signIn(t, supervisor.loginId) }
      const since = await lastSeq()
      const byClerk = await call('export.approve', { requestId, idempotencyKey: newKey() }, otherClerk)
      expect([byClerk.status, byClerk.code]).toEqual([403, 'forbidden'])
      const noStepUp = await call('export.approve', { requestId, idempotencyKey: newKey() }, fresh)
      expect([noStepUp.status, noStepUp.code]).toEqual([403, 'stepUpRequired'])
      expect(await auditAfter(since)).toEqual([
        row(otherClerk, 'export.approve', 'denied'),
        row(supervisor, 'export.approve', 'denied'),
      ])
      expect(await statusOf(requestId)).toBe('pending')
    })

    it('approves once: the answer names the approver, the request leaves the 承認待ち list, a second approval is 409', async () => {
      const requestId = await pendingRequest(clerk, '審査会資料（承認）')
      const pendingBefore = await call('export.pending', {}, supervisor)
      expect((pendingBefore.body.items as { id: number }[]).map((i) => i.id)).toContain(requestId)
      await stepUp(t, supervisor.loginId, supervisor.token)
      const since = await lastSeq()
      const key = newKey()
      const approved = await call('export.approve', { requestId, idempotencyKey: key }, supervisor)
      expect(approved.status, JSON.stringify(approved.body)).toBe(200)
      expect(approved.body).toMatchObject({
        id: requestId,
        status: 'approved',
        requestedBy: clerk.label,
        approvedBy: supervisor.label,
      })
      // The same click resent (same key) answers the approval again; a new approval finds nothing pending.
      const resent = await call('export.approve', { requestId, idempotencyKey: key }, supervisor)
      expect(resent.body).toEqual(approved.body)
      const again = await call('export.approve', { requestId, idempotencyKey: newKey() }, supervisor)
      expect([again.status, again.code]).toEqual([409, 'conflict'])
      // export.approve is audited but touches no person: its replay writes no row (only personal-data replays do).
      expect(await auditAfter(since)).toEqual([
        row(supervisor, 'export.approve', 'ok'),
        row(supervisor, 'export.approve', 'failed'),
      ])
      const [stored] = await db.select().from(exportRequests).where(eq(exportRequests.id, requestId))
      expect(stored).toMatchObject({ status: 'approved', approvedBy: supervisor.id, approvedLogin: supervisor.loginId })
      const pendingAfter = await call('export.pending', {}, supervisor)
      expect((pendingAfter.body.items as { id: number }[]).map((i) => i.id)).not.toContain(requestId)
    })
  })

  describe('the data of an approved request goes once, to its requester only (C-21)', () => {
    it('answers another 資格担当 with 404 and the requester once, with the protected person’s address left out', async () => {
      const requestId = await approvedRequest('審査会資料（書出し）')
      const since = await lastSeq()
      const stranger = await call('export.data', { requestId }, otherClerk)
      expect([stranger.status, stranger.code]).toEqual([404, 'notFound'])
      expect(await statusOf(requestId)).toBe('approved')

      const data = await call('export.data', { requestId }, clerk)
      expect(data.status, JSON.stringify(data.body)).toBe(200)
      // The generator's values of the three persons, ordered by database id; no 住所 for the 支援措置対象者.
      const expected = [...chosen, protectedOne]
        .map((p, i) => ({
          id: personIds[i]!,
          value: {
            insuredNumber: p.insuredNumber,
            name: `${p.familyName} ${p.givenName}`,
            nameKana: `${p.familyNameKana} ${p.givenNameKana}`,
            birthDate: p.birthDate,
            sex: p.sex,
            address: p.isProtected ? null : addressOf.get(p.householdId)!,
          },
        }))
        .sort((a, b) => a.id - b.id)
        .map((e) => e.value)
      expect(data.body).toEqual({ requestId, recordTypes: ['personBasic'], persons: expected })
      expect(expected.filter((p) => p.address === null)).toHaveLength(1)
      expect(await statusOf(requestId)).toBe('issued')

      const second = await call('export.data', { requestId }, clerk)
      expect([second.status, second.code]).toEqual([409, 'conflict'])
      expect(second.body).not.toHaveProperty('persons')
      expect(await auditAfter(since)).toEqual([
        row(otherClerk, 'export.data', 'failed'),
        row(clerk, 'export.data', 'ok', personIds, '審査会資料（書出し）'),
        row(clerk, 'export.data', 'failed'),
      ])
    })
  })

  describe('the 持出管理簿 row is written once, when the file exists (C-22)', () => {
    it('records handler, approver, purpose, counts, SHA-256, destination and terminal; a second completion is 409', async () => {
      const requestId = await approvedRequest('審査会資料（完了）')
      expect((await call('export.data', { requestId }, clerk)).status).toBe(200)
      const ledgerBefore = await ledgerCount()
      const sha = 'ab'.repeat(32)
      const input = { requestId, fileSha256: sha, destination: '/home/staff/a.zip', recordCount: 3 }
      const since = await lastSeq()
      const byStranger = await call('export.complete', { ...input, idempotencyKey: newKey() }, otherClerk)
      expect([byStranger.status, byStranger.code]).toEqual([409, 'conflict'])

      const key = newKey()
      const done = await call('export.complete', { ...input, idempotencyKey: key }, clerk)
      expect(done.status, JSON.stringify(done.body)).toBe(200)
      const expectedRow = {
        handler: clerk.label,
        approver: supervisor.label,
        purpose: '審査会資料（完了）',
        recordTypes: ['personBasic'],
        personCount: 3,
        recordCount: 3,
        fileSha256: sha,
        destination: '/home/staff/a.zip',
        terminalId: 'KD-TEST-0001',
      }
      expect(done.body).toMatchObject(expectedRow)
      const resent = await call('export.complete', { ...input, idempotencyKey: key }, clerk)
      expect(resent.body).toEqual(done.body)
      const again = await call('export.complete', { ...input, idempotencyKey: newKey() }, clerk)
      expect([again.status, again.code]).toEqual([409, 'conflict'])

      expect(await ledgerCount()).toBe(ledgerBefore + 1)
      const [stored] = await db.select().from(exportLedger).where(eq(exportLedger.requestId, requestId))
      expect(stored).toMatchObject({
        handlerLogin: clerk.loginId,
        approverLogin: supervisor.loginId,
        personCount: 3,
        recordCount: 3,
        fileSha256: sha,
        destination: '/home/staff/a.zip',
        terminalId: 'KD-TEST-0001',
      })
      expect(await statusOf(requestId)).toBe('completed')
      expect(await auditAfter(since)).toEqual([
        row(otherClerk, 'export.complete', 'failed'),
        row(clerk, 'export.complete', 'ok', personIds, '審査会資料（完了）'),
        // The resent completion is a disclosure of the same persons again, audited with the first request's purpose.
        row(clerk, 'export.complete', 'replayed', personIds, '審査会資料（完了）'),
        row(clerk, 'export.complete', 'failed'),
      ])

      // The 監督者 reads the 持出管理簿; a 資格担当 may not. The requester sees the request completed.
      const ledger = await call('export.ledger', {}, supervisor)
      expect((ledger.body.items as { id: number }[]).find((i) => i.id === done.body.id)).toMatchObject(expectedRow)
      const refused = await call('export.ledger', {}, clerk)
      expect([refused.status, refused.code]).toEqual([403, 'forbidden'])
      const mine = await call('export.myRequests', {}, clerk)
      expect((mine.body.items as { id: number; status: string }[]).find((i) => i.id === requestId)!.status).toBe(
        'completed',
      )
    })

    it('keeps the 持出管理簿 append-only (the database refuses UPDATE and DELETE)', async () => {
      const before = await ledgerCount()
      expect(before).toBeGreaterThan(0)
      await expect(db.execute(sql`UPDATE export_ledger SET destination = 'x'`)).rejects.toThrow()
      await expect(db.delete(exportLedger)).rejects.toThrow()
      expect(await ledgerCount()).toBe(before)
    })
  })
})
