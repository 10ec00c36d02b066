import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ApiRouteName } from '../../../../shared/api/routes'
import type { AuthenticatedUser } from '../../../../server/src/core/sessions/sessions'
import type { DatabaseHandle } from '../../../../server/src/core/db/connect'
import { persons } from '../../../../server/src/areas/persons/schema'
import { exportRoutes } from '../../../../server/src/areas/export/export-routes'
import { exportLedger } from '../../../../server/src/areas/export/schema'
import { routeDeclarationProblems } from '../../../../server/src/core/http/app'
import { seedDemoIfEmpty } from '../../../../server/src/demo/seed-if-empty'
import { databaseKinds, freshDatabase } from '../../support/databases'

// The export routes' rules on a migrated database (both streams applied): four eyes, single use, the
// 持出管理簿 row and its append-only trigger. The routes' access declarations are checked by the app's own
// declaration rules; permissions (export.request for 資格担当, export.approve for 監督者) by roles.ts.
const user = (id: number, loginId: string, displayName: string, roles: string[]): AuthenticatedUser => ({
  id,
  loginId,
  displayName,
  department: '介護保険課',
  careArea: null,
  roles,
  secondFactor: true,
  stepUpAt: null,
  sessionTokenHash: 'x'.repeat(64),
})
const clerk = user(1, 'shikaku01', '検証 一郎', ['eligibilityClerk'])
const otherClerk = user(3, 'shikaku02', '検証 三太', ['eligibilityClerk'])
const supervisor = user(4, 'kantoku01', '検証 四季', ['supervisor'])

describe.each(databaseKinds)('export routes on %s (C-21, C-22)', (kind) => {
  let database: DatabaseHandle
  let personIds: number[]
  const routes = exportRoutes()
  const audits: { targets: number[]; purpose: string | null }[] = []

  async function call(name: ApiRouteName, input: unknown, as: AuthenticatedUser) {
    const handle = routes.find((r) => r.name === name)!.handle as unknown as (ctx: unknown) => Promise<unknown>
    const audit = { targets: [] as number[], purpose: null as string | null }
    audits.push(audit)
    return database.db.transaction(async (tx) =>
      handle({
        input,
        user: as,
        permissions: new Map(),
        terminalId: 'KD-TEST-0001',
        token: null,
        db: tx,
        now: new Date(),
        audit: {
          targets: (ids: readonly number[]) => void audit.targets.push(...ids),
          purpose: (t: string) => void (audit.purpose = t),
        },
      }),
    ) as Promise<Record<string, unknown>>
  }
  const key = () => crypto.randomUUID()

  beforeAll(async () => {
    database = await freshDatabase(kind)
    await seedDemoIfEmpty(database.db, 'demo', 200)
    personIds = (await database.db.select({ id: persons.id }).from(persons).limit(3)).map((r) => r.id)
  })
  afterAll(() => database.close())

  it('declares its routes by the app rules (personal data audited, writes carry idempotency keys)', () => {
    expect(routeDeclarationProblems(routes as never).filter((p) => p.startsWith('export'))).toEqual([])
  })

  it('refuses without approval, refuses self-approval, then issues once and writes the 持出管理簿 row', async () => {
    const requested = await call(
      'export.request',
      { idempotencyKey: key(), purpose: '介護認定審査会資料', recordTypes: ['personBasic'], personIds },
      clerk,
    )
    expect(requested).toMatchObject({ status: 'pending', personCount: 3, requestedBy: '検証 一郎（shikaku01）' })
    expect(audits.at(-1)!.targets).toEqual(personIds)
    const requestId = requested.id as number

    await expect(call('export.data', { requestId }, clerk)).rejects.toMatchObject({ status: 403 })
    await expect(call('export.approve', { requestId, idempotencyKey: key() }, clerk)).rejects.toMatchObject({
      status: 403,
    })
    const pending = await call('export.pending', {}, supervisor)
    expect((pending.items as { id: number }[]).map((i) => i.id)).toContain(requestId)

    const approved = await call('export.approve', { requestId, idempotencyKey: key() }, supervisor)
    expect(approved).toMatchObject({ status: 'approved', approvedBy: '検証 四季（kantoku01）' })
    await expect(call('export.approve', { requestId, idempotencyKey: key() }, supervisor)).rejects.toMatchObject({
      status: 409,
    })

    // Only the requester gets the data, and only once.
    await expect(call('export.data', { requestId }, otherClerk)).rejects.toMatchObject({ status: 404 })
    const data = await call('export.data', { requestId }, clerk)
    expect((data.persons as unknown[]).length).toBe(3)
    expect(audits.at(-1)!.targets).toEqual(personIds)
    await expect(call('export.data', { requestId }, clerk)).rejects.toMatchObject({ status: 409 })

    const sha = 'ab'.repeat(32)
    const row = await call(
      'export.complete',
      { idempotencyKey: key(), requestId, fileSha256: sha, destination: '/home/staff/a.zip', recordCount: 3 },
      clerk,
    )
    expect(row).toMatchObject({
      handler: '検証 一郎（shikaku01）',
      approver: '検証 四季（kantoku01）',
      purpose: '介護認定審査会資料',
      recordTypes: ['personBasic'],
      personCount: 3,
      recordCount: 3,
      fileSha256: sha,
      destination: '/home/staff/a.zip',
      terminalId: 'KD-TEST-0001',
    })
    const ledger = await call('export.ledger', {}, supervisor)
    expect((ledger.items as { fileSha256: string }[])[0]!.fileSha256).toBe(sha)
    const mine = await call('export.myRequests', {}, clerk)
    expect((mine.items as { id: number; status: string }[]).find((i) => i.id === requestId)!.status).toBe('completed')
  })

  it('keeps the 持出管理簿 append-only', async () => {
    await expect(database.db.execute(sql`UPDATE export_ledger SET destination = 'x'`)).rejects.toThrow()
    await expect(database.db.delete(exportLedger)).rejects.toThrow()
  })
})
